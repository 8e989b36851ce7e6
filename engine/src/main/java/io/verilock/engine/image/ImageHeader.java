package io.verilock.engine.image;

import com.drew.imaging.FileType;
import com.drew.imaging.FileTypeDetector;
import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.png.PngChunk;
import com.drew.imaging.png.PngChunkReader;
import com.drew.imaging.png.PngChunkType;
import com.drew.imaging.png.PngHeader;
import com.drew.lang.StreamReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.bmp.BmpHeaderDirectory;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.jpeg.JpegReader;
import com.drew.metadata.webp.WebpDirectory;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * What an encoded image's header says, read without decoding a pixel (metadata-extractor): its format, its size,
 * so that a decompression bomb is refused before any allocation, and its EXIF orientation (1 = upright).
 * <p>
 * The work is bounded by the file's size: a PNG's chunks are listed without inflating any (metadata-extractor's
 * full PNG reader inflates every zTXt, iTXt and iCCP chunk whole, 2 GB from a 2 MB file), and the compressed
 * metadata chunks are then inflated at most {@link #MAX_PNG_METADATA_BYTES} together, because the decoder would
 * inflate them next: past that the file is refused.
 */
record ImageHeader(FileType format, int width, int height, int orientation) {
    /** Inflated zTXt, iTXt and iCCP metadata a PNG may carry, together: 1 MiB (an ICC profile is a few KB). */
    static final int MAX_PNG_METADATA_BYTES = 1 << 20;
    private static final Set<PngChunkType> PNG_CHUNKS =
            Set.of(PngChunkType.IHDR, PngChunkType.zTXt, PngChunkType.iTXt, PngChunkType.iCCP);

    long pixels() {
        return (long) width * height;
    }

    boolean isJpeg() {
        return format == FileType.Jpeg;
    }

    static ImageHeader read(byte[] bytes) throws ImageInputException {
        try {
            FileType type = FileTypeDetector.detectFileType(new BufferedInputStream(new ByteArrayInputStream(bytes)));
            if (type == FileType.Png) return png(bytes);
            Metadata md = switch (type) {
                // Only the frame header and EXIF segments (each at most 64 KB): the camera frames take this way.
                case Jpeg -> JpegMetadataReader.readMetadata(new ByteArrayInputStream(bytes),
                        List.of(new JpegReader(), new ExifReader()));
                case Bmp, Tiff, WebP -> ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length, type);
                default -> throw new ImageInputException("not_an_image",
                        "not a supported image (JPEG, PNG, BMP, TIFF or WebP expected)");
            };
            int[] size = switch (type) {
                case Jpeg -> size(md, JpegDirectory.class, JpegDirectory.TAG_IMAGE_WIDTH, JpegDirectory.TAG_IMAGE_HEIGHT);
                case Bmp -> size(md, BmpHeaderDirectory.class, BmpHeaderDirectory.TAG_IMAGE_WIDTH, BmpHeaderDirectory.TAG_IMAGE_HEIGHT);
                case WebP -> size(md, WebpDirectory.class, WebpDirectory.TAG_IMAGE_WIDTH, WebpDirectory.TAG_IMAGE_HEIGHT);
                default -> size(md, ExifIFD0Directory.class, ExifIFD0Directory.TAG_IMAGE_WIDTH, ExifIFD0Directory.TAG_IMAGE_HEIGHT);
            };
            ExifIFD0Directory exif = md.getFirstDirectoryOfType(ExifIFD0Directory.class);
            Integer orientation = exif == null ? null : exif.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
            return new ImageHeader(type, size[0], size[1], orientation == null || orientation < 1 || orientation > 8 ? 1 : orientation);
        } catch (IOException | ImageProcessingException | MetadataException | RuntimeException e) {
            throw corrupt(e);
        }
    }

    /** IHDR's size, with the compressed metadata chunks inflated within the budget only. */
    private static ImageHeader png(byte[] bytes) throws ImageInputException {
        PngHeader ihdr = null;
        long budget = MAX_PNG_METADATA_BYTES;
        try {
            for (PngChunk chunk : new PngChunkReader().extract(new StreamReader(new ByteArrayInputStream(bytes)), PNG_CHUNKS)) {
                if (chunk.getType().equals(PngChunkType.IHDR)) {
                    ihdr = new PngHeader(chunk.getBytes());
                } else {
                    int at = compressedPayload(chunk);
                    if (at >= 0) budget -= inflatedSize(chunk.getBytes(), at, budget);
                    if (budget < 0) {
                        throw new ImageInputException("metadata_too_large", "the PNG's compressed metadata ("
                                + chunk.getType().getIdentifier() + ") inflates past the limit of " + MAX_PNG_METADATA_BYTES + " bytes");
                    }
                }
            }
        } catch (IOException | ImageProcessingException | RuntimeException e) {
            throw corrupt(e);
        }
        if (ihdr == null) throw new ImageInputException("corrupt", "the image header cannot be read: no IHDR chunk");
        return new ImageHeader(FileType.Png, ihdr.getImageWidth(), ihdr.getImageHeight(), 1);
    }

    /**
     * Where a chunk's zlib data starts, or -1 when it holds none: zTXt and iCCP are "name NUL method data"; iTXt is
     * "keyword NUL flag method language NUL translated NUL text", compressed only when its flag is 1.
     */
    private static int compressedPayload(PngChunk chunk) {
        byte[] b = chunk.getBytes();
        int nul = indexOfNul(b, 0);
        if (nul < 0) return -1;
        if (!chunk.getType().equals(PngChunkType.iTXt)) return nul + 2;
        if (nul + 1 >= b.length || b[nul + 1] != 1) return -1;
        int language = indexOfNul(b, nul + 3);
        int translated = language < 0 ? -1 : indexOfNul(b, language + 1);
        return translated < 0 ? -1 : translated + 1;
    }

    private static int indexOfNul(byte[] b, int from) {
        for (int i = from; i < b.length; i++) if (b[i] == 0) return i;
        return -1;
    }

    /** Bytes the zlib stream inflates to, counted up to {@code limit + 1} at most (the work stays bounded). */
    private static long inflatedSize(byte[] b, int offset, long limit) throws ImageInputException {
        if (offset >= b.length) return 0;
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(b, offset, b.length - offset);
            byte[] sink = new byte[64 * 1024];
            long total = 0;
            while (total <= limit && !inflater.finished()) {
                int n = inflater.inflate(sink);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
                total += n;
            }
            return total;
        } catch (DataFormatException e) {
            throw new ImageInputException("corrupt", "the PNG's compressed metadata is corrupt");
        } finally {
            inflater.end();
        }
    }

    private static ImageInputException corrupt(Exception e) {
        return new ImageInputException("corrupt", "the image header cannot be read: " + e.getMessage());
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
