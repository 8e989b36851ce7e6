package io.verilock.cli;

import io.verilock.engine.face.FaceObservation;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.face.HeadPose;
import io.verilock.engine.face.Landmarks;
import io.verilock.engine.image.DecodedImage;
import io.verilock.engine.image.ImageDecoder;
import io.verilock.engine.image.ImageInputException;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Draws what the engine saw, so a person can check it by eye: box, landmarks, pose axes, key numbers. */
final class Annotator {
    private Annotator() {}

    static void write(Path image, FrameAnalysis analysis, Path dir) throws IOException {
        BufferedImage canvas;
        try (DecodedImage decoded = new ImageDecoder().read(image)) {
            canvas = decoded.toBufferedImage();
        } catch (ImageInputException e) {
            return; // already reported as the input's error
        }
        draw(canvas, analysis);
        String name = image.getFileName().toString().replaceFirst("\\.[^.]*$", "") + ".annotated.png";
        ImageIO.write(canvas, "png", dir.resolve(name).toFile());
    }

    static void draw(BufferedImage canvas, FrameAnalysis analysis) {
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        float unit = Math.max(1f, Math.max(canvas.getWidth(), canvas.getHeight()) / 640f);
        for (FaceObservation f : analysis.faces()) {
            g.setStroke(new BasicStroke(2 * unit));
            g.setColor(new Color(0, 200, 255));
            g.drawRect((int) f.box().x(), (int) f.box().y(), (int) f.box().width(), (int) f.box().height());
            g.setColor(new Color(120, 255, 120));
            Landmarks m = f.landmarks();
            int r = Math.max(1, Math.round(unit));
            for (int i = 0; i < m.size(); i++) g.fillOval((int) m.x(i) - r / 2, (int) m.y(i) - r / 2, r, r);
            drawAxes(g, f, unit);
            HeadPose p = f.pose();
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(12 * unit)));
            g.setColor(Color.YELLOW);
            String text = String.format(Locale.ROOT, "yaw %.0f pitch %.0f roll %.0f  eyes %.2f/%.2f  smile %.2f  live %.2f",
                    p.yaw(), p.pitch(), p.roll(), f.eyes().leftOpen(), f.eyes().rightOpen(), f.smile(), f.texture().live());
            g.drawString(text, (int) f.box().x(), (int) Math.max(14 * unit, f.box().y() - 4 * unit));
        }
        g.dispose();
    }

    /** The head's axes from the nose tip: red = subject's left, green = down, blue = facing direction. */
    private static void drawAxes(Graphics2D g, FaceObservation f, float unit) {
        double yaw = Math.toRadians(f.pose().yaw()), pitch = Math.toRadians(-f.pose().pitch()), roll = Math.toRadians(f.pose().roll());
        double[][] r = rotation(yaw, pitch, roll);
        double len = f.box().width() * 0.5;
        double ox = f.landmarks().x(1), oy = f.landmarks().y(1);
        Color[] colors = {Color.RED, Color.GREEN, Color.BLUE};
        double[][] axes = {{1, 0, 0}, {0, 1, 0}, {0, 0, -1}};
        g.setStroke(new BasicStroke(3 * unit));
        for (int a = 0; a < 3; a++) {
            double x = r[0][0] * axes[a][0] + r[0][1] * axes[a][1] + r[0][2] * axes[a][2];
            double y = r[1][0] * axes[a][0] + r[1][1] * axes[a][1] + r[1][2] * axes[a][2];
            g.setColor(colors[a]);
            g.drawLine((int) ox, (int) oy, (int) (ox + x * len), (int) (oy + y * len));
        }
    }

    /** R = Ry(yaw)·Rx(pitch)·Rz(roll), the engine's pose convention. */
    private static double[][] rotation(double yaw, double pitch, double roll) {
        double cy = Math.cos(yaw), sy = Math.sin(yaw), cx = Math.cos(pitch), sx = Math.sin(pitch), cz = Math.cos(roll), sz = Math.sin(roll);
        return new double[][] {
                {cy * cz + sy * sx * sz, -cy * sz + sy * sx * cz, sy * cx},
                {cx * sz, cx * cz, -sx},
                {-sy * cz + cy * sx * sz, sy * sz + cy * sx * cz, cy * cx}};
    }
}
