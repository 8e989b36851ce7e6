package io.verilock.engine.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Minivision's two published MiniFASNet anti-spoofing networks (Silent-Face-Anti-Spoofing, Apache-2.0): the files
 * as published at a pinned commit, their sha256, and the context scale each was trained with. 80x80 BGR input in
 * raw 0-255 (NHWC here), output {@code logits} [3]; softmax class 1 is "real".
 */
public enum MiniFasNetModel implements ModelSpec {
    V2("minifasnet-v2", "2.7_80x80_MiniFASNetV2.pth", 1849453,
            "a5eb02e1843f19b5386b953cc4c9f011c3f985d0ee2bb9819eea9a142099bec0", 2.7),
    V1SE("minifasnet-v1se", "4_0_0_80x80_MiniFASNetV1SE.pth", 1856130,
            "84ee1d37d96894d5e82de5a57df044ef80a58be2b218b5ed7cdfd875ec2f5990", 4.0);

    /** The repository commit the files are pinned to (they were added in f679b7c). */
    public static final String COMMIT = "b6d5f04ad78778917853b25c778acef6d5626d15";
    /** Where a connected machine fetches them: {@code <base><file>}. */
    public static final String PUBLIC_BASE = "https://github.com/minivision-ai/Silent-Face-Anti-Spoofing/raw/"
            + COMMIT + "/resources/anti_spoof_models/";
    public static final int INPUT = 80;

    private final String modelName;
    private final String file;
    private final long bytes;
    private final String sha256;
    private final double scale;

    MiniFasNetModel(String modelName, String file, long bytes, String sha256, double scale) {
        this.modelName = modelName;
        this.file = file;
        this.bytes = bytes;
        this.sha256 = sha256;
        this.scale = scale;
    }

    @Override
    public String modelName() { return modelName; }

    @Override
    public int inputSize() { return INPUT; }

    @Override
    public int channels() { return 3; }

    @Override
    public List<String> outputNames() { return List.of("logits"); }

    /** The published file name. */
    public String file() { return file; }

    public long bytes() { return bytes; }

    public String sha256() { return sha256; }

    /** Context crop side over the face box (about the box centre), as trained. */
    public double scale() { return scale; }

    /** Converts the (verified) {@code .pth} file to a serialised ONNX model. */
    public byte[] toOnnx(Path pth) throws IOException {
        return MiniFasNetGraph.build(TorchStateDict.read(pth), modelName, INPUT,
                "minivision-ai/Silent-Face-Anti-Spoofing@" + COMMIT + " resources/anti_spoof_models/" + file + " (Apache-2.0)")
                .toByteArray();
    }
}
