package io.verilock.engine.liveness;

import io.verilock.engine.face.Landmarks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The path of the face's rigid points (eye corners, nose line, forehead: what an expression does not move) over a
 * capture, for telling a live head from a deck of still photos swapped in front of the camera. A swap is a
 * <em>step</em>: the picture is still, jumps once (or jumps away and back for a shut-eye photo), and is still again;
 * a person is a <em>trajectory</em>: when the head moves fast it speeds up and slows down over several frames.
 * One frame-to-frame jump alone does not separate them (people who nod while they blink move as far in 100 ms as a
 * swap does), so {@link #judge} looks at the motion around each jump. Rates are per 100 ms of the frames' own
 * timestamps, so a dropped frame is not a jump; distances are over the inter-ocular distance.
 *
 * <p>Per session; bounded to the last {@link #CAPACITY} frames (a challenge's 8 s timeout at up to 30 fps; the
 * bounds were measured at the SDK's ~10 fps).
 */
final class MotionTrack {
    /** Outer/inner eye corners, nose bridge and line, forehead: points an expression barely moves. */
    static final int[] RIGID = {33, 133, 362, 263, 168, 6, 197, 195, 5, 10, 151, 9};
    static final int CAPACITY = 300;

    /** One transition between consecutive frames: its end time and the rigid points' speed, IOD per 100 ms. */
    record Step(long ts, double rate) {}

    /**
     * What {@link #judge} found: the fastest transition in the window ({@code jump}, at {@code atMillis}) and the
     * drift on each side of the jump's run ({@code before}, {@code after}); {@code discontinuous} when the jump was
     * flanked by stillness on both sides.
     */
    record Verdict(double jump, long atMillis, double before, double after, boolean discontinuous) {
        static final Verdict NONE = new Verdict(0, 0, Double.NaN, Double.NaN, false);

        /** The faster flank's drift (per 100 ms), NaN when a flank had no frames or there was no jump. */
        double flank() {
            return Math.max(before, after);
        }
    }

    record Point(long ts, float[] xy, double iod) {}

    private final Deque<Point> points = new ArrayDeque<>();
    private final int capacity;

    MotionTrack() { this(CAPACITY); }

    MotionTrack(int capacity) { this.capacity = capacity; }

    void add(long ts, Landmarks l) {
        double iod = Math.hypot(l.x(263) - l.x(33), l.y(263) - l.y(33));
        Point prev = points.peekLast();
        if (iod <= 0 || (prev != null && ts <= prev.ts())) return;
        float[] xy = new float[2 * RIGID.length];
        for (int k = 0; k < RIGID.length; k++) {
            xy[2 * k] = (float) l.x(RIGID[k]);
            xy[2 * k + 1] = (float) l.y(RIGID[k]);
        }
        points.addLast(new Point(ts, xy, iod));
        while (points.size() > capacity) points.removeFirst();
    }

    /** RMS displacement of the rigid points between two frames over their mean inter-ocular distance, per 100 ms. */
    static double rate(Point a, Point b) {
        double sum = 0;
        for (int i = 0; i < a.xy().length; i += 2) {
            double dx = b.xy()[i] - a.xy()[i], dy = b.xy()[i + 1] - a.xy()[i + 1];
            sum += dx * dx + dy * dy;
        }
        double rms = Math.sqrt(sum / (a.xy().length / 2.0));
        return rms / ((a.iod() + b.iod()) / 2) * 100.0 / (b.ts() - a.ts());
    }

    List<Point> points() { return List.copyOf(points); }

    /** Each transition's end time and speed. */
    List<Step> steps() {
        List<Point> p = points();
        List<Step> out = new ArrayList<>();
        for (int i = 1; i < p.size(); i++) out.add(new Step(p.get(i).ts(), rate(p.get(i - 1), p.get(i))));
        return out;
    }

    /** Judges the transitions ending in {@code (fromMillis, toMillis]} under {@code config}'s continuity bounds. */
    Verdict judge(long fromMillis, long toMillis, LivenessConfig config) {
        return judge(points(), fromMillis, toMillis, config.continuityMinJump(), config.continuityMaxRunSteps(),
                config.continuityStillRate(), config.continuityFlankMillis());
    }

    /**
     * Looks at every run of consecutive transitions at or above {@code minJump} ending in the window (a swap is a run
     * of one transition, or two). A run longer than {@code maxRun} is a trajectory (a head speeding up and slowing
     * down). For a short run, each flank is the <em>drift</em> of the rigid points over up to {@code flankMillis}
     * before the run's first frame and after its last one, stopping at another jump (a shut-eye photo shown briefly
     * jumps away and back): the net displacement per 100 ms. The drift, not the fastest step, because the face
     * mesh jitters on a still picture by about as much per frame as a slow head moves, but the jitter does not add up
     * over frames while a moving head's path does. Discontinuous when both flanks are known and below
     * {@code stillRate}: still, jump, still. A flank with no frames (the window's edge) is unknown, not still. The
     * verdict reports the discontinuous run if there is one, else the fastest transition.
     * (A flank bound relative to the jump does not work: genuine fast movers were seen with flanks at 8% of their jump.)
     */
    static Verdict judge(List<Point> p, long fromMillis, long toMillis, double minJump, int maxRun,
                         double stillRate, long flankMillis) {
        int n = p.size();
        double[] rate = new double[n]; // rate[i]: transition from point i-1 to point i
        for (int i = 1; i < n; i++) rate[i] = rate(p.get(i - 1), p.get(i));
        Verdict fastest = Verdict.NONE;
        for (int i = 1; i < n; i++) {
            long ts = p.get(i).ts();
            if (ts <= fromMillis || ts > toMillis) continue;
            if (rate[i] < minJump) {
                if (rate[i] > fastest.jump()) fastest = new Verdict(rate[i], ts, Double.NaN, Double.NaN, false);
                continue;
            }
            int first = i, last = i;
            while (first > 1 && rate[first - 1] >= minJump) first--;
            while (last < n - 1 && rate[last + 1] >= minJump) last++;
            int peak = first;
            for (int k = first; k <= last; k++) if (rate[k] > rate[peak]) peak = k;
            // the run moves from point first-1 to point last
            double before = drift(p, rate, first - 1, -1, minJump, flankMillis);
            double after = drift(p, rate, last, 1, minJump, flankMillis);
            boolean step = last - first + 1 <= maxRun && before < stillRate && after < stillRate; // NaN compares false
            Verdict v = new Verdict(rate[peak], p.get(peak).ts(), before, after, step);
            if (step) return v;
            if (v.jump() > fastest.jump()) fastest = v;
            i = Math.max(i, last);
        }
        return fastest;
    }

    /**
     * Net displacement per 100 ms from point {@code edge} to the farthest point within {@code flankMillis} in
     * direction {@code dir}, not crossing a transition at or above {@code minJump}; NaN without such a point.
     */
    private static double drift(List<Point> p, double[] rate, int edge, int dir, double minJump, long flankMillis) {
        int far = edge;
        for (int j = edge + dir; j >= 0 && j < p.size(); j += dir) {
            int transition = dir > 0 ? j : j + 1; // the transition between j and its neighbour towards the edge
            if (rate[transition] >= minJump || Math.abs(p.get(j).ts() - p.get(edge).ts()) > flankMillis) break;
            far = j;
        }
        if (far == edge) return Double.NaN;
        return dir > 0 ? rate(p.get(edge), p.get(far)) : rate(p.get(far), p.get(edge));
    }
}
