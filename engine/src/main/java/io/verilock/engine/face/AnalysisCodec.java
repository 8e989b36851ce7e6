package io.verilock.engine.face;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compact, exact binary form of a {@link FrameAnalysis}, for storing a capture frame by frame: a capture resumed
 * from it (another server, or after a restart) replays to bit-identical decisions. Doubles stay doubles and landmarks
 * float32 (their in-memory precision); names (quality flags, expression and texture cues) are written as strings so
 * that a record survives a reordered enum or a new cue. About 5.8 KB per face, 5.6 KB of it the 468 landmarks.
 */
public final class AnalysisCodec {
    private static final int VERSION = 1;
    private static final int MAX_FACES = 64, MAX_ENTRIES = 256, MAX_POINTS = 10_000;

    private AnalysisCodec() {}

    public static byte[] encode(FrameAnalysis a) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(6000 * Math.max(1, a.faces().size()));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(a.width());
            out.writeInt(a.height());
            out.writeInt(a.framesSinceDetection());
            out.writeByte(a.faces().size());
            for (FaceObservation f : a.faces()) face(out, f);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException for bytes this codec did not write */
    public static FrameAnalysis decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) throw new IllegalArgumentException("unknown analysis record version " + version);
            int width = in.readInt(), height = in.readInt(), since = in.readInt();
            int n = bounded(in.readUnsignedByte(), MAX_FACES);
            List<FaceObservation> faces = new ArrayList<>(n);
            for (int i = 0; i < n; i++) faces.add(face(in));
            if (in.available() > 0) throw new IllegalArgumentException("trailing bytes after the analysis record");
            return new FrameAnalysis(width, height, faces, since);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated analysis record", e);
        }
    }

    private static void face(DataOutputStream out, FaceObservation f) throws IOException {
        Box b = f.box();
        doubles(out, b.x(), b.y(), b.width(), b.height(), f.confidence());
        float[] xyz = f.landmarks().toArray();
        out.writeInt(xyz.length);
        for (float v : xyz) out.writeFloat(v);
        doubles(out, f.pose().yaw(), f.pose().pitch(), f.pose().roll(), f.eyes().leftOpen(), f.eyes().rightOpen(), f.smile());
        map(out, f.expression());
        out.writeDouble(f.texture().live());
        map(out, f.texture().cues());
        Quality q = f.quality();
        out.writeByte(q.flags().size());
        for (QualityFlag flag : q.flags()) out.writeUTF(flag.name());
        doubles(out, q.brightness(), q.sharpness(), q.faceWidthRatio());
    }

    private static FaceObservation face(DataInputStream in) throws IOException {
        Box box = new Box(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
        double confidence = in.readDouble();
        float[] xyz = new float[bounded(in.readInt(), MAX_POINTS * 3)];
        for (int i = 0; i < xyz.length; i++) xyz[i] = in.readFloat();
        HeadPose pose = new HeadPose(in.readDouble(), in.readDouble(), in.readDouble());
        EyeState eyes = new EyeState(in.readDouble(), in.readDouble());
        double smile = in.readDouble();
        Map<String, Double> expression = map(in);
        double live = in.readDouble();
        Texture texture = new Texture(live, map(in));
        int flags = bounded(in.readUnsignedByte(), MAX_ENTRIES);
        List<QualityFlag> list = new ArrayList<>(flags);
        for (int i = 0; i < flags; i++) list.add(QualityFlag.valueOf(in.readUTF()));
        Quality quality = new Quality(list, in.readDouble(), in.readDouble(), in.readDouble());
        return new FaceObservation(box, confidence, new Landmarks(xyz), pose, eyes, smile, expression, texture, quality);
    }

    private static void doubles(DataOutputStream out, double... values) throws IOException {
        for (double v : values) out.writeDouble(v);
    }

    private static void map(DataOutputStream out, Map<String, Double> m) throws IOException {
        out.writeByte(m.size());
        for (Map.Entry<String, Double> e : m.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeDouble(e.getValue());
        }
    }

    private static Map<String, Double> map(DataInputStream in) throws IOException {
        int n = bounded(in.readUnsignedByte(), MAX_ENTRIES);
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) m.put(in.readUTF(), in.readDouble());
        return m;
    }

    private static int bounded(int n, int max) {
        if (n < 0 || n > max) throw new IllegalArgumentException("analysis record count " + n + " out of range");
        return n;
    }
}
