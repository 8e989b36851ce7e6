package io.verilock.engine.face;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GeometryTest {
    private final PoseEstimator poses = new PoseEstimator(0);

    @ParameterizedTest(name = "yaw {0}, pitch {1}, roll {2}")
    @CsvSource({"0,0,0", "-35,0,0", "35,0,0", "25,10,0", "-20,-15,5", "10,20,-12", "0,0,30", "-40,5,-8"})
    void recoversHeadPoseFromRotatedLandmarks(double yaw, double pitch, double roll) {
        HeadPose p = poses.estimate(new SyntheticFace().pose(yaw, pitch, roll));
        assertThat(p.yaw()).isCloseTo(yaw, within(0.5));
        assertThat(p.pitch()).isCloseTo(pitch, within(0.5));
        assertThat(p.roll()).isCloseTo(roll, within(0.5));
    }

    @Test
    void subjectTurningToOwnLeftMovesNoseToImageRightAndReadsNegativeYaw() {
        SyntheticFace face = new SyntheticFace();
        Landmarks turned = face.pose(-30, 0, 0);
        // The nose tip sits in front of the face (negative z); a left turn swings it towards the image's right edge.
        assertThat(turned.x(MeshPoints.NOSE_TIP)).isGreaterThan(320);
        assertThat(poses.estimate(turned).yaw()).isNegative();
    }

    @Test
    void eyeOpennessFallsWithTheEyelidGap() {
        EyeMeter meter = new EyeMeter(0.05, 0.28);
        EyeState open = meter.measure(new SyntheticFace().openEyes(9).pose(0, 0, 0));
        EyeState closed = meter.measure(new SyntheticFace().openEyes(1).pose(0, 0, 0));
        assertThat(open.leftOpen()).isGreaterThan(0.9);
        assertThat(open.rightOpen()).isGreaterThan(0.9);
        assertThat(closed.mean()).isLessThan(0.1);
    }

    @Test
    void eyeOpennessIsNotOpenedByAHeadTurn() {
        EyeMeter meter = new EyeMeter(0.05, 0.28);
        double frontal = meter.measure(new SyntheticFace().openEyes(4).pose(0, 0, 0)).mean();
        double turned = meter.measure(new SyntheticFace().openEyes(4).pose(35, 0, 0)).mean();
        assertThat(turned).isCloseTo(frontal, within(0.05));
    }

    @Test
    void widerMouthWithRaisedCornersReadsAsSmile() {
        SmileMeter meter = new SmileMeter(0.58, 0.74, 0.01, 0.08, 0.0);
        // Outer eye corners are 90 apart: 50/90 = 0.56 is neutral, 68/90 = 0.76 with corners 8/90 up is a smile.
        double neutral = meter.measure(new SyntheticFace().mouth(50, 0).pose(0, 0, 0), 0);
        double smiling = meter.measure(new SyntheticFace().mouth(68, 8).pose(0, 0, 0), 0);
        double turned = meter.measure(new SyntheticFace().mouth(68, 8).pose(30, 0, 0), 0);
        assertThat(neutral).isLessThan(0.1);
        assertThat(smiling).isGreaterThan(0.9);
        assertThat(turned).isGreaterThan(0.8);
    }
}
