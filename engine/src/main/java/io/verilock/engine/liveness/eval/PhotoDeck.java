package io.verilock.engine.liveness.eval;

import io.verilock.engine.face.FaceAnalyzer;
import io.verilock.engine.image.ImageInputException;
import io.verilock.engine.liveness.ChallengePlan;
import io.verilock.engine.liveness.LivenessConfig;
import io.verilock.engine.liveness.LivenessResult;
import io.verilock.engine.liveness.RecordedSequence;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A photo-deck attack case: still photos (frames of a recorded clip, each a separate picture of the same person)
 * shown one after the other, each for a number of frames, as an attacker swaps printed or on-screen photos in front
 * of the camera. Written in an evaluation CSV's path field as {@code DIR@I*N;J*M;...[~noise]}: photo {@code I} of
 * folder {@code DIR} (its position in natural name order) shown for {@code N} frames, then {@code J} for {@code M}...;
 * with {@code ~noise} every frame is resent with fresh sensor noise (sigma 2.5) and an exposure flicker (1.2%) and
 * JPEG-encoded again, so that no pixel repeats.
 */
public record PhotoDeck(String folder, List<int[]> shows, boolean noise) {
    public PhotoDeck {
        shows = List.copyOf(shows);
    }

    public static boolean isDeck(String path) {
        return path.contains("@");
    }

    public static PhotoDeck parse(String path) {
        boolean noise = path.endsWith("~noise");
        String p = noise ? path.substring(0, path.length() - "~noise".length()) : path;
        int at = p.indexOf('@');
        String folder = p.substring(0, at);
        List<int[]> shows = new ArrayList<>();
        for (String part : p.substring(at + 1).split(";")) {
            String[] kv = part.strip().split("\\*");
            if (kv.length != 2) throw new IllegalArgumentException("deck entry '" + part + "' must be PHOTO*FRAMES");
            int photo = Integer.parseInt(kv[0].strip()), n = Integer.parseInt(kv[1].strip());
            if (photo < 0 || n < 1 || n > 1000) throw new IllegalArgumentException("deck entry '" + part + "' is out of range");
            shows.add(new int[] {photo, n});
        }
        if (folder.isEmpty() || shows.isEmpty()) throw new IllegalArgumentException("a deck needs DIR@PHOTO*FRAMES;...");
        return new PhotoDeck(folder, shows, noise);
    }

    /** Replays the deck at {@code fps} through the active verifier and scores it. */
    public LivenessResult active(FaceAnalyzer analyzer, Path dataRoot, double fps, ChallengePlan plan,
                                 LivenessConfig config) throws IOException, ImageInputException {
        List<Path> photos = RecordedSequence.frames(dataRoot.resolve(folder).normalize(), null, null);
        List<Path> frames = new ArrayList<>();
        for (int[] s : shows) {
            if (s[0] >= photos.size()) throw new IllegalArgumentException("deck photo " + s[0] + " is not in " + folder
                    + " (" + photos.size() + " frames)");
            for (int k = 0; k < s[1]; k++) frames.add(photos.get(s[0]));
        }
        if (!noise) return RecordedSequence.active(analyzer, frames, 0, fps, plan, config);
        Path tmp = Files.createTempDirectory("verilock-deck");
        try {
            List<Path> noisy = new ArrayList<>();
            Random rnd = new Random(frames.size() * 31L + shows.hashCode());
            for (int i = 0; i < frames.size(); i++) {
                Path out = tmp.resolve(String.format(java.util.Locale.ROOT, "frame_%05d.jpg", i));
                Files.write(out, resent(Files.readAllBytes(frames.get(i)), rnd));
                noisy.add(out);
            }
            return RecordedSequence.active(analyzer, noisy, 0, fps, plan, config);
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The photo as a camera would deliver it again: exposure flicker, sensor noise, JPEG 90. */
    static byte[] resent(byte[] jpeg, Random rnd) {
        Mat src = Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR);
        Mat f = new Mat(), noise = new Mat(src.size(), CvType.CV_16SC3), u8 = new Mat();
        MatOfByte buf = new MatOfByte();
        try {
            src.convertTo(f, CvType.CV_16SC3, 1 + 0.012 * rnd.nextGaussian(), 0);
            Core.setRNGSeed(rnd.nextInt());
            Core.randn(noise, 0, 2.5);
            Core.add(f, noise, f);
            f.convertTo(u8, CvType.CV_8UC3);
            Imgcodecs.imencode(".jpg", u8, buf, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90));
            return buf.toArray();
        } finally {
            src.release(); f.release(); noise.release(); u8.release(); buf.release();
        }
    }
}
