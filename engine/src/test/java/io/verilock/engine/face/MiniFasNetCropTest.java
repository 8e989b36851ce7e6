package io.verilock.engine.face;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The crop rule of Silent-Face-Anti-Spoofing's CropImage, as {@link MiniFasNet#cropBox} implements it. */
class MiniFasNetCropTest {

    @Test
    void centredCropIsTheBoxScaledAboutItsCentre() {
        // 100x120 box centred at (320, 240) in 640x480, scale 2.7: 270 x 324 about the centre.
        int[] c = MiniFasNet.cropBox(640, 480, new Box(270, 180, 100, 120), 2.7);
        assertThat(c).containsExactly(185, 78, 455, 402);
    }

    @Test
    void cropBeyondTheLeftAndTopEdgesIsShiftedInsideKeepingItsSize() {
        // Box near the top-left corner: the 2.7x crop would start at (-55, -72); it is moved to (0, 0).
        int[] c = MiniFasNet.cropBox(640, 480, new Box(30, 30, 100, 120), 2.7);
        assertThat(c).containsExactly(0, 0, 270, 324);
    }

    @Test
    void cropBeyondTheRightAndBottomEdgesIsShiftedInside() {
        int[] c = MiniFasNet.cropBox(640, 480, new Box(560, 400, 60, 60), 4.0);
        // 240 x 240 about (590, 430) ends at 710, 550; shifted to end at 639, 479.
        assertThat(c).containsExactly(399, 239, 639, 479);
    }

    @Test
    void scaleIsReducedWhereTheImageIsTooSmall() {
        // A face filling most of a 320x240 frame: 4.0 x 150 px tall would exceed the height; the scale becomes
        // min(239/150, 319/120, 4) = 1.593, so the crop is 191 x 239 and spans the whole height.
        int[] c = MiniFasNet.cropBox(320, 240, new Box(100, 45, 120, 150), 4.0);
        assertThat(c[3] - c[1]).isEqualTo(239);
        assertThat(c[2] - c[0]).isBetween(190, 192);
        assertThat(c[1]).isZero();
        // and a small face keeps the full scale
        int[] small = MiniFasNet.cropBox(320, 240, new Box(150, 110, 20, 20), 4.0);
        assertThat(small).containsExactly(120, 80, 200, 160);
    }

    @Test
    void boxPartlyOutsideTheImageStillGivesACropInsideIt() {
        int[] c = MiniFasNet.cropBox(200, 200, new Box(-80, -50, 150, 180), 2.7);
        assertThat(c[0]).isGreaterThanOrEqualTo(0);
        assertThat(c[1]).isGreaterThanOrEqualTo(0);
        assertThat(c[2]).isLessThan(200);
        assertThat(c[3]).isLessThan(200);
        assertThat(c[2]).isGreaterThan(c[0]);
    }

    @Test
    void softmaxSumsToOne() {
        double[] p = MiniFasNet.softmax(new float[] {-2.56f, -0.63f, 3.19f});
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(p[1]).isCloseTo(0.0214, org.assertj.core.data.Offset.offset(1e-3)); // the golden case 0 of V2
    }
}
