package io.verilock.engine.liveness.study;

import io.verilock.engine.face.Box;
import io.verilock.engine.face.EyeState;
import io.verilock.engine.face.FaceAnalyzer;
import io.verilock.engine.face.FaceObservation;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.face.HeadPose;
import io.verilock.engine.face.Landmarks;
import io.verilock.engine.face.Quality;
import io.verilock.engine.face.QualityFlag;
import io.verilock.engine.face.Texture;
import io.verilock.engine.image.PixelFingerprint;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Per-frame streamed analyses of a clip (as the service analyses a capture frame: no texture), cached on disk so a
 * study can try many rules without analysing the clip again. Studies only; never used by the test suite.
 */
final class AnalysisCache {
    private AnalysisCache() {}

    static Path dir() {
        return Path.of(System.getProperty("study.cache", "/tmp/verilock-motion"));
    }

    /** Every frame analysed in order, each with the previous frame's analysis (as a live capture is). */
    static List<FrameAnalysis> analyse(FaceAnalyzer analyzer, String key, List<Path> frames) throws Exception {
        Path file = dir().resolve(key.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + frames.size() + ".bin.gz");
        if (Files.isRegularFile(file)) return read(file);
        List<FrameAnalysis> out = new ArrayList<>();
        FrameAnalysis previous = null;
        Path previousPath = null;
        for (Path p : frames) {
            if (!p.equals(previousPath)) previous = analyzer.analyzeStreamed(Files.readAllBytes(p), previous);
            previousPath = p;
            out.add(previous);
        }
        Files.createDirectories(file.getParent());
        write(file, out);
        return out;
    }

    static void write(Path file, List<FrameAnalysis> frames) throws Exception {
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(file))))) {
            o.writeInt(frames.size());
            for (FrameAnalysis a : frames) {
                o.writeInt(a.width());
                o.writeInt(a.height());
                o.writeInt(a.framesSinceDetection());
                byte[] fp = a.pixels() == null ? new byte[0] : a.pixels().toBytes();
                o.writeInt(fp.length);
                o.write(fp);
                o.writeInt(a.faces().size());
                for (FaceObservation f : a.faces()) {
                    o.writeDouble(f.box().x()); o.writeDouble(f.box().y()); o.writeDouble(f.box().width()); o.writeDouble(f.box().height());
                    o.writeDouble(f.confidence());
                    float[] xyz = f.landmarks().toArray();
                    o.writeInt(xyz.length);
                    for (float v : xyz) o.writeFloat(v);
                    o.writeDouble(f.pose().yaw()); o.writeDouble(f.pose().pitch()); o.writeDouble(f.pose().roll());
                    o.writeDouble(f.eyes().leftOpen()); o.writeDouble(f.eyes().rightOpen());
                    o.writeDouble(f.smile());
                    o.writeInt(f.quality().flags().size());
                    for (QualityFlag q : f.quality().flags()) o.writeInt(q.ordinal());
                    o.writeDouble(f.quality().brightness()); o.writeDouble(f.quality().sharpness()); o.writeDouble(f.quality().faceWidthRatio());
                }
            }
        }
    }

    static List<FrameAnalysis> read(Path file) throws Exception {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file))))) {
            int n = in.readInt();
            List<FrameAnalysis> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int w = in.readInt(), h = in.readInt(), since = in.readInt();
                byte[] fp = new byte[in.readInt()];
                in.readFully(fp);
                int faces = in.readInt();
                List<FaceObservation> list = new ArrayList<>();
                for (int k = 0; k < faces; k++) {
                    Box box = new Box(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
                    double conf = in.readDouble();
                    float[] xyz = new float[in.readInt()];
                    for (int j = 0; j < xyz.length; j++) xyz[j] = in.readFloat();
                    HeadPose pose = new HeadPose(in.readDouble(), in.readDouble(), in.readDouble());
                    EyeState eyes = new EyeState(in.readDouble(), in.readDouble());
                    double smile = in.readDouble();
                    List<QualityFlag> flags = new ArrayList<>();
                    int nf = in.readInt();
                    for (int j = 0; j < nf; j++) flags.add(QualityFlag.values()[in.readInt()]);
                    Quality q = new Quality(flags, in.readDouble(), in.readDouble(), in.readDouble());
                    list.add(new FaceObservation(box, conf, new Landmarks(xyz), pose, eyes, smile, Map.of(), Texture.NOT_MEASURED, q));
                }
                boolean current = fp.length == PixelFingerprint.SIDE * PixelFingerprint.SIDE; // older caches: other fingerprints
                out.add(new FrameAnalysis(w, h, list, since, current ? PixelFingerprint.fromBytes(fp) : null));
            }
            return out;
        }
    }
}
