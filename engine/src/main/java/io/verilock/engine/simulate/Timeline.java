package io.verilock.engine.simulate;

import io.verilock.engine.liveness.Challenge;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A person performing actions in order, as one {@link FaceState} per frame: a neutral lead-in (~1.2 s), each action
 * with onset, peak and return (turns ~1.3 s to 30-35°, blinks ~0.3 s, smiles ~1.4 s), pauses of 0.5-0.8 s between
 * them and a short tail; the head sways slightly all along. Deterministic for a seed.
 */
public final class Timeline {
    private Timeline() {}

    /** A rendered action's frames: first, the frame of its peak, last (inclusive). */
    public record Event(Challenge action, int start, int peak, int end) {}

    /** The frames and where each action is. */
    public record Script(List<FaceState> frames, List<Event> events, double fps) {}

    public static Script perform(List<Challenge> actions, double fps, long seed) {
        Random rnd = new Random(seed);
        List<double[]> poses = new ArrayList<>(); // yaw, closure, smile
        List<String[]> labels = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        hold(poses, labels, frames(1.2 + 0.3 * rnd.nextDouble(), fps), 0, 0, 0, "neutral", "lead_in");
        for (Challenge c : actions) {
            int start = poses.size(), peak;
            String code = c.code();
            switch (c) {
                case HEAD_LEFT, HEAD_RIGHT -> {
                    double target = (c == Challenge.HEAD_LEFT ? -1 : 1) * (31 + 4 * rnd.nextDouble());
                    int on = frames(0.55 + 0.15 * rnd.nextDouble(), fps), back = frames(0.5 + 0.15 * rnd.nextDouble(), fps);
                    ramp(poses, labels, on, 0, target, 0, 0, 0, 0, code, "onset");
                    peak = poses.size();
                    hold(poses, labels, frames(0.3, fps), target, 0, 0, code, "peak");
                    ramp(poses, labels, back, target, 0, 0, 0, 0, 0, code, "return");
                }
                case BLINK -> {
                    int close = Math.max(1, frames(0.08, fps)), shut = Math.max(2, frames(0.12, fps)), open = Math.max(1, frames(0.12, fps));
                    ramp(poses, labels, close, 0, 0, 0, 1, 0, 0, code, "onset");
                    peak = poses.size();
                    hold(poses, labels, shut, 0, 1, 0, code, "peak");
                    ramp(poses, labels, open, 0, 0, 1, 0, 0, 0, code, "return");
                }
                case SMILE -> {
                    double amount = 0.9 + 0.1 * rnd.nextDouble();
                    ramp(poses, labels, frames(0.35, fps), 0, 0, 0, 0, 0, amount, code, "onset");
                    peak = poses.size();
                    hold(poses, labels, frames(0.7 + 0.2 * rnd.nextDouble(), fps), 0, 0, amount, code, "peak");
                    ramp(poses, labels, frames(0.35, fps), 0, 0, 0, 0, amount, 0, code, "return");
                }
                default -> throw new IllegalArgumentException("unsupported action " + c);
            }
            events.add(new Event(c, start, peak, poses.size() - 1));
            hold(poses, labels, frames(0.5 + 0.3 * rnd.nextDouble(), fps), 0, 0, 0, "pause", "pause");
        }
        hold(poses, labels, frames(0.6, fps), 0, 0, 0, "neutral", "tail");

        // slow sway: a person holding still is never still
        double[] phase = new double[6];
        for (int i = 0; i < phase.length; i++) phase[i] = rnd.nextDouble() * 2 * Math.PI;
        List<FaceState> out = new ArrayList<>();
        for (int i = 0; i < poses.size(); i++) {
            double t = i / fps;
            double[] p = poses.get(i);
            double yaw = p[0] + 1.5 * Math.sin(2 * Math.PI * 0.23 * t + phase[0]);
            double pitch = 1.2 * Math.sin(2 * Math.PI * 0.31 * t + phase[1]) - 0.04 * Math.abs(p[0]);
            double roll = 1.0 * Math.sin(2 * Math.PI * 0.19 * t + phase[2]) + 0.06 * p[0];
            double dx = 3 * Math.sin(2 * Math.PI * 0.17 * t + phase[3]) + 0.15 * p[0];
            double dy = 2 * Math.sin(2 * Math.PI * 0.27 * t + phase[4]);
            String[] l = labels.get(i);
            out.add(new FaceState(yaw, pitch, roll, p[1], p[2], dx, dy, l[0], l[1]));
        }
        return new Script(out, events, fps);
    }

    private static int frames(double seconds, double fps) {
        return Math.max(1, (int) Math.round(seconds * fps));
    }

    private static void hold(List<double[]> poses, List<String[]> labels, int n, double yaw, double closure, double smile,
                             String action, String phase) {
        for (int i = 0; i < n; i++) {
            poses.add(new double[] {yaw, closure, smile});
            labels.add(new String[] {action, phase});
        }
    }

    /** Eased (smoothstep) transition over n frames, ending exactly at the target. */
    private static void ramp(List<double[]> poses, List<String[]> labels, int n, double yaw0, double yaw1,
                             double c0, double c1, double s0, double s1, String action, String phase) {
        for (int i = 1; i <= n; i++) {
            double t = (double) i / n, e = t * t * (3 - 2 * t);
            poses.add(new double[] {yaw0 + (yaw1 - yaw0) * e, c0 + (c1 - c0) * e, s0 + (s1 - s0) * e});
            labels.add(new String[] {action, phase});
        }
    }
}
