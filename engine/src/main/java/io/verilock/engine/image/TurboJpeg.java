package io.verilock.engine.image;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import java.util.Optional;

/**
 * JPEG decoding with the system's libjpeg-turbo through its TurboJPEG API (Debian: {@code libturbojpeg0}), when
 * installed. OpenCV's bundled libjpeg-turbo is built without SIMD: measured here, a 640×480 camera frame takes 3.8 ms
 * there and 1.9 ms with the system library. Same library, same default (islow) transform and fancy upsampling, so
 * the pixels match OpenCV's (checked by a test). It also says what OpenCV keeps to itself: libjpeg's warnings, among
 * them that the compressed data ran out before the last row (a truncated file, even with an end marker appended).
 * Anything it cannot do (CMYK, an error) is left to OpenCV.
 */
final class TurboJpeg {
    private static final int TJPF_BGR = 1;
    private static final int TJERR_WARNING = 0;

    /** The TurboJPEG 2.x functions used here. */
    interface Api extends Library {
        Pointer tjInitDecompress();

        int tjDecompressHeader3(Pointer handle, byte[] jpeg, NativeLong size, int[] width, int[] height,
                                int[] subsampling, int[] colorspace);

        int tjDecompress2(Pointer handle, byte[] jpeg, NativeLong size, Pointer dst, int width, int pitch, int height,
                          int pixelFormat, int flags);

        int tjGetErrorCode(Pointer handle);

        String tjGetErrorStr2(Pointer handle);

        int tjDestroy(Pointer handle);
    }

    private static final Api API = load();

    private TurboJpeg() {}

    private static Api load() {
        if (Boolean.getBoolean("verilock.turbojpeg.off")) return null;
        try {
            return Native.load("turbojpeg", Api.class);
        } catch (UnsatisfiedLinkError e) {
            return null; // not installed: OpenCV decodes everything
        }
    }

    static boolean available() {
        return API != null;
    }

    /**
     * The decoded BGR image (stored orientation), or empty when the system library is absent or declines this file.
     * Throws "truncated" when libjpeg reports that the data ended before the image did.
     */
    static Optional<Mat> decode(byte[] jpeg) throws ImageInputException {
        if (API == null) return Optional.empty();
        Pointer handle = API.tjInitDecompress();
        if (handle == null) return Optional.empty();
        try {
            NativeLong size = new NativeLong(jpeg.length);
            int[] w = new int[1], h = new int[1], sub = new int[1], cs = new int[1];
            if (API.tjDecompressHeader3(handle, jpeg, size, w, h, sub, cs) != 0) return Optional.empty();
            Mat out = new Mat(h[0], w[0], CvType.CV_8UC3);
            // Straight into the Mat's own pixel memory: no copy.
            int rc = API.tjDecompress2(handle, jpeg, size, new Pointer(out.dataAddr()), w[0], (int) out.step1(), h[0], TJPF_BGR, 0);
            if (rc != 0) {
                boolean warning = API.tjGetErrorCode(handle) == TJERR_WARNING;
                String message = API.tjGetErrorStr2(handle);
                if (warning && !ImageDecoder.isTruncationWarning(message)) return Optional.of(out); // e.g. padding before a marker
                out.release();
                if (warning) throw ImageDecoder.truncated();
                return Optional.empty();
            }
            return Optional.of(out);
        } finally {
            API.tjDestroy(handle);
        }
    }
}
