package io.verilock.engine.face;

/**
 * The outcome of comparing two faces.
 *
 * @param similarity 0..100 (see {@link FaceMatchSettings#similarity})
 * @param samePerson whether {@code similarity} reaches {@code threshold}
 * @param threshold  the similarity at and above which two faces are taken for the same person
 */
public record FaceMatch(double similarity, boolean samePerson, double threshold) { }
