package io.verilock.engine.liveness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordedSequenceTest {
    @Test
    void framesAreInNaturalNameOrderAndCutByPosition(@TempDir Path dir) throws Exception {
        for (String n : List.of("s_01_13.jpg", "s_01_5.jpg", "s_01_0.jpg", "s_02_0.jpg", "notes.txt", "s_01_40.PNG"))
            Files.writeString(dir.resolve(n), "x");
        assertThat(RecordedSequence.frames(dir, null, null)).extracting(p -> p.getFileName().toString())
                .containsExactly("s_01_0.jpg", "s_01_5.jpg", "s_01_13.jpg", "s_01_40.PNG", "s_02_0.jpg");
        assertThat(RecordedSequence.frames(dir, 1, 2)).extracting(p -> p.getFileName().toString())
                .containsExactly("s_01_5.jpg", "s_01_13.jpg");
        assertThat(RecordedSequence.frames(dir, 3, 99)).hasSize(2);
        assertThatThrownBy(() -> RecordedSequence.frames(dir, 4, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroPaddedNamesKeepTheirOrder() {
        assertThat(NaturalOrder.INSTANCE.compare(Path.of("frame_00009.jpg"), Path.of("frame_00010.jpg"))).isNegative();
        assertThat(NaturalOrder.INSTANCE.compare(Path.of("a10.jpg"), Path.of("a9.jpg"))).isPositive();
        assertThat(NaturalOrder.INSTANCE.compare(Path.of("a.jpg"), Path.of("a.jpg"))).isZero();
    }
}
