package io.verilock.engine.document;

import com.sun.jna.Pointer;
import net.sourceforge.tess4j.ITessAPI;
import net.sourceforge.tess4j.TessAPI;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.awt.Rectangle;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and reads the machine-readable zone of a document image with Tesseract (Debian's tesseract-ocr through
 * tess4j, characters limited to the MRZ's A-Z, 0-9 and '<'): the whole image is read at about 1,600 px wide in each
 * of the four orientations until lines that look like an MRZ turn up; their band is then cut out, enlarged to about
 * 48 px a line and read again line by line, and {@link MrzParser} parses and corrects the result. Tesseract is
 * called through tess4j's C-API binding ({@code TessAPI}), which needs no Leptonica binding (Debian names that
 * library {@code liblept}, where tess4j's lept4j looks for {@code libleptonica}). Not thread-safe; close it.
 */
public final class MrzReader implements AutoCloseable {
    static final String CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";

    /** One recognised text line and its box in the image read. */
    record Line(String text, Rectangle box) { }

    /** Interface-mapped: functions resolve on first call, so a binding newer than the installed library still works. */
    private static final TessAPI TESS = TessAPI.INSTANCE;

    private final ITessAPI.TessBaseAPI api;
    private final MrzParser parser;

    /** @param tessdata folder holding {@code eng.traineddata} */
    public MrzReader(Path tessdata, MrzParser parser) {
        this.parser = parser;
        api = TESS.TessBaseAPICreate();
        if (TESS.TessBaseAPIInit3(api, tessdata.toString(), "eng") != 0) {
            TESS.TessBaseAPIDelete(api);
            throw new IllegalStateException("tesseract cannot load eng.traineddata from " + tessdata);
        }
        TESS.TessBaseAPISetVariable(api, "tessedit_char_whitelist", CHARS);
        TESS.TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    }

    /** The text lines Tesseract finds in an 8-bit grey image, with page segmentation {@code mode}. */
    List<Line> recognise(Mat grey, int mode) {
        return recognise(grey, mode, ITessAPI.TessPageIteratorLevel.RIL_TEXTLINE);
    }

    /**
     * The image's text at {@code level}: lines, or (RIL_SYMBOL) single characters, where a character that starts a
     * new text line is preceded by a {@code Line} with the text {@code "\n"} and the line's box.
     */
    List<Line> recognise(Mat grey, int mode, int level) {
        int w = grey.cols(), h = grey.rows();
        byte[] px = new byte[w * h];
        grey.get(0, 0, px);
        ByteBuffer buf = ByteBuffer.allocateDirect(px.length);
        buf.put(px).flip();
        TESS.TessBaseAPISetPageSegMode(api, mode);
        TESS.TessBaseAPISetImage(api, buf, w, h, 1, w);
        List<Line> out = new ArrayList<>();
        if (TESS.TessBaseAPIRecognize(api, null) != 0) return out;
        ITessAPI.TessResultIterator ri = TESS.TessBaseAPIGetIterator(api);
        if (ri == null) return out;
        try {
            ITessAPI.TessPageIterator pi = TESS.TessResultIteratorGetPageIterator(ri);
            TESS.TessPageIteratorBegin(pi);
            do {
                if (level == ITessAPI.TessPageIteratorLevel.RIL_SYMBOL
                        && TESS.TessPageIteratorIsAtBeginningOf(pi, ITessAPI.TessPageIteratorLevel.RIL_TEXTLINE) == ITessAPI.TRUE) {
                    out.add(new Line("\n", null));
                }
                Pointer p = TESS.TessResultIteratorGetUTF8Text(ri, level);
                if (p == null) continue;
                String text = p.getString(0);
                TESS.TessDeleteText(p);
                IntBuffer l = IntBuffer.allocate(1), t = IntBuffer.allocate(1), r = IntBuffer.allocate(1), b = IntBuffer.allocate(1);
                TESS.TessPageIteratorBoundingBox(pi, level, l, t, r, b);
                out.add(new Line(text, new Rectangle(l.get(0), t.get(0), r.get(0) - l.get(0), b.get(0) - t.get(0))));
            } while (TESS.TessPageIteratorNext(pi, level) == ITessAPI.TRUE);
        } finally {
            TESS.TessResultIteratorDelete(ri);
        }
        return out;
    }

    @Override
    public void close() {
        TESS.TessBaseAPIEnd(api);
        TESS.TessBaseAPIDelete(api);
    }

    /** Debian's tessdata folder (or {@code $TESSDATA_PREFIX}), or null when no {@code eng.traineddata} is found. */
    public static Path findTessdata() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("TESSDATA_PREFIX");
        if (env != null && !env.isBlank()) candidates.add(Path.of(env));
        candidates.add(Path.of("/usr/share/tesseract-ocr/5/tessdata"));
        candidates.add(Path.of("/usr/share/tesseract-ocr/4.00/tessdata"));
        candidates.add(Path.of("/usr/share/tessdata"));
        for (Path p : candidates) if (Files.isRegularFile(p.resolve("eng.traineddata"))) return p;
        return null;
    }

    /** The MRZ of the 8-bit BGR image, or null when none is found. */
    public Mrz read(Mat bgr) {
        Mat grey = new Mat();
        Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
        try {
            for (int rotation = 0; rotation < 4; rotation++) {
                Mat turned = rotate(grey, rotation);
                try {
                    Mrz mrz = readUpright(turned);
                    if (mrz != null) return mrz;
                } finally {
                    if (turned != grey) turned.release();
                }
            }
            return null;
        } finally {
            grey.release();
        }
    }

    private Mrz readUpright(Mat grey) {
        double scale = 1600.0 / grey.cols();
        Mat page = resized(grey, scale);
        List<Line> mrzLines = new ArrayList<>();
        try {
            // sparse text finds the zone on most pages; automatic layout where it does not
            for (int mode : new int[] {ITessAPI.TessPageSegMode.PSM_SPARSE_TEXT, ITessAPI.TessPageSegMode.PSM_AUTO}) {
                for (Line w : recognise(page, mode)) if (looksLikeMrz(compact(w.text()))) mrzLines.add(w);
                if (!mrzLines.isEmpty()) break;
            }
        } finally {
            page.release();
        }
        if (mrzLines.isEmpty()) return null;
        mrzLines.sort((a, b) -> Integer.compare(a.box().y, b.box().y));
        // the band: the MRZ lines' union, widened by half a line, in the original image's pixels
        Rectangle u = mrzLines.get(0).box();
        for (Line w : mrzLines) u = u.union(w.box());
        int lineHeight = u.height / mrzLines.size();
        int x0 = (int) Math.max(0, (u.x - lineHeight) / scale), y0 = (int) Math.max(0, (u.y - lineHeight / 2.0) / scale);
        int x1 = (int) Math.min(grey.cols(), (u.x + u.width + lineHeight) / scale);
        int y1 = (int) Math.min(grey.rows(), (u.y + u.height + lineHeight / 2.0) / scale);
        Mat band = new Mat(grey, new Rect(x0, y0, x1 - x0, y1 - y0));
        double bandScale = 48.0 / (lineHeight / scale);
        Mat big = resized(band, bandScale);
        List<String> text = new ArrayList<>();
        int chevrons = 0;
        Mat ink = new Mat();
        try {
            Imgproc.threshold(big, ink, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
            StringBuilder line = new StringBuilder();
            for (Line sym : recognise(big, ITessAPI.TessPageSegMode.PSM_SINGLE_BLOCK, ITessAPI.TessPageIteratorLevel.RIL_SYMBOL)) {
                if (sym.text().equals("\n")) {
                    if (line.length() >= 20) text.add(line.toString());
                    line.setLength(0);
                    continue;
                }
                String t = compact(sym.text());
                if (t.length() != 1) continue;
                char ch = t.charAt(0);
                if (ch >= 'A' && ch <= 'Z' && isChevron(ink, sym.box())) { // English reads '<' as K, C, E, L, X, S...
                    ch = '<';
                    chevrons++;
                }
                line.append(ch);
            }
            if (line.length() >= 20) text.add(line.toString());
        } finally {
            big.release();
            ink.release();
        }
        Mrz mrz = parseBest(text);
        if (mrz != null && chevrons > 0) {
            List<String> corrections = new ArrayList<>(mrz.corrections());
            corrections.add(0, chevrons + " letters read as '<' by their shape (a chevron, no left stem)");
            mrz = new Mrz(mrz.format(), mrz.lines(), mrz.fields(), mrz.checkDigits(), mrz.valid(), corrections);
        }
        if (mrz != null) return mrz;
        List<String> first = new ArrayList<>();
        for (Line w : mrzLines) first.add(compact(w.text()));
        return parseBest(first);
    }

    /**
     * Whether the glyph in {@code box} (white ink on black) is OCR-B's '<': a chevron whose left fifth holds ink only
     * around its middle, where K, E, L have a full-height stem, C a tall curve and X two arms at top and bottom.
     */
    static boolean isChevron(Mat ink, Rectangle box) {
        if (box == null || box.width < 3 || box.height < 6) return false;
        int x0 = Math.max(0, box.x), y0 = Math.max(0, box.y);
        int x1 = Math.min(ink.cols(), box.x + box.width), y1 = Math.min(ink.rows(), box.y + box.height);
        if (x1 - x0 < 3 || y1 - y0 < 6) return false;
        int band = Math.max(1, (x1 - x0) / 5);
        byte[] row = new byte[band];
        int rows = y1 - y0, inked = 0, edges = 0;
        boolean middle = false;
        for (int y = y0; y < y1; y++) {
            ink.get(y, x0, row);
            boolean any = false;
            for (byte b : row) any |= b != 0;
            if (!any) continue;
            inked++;
            double at = (y - y0 + 0.5) / rows;
            if (at < 0.15 || at > 0.85) edges++;
            if (Math.abs(at - 0.5) < 0.15) middle = true;
        }
        return inked < 0.5 * rows && middle && edges == 0;
    }

    /** The lines fitted to a format: runs of 3 (TD1) or 2 consecutive lines, lengths off by a few mended. */
    Mrz parseBest(List<String> lines) {
        Mrz best = null;
        for (int n : new int[] {3, 2}) {
            for (int i = 0; i + n <= lines.size(); i++) {
                List<String> group = lines.subList(i, i + n);
                for (int len : n == 3 ? new int[] {30} : new int[] {44, 36}) {
                    List<String> fitted = fit(group, len);
                    if (fitted == null) continue;
                    Mrz m = parser.parse(fitted);
                    if (m != null && (best == null || score(m) > score(best))) best = m;
                }
            }
            if (best != null) return best;
        }
        return best;
    }

    private static int score(Mrz m) {
        int s = 0;
        for (Boolean b : m.checkDigits().values()) if (Boolean.TRUE.equals(b)) s++;
        return s;
    }

    /** Each line brought to {@code len}: fillers added or dropped at its end; null when a line is too far off. */
    static List<String> fit(List<String> lines, int len) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            // a names line may lose any part of its filler run (OCR merges a row of '<'); the others only a few
            boolean names = i == 0 && len != 30 || i == 2;
            if (l.length() > len + 4 || l.length() < (names ? len / 2 : len - 4)) return null;
            String t = l;
            while (t.length() > len && t.endsWith("<")) t = t.substring(0, t.length() - 1);
            if (t.length() > len) t = t.substring(0, len);
            StringBuilder b = new StringBuilder(t);
            while (b.length() < len) b.append('<');
            out.add(b.toString());
        }
        return out;
    }

    static boolean looksLikeMrz(String t) {
        if (t.length() < 26 || t.length() > 48) return false;
        long fillers = t.chars().filter(ch -> ch == '<').count();
        return fillers >= 2 || t.matches(".*\\d{6}.*\\d{6}.*");
    }

    static String compact(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) if (CHARS.indexOf(ch) >= 0) b.append(ch);
        return b.toString();
    }

    private static Mat rotate(Mat m, int quarterTurns) {
        if (quarterTurns == 0) return m;
        Mat out = new Mat();
        int code = quarterTurns == 1 ? Core.ROTATE_90_COUNTERCLOCKWISE : quarterTurns == 2 ? Core.ROTATE_90_CLOCKWISE
                : Core.ROTATE_180;
        Core.rotate(m, out, code);
        return out;
    }

    private static Mat resized(Mat m, double scale) {
        Mat out = new Mat();
        Imgproc.resize(m, out, new Size(Math.max(1, Math.round(m.cols() * scale)), Math.max(1, Math.round(m.rows() * scale))),
                0, 0, scale > 1 ? Imgproc.INTER_CUBIC : Imgproc.INTER_AREA);
        return out;
    }

}
