package io.verilock.engine.liveness;

import io.verilock.engine.image.PixelFingerprint;

import java.util.ArrayList;
import java.util.List;

/**
 * The fingerprints of a capture's frames so far, for recognising a frame that repeats any earlier one (a frozen feed
 * repeats the previous frame, a looped one an older one). Per session; bounded to {@link #CAPACITY} frames (two
 * minutes at 10 fps, 1.2 MB of 1,024-byte fingerprints), beyond which the oldest are forgotten. Comparing a frame with
 * all earlier ones costs about a microsecond per stored frame.
 */
final class FrameRepeats {
    static final int CAPACITY = 1200;

    private final List<PixelFingerprint> seen = new ArrayList<>();

    /** Whether {@code f} is within {@code maxDistance} of an earlier frame; records it either way. */
    boolean seen(PixelFingerprint f, double maxDistance) {
        boolean repeat = false;
        for (int i = seen.size() - 1; i >= 0 && !repeat; i--) repeat = seen.get(i).distance(f) <= maxDistance;
        if (seen.size() == CAPACITY) seen.remove(0);
        seen.add(f);
        return repeat;
    }
}
