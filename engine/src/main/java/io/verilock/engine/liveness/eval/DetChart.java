package io.verilock.engine.liveness.eval;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Draws a DET curve (APCER against BPCER on normal-deviate axes, as ISO/IEC 30107-3 and 19795-1 plot them) with
 * Java2D, so evaluation needs no charting dependency. Rates of 0 or 1 are drawn at the axis ends (0.1% and 99.9%).
 */
public final class DetChart {
    private static final double LO = 0.001, HI = 0.999;
    private static final double[] TICKS = {0.001, 0.01, 0.05, 0.2, 0.5, 0.8, 0.95, 0.99};
    private static final int W = 640, H = 560, M = 70;

    private DetChart() {}

    /**
     * @param worst  the curve with the worst species' APCER
     * @param pooled the curve with all attacks pooled
     * @param at     the operating point at the configured threshold (marked), may be null
     */
    public static void write(List<OperatingPoint> worst, List<OperatingPoint> pooled, OperatingPoint at, Path png)
            throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (double t : TICKS) {
            int x = x(t), y = y(t);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(x, M, x, H - M);
            g.drawLine(M, y, W - M, y);
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, t < 0.01 ? "%.1f%%" : "%.0f%%", 100 * t);
            g.drawString(label, x - 12, H - M + 16);
            g.drawString(label, M - 42, y + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(M, M, W - 2 * M, H - 2 * M);
        g.drawString("APCER (attacks accepted)", W / 2 - 70, H - 25);
        g.drawString("BPCER (bona fide rejected)", 8, M - 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString("DET curve", W / 2 - 30, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        curve(g, pooled, new Color(90, 140, 220), "all attacks pooled", 0);
        curve(g, worst, new Color(200, 60, 40), "worst attack species", 1);
        if (at != null) {
            g.setColor(Color.BLACK);
            int x = x(at.apcer()), y = y(at.bpcer());
            g.fillOval(x - 5, y - 5, 10, 10);
            String label = String.format(Locale.ROOT, "threshold %.1f", at.threshold());
            int width = g.getFontMetrics().stringWidth(label);
            g.drawString(label, x + 8 + width > W - 4 ? x - 8 - width : x + 8, y - 6); // keep it inside the image
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static void curve(Graphics2D g, List<OperatingPoint> pts, Color c, String name, int legend) {
        g.setColor(c);
        g.setStroke(new BasicStroke(2f));
        Path2D path = new Path2D.Double();
        boolean first = true;
        for (OperatingPoint p : pts) {
            if (first) path.moveTo(x(p.apcer()), y(p.bpcer()));
            else path.lineTo(x(p.apcer()), y(p.bpcer()));
            first = false;
        }
        g.draw(path);
        g.drawLine(W - M - 170, M + 15 + 16 * legend, W - M - 150, M + 15 + 16 * legend);
        g.drawString(name, W - M - 145, M + 19 + 16 * legend);
        g.setStroke(new BasicStroke(1f));
    }

    private static int x(double rate) { return (int) Math.round(M + (W - 2 * M) * axis(rate)); }

    private static int y(double rate) { return (int) Math.round(H - M - (H - 2 * M) * axis(rate)); }

    /** Position 0..1 along a normal-deviate axis. */
    private static double axis(double rate) {
        double lo = probit(LO), hi = probit(HI);
        return (probit(Math.max(LO, Math.min(HI, rate))) - lo) / (hi - lo);
    }

    /** Inverse standard normal CDF (Acklam's rational approximation, relative error below 1.2e-9). */
    static double probit(double p) {
        double[] a = {-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.3577518672690, -30.66479806614716, 2.506628277459239};
        double[] b = {-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572};
        double[] c = {-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783};
        double[] d = {0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416};
        double q, r;
        if (p < 0.02425) {
            q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - 0.02425) return -probit(1 - p);
        q = p - 0.5;
        r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
