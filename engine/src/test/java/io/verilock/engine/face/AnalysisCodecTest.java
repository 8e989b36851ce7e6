package io.verilock.engine.face;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnalysisCodecTest {
    private static FaceObservation face(double yaw, Texture texture, List<QualityFlag> flags) {
        float[] xyz = new float[Landmarks.COUNT * 3];
        for (int i = 0; i < xyz.length; i++) xyz[i] = (float) (Math.sin(i * 0.37 + yaw) * 200 + 300.123456);
        return new FaceObservation(new Box(101.25, 88.5, 210.75, 240.0625), 0.987654321, new Landmarks(xyz),
                new HeadPose(yaw, -3.25, 0.125), new EyeState(0.93, 0.91), 0.123456789,
                Map.of("happy", 0.1, "neutral", 0.8), texture, new Quality(flags, 131.2, 220.5, 0.31));
    }

    @Test
    void aFrameComesBackExactlyAsItWas() {
        FrameAnalysis a = new FrameAnalysis(640, 480, List.of(
                face(-31.5, new Texture(0.8125, Map.of("spoof_confident", 0.0, "frame", 0.5)), List.of()),
                face(4, Texture.NOT_MEASURED, List.of(QualityFlag.SEVERAL_FACES, QualityFlag.BLURRED))), 3);
        byte[] bytes = AnalysisCodec.encode(a);
        FrameAnalysis b = AnalysisCodec.decode(bytes);
        assertThat(b).isEqualTo(a); // records, Landmarks by value; NaN texture equal as a boxed double
        assertThat(b.faces().get(1).texture().measured()).isFalse();
        // 468 float32 points are most of it
        assertThat(bytes.length).isBetween(2 * Landmarks.COUNT * 12, 2 * (Landmarks.COUNT * 12 + 400));
        assertThat(AnalysisCodec.decode(AnalysisCodec.encode(new FrameAnalysis(640, 480, List.of())))).isEqualTo(new FrameAnalysis(640, 480, List.of()));
    }

    @Test
    void bytesItDidNotWriteAreRefused() {
        byte[] good = AnalysisCodec.encode(new FrameAnalysis(640, 480, List.of(face(0, Texture.NOT_MEASURED, List.of()))));
        assertThatThrownBy(() -> AnalysisCodec.decode(Arrays.copyOf(good, good.length - 5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AnalysisCodec.decode(Arrays.copyOf(good, good.length + 1))).isInstanceOf(IllegalArgumentException.class);
        byte[] other = good.clone();
        other[0] = 9;
        assertThatThrownBy(() -> AnalysisCodec.decode(other)).isInstanceOf(IllegalArgumentException.class);
    }
}
