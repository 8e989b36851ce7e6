package io.verilock.engine.image;

import nu.pattern.OpenCV;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;

/**
 * Decodes JPEG, PNG, BMP, TIFF and WebP files with OpenCV (which applies EXIF orientation), or JPEGs with the
 * system's libjpeg-turbo when installed ({@link TurboJpeg}), after checking size limits from the header alone
 * ({@link ImageHeader}) so that a decompression bomb is refused before any pixel is allocated.
 * <p>
 * A JPEG is refused as truncated when libjpeg says its data ran out before the last row, which an end marker
 * appended to a cut file does not hide; data after a complete image (a phone's motion-photo trailer) is accepted.
 */
public final class ImageDecoder {
    /** Largest accepted file: 25 MiB. */
    public static final long MAX_BYTES = 25L * 1024 * 1024;
    /** Largest accepted image: 40 megapixels (a 12 MP phone photo is well inside). */
    public static final long MAX_PIXELS = 40_000_000L;
    /**
     * Longest accepted side: 16,384 px. OpenCV's resampling (the detectors' letterbox) asserts sides below 32,767,
     * and no camera frame comes near this.
     */
    public static final int MAX_SIDE = 16_384;

    static {
        OpenCV.loadLocally();
    }

    private final long maxBytes;
    private final long maxPixels;

    public ImageDecoder() {
        this(MAX_BYTES, MAX_PIXELS);
    }

    public ImageDecoder(long maxBytes, long maxPixels) {
        this.maxBytes = maxBytes;
        this.maxPixels = maxPixels;
    }

    public DecodedImage read(Path file) throws ImageInputException {
        if (Files.isDirectory(file)) throw new ImageInputException("is_directory", file + " is a directory, not an image");
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ImageInputException("not_found", file + " does not exist");
        } catch (IOException e) {
            throw new ImageInputException("unreadable", "cannot read " + file + ": " + e.getMessage());
        }
        if (size > maxBytes) throw tooLarge(size);
        try {
            return decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ImageInputException("unreadable", "cannot read " + file + ": " + e.getMessage());
        }
    }

    public DecodedImage decode(byte[] bytes) throws ImageInputException {
        if (bytes.length == 0) throw new ImageInputException("empty", "the file is empty (0 bytes)");
        if (bytes.length > maxBytes) throw tooLarge(bytes.length);
        ImageHeader header = ImageHeader.read(bytes);
        if (header.width() <= 0 || header.height() <= 0) {
            throw new ImageInputException("corrupt", "the image header gives a size of " + header.width() + " x " + header.height());
        }
        if (header.width() > MAX_SIDE || header.height() > MAX_SIDE) {
            throw new ImageInputException("too_large", "image is " + header.width() + " x " + header.height()
                    + " pixels; the longest side accepted is " + MAX_SIDE);
        }
        if (header.pixels() > maxPixels) {
            throw new ImageInputException("too_large",
                    "image has " + header.pixels() + " pixels; the limit is " + maxPixels + " (" + maxPixels / 1_000_000 + " megapixels)");
        }
        Mat mat = header.isJpeg() ? jpeg(bytes, header.orientation()) : openCv(bytes);
        if (mat.empty()) {
            mat.release();
            throw new ImageInputException("corrupt", "the image data is corrupt or truncated and cannot be decoded");
        }
        return new DecodedImage(mat);
    }

    /**
     * The faster system decoder when there is one (it reports truncation itself), with EXIF orientation applied as
     * OpenCV does; otherwise ImageIO checks the data is complete (libjpeg fills a cut image with grey and only
     * warns: a partial face must not be analysed as whole) and OpenCV decodes.
     */
    private static Mat jpeg(byte[] bytes, int orientation) throws ImageInputException {
        Optional<Mat> turbo = TurboJpeg.decode(bytes);
        if (turbo.isPresent()) return oriented(turbo.get(), orientation);
        requireCompleteJpeg(bytes);
        return openCv(bytes);
    }

    /** EXIF orientation 2-8 applied in place, exactly as OpenCV's imdecode does. */
    private static Mat oriented(Mat m, int orientation) {
        if (orientation >= 5) Core.transpose(m, m);
        switch (orientation) {
            case 2, 6 -> Core.flip(m, m, 1);
            case 3, 7 -> Core.flip(m, m, -1);
            case 4, 8 -> Core.flip(m, m, 0);
            default -> { }
        }
        return m;
    }

    /** Decodes with ImageIO at 1/8 scale only to hear libjpeg's warnings; a file ImageIO cannot read is left to OpenCV. */
    static void requireCompleteJpeg(byte[] bytes) throws ImageInputException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) return;
        ImageReader reader = readers.next();
        boolean[] cut = {false};
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in);
            reader.addIIOReadWarningListener((source, warning) -> cut[0] |= isTruncationWarning(warning));
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(8, 8, 0, 0);
            reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            return; // e.g. CMYK, which ImageIO does not read
        } finally {
            reader.dispose();
        }
        if (cut[0]) throw truncated();
    }

    /** libjpeg's JWRN_JPEG_EOF ("Premature end of JPEG file") and JWRN_HIT_MARKER ("premature end of data segment"). */
    static boolean isTruncationWarning(String message) {
        return message != null && message.toLowerCase(Locale.ROOT).contains("premature end");
    }

    static ImageInputException truncated() {
        return new ImageInputException("truncated", "the JPEG data is truncated (it ends before the last row of the image)");
    }

    private static Mat openCv(byte[] bytes) {
        return Imgcodecs.imdecode(new MatOfByte(bytes), Imgcodecs.IMREAD_COLOR);
    }

    private ImageInputException tooLarge(long size) {
        return new ImageInputException("too_large", "file is " + size + " bytes; the limit is " + maxBytes + " bytes");
    }
}
