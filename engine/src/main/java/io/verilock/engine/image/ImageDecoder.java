package io.verilock.engine.image;

import nu.pattern.OpenCV;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Decodes JPEG, PNG, BMP, GIF and TIFF files with OpenCV (which applies EXIF orientation), after checking size limits
 * from the header alone so that a decompression bomb is refused before any pixel is allocated.
 */
public final class ImageDecoder {
    /** Largest accepted file: 25 MiB. */
    public static final long MAX_BYTES = 25L * 1024 * 1024;
    /** Largest accepted image: 40 megapixels (a 12 MP phone photo is well inside). */
    public static final long MAX_PIXELS = 40_000_000L;

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
        long pixels = headerPixels(bytes);
        if (pixels > maxPixels) {
            throw new ImageInputException("too_large",
                    "image has " + pixels + " pixels; the limit is " + maxPixels + " (" + maxPixels / 1_000_000 + " megapixels)");
        }
        if (isJpeg(bytes) && !hasJpegEnd(bytes)) {
            // libjpeg fills a truncated JPEG with grey and only warns; a partial face must not be analysed as whole.
            throw new ImageInputException("truncated", "the JPEG data is truncated (no end-of-image marker)");
        }
        Mat mat = Imgcodecs.imdecode(new MatOfByte(bytes), Imgcodecs.IMREAD_COLOR);
        if (mat.empty()) {
            mat.release();
            throw new ImageInputException("corrupt", "the image data is corrupt or truncated and cannot be decoded");
        }
        return new DecodedImage(mat);
    }

    private ImageInputException tooLarge(long size) {
        return new ImageInputException("too_large", "file is " + size + " bytes; the limit is " + maxBytes + " bytes");
    }

    /** Reads width × height from the header only; refuses what no image reader recognises. */
    private static long headerPixels(byte[] bytes) throws ImageInputException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageInputException("not_an_image", "not a supported image (JPEG, PNG, BMP, GIF or TIFF expected)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return (long) reader.getWidth(0) * reader.getHeight(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new ImageInputException("corrupt", "the image header cannot be read: " + e.getMessage());
        }
    }

    private static boolean isJpeg(byte[] b) {
        return b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8;
    }

    /** True when an EOI marker (FF D9) sits at the end, allowing for padding some encoders append. */
    private static boolean hasJpegEnd(byte[] b) {
        for (int i = b.length - 2, stop = Math.max(0, b.length - 4096); i >= stop; i--) {
            if ((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) == 0xd9) return true;
        }
        return false;
    }
}
