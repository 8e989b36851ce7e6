package io.verilock.engine.face;

/**
 * Every constant face matching depends on: how the face is framed for the embedding model ({@link FaceEmbedder}),
 * and the one similarity threshold every caller uses (document portrait vs selfie, identity throughout a capture,
 * the CLI's {@code match}). The defaults and how they were chosen: docs/FACE_MATCH.md.
 *
 * @param cropScale crop side over the ArcFace framing (see {@link FaceEmbedder}); 1.3 takes in the forehead and
 *                  jaw, which the FaceRes model (trained on loose VGGFace2 crops) separates identities best with
 * @param mirrored  also embed the mirror image of the crop and sum the two descriptors (twice the model's time;
 *                  measured: equal error rate 11.2% -> 9.8% on the MEDS/portrait pairs)
 * @param threshold similarity (0..100) at and above which two faces are taken for the same person
 */
public record FaceMatchSettings(double cropScale, boolean mirrored, double threshold) {

    public FaceMatchSettings {
        if (!(cropScale > 0.5 && cropScale < 3)) throw new IllegalArgumentException("cropScale must be in (0.5, 3)");
        if (!(threshold >= 0 && threshold <= 100)) throw new IllegalArgumentException("threshold must be in 0..100");
    }

    public static FaceMatchSettings defaults() {
        return new FaceMatchSettings(1.3, true, 65);
    }

    public FaceMatchSettings withFraming(double scale, boolean mirror) {
        return new FaceMatchSettings(scale, mirror, threshold);
    }

    public FaceMatchSettings withThreshold(double t) {
        return new FaceMatchSettings(cropScale, mirrored, t);
    }

    /**
     * Similarity 0..100 of two embeddings: their cosine, clipped below at 0, times 100. FaceRes descriptors come out
     * of a ReLU and are never negative, so unrelated faces still score about 40 (docs/FACE_MATCH.md).
     */
    public double similarity(FaceEmbedding a, FaceEmbedding b) {
        return 100 * Math.max(0, a.cosine(b));
    }

    public FaceMatch match(FaceEmbedding a, FaceEmbedding b) {
        double s = similarity(a, b);
        return new FaceMatch(s, s >= threshold, threshold);
    }
}
