package io.verilock.engine.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.verilock.engine.liveness.Challenge;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * Writes a simulated sequence to a folder: {@code frame_00000.jpg}... (JPEG quality 90), optionally
 * {@code video.y4m}, and {@code truth.json} (per-frame pose, eyes, smile and action; the actions' frame ranges).
 */
public final class SequenceWriter implements Simulator.FrameSink, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final Y4mWriter y4m;
    private final List<FrameTruth> truths = new ArrayList<>();
    private final List<Mat> sampled = new ArrayList<>();
    private final List<String> captions = new ArrayList<>();
    private final IntPredicate sample;

    /**
     * @param sampleEvery keep every n-th frame for a contact sheet (0 = none)
     */
    public SequenceWriter(Path dir, int width, int height, double fps, boolean writeY4m, int sampleEvery) throws IOException {
        this(dir, width, height, fps, writeY4m, i -> sampleEvery > 0 && i % sampleEvery == 0);
    }

    /** @param sample which frame indices to keep for a contact sheet */
    public SequenceWriter(Path dir, int width, int height, double fps, boolean writeY4m, IntPredicate sample) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.y4m = writeY4m ? new Y4mWriter(dir.resolve("video.y4m"), width, height, fps) : null;
        this.sample = sample;
    }

    public static String frameName(int index) {
        return String.format(Locale.ROOT, "frame_%05d.jpg", index);
    }

    @Override
    public boolean accept(Mat bgr, FrameTruth truth) throws IOException {
        MatOfByte jpeg = new MatOfByte();
        Imgcodecs.imencode(".jpg", bgr, jpeg, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90));
        Files.write(dir.resolve(frameName(truth.index())), jpeg.toArray());
        jpeg.release();
        if (y4m != null) y4m.write(bgr);
        truths.add(truth);
        if (sample.test(truth.index())) {
            sampled.add(bgr.clone());
            captions.add(String.format(Locale.ROOT, "#%d %s yaw %.0f eyes %.1f smile %.1f", truth.index(), truth.action(),
                    truth.yaw(), (truth.leftOpen() + truth.rightOpen()) / 2, truth.smile()));
        }
        return true;
    }

    /** Writes truth.json; call after the simulator finished. */
    public void finish(Timeline.Script script, List<Challenge> actions, Attack attack, long seed) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("attack", attack.code());
        root.put("label", attack.species());
        root.put("seed", seed);
        root.put("fps", script.fps());
        ArrayNode a = root.putArray("actions");
        actions.forEach(c -> a.add(c.code()));
        ArrayNode events = root.putArray("events");
        for (Timeline.Event e : script.events()) {
            ObjectNode n = events.addObject();
            n.put("action", e.action().code());
            n.put("start", e.start());
            n.put("peak", e.peak());
            n.put("end", e.end());
        }
        ArrayNode frames = root.putArray("frames");
        for (FrameTruth t : truths) {
            ObjectNode n = frames.addObject();
            n.put("index", t.index());
            n.put("file", frameName(t.index()));
            n.put("t_ms", t.timeMillis());
            n.put("yaw", round(t.yaw()));
            n.put("pitch", round(t.pitch()));
            n.put("roll", round(t.roll()));
            ObjectNode eyes = n.putObject("eyes");
            eyes.put("left_open", round(t.leftOpen()));
            eyes.put("right_open", round(t.rightOpen()));
            n.put("smile", round(t.smile()));
            n.put("action", t.action());
            n.put("phase", t.phase());
        }
        Files.writeString(dir.resolve("truth.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    /** The frames kept for a contact sheet and their captions (owned by this writer until {@link #close()}). */
    public List<Mat> sampledFrames() { return sampled; }

    public List<String> sampledCaptions() { return captions; }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    @Override
    public void close() throws IOException {
        if (y4m != null) y4m.close();
        sampled.forEach(Mat::release);
        sampled.clear();
    }
}
