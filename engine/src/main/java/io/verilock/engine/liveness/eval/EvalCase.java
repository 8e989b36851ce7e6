package io.verilock.engine.liveness.eval;

import io.verilock.engine.liveness.Challenge;
import io.verilock.engine.liveness.ChallengePlan;
import io.verilock.engine.liveness.LivenessMode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One row of an evaluation CSV: {@code path,mode,label,challenges,order,fps,from,to}. Challenges and order are
 * {@code |}-separated codes; empty fields take defaults (all challenges; order = the challenges as listed; 30 fps;
 * the whole folder). Lines starting with {@code #} and blank lines are ignored; the header row is required.
 */
public record EvalCase(String path, LivenessMode mode, String label, List<Challenge> challenges, List<Challenge> order,
                       double fps, Integer from, Integer to, int line) {
    public static final String HEADER = "path,mode,label,challenges,order,fps,from,to";
    public static final double DEFAULT_FPS = 30;

    public EvalCase {
        challenges = List.copyOf(challenges);
        order = List.copyOf(order);
    }

    /** The replay plan: the fixed order, which must cover exactly the listed challenges. */
    public ChallengePlan plan() {
        return ChallengePlan.fixed(order);
    }

    public static List<EvalCase> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<EvalCase> cases = new ArrayList<>();
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (!header) {
                if (!line.replace(" ", "").equalsIgnoreCase(HEADER))
                    throw new IllegalArgumentException(csv + ":" + (i + 1) + ": expected header '" + HEADER + "'");
                header = true;
                continue;
            }
            try {
                cases.add(parse(line, i + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(csv + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (!header) throw new IllegalArgumentException(csv + ": empty (expected header '" + HEADER + "')");
        return cases;
    }

    static EvalCase parse(String line, int lineNo) {
        String[] f = Arrays.copyOf(line.split(",", -1), 8);
        for (int i = 0; i < f.length; i++) f[i] = f[i] == null ? "" : f[i].strip();
        if (f[0].isEmpty()) throw new IllegalArgumentException("path is empty");
        LivenessMode mode = LivenessMode.fromCode(f[1].isEmpty() ? "active" : f[1]);
        if (f[2].isEmpty()) throw new IllegalArgumentException("label is empty (genuine or an attack species)");
        String label = f[2].toLowerCase(Locale.ROOT);
        List<Challenge> challenges = codes(f[3]);
        List<Challenge> order = codes(f[4]);
        if (challenges.isEmpty()) challenges = order.isEmpty() ? List.of(Challenge.values()) : order;
        if (order.isEmpty()) order = challenges;
        ChallengePlan.fixed(order); // rejects repeats
        if (!sameSet(order, challenges))
            throw new IllegalArgumentException("order " + order + " must list exactly the challenges " + challenges);
        double fps = f[5].isEmpty() ? DEFAULT_FPS : Double.parseDouble(f[5]);
        Integer from = f[6].isEmpty() ? null : Integer.valueOf(f[6]);
        Integer to = f[7].isEmpty() ? null : Integer.valueOf(f[7]);
        return new EvalCase(f[0], mode, label, challenges, order, fps, from, to, lineNo);
    }

    private static boolean sameSet(List<Challenge> a, List<Challenge> b) {
        return a.size() == b.size() && a.containsAll(b);
    }

    private static List<Challenge> codes(String field) {
        if (field.isEmpty()) return List.of();
        return Arrays.stream(field.split("\\|")).map(Challenge::fromCode).toList();
    }
}
