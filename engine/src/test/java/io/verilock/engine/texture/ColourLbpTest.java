package io.verilock.engine.texture;

import nu.pattern.OpenCV;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ColourLbpTest {
    @BeforeAll
    static void load() {
        OpenCV.loadLocally();
    }

    @Test
    void aFlatImageIsAllOnesUniformPattern() {
        int[] grey = new int[16 * 16];
        Arrays.fill(grey, 77);
        double[] h = new double[ColourLbp.BINS];
        ColourLbp.histogram(grey, 16, 16, 1, h, 0);
        // Every neighbour equals the centre, so all 8 bits are set: uniform, 8 ones.
        assertThat(h[8]).isEqualTo(1.0);
        assertThat(Arrays.stream(h).sum()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aHorizontalRampSetsTheFiveNeighboursOnOrRightOfTheCentre() {
        int[] grey = new int[20 * 20];
        for (int y = 0; y < 20; y++) for (int x = 0; x < 20; x++) grey[y * 20 + x] = 10 * x;
        for (double r : ColourLbp.RADII) {
            double[] h = new double[ColourLbp.BINS];
            ColourLbp.histogram(grey, 20, 20, r, h, 0);
            // Neighbours at 0°, ±45° are brighter, at ±90° equal (bit set), at 135°-225° darker: 11100011, uniform, 5 ones.
            assertThat(h[5]).as("radius %s", r).isEqualTo(1.0);
        }
    }

    @Test
    void aCheckerboardGivesAllDarkAndAllBrightNeighbourhoods() {
        int[] grey = new int[16 * 16];
        for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) grey[y * 16 + x] = (x + y) % 2 == 0 ? 200 : 50;
        double[] h = new double[ColourLbp.BINS];
        ColourLbp.histogram(grey, 16, 16, 1, h, 0);
        // A bright centre has darker axis neighbours and diagonals interpolated below it (no bit set); a dark centre
        // has every neighbour brighter (all set). Both are uniform patterns; the 14×14 interior is half of each.
        assertThat(h[0]).isCloseTo(0.5, within(1e-12));
        assertThat(h[8]).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void featuresAre120NormalisedHistograms() {
        Mat crop = new Mat(128, 128, CvType.CV_8UC3, new Scalar(60, 120, 200));
        double[] f = ColourLbp.featuresOfCrop(crop);
        crop.release();
        assertThat(f).hasSize(120);
        for (int i = 0; i < f.length; i += ColourLbp.BINS) {
            assertThat(Arrays.stream(f, i, i + ColourLbp.BINS).sum()).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void theShippedModelFitsTheFeatures() {
        LogisticModel m = LogisticModel.resource(TextureCues.MODEL_RESOURCE);
        assertThat(m.features()).isEqualTo(ColourLbp.FEATURES);
        assertThat(m.description()).contains("TextureTraining");
    }
}
