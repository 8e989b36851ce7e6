package io.verilock.engine.image;

import nu.pattern.OpenCV;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Decodes JPEG, PNG, BMP, TIFF and WebP files with OpenCV (which applies EXIF orientation), or upright JPEGs with the
 * system's libjpeg-turbo when installed ({@link TurboJpeg}), after checking size limits from the header alone
 * ({@link ImageHeader}) so that a decompression bomb is refused before any pixel is allocated.
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
        ImageHeader header = ImageHeader.read(bytes);
        if (header.pixels() > maxPixels) {
            throw new ImageInputException("too_large",
                    "image has " + header.pixels() + " pixels; the limit is " + maxPixels + " (" + maxPixels / 1_000_000 + " megapixels)");
        }
        if (header.isJpeg() && !hasJpegEnd(bytes)) {
            // libjpeg fills a truncated JPEG with grey and only warns; a partial face must not be analysed as whole.
            throw new ImageInputException("truncated", "the JPEG data is truncated (no end-of-image marker)");
        }
        // Camera frames (upright JPEGs) take the faster system decoder when there is one; OpenCV applies EXIF
        // orientation for the rest.
        Mat mat = header.isJpeg() && header.orientation() == 1
                ? TurboJpeg.decode(bytes).orElseGet(() -> openCv(bytes))
                : openCv(bytes);
        if (mat.empty()) {
            mat.release();
            throw new ImageInputException("corrupt", "the image data is corrupt or truncated and cannot be decoded");
        }
        return new DecodedImage(mat);
    }

    private static Mat openCv(byte[] bytes) {
        return Imgcodecs.imdecode(new MatOfByte(bytes), Imgcodecs.IMREAD_COLOR);
    }

    private ImageInputException tooLarge(long size) {
        return new ImageInputException("too_large", "file is " + size + " bytes; the limit is " + maxBytes + " bytes");
    }

    /** True when an EOI marker (FF D9) sits at the end, allowing for padding some encoders append. */
    private static boolean hasJpegEnd(byte[] b) {
        for (int i = b.length - 2, stop = Math.max(0, b.length - 4096); i >= stop; i--) {
            if ((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) == 0xd9) return true;
        }
        return false;
    }
}
