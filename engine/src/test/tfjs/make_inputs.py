#!/usr/bin/env python3
"""Writes the golden-test input tensors: crops of the built-in subject (NASA astronaut portrait, public domain,
via scikit-image), resized bilinearly and scaled the way the human library feeds each model.

Run with Debian's python3 (python3-pil, python3-numpy):  /usr/bin/python3 make_inputs.py
Then run reference.mjs to add the TF.js outputs.
"""
import json
import pathlib

import numpy as np
from PIL import Image

HERE = pathlib.Path(__file__).resolve().parent
ENGINE = HERE.parents[2]
SUBJECT = ENGINE / "src/main/resources/io/verilock/engine/subjects/astronaut.png"
GOLDEN = ENGINE / "src/test/resources/golden"

FACE = (127, 17, 317, 207)      # square face crop (x0, y0, x1, y1) in the 512x512 portrait
FACE_WIDE = (107, 2, 337, 232)  # looser crop, as a tracker's box would drift
EYE_L = (180, 76, 228, 124)     # eye crops, each about 2.3x the eye's width as human crops them
EYE_R = (223, 76, 271, 124)


def crop(box, size):
    img = Image.open(SUBJECT).convert("RGB")
    return np.asarray(img.crop(box).resize((size, size), Image.BILINEAR), dtype=np.float32)


def rgb01(box, size):
    return crop(box, size) / 255.0


def rgb255(box, size):
    return crop(box, size)


def rgb_pm1(box, size):
    return crop(box, size) / 127.5 - 1.0


def grey_pm1(box, size):
    x = crop(box, size) / 255.0
    g = 0.2989 * x[..., 0] + 0.5870 * x[..., 1] + 0.1140 * x[..., 2]
    return ((g - 0.5) * 2.0)[..., None]


# model -> (inputs, TF.js output nodes in FaceModel's order)
MODELS = {
    "blazeface-front": ([rgb_pm1((0, 0, 512, 512), 128), rgb_pm1((64, 0, 448, 384), 128)],
                        ["Identity", "Identity_2", "Identity_1", "Identity_3"]),
    "facemesh-detection-short": ([rgb_pm1((0, 0, 512, 512), 128), rgb_pm1((64, 0, 448, 384), 128)], ["Identity"]),
    # second case: the portrait shrunk into black padding (PIL fills outside the image), a small face as in a
    # letterboxed frame, the case the full-range detector is there for
    "facemesh-detection-full": ([rgb_pm1((0, 0, 512, 512), 192), rgb_pm1((-384, -256, 896, 1024), 192)], ["Identity"]),
    "facemesh": ([rgb01(FACE, 192), rgb01(FACE_WIDE, 192)], ["Identity_2", "Identity_1", "Identity"]),
    "iris": ([rgb01(EYE_L, 64), rgb01(EYE_R, 64)], ["Identity"]),
    "emotion": ([grey_pm1(FACE, 64), grey_pm1(FACE_WIDE, 64)], ["Identity"]),
    "antispoof": ([rgb01(FACE, 128), rgb01(FACE_WIDE, 128)], ["Identity"]),
    "liveness": ([rgb01(FACE, 32), rgb01(FACE_WIDE, 32)], ["Identity"]),
    # one case: a 224-px input is 600 KB
    "faceres": ([rgb255(FACE_WIDE, 224)], ["age_pred/Softmax", "gender_pred/Sigmoid", "global_pooling/Mean"]),
}


def main():
    GOLDEN.mkdir(parents=True, exist_ok=True)
    manifest = []
    for name, (inputs, outputs) in MODELS.items():
        cases = []
        for k, x in enumerate(inputs):
            f = f"{name}.{k}.input.bin"
            x.astype("<f4")[None].tofile(GOLDEN / f)
            cases.append({"input": f, "shape": [1, *x.shape]})
        manifest.append({"model": name, "tfOutputs": outputs, "cases": cases})
    (GOLDEN / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")


if __name__ == "__main__":
    main()
