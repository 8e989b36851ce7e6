package io.verilock.engine.face;

/**
 * Every constant the face analysis depends on, with the defaults the project measured (README, "Face analysis").
 *
 * @param threads              intra-op threads per model (1 = single-threaded; 0 = ONNX Runtime's default)
 * @param maxFaces             faces analysed per frame, largest first
 * @param minDetectorScore     detector confidence below which a candidate is dropped
 * @param minMeshConfidence    face-mesh confidence below which a detection is not a face
 * @param cropScale            mesh crop side over the detector box's longer side
 * @param refineWithMesh       run the mesh a second time on a crop placed from the first mesh (tighter, level)
 * @param eyeClosedRatio       eye aspect ratio read as fully closed (openness 0)
 * @param eyeOpenRatio         eye aspect ratio read as normally open (openness 1)
 * @param smile                smile meter calibration
 * @param pitchOffsetDegrees   subtracted from raw mesh pitch so a level gaze reads 0
 * @param minFaceWidthRatio    faces narrower than this share of the frame are flagged too small
 * @param minFaceWidthPixels   ... or narrower than this many pixels
 * @param maxFaceWidthRatio    faces wider than this share of the frame are flagged too large
 * @param minSharpness         Laplacian variance of the 128-px face below which it is flagged blurred
 * @param minBrightness        mean face luma below which it is flagged too dark
 * @param maxBrightness        mean face luma above which it is flagged too bright
 * @param fullRange            when the full-range detector (small, distant faces) runs: {@link FullRange}
 * @param detectEvery          in a video, the detectors run on every this-many frames while every face is followed
 *                             from the previous frame's landmarks (as MediaPipe does); 1 = on every frame
 */
public record AnalyzerSettings(
        int threads,
        int maxFaces,
        double minDetectorScore,
        double minMeshConfidence,
        double cropScale,
        boolean refineWithMesh,
        double eyeClosedRatio,
        double eyeOpenRatio,
        SmileMeter smile,
        double pitchOffsetDegrees,
        double minFaceWidthRatio,
        double minFaceWidthPixels,
        double maxFaceWidthRatio,
        double minSharpness,
        double minBrightness,
        double maxBrightness,
        FullRange fullRange,
        int detectEvery) {

    /** When the full-range detector runs besides the short-range one. */
    public enum FullRange {
        /** Never (the full-range model is not even loaded). */
        OFF,
        /** Only on frames where the short-range detector and tracking found no face (default: keeps the cost). */
        FALLBACK,
        /**
         * On every frame, also finding small faces beside large ones; the full-range model takes about twice the
         * short-range one's time (9 vs 4 ms single-threaded), so detection costs about three times as much.
         */
        ALWAYS
    }

    public static AnalyzerSettings defaults() {
        return new AnalyzerSettings(1, 4, 0.5, 0.5, 1.5, true, 0.06, 0.26,
                SmileMeter.defaults(), 0.0, 0.10, 60, 0.85, 15, 40, 220, FullRange.FALLBACK, 5);
    }

    public AnalyzerSettings withThreads(int n) {
        return new AnalyzerSettings(n, maxFaces, minDetectorScore, minMeshConfidence, cropScale, refineWithMesh,
                eyeClosedRatio, eyeOpenRatio, smile, pitchOffsetDegrees, minFaceWidthRatio, minFaceWidthPixels,
                maxFaceWidthRatio, minSharpness, minBrightness, maxBrightness, fullRange, detectEvery);
    }

    public AnalyzerSettings withFullRange(FullRange mode) {
        return new AnalyzerSettings(threads, maxFaces, minDetectorScore, minMeshConfidence, cropScale, refineWithMesh,
                eyeClosedRatio, eyeOpenRatio, smile, pitchOffsetDegrees, minFaceWidthRatio, minFaceWidthPixels,
                maxFaceWidthRatio, minSharpness, minBrightness, maxBrightness, mode, detectEvery);
    }

    public AnalyzerSettings withDetectEvery(int frames) {
        if (frames < 1) throw new IllegalArgumentException("detectEvery must be at least 1, got " + frames);
        return new AnalyzerSettings(threads, maxFaces, minDetectorScore, minMeshConfidence, cropScale, refineWithMesh,
                eyeClosedRatio, eyeOpenRatio, smile, pitchOffsetDegrees, minFaceWidthRatio, minFaceWidthPixels,
                maxFaceWidthRatio, minSharpness, minBrightness, maxBrightness, fullRange, frames);
    }
}
