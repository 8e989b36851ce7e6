package io.verilock.engine.liveness;

import java.nio.file.Path;
import java.util.Comparator;

/**
 * File names in "natural" order: runs of digits compare by value, so {@code img_5} precedes {@code img_13} (datasets
 * such as NUAA number pictures without zero padding); zero-padded names sort as plain text would.
 */
final class NaturalOrder implements Comparator<Path> {
    static final NaturalOrder INSTANCE = new NaturalOrder();

    @Override
    public int compare(Path p, Path q) {
        String a = p.getFileName().toString(), b = q.getFileName().toString();
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i), y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i, sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) i++;
                while (j < b.length() && Character.isDigit(b.charAt(j))) j++;
                String m = a.substring(si, i).replaceFirst("^0+(?=.)", ""), n = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = m.length() != n.length() ? Integer.compare(m.length(), n.length()) : m.compareTo(n);
                if (c != 0) return c;
            } else {
                if (x != y) return Character.compare(x, y);
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }
}
