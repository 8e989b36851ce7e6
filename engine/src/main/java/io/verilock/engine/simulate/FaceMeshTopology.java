package io.verilock.engine.simulate;

import io.verilock.engine.face.Landmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The 468-point face mesh's triangles (MediaPipe's canonical face model triangulation, Apache-2.0; see NOTICE) and
 * the named point groups the simulator deforms. "Right"/"left" are the subject's own sides.
 */
public final class FaceMeshTopology {
    static final String RESOURCE = "/io/verilock/engine/simulate/tri468.txt";
    private static final int[] TRIANGLES = load();

    /** Face outline, forehead clockwise (subject's left first on an unmirrored image). */
    static final int[] SILHOUETTE = {10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400,
            377, 152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109};

    /** Per eye: upper lid (lash line), the facing lower-lid points, and the ring above the lid (crease). */
    static final int[] RIGHT_UPPER = {246, 161, 160, 159, 158, 157, 173};
    static final int[] RIGHT_LOWER = {7, 163, 144, 145, 153, 154, 155};
    static final int[] RIGHT_CREASE = {247, 30, 29, 27, 28, 56, 190};
    static final int[] RIGHT_RING = {33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246};
    static final int[] LEFT_UPPER = {466, 388, 387, 386, 385, 384, 398};
    static final int[] LEFT_LOWER = {249, 390, 373, 374, 380, 381, 382};
    static final int[] LEFT_CREASE = {467, 260, 259, 257, 258, 286, 414};
    static final int[] LEFT_RING = {263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386, 387, 388, 466};
    /** Wider eye surroundings (brow to cheek), for cut-out holes. */
    static final int[] RIGHT_EYE_AREA = {130, 25, 110, 24, 23, 22, 26, 112, 243, 190, 56, 28, 27, 29, 30, 247};
    static final int[] LEFT_EYE_AREA = {359, 255, 339, 254, 253, 252, 256, 341, 463, 414, 286, 258, 257, 259, 260, 467};

    /** Inner lip contours, mouth corner (78) to mouth corner (308). */
    static final int[] INNER_UPPER_LIP = {78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308};
    static final int[] INNER_LOWER_LIP = {78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308};

    static final int RIGHT_EYE_OUTER = 33, LEFT_EYE_OUTER = 263;
    static final int MOUTH_RIGHT = 61, MOUTH_LEFT = 291;
    static final int RIGHT_CHEEK = 205, LEFT_CHEEK = 425;

    private FaceMeshTopology() {}

    /** Triangle vertex indices, three per triangle. */
    public static int[] triangles() {
        return TRIANGLES.clone();
    }

    static int[] raw() {
        return TRIANGLES;
    }

    /** The mesh's triangles plus a strip closing the mouth opening, so that teeth and lips inside it are textured. */
    static int[] withMouth() {
        int[] u = INNER_UPPER_LIP, l = INNER_LOWER_LIP;
        List<Integer> extra = new ArrayList<>();
        for (int i = 0; i + 1 < u.length; i++) {
            int[][] t = {{u[i], u[i + 1], l[i + 1]}, {u[i], l[i + 1], l[i]}};
            for (int[] tri : t) {
                if (tri[0] == tri[1] || tri[1] == tri[2] || tri[0] == tri[2]) continue;
                for (int v : tri) extra.add(v);
            }
        }
        int[] out = java.util.Arrays.copyOf(TRIANGLES, TRIANGLES.length + extra.size());
        for (int i = 0; i < extra.size(); i++) out[TRIANGLES.length + i] = extra.get(i);
        return out;
    }

    private static int[] load() {
        try (InputStream in = FaceMeshTopology.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("face mesh triangulation missing: " + RESOURCE);
            List<Integer> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.startsWith("#")) continue;
                for (String t : line.split("[,\\s]+")) if (!t.isBlank()) out.add(Integer.parseInt(t.strip()));
            }
            if (out.size() % 3 != 0) throw new IllegalStateException("triangulation length not a multiple of 3");
            int[] a = out.stream().mapToInt(Integer::intValue).toArray();
            for (int v : a) if (v < 0 || v >= Landmarks.COUNT) throw new IllegalStateException("bad vertex " + v);
            return a;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
