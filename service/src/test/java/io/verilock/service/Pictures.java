package io.verilock.service;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** Test pictures: the same subject as a new picture for each session, since a replayed picture is refused. */
final class Pictures {
    private Pictures() {}

    /**
     * The JPEG's subject shifted in the frame by a step of 10 px on an 11 × 9 grid chosen by {@code n} (99 distinct
     * pictures): a new picture to replay detection (docs/REPLAY.md), where a JPEG comment or re-encode is not.
     */
    static byte[] distinct(byte[] jpeg, int n) {
        Mat image = Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR);
        int dx = (n % 11) * 10 - 50, dy = ((n / 11) % 9) * 10 - 40;
        Mat shift = new Mat(2, 3, CvType.CV_64F);
        shift.put(0, 0, 1, 0, dx, 0, 1, dy);
        Mat moved = new Mat();
        Imgproc.warpAffine(image, moved, shift, new Size(image.cols(), image.rows()), Imgproc.INTER_LINEAR, org.opencv.core.Core.BORDER_REPLICATE);
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".jpg", moved, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 92));
        image.release();
        moved.release();
        return out.toArray();
    }
}
