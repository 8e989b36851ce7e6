/**
 * Synthetic subjects and attack fixtures: a photographed face rendered as a textured 3-D mesh performing challenges,
 * with per-frame ground truth, and the print, replay, still, cut-out and mask attacks made from it.
 *
 * <pre>{@code
 * try (FaceAnalyzer analyzer = FaceAnalyzers.open(1);
 *      Subject3d subject = Subject3d.from(photoBytes, analyzer, 640, 480)) {
 *     Simulator sim = new Simulator(subject);
 *     try (SequenceWriter out = new SequenceWriter(dir, 640, 480, 15, true, 0)) {       // frames, video.y4m
 *         Timeline.Script s = sim.run(List.of(Challenge.HEAD_LEFT, Challenge.BLINK), 15, Attack.NONE, seed, out);
 *         out.finish(s, actions, Attack.NONE, seed);                                      // truth.json
 *     }
 *     // or consume frames directly: sim.run(..., (bgr, truth) -> { ...; return true; })
 * }
 * }</pre>
 *
 * <p>A rendered subject is an animated photo: on a production deployment it is an attack ({@link
 * io.verilock.engine.simulate.EvalSet} labels it {@code animated_photo}). Use it for integration tests against
 * sandbox organisations, never as evidence that liveness works.
 */
package io.verilock.engine.simulate;
