package io.verilock.engine.image;

import com.drew.imaging.FileType;
import com.drew.imaging.FileTypeDetector;
import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.bmp.BmpHeaderDirectory;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.jpeg.JpegReader;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.webp.WebpDirectory;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/**
 * What an encoded image's header says, read without decoding a pixel (metadata-extractor): its format, its size,
 * so that a decompression bomb is refused before any allocation, and its EXIF orientation (1 = upright).
 */
record ImageHeader(FileType format, int width, int height, int orientation) {

    long pixels() {
        return (long) width * height;
    }

    boolean isJpeg() {
        return format == FileType.Jpeg;
    }

    static ImageHeader read(byte[] bytes) throws ImageInputException {
        try {
            FileType type = FileTypeDetector.detectFileType(new BufferedInputStream(new ByteArrayInputStream(bytes)));
            Metadata md = switch (type) {
                // Only the frame header and EXIF segments: the camera frames the service streams go this way.
                case Jpeg -> JpegMetadataReader.readMetadata(new ByteArrayInputStream(bytes),
                        List.of(new JpegReader(), new ExifReader()));
                case Png, Bmp, Tiff, WebP -> ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length, type);
                default -> throw new ImageInputException("not_an_image",
                        "not a supported image (JPEG, PNG, BMP, TIFF or WebP expected)");
            };
            int[] size = switch (type) {
                case Jpeg -> size(md, JpegDirectory.class, JpegDirectory.TAG_IMAGE_WIDTH, JpegDirectory.TAG_IMAGE_HEIGHT);
                case Png -> size(md, PngDirectory.class, PngDirectory.TAG_IMAGE_WIDTH, PngDirectory.TAG_IMAGE_HEIGHT);
                case Bmp -> size(md, BmpHeaderDirectory.class, BmpHeaderDirectory.TAG_IMAGE_WIDTH, BmpHeaderDirectory.TAG_IMAGE_HEIGHT);
                case WebP -> size(md, WebpDirectory.class, WebpDirectory.TAG_IMAGE_WIDTH, WebpDirectory.TAG_IMAGE_HEIGHT);
                default -> size(md, ExifIFD0Directory.class, ExifIFD0Directory.TAG_IMAGE_WIDTH, ExifIFD0Directory.TAG_IMAGE_HEIGHT);
            };
            ExifIFD0Directory exif = md.getFirstDirectoryOfType(ExifIFD0Directory.class);
            Integer orientation = exif == null ? null : exif.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
            return new ImageHeader(type, size[0], size[1], orientation == null ? 1 : orientation);
        } catch (IOException | ImageProcessingException | MetadataException | RuntimeException e) {
            throw new ImageInputException("corrupt", "the image header cannot be read: " + e.getMessage());
        }
    }

    private static <D extends Directory> int[] size(Metadata md, Class<D> kind, int widthTag, int heightTag)
            throws MetadataException {
        D d = md.getFirstDirectoryOfType(kind);
        if (d == null || !d.containsTag(widthTag) || !d.containsTag(heightTag)) {
            throw new MetadataException("no image size in the header");
        }
        // A BMP stored top-down gives a negative height.
        return new int[] {Math.abs(d.getInt(widthTag)), Math.abs(d.getInt(heightTag))};
    }
}
