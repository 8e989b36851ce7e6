package io.verilock.engine.document;

/** The machine-readable zone layouts of ICAO 9303 (parts 4-7): lines and characters per line. */
public enum MrzFormat {
    /** Identity cards, ID-1 size: three lines of 30. */
    TD1(3, 30),
    /** ID-2 size cards and documents: two lines of 36. */
    TD2(2, 36),
    /** Passports: two lines of 44. */
    TD3(2, 44),
    /** Visas, format A (ID-3 size): two lines of 44, no personal number or composite digit. */
    MRVA(2, 44),
    /** Visas, format B: two lines of 36, no composite digit. */
    MRVB(2, 36);

    private final int lines;
    private final int length;

    MrzFormat(int lines, int length) {
        this.lines = lines;
        this.length = length;
    }

    public int lines() { return lines; }
    public int length() { return length; }

    /** The format of lines of this count and length whose document code starts with {@code first}, or null. */
    static MrzFormat of(int lineCount, int length, char first) {
        boolean visa = first == 'V';
        if (lineCount == 3 && length == 30) return TD1;
        if (lineCount == 2 && length == 44) return visa ? MRVA : TD3;
        if (lineCount == 2 && length == 36) return visa ? MRVB : TD2;
        return null;
    }
}
