package io.verilock.engine.liveness.study;

import io.verilock.engine.image.DecodedImage;
import io.verilock.engine.image.ImageDecoder;
import io.verilock.engine.image.PixelFingerprint;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How far apart (in {@link PixelFingerprint#distance}) a live camera's frames are, against a frame repeated with
 * re-encoding noise: per genuine clip of ../shared/data, the distance of each frame (at about 10 fps) to the previous
 * one and to the nearest of all earlier frames; and each frame against itself re-encoded (JPEG 70-90) with sensor
 * noise (sigma 1-4) and an exposure change (up to 3%). Run:
 * <pre>
 * mvn -q -B -pl engine test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.verilock.engine.liveness.study.FrameRepeatStudy
 * </pre>
 */
public final class FrameRepeatStudy {
    public static void main(String[] args) throws Exception {
        Path data = GenuineClips.data();
        ImageDecoder decoder = new ImageDecoder();
        java.util.Random rnd = new java.util.Random(7);
        @SuppressWarnings("unchecked") List<Double>[] variants = new List[VARIANTS.length];
        for (int v = 0; v < variants.length; v++) variants[v] = new ArrayList<>();
        List<Double> allPrev = new ArrayList<>(), allEarlier = new ArrayList<>(), allRepeat = new ArrayList<>();
        System.out.println("clip\tframes\tprev_min\tprev_p1\tearlier_min\tearlier_p1\trepeat_max\trepeat_p99");
        for (GenuineClips c : GenuineClips.ALL) {
            List<Path> frames = c.frames(data);
            List<PixelFingerprint> fps = new ArrayList<>();
            List<Double> prev = new ArrayList<>(), earlier = new ArrayList<>(), repeat = new ArrayList<>();
            for (int i = 0; i < frames.size(); i += c.step()) {
                try (DecodedImage img = decoder.read(frames.get(i))) {
                    PixelFingerprint f = PixelFingerprint.of(img.bgr());
                    if (!fps.isEmpty()) {
                        prev.add(f.distance(fps.get(fps.size() - 1)));
                        double min = Double.POSITIVE_INFINITY;
                        for (PixelFingerprint e : fps) min = Math.min(min, f.distance(e));
                        earlier.add(min);
                    }
                    fps.add(f);
                    if (fps.size() % 3 == 0) {
                        repeat.add(f.distance(PixelFingerprint.of(reencoded(img.bgr(), rnd))));
                        for (int v = 0; v < VARIANTS.length; v++) {
                            Mat m = variant(img.bgr(), VARIANTS[v], rnd);
                            variants[v].add(f.distance(PixelFingerprint.of(m)));
                            m.release();
                        }
                    }
                }
            }
            allPrev.addAll(prev);
            allEarlier.addAll(earlier);
            allRepeat.addAll(repeat);
            System.out.printf(Locale.ROOT, "%s\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f%n", c.name(), fps.size(),
                    q(prev, 0), q(prev, 0.01), q(earlier, 0), q(earlier, 0.01), q(repeat, 1), q(repeat, 0.99));
        }
        System.out.printf(Locale.ROOT, "ALL\t-\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f%n", q(allPrev, 0), q(allPrev, 0.01),
                q(allEarlier, 0), q(allEarlier, 0.01), q(allRepeat, 1), q(allRepeat, 0.99));
        for (int v = 0; v < VARIANTS.length; v++)
            System.out.printf(Locale.ROOT, "repeat %s: median %.3f p99 %.3f max %.3f%n", Arrays.toString(VARIANTS[v]),
                    q(variants[v], 0.5), q(variants[v], 0.99), q(variants[v], 1));
        double[] sorted = allEarlier.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.println("lowest 10 earlier-distances: " + Arrays.toString(Arrays.copyOf(sorted, Math.min(10, sorted.length))));
    }

    /** The frame as an attacker would resend it: exposure change, sensor noise, JPEG re-encoding. */
    static Mat reencoded(Mat bgr, java.util.Random rnd) {
        Mat f = new Mat();
        bgr.convertTo(f, CvType.CV_16SC3, 1 + 0.03 * (2 * rnd.nextDouble() - 1), 0);
        Mat noise = new Mat(bgr.size(), CvType.CV_16SC3);
        Core.setRNGSeed(rnd.nextInt());
        Core.randn(noise, 0, 1 + 3 * rnd.nextDouble());
        Core.add(f, noise, f);
        Mat u8 = new Mat();
        f.convertTo(u8, CvType.CV_8UC3);
        MatOfByte buf = new MatOfByte();
        Imgcodecs.imencode(".jpg", u8, buf, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 70 + rnd.nextInt(21)));
        Mat out = Imgcodecs.imdecode(buf, Imgcodecs.IMREAD_COLOR);
        f.release(); noise.release(); u8.release(); buf.release();
        return out;
    }

    /** {jpeg quality, noise sigma, gain change}: one kind of resent frame. */
    static final double[][] VARIANTS = {{95, 0, 0}, {85, 0, 0}, {70, 0, 0}, {90, 1, 0}, {90, 2.5, 0}, {90, 0, 0.02}};

    static Mat variant(Mat bgr, double[] v, java.util.Random rnd) {
        Mat f = new Mat();
        bgr.convertTo(f, CvType.CV_16SC3, 1 + v[2], 0);
        if (v[1] > 0) {
            Mat noise = new Mat(bgr.size(), CvType.CV_16SC3);
            Core.setRNGSeed(rnd.nextInt());
            Core.randn(noise, 0, v[1]);
            Core.add(f, noise, f);
            noise.release();
        }
        Mat u8 = new Mat();
        f.convertTo(u8, CvType.CV_8UC3);
        MatOfByte buf = new MatOfByte();
        Imgcodecs.imencode(".jpg", u8, buf, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, (int) v[0]));
        Mat out = Imgcodecs.imdecode(buf, Imgcodecs.IMREAD_COLOR);
        f.release(); u8.release(); buf.release();
        return out;
    }

    static double q(List<Double> v, double p) {
        if (v.isEmpty()) return Double.NaN;
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s[(int) Math.min(s.length - 1, Math.floor(p * (s.length - 1)))];
    }
}
