package io.verilock.engine.image;

import io.verilock.engine.face.Subjects;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;

import static org.assertj.core.api.Assertions.assertThat;

/** A comment changes the bytes and leaves every decoded pixel as it was. */
class JpegCommentTest {
    @Test
    void samePixelsOtherBytes() throws Exception {
        byte[] jpeg = Subjects.astronautFrameJpeg(320, 240);
        byte[] tagged = JpegComment.with(jpeg, "ses_x/17");
        assertThat(tagged).isNotEqualTo(jpeg).hasSize(jpeg.length + 4 + "ses_x/17".length());
        ImageDecoder decoder = new ImageDecoder();
        try (DecodedImage a = decoder.decode(jpeg); DecodedImage b = decoder.decode(tagged)) {
            Mat diff = new Mat();
            Core.absdiff(a.bgr(), b.bgr(), diff);
            assertThat(Core.sumElems(diff).val).containsOnly(0.0);
        }
    }
}
