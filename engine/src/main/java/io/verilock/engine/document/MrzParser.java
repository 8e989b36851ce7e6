package io.verilock.engine.document;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the lines of a machine-readable zone (ICAO 9303 parts 4-7) into its fields and verifies every check digit.
 * OCR confusions are corrected where the layout or a check digit decides them, and each change is reported:
 * <ol>
 *   <li>a letter in a digits-only field (dates, check digits) becomes the digit it resembles (O->0, I->1, S->5,
 *       B->8, Z->2, G->6, D->0, Q->0), a digit in a letters-only field (codes, names, sex) the letter;</li>
 *   <li>where a check digit fails over an alphanumeric field (document number, personal number, optional data),
 *       the alternatives of its ambiguous characters (0/O/D/Q, 1/I, 5/S, 8/B, 2/Z, 6/G) are tried, one and then
 *       two at a time; of those that pass, the one fitting its neighbours best (a digit among digits, a letter among
 *       letters) is taken, none when two fit equally;</li>
 *   <li>a 'K' between fillers in a name (a '<' read as 'K', common on OCR-B) becomes '<'.</li>
 * </ol>
 * Why not jmrtd's {@code MRZInfo}: it has no visa layouts (MRV-A/B would be read as TD3/TD2 with check digits visas
 * do not have), rejects unreadable lines by exception rather than reporting each digit, and offers no way to weigh
 * OCR alternatives.
 */
public final class MrzParser {

    enum Kind { ALPHA, NUM, ALNUM, SEX }

    /** A field: its line, [start, end) and character class. */
    record Span(int line, int start, int end, Kind kind) { }

    /** A check digit at (line, pos) over the spans. */
    record Check(String name, int line, int pos, List<Span> over) { }

    record Layout(Map<String, Span> fields, List<Check> checks, List<Span> classes) { }

    private static final String TO_DIGIT_FROM = "OIlSBZGDQTA";
    private static final String TO_DIGIT_TO = "01158260014";
    private static final String TO_LETTER_FROM = "01582";
    private static final String TO_LETTER_TO = "OISBZ";
    /** Ambiguous pairs a check digit may decide between. */
    private static final String[] AMBIGUOUS = {"0ODQ", "1I", "5S", "8B", "2Z", "6G"};

    private final LocalDate today;

    public MrzParser(LocalDate today) {
        this.today = today;
    }

    /**
     * Parses {@code lines} (fillers '<'; spaces removed; each of the format's length). Returns null when the lines
     * fit no ICAO layout.
     */
    public Mrz parse(List<String> rawLines) {
        if (rawLines.isEmpty()) return null;
        int len = rawLines.get(0).length();
        for (String l : rawLines) if (l.length() != len) return null;
        MrzFormat format = MrzFormat.of(rawLines.size(), len, rawLines.get(0).charAt(0));
        if (format == null) return null;
        Layout layout = layout(format);
        char[][] c = new char[rawLines.size()][];
        for (int i = 0; i < c.length; i++) c[i] = rawLines.get(i).toCharArray();
        List<String> corrections = new ArrayList<>();
        for (Span s : layout.classes()) coerce(c, s, corrections);
        fillerKs(c, layout.fields().get("names"), corrections);
        fillerTail(c, layout.fields().get("names"), corrections);
        oneSeparator(c, layout.fields().get("names"), corrections);
        Map<String, Boolean> checks = new LinkedHashMap<>();
        for (String name : List.of("document_number", "birth_date", "expiry_date", "personal_number", "composite")) {
            checks.put(name, null);
        }
        // a long TD1 document number: '<' as its check digit, the number runs on in the optional data
        Check docCheck = null;
        for (Check k : layout.checks()) if (k.name().equals("document_number")) docCheck = k;
        String longDocNumber = null;
        if (format == MrzFormat.TD1 && c[0][14] == '<') {
            int end = 15;
            while (end < 30 && c[0][end] != '<') end++;
            if (end > 15) {
                longDocNumber = new String(c[0], 5, 9) + new String(c[0], 15, end - 16);
                docCheck = new Check("document_number", 0, end - 1, List.of(new Span(0, 5, 14, Kind.ALNUM),
                        new Span(0, 15, end - 1, Kind.ALNUM)));
            }
        }
        for (Check k : layout.checks()) {
            Check check = k.name().equals("document_number") && docCheck != null ? docCheck : k;
            if (check.name().equals("personal_number") && allFiller(c, check.over().get(0))
                    && (c[check.line()][check.pos()] == '<' || c[check.line()][check.pos()] == '0')) {
                checks.put(check.name(), true); // an empty personal number may have '<' or 0 as its digit
                continue;
            }
            if (!passes(c, check)) repair(c, check, locked(layout, check, c), corrections);
            checks.put(check.name(), passes(c, check));
        }
        boolean valid = checks.values().stream().allMatch(v -> v == null || v);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("document_type", clean(text(c, layout.fields().get("document_type"))));
        fields.put("issuing_country", clean(text(c, layout.fields().get("issuing_country"))));
        String[] names = text(c, layout.fields().get("names")).split("<<", 2);
        fields.put("surname", clean(names[0]));
        fields.put("given_names", names.length > 1 ? clean(names[1]) : null);
        fields.put("document_number", longDocNumber != null ? clean(longDocNumber)
                : clean(text(c, layout.fields().get("document_number"))));
        fields.put("nationality", clean(text(c, layout.fields().get("nationality"))));
        fields.put("birth_date", date(text(c, layout.fields().get("birth_date")), false));
        String sex = text(c, layout.fields().get("sex"));
        fields.put("sex", sex.equals("<") ? "X" : sex);
        fields.put("expiry_date", date(text(c, layout.fields().get("expiry_date")), true));
        Span personal = layout.fields().get("personal_number");
        fields.put("personal_number", personal == null ? null : clean(text(c, personal)));
        List<String> lines = new ArrayList<>();
        for (char[] l : c) lines.add(new String(l));
        return new Mrz(format, lines, fields, checks, valid, corrections);
    }

    static Layout layout(MrzFormat f) {
        Map<String, Span> fields = new LinkedHashMap<>();
        List<Check> checks = new ArrayList<>();
        List<Span> classes = new ArrayList<>();
        switch (f) {
            case TD1 -> {
                fields.put("document_type", new Span(0, 0, 2, Kind.ALPHA));
                fields.put("issuing_country", new Span(0, 2, 5, Kind.ALPHA));
                fields.put("document_number", new Span(0, 5, 14, Kind.ALNUM));
                fields.put("personal_number", new Span(0, 15, 30, Kind.ALNUM)); // optional data 1
                fields.put("birth_date", new Span(1, 0, 6, Kind.NUM));
                fields.put("sex", new Span(1, 7, 8, Kind.SEX));
                fields.put("expiry_date", new Span(1, 8, 14, Kind.NUM));
                fields.put("nationality", new Span(1, 15, 18, Kind.ALPHA));
                fields.put("names", new Span(2, 0, 30, Kind.ALPHA));
                checks.add(new Check("document_number", 0, 14, List.of(fields.get("document_number"))));
                checks.add(new Check("birth_date", 1, 6, List.of(fields.get("birth_date"))));
                checks.add(new Check("expiry_date", 1, 14, List.of(fields.get("expiry_date"))));
                checks.add(new Check("composite", 1, 29, List.of(new Span(0, 5, 30, Kind.ALNUM),
                        new Span(1, 0, 7, Kind.NUM), new Span(1, 8, 15, Kind.NUM), new Span(1, 18, 29, Kind.ALNUM))));
                classes.add(new Span(1, 29, 30, Kind.NUM));
            }
            case TD2, MRVB, TD3, MRVA -> {
                int n = f.length();
                fields.put("document_type", new Span(0, 0, 2, Kind.ALPHA));
                fields.put("issuing_country", new Span(0, 2, 5, Kind.ALPHA));
                fields.put("names", new Span(0, 5, n, Kind.ALPHA));
                fields.put("document_number", new Span(1, 0, 9, Kind.ALNUM));
                fields.put("nationality", new Span(1, 10, 13, Kind.ALPHA));
                fields.put("birth_date", new Span(1, 13, 19, Kind.NUM));
                fields.put("sex", new Span(1, 20, 21, Kind.SEX));
                fields.put("expiry_date", new Span(1, 21, 27, Kind.NUM));
                checks.add(new Check("document_number", 1, 9, List.of(fields.get("document_number"))));
                checks.add(new Check("birth_date", 1, 19, List.of(fields.get("birth_date"))));
                checks.add(new Check("expiry_date", 1, 27, List.of(fields.get("expiry_date"))));
                if (f == MrzFormat.TD3) {
                    fields.put("personal_number", new Span(1, 28, 42, Kind.ALNUM));
                    checks.add(new Check("personal_number", 1, 42, List.of(fields.get("personal_number"))));
                    checks.add(new Check("composite", 1, 43, List.of(new Span(1, 0, 10, Kind.ALNUM),
                            new Span(1, 13, 20, Kind.NUM), new Span(1, 21, 43, Kind.ALNUM))));
                } else if (f == MrzFormat.TD2) {
                    fields.put("personal_number", new Span(1, 28, 35, Kind.ALNUM)); // optional data
                    checks.add(new Check("composite", 1, 35, List.of(new Span(1, 0, 10, Kind.ALNUM),
                            new Span(1, 13, 20, Kind.NUM), new Span(1, 21, 35, Kind.ALNUM))));
                } else {
                    fields.put("personal_number", new Span(1, 28, n, Kind.ALNUM)); // optional data
                }
            }
        }
        for (Span s : fields.values()) if (s.kind() != Kind.ALNUM) classes.add(s);
        for (Check k : checks) classes.add(new Span(k.line(), k.pos(), k.pos() + 1, Kind.NUM));
        return new Layout(fields, checks, classes);
    }

    private static void coerce(char[][] c, Span s, List<String> corrections) {
        for (int i = s.start(); i < s.end(); i++) {
            char ch = c[s.line()][i], to = ch;
            if (s.kind() == Kind.NUM && ch != '<') {
                int k = TO_DIGIT_FROM.indexOf(ch);
                if (k >= 0) to = TO_DIGIT_TO.charAt(k);
            } else if (s.kind() == Kind.ALPHA || s.kind() == Kind.SEX) {
                int k = TO_LETTER_FROM.indexOf(ch);
                if (k >= 0) to = TO_LETTER_TO.charAt(k);
            }
            if (to != ch) {
                c[s.line()][i] = to;
                corrections.add(where(s.line(), i) + ": " + ch + "->" + to + " (" + (s.kind() == Kind.NUM ? "digit" : "letter") + " field)");
            }
        }
    }

    /** 'K' with a filler before it and a filler (or the line's end) after it, inside the name field. */
    private static void fillerKs(char[][] c, Span names, List<String> corrections) {
        char[] l = c[names.line()];
        for (int i = Math.max(names.start(), 1); i < names.end(); i++) {
            if (l[i] == 'K' && l[i - 1] == '<' && (i + 1 == names.end() || l[i + 1] == '<')) {
                l[i] = '<';
                corrections.add(where(names.line(), i) + ": K-><" + " (filler in the name)");
            }
        }
    }

    /** After the first run of three fillers in the names nothing but fillers may follow (ICAO 9303 part 3, 4.6). */
    private static void fillerTail(char[][] c, Span names, List<String> corrections) {
        char[] l = c[names.line()];
        int run = 0, changed = 0, first = -1;
        boolean tail = false;
        for (int i = names.start(); i < names.end(); i++) {
            if (tail && l[i] != '<') {
                if (first < 0) first = i;
                l[i] = '<';
                changed++;
            }
            run = l[i] == '<' ? run + 1 : 0;
            if (run == 3) tail = true;
        }
        if (changed > 0) {
            corrections.add(where(names.line(), first) + "...: " + changed + " characters after the names' fillers -> <");
        }
    }

    /**
     * Surname and given names are parted by the only "<<" before the fillers: a later "<<" between letters is one
     * '<' read twice; the extra one is dropped and the names shift left.
     */
    private static void oneSeparator(char[][] c, Span names, List<String> corrections) {
        char[] l = c[names.line()];
        String f = new String(l, names.start(), names.end() - names.start());
        int sep = f.indexOf("<<");
        if (sep < 0) return;
        int again = f.indexOf("<<", sep + 2);
        while (again > 0 && again + 2 < f.length() && f.charAt(again + 2) >= 'A' && f.charAt(again + 2) <= 'Z') {
            f = f.substring(0, again) + f.substring(again + 1) + "<";
            corrections.add(where(names.line(), names.start() + again) + ": << -> < (one separator between names)");
            again = f.indexOf("<<", again + 1);
        }
        f.getChars(0, f.length(), l, names.start());
    }

    /** Tries the ambiguous characters' alternatives in the check's alphanumeric spans; applies a unique passing one. */
    private static void repair(char[][] c, Check k, boolean[][] locked, List<String> corrections) {
        List<int[]> spots = new ArrayList<>(); // {line, pos, alternative}
        for (Span s : k.over()) {
            if (s.kind() != Kind.ALNUM) continue;
            for (int i = s.start(); i < s.end(); i++) {
                if (locked[s.line()][i]) continue;
                for (char alt : alternatives(c[s.line()][i]).toCharArray()) spots.add(new int[] {s.line(), i, alt});
            }
        }
        List<int[][]> found = new ArrayList<>();
        for (int[] spot : spots) if (tryFlip(c, k, new int[][] {spot})) found.add(new int[][] {spot});
        if (found.isEmpty()) {
            for (int a = 0; a < spots.size(); a++) {
                for (int b = a + 1; b < spots.size(); b++) {
                    if (spots.get(a)[1] == spots.get(b)[1] && spots.get(a)[0] == spots.get(b)[0]) continue;
                    int[][] two = {spots.get(a), spots.get(b)};
                    if (tryFlip(c, k, two)) found.add(two);
                }
            }
        }
        if (found.isEmpty()) return;
        // several alternatives may pass one digit (it has ten values); take the one that best fits its neighbours
        // (a digit among digits, a letter among letters), and none when two fit equally well
        found.sort((x, y) -> Integer.compare(fit(c, y), fit(c, x)));
        if (found.size() > 1 && fit(c, found.get(0)) == fit(c, found.get(1))) return;
        for (int[] p : found.get(0)) {
            char from = c[p[0]][p[1]], to = (char) p[2];
            c[p[0]][p[1]] = to;
            corrections.add(where(p[0], p[1]) + ": " + from + "->" + to + " (" + k.name() + " check digit)");
        }
    }

    /** Positions the composite must leave alone: those under another check digit (already decided by it). */
    private static boolean[][] locked(Layout layout, Check k, char[][] c) {
        boolean[][] out = new boolean[c.length][c[0].length];
        if (!k.name().equals("composite")) return out;
        for (Check other : layout.checks()) {
            if (other == k) continue;
            for (Span s : other.over()) for (int i = s.start(); i < s.end(); i++) out[s.line()][i] = true;
        }
        return out;
    }

    /** How much better the changed characters fit their neighbours' class (digit or letter) than the read ones. */
    private static int fit(char[][] c, int[][] change) {
        int score = 0;
        for (int[] p : change) {
            char[] l = c[p[0]];
            for (int n : new int[] {p[1] - 1, p[1] + 1}) {
                if (n < 0 || n >= l.length || l[n] == '<') continue;
                boolean digit = Character.isDigit(l[n]);
                if (Character.isDigit((char) p[2]) == digit) score++;
                if (Character.isDigit(l[p[1]]) == digit) score--;
            }
        }
        return score;
    }

    private static boolean tryFlip(char[][] c, Check k, int[][] at) {
        char[] before = new char[at.length];
        for (int j = 0; j < at.length; j++) {
            before[j] = c[at[j][0]][at[j][1]];
            c[at[j][0]][at[j][1]] = (char) at[j][2];
        }
        boolean ok = passes(c, k);
        for (int j = at.length - 1; j >= 0; j--) c[at[j][0]][at[j][1]] = before[j];
        return ok;
    }

    /** The characters OCR confuses {@code ch} with (0/O/D/Q, 1/I, 5/S, 8/B, 2/Z, 6/G). */
    private static String alternatives(char ch) {
        StringBuilder b = new StringBuilder();
        for (String group : AMBIGUOUS) if (group.indexOf(ch) >= 0) for (char o : group.toCharArray()) if (o != ch) b.append(o);
        return b.toString();
    }

    static boolean passes(char[][] c, Check k) {
        int sum = 0, w = 0;
        for (Span s : k.over()) {
            for (int i = s.start(); i < s.end(); i++) {
                int v = value(c[s.line()][i]);
                if (v < 0) return false;
                sum += v * new int[] {7, 3, 1}[w++ % 3];
            }
        }
        char d = c[k.line()][k.pos()];
        return d >= '0' && d <= '9' && sum % 10 == d - '0';
    }

    /** ICAO 9303 character value: digits 0-9, A-Z 10-35, '<' 0; -1 for anything else. */
    static int value(char ch) {
        if (ch >= '0' && ch <= '9') return ch - '0';
        if (ch >= 'A' && ch <= 'Z') return ch - 'A' + 10;
        return ch == '<' ? 0 : -1;
    }

    /** The ICAO 9303 check digit of {@code s}. */
    public static int checkDigit(String s) {
        int sum = 0;
        for (int i = 0; i < s.length(); i++) sum += Math.max(0, value(s.charAt(i))) * new int[] {7, 3, 1}[i % 3];
        return sum % 10;
    }

    private static boolean allFiller(char[][] c, Span s) {
        for (int i = s.start(); i < s.end(); i++) if (c[s.line()][i] != '<') return false;
        return true;
    }

    private static String text(char[][] c, Span s) {
        return new String(c[s.line()], s.start(), s.end() - s.start());
    }

    /** Fillers to spaces, trimmed; null when nothing is left. */
    private static String clean(String s) {
        String t = s.replace('<', ' ').trim().replaceAll(" +", " ");
        return t.isEmpty() ? null : t;
    }

    /**
     * {@code YYMMDD} as {@code YYYY-MM-DD}: a birth date is in the past century window (the latest year not after
     * today), an expiry date within 50 years from now back to 49 before; null when not a calendar date.
     */
    private String date(String yymmdd, boolean expiry) {
        if (!yymmdd.matches("\\d{6}")) return null;
        int yy = Integer.parseInt(yymmdd.substring(0, 2));
        int now = today.getYear();
        int year = now / 100 * 100 + yy;
        if (expiry) {
            if (year > now + 50) year -= 100;
            if (year < now - 49) year += 100;
        } else if (year > now) {
            year -= 100;
        }
        try {
            return LocalDate.of(year, Integer.parseInt(yymmdd.substring(2, 4)), Integer.parseInt(yymmdd.substring(4, 6))).toString();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static String where(int line, int pos) {
        return "line " + (line + 1) + " col " + (pos + 1);
    }

}
