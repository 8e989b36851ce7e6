package io.verilock.engine.simulate;

import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.nio.file.Path;
import java.util.List;

/** A grid of frames with captions, written as PNG: for looking at what was rendered. */
public final class ContactSheet {
    private ContactSheet() {}

    /**
     * @param frames   BGR frames of one size
     * @param captions one per frame (may be shorter)
     * @param columns  tiles per row
     * @param tileWidth width of each tile in pixels (height keeps the aspect)
     */
    public static void write(List<Mat> frames, List<String> captions, int columns, int tileWidth, Path png) {
        if (frames.isEmpty()) throw new IllegalArgumentException("no frames for the contact sheet");
        Mat first = frames.get(0);
        int tileHeight = (int) Math.round(tileWidth * first.rows() / (double) first.cols());
        int rows = (frames.size() + columns - 1) / columns;
        Mat sheet = new Mat(rows * tileHeight, columns * tileWidth, first.type(), new Scalar(32, 32, 32));
        for (int i = 0; i < frames.size(); i++) {
            Mat tile = new Mat();
            Imgproc.resize(frames.get(i), tile, new Size(tileWidth, tileHeight), 0, 0, Imgproc.INTER_AREA);
            int r = i / columns, c = i % columns;
            if (i < captions.size()) {
                Point at = new Point(4, tileHeight - 6);
                Imgproc.putText(tile, captions.get(i), at, Imgproc.FONT_HERSHEY_SIMPLEX, 0.4, new Scalar(0, 0, 0), 3, Imgproc.LINE_AA);
                Imgproc.putText(tile, captions.get(i), at, Imgproc.FONT_HERSHEY_SIMPLEX, 0.4, new Scalar(255, 255, 255), 1, Imgproc.LINE_AA);
            }
            tile.copyTo(sheet.submat(r * tileHeight, (r + 1) * tileHeight, c * tileWidth, (c + 1) * tileWidth));
            tile.release();
        }
        if (!Imgcodecs.imwrite(png.toString(), sheet)) throw new IllegalStateException("cannot write " + png);
        sheet.release();
    }
}
