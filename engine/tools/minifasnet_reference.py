#!/usr/bin/python3
"""Reference logits of the two MiniFASNet networks, computed by PyTorch, for MiniFasNetGoldenTest.

A developer tool, never a build dependency: it installs Debian's python3-torch, python3-numpy and python3-pil when
they are missing (as root), builds each network in PyTorch from the architecture of Minivision's
Silent-Face-Anti-Spoofing (src/model_lib/MiniFASNet.py, re-stated compactly below), loads the published .pth with
torch.load and load_state_dict(strict=True) (every key and shape must fit), and runs it on crops of the built-in
subject (NASA astronaut portrait, public domain) cut the way MiniFasNet crops: box scaled about its centre, shifted
inside the image, bilinear 80x80, BGR, raw 0-255.

    /usr/bin/python3 engine/tools/minifasnet_reference.py [WEIGHTS_DIR]     # default ../shared/models/minifasnet

Writes engine/src/test/resources/golden/minifasnet-*.{N.input,N.logits}.bin (float32 little-endian; inputs NHWC)
and minifasnet.json. Regenerate only when the crops or the models change.
"""
import json
import os
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ENGINE = HERE.parent
ROOT = ENGINE.parent
SUBJECT = ENGINE / "src/main/resources/io/verilock/engine/subjects/astronaut.png"
GOLDEN = ENGINE / "src/test/resources/golden"


def ensure_packages():
    try:
        import torch, numpy, PIL  # noqa: F401
    except ImportError:
        subprocess.check_call(["apt-get", "-o", "DPkg::Lock::Timeout=600", "install", "-y", "--no-install-recommends",
                               "python3-torch", "python3-numpy", "python3-pil"])


ensure_packages()
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
from PIL import Image  # noqa: E402

# Channel plans of MiniFASNet.py's keep_dict: '1.8M' (V1, V1SE) and '1.8M_' (V2).
KEEP = {
    "1.8M": [32, 32, 103, 103, 64, 13, 13, 64, 26, 26, 64, 13, 13, 64, 52, 52, 64, 231, 231, 128, 154, 154, 128, 52,
             52, 128, 26, 26, 128, 52, 52, 128, 26, 26, 128, 26, 26, 128, 308, 308, 128, 26, 26, 128, 26, 26, 128,
             512, 512],
    "1.8M_": [32, 32, 103, 103, 64, 13, 13, 64, 13, 13, 64, 13, 13, 64, 13, 13, 64, 231, 231, 128, 231, 231, 128, 52,
              52, 128, 26, 26, 128, 77, 77, 128, 26, 26, 128, 26, 26, 128, 308, 308, 128, 26, 26, 128, 26, 26, 128,
              512, 512],
}


class ConvBlock(nn.Module):
    def __init__(self, cin, cout, k=1, s=1, p=0, groups=1, prelu=True):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, s, p, groups=groups, bias=False)
        self.bn = nn.BatchNorm2d(cout)
        if prelu:
            self.prelu = nn.PReLU(cout)

    def forward(self, x):
        x = self.bn(self.conv(x))
        return self.prelu(x) if hasattr(self, "prelu") else x


class SE(nn.Module):
    def __init__(self, c, reduction=4):
        super().__init__()
        self.fc1 = nn.Conv2d(c, c // reduction, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(c // reduction)
        self.fc2 = nn.Conv2d(c // reduction, c, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(c)

    def forward(self, x):
        g = x.mean(dim=(2, 3), keepdim=True)
        g = torch.sigmoid(self.bn2(self.fc2(torch.relu(self.bn1(self.fc1(g))))))
        return x * g


class DepthWise(nn.Module):
    def __init__(self, c1, c2, c3, stride, residual, se=False):
        super().__init__()
        self.conv = ConvBlock(c1[0], c1[1])
        self.conv_dw = ConvBlock(c2[0], c2[1], 3, stride, 1, groups=c2[0])
        self.project = ConvBlock(c3[0], c3[1], prelu=False)
        self.residual = residual
        if se:
            self.se_module = SE(c3[1])

    def forward(self, x):
        y = self.project(self.conv_dw(self.conv(x)))
        if not self.residual:
            return y
        if hasattr(self, "se_module"):
            y = self.se_module(y)
        return x + y


class Stage(nn.Module):
    def __init__(self, keep, idx, se):
        super().__init__()
        blocks = []
        for n, i in enumerate(idx):
            blocks.append(DepthWise((keep[i], keep[i + 1]), (keep[i + 1], keep[i + 2]), (keep[i + 2], keep[i + 3]),
                                    1, True, se and n == len(idx) - 1))
        self.model = nn.Sequential(*blocks)

    def forward(self, x):
        return self.model(x)


class MiniFASNet(nn.Module):
    def __init__(self, keep, se, embedding=128, classes=3, conv6=5):
        super().__init__()
        k = keep
        self.conv1 = ConvBlock(3, k[0], 3, 2, 1)
        self.conv2_dw = ConvBlock(k[0], k[1], 3, 1, 1, groups=k[1])
        self.conv_23 = DepthWise((k[1], k[2]), (k[2], k[3]), (k[3], k[4]), 2, False)
        self.conv_3 = Stage(k, [4, 7, 10, 13], se)
        self.conv_34 = DepthWise((k[16], k[17]), (k[17], k[18]), (k[18], k[19]), 2, False)
        self.conv_4 = Stage(k, [19, 22, 25, 28, 31, 34], se)
        self.conv_45 = DepthWise((k[37], k[38]), (k[38], k[39]), (k[39], k[40]), 2, False)
        self.conv_5 = Stage(k, [40, 43], se)
        self.conv_6_sep = ConvBlock(k[46], k[47])
        self.conv_6_dw = ConvBlock(k[47], k[48], conv6, 1, 0, groups=k[48], prelu=False)
        self.linear = nn.Linear(512, embedding, bias=False)
        self.bn = nn.BatchNorm1d(embedding)
        self.prob = nn.Linear(embedding, classes, bias=False)

    def forward(self, x):
        for m in [self.conv1, self.conv2_dw, self.conv_23, self.conv_3, self.conv_34, self.conv_4, self.conv_45,
                  self.conv_5, self.conv_6_sep, self.conv_6_dw]:
            x = m(x)
        return self.prob(self.bn(self.linear(x.flatten(1))))


MODELS = [("minifasnet-v2", "2.7_80x80_MiniFASNetV2.pth", "1.8M_", False, 2.7),
          ("minifasnet-v1se", "4_0_0_80x80_MiniFASNetV1SE.pth", "1.8M", True, 4.0)]
# Face boxes (x, y, w, h) on the 512x512 portrait: the face as a detector would box it, one shifted and smaller
# (so the crop meets the border and shifts), one large (the scale is reduced to fit), and a mirrored image.
BOXES = [(165, 60, 130, 150, False), (110, 20, 95, 110, False), (120, 40, 230, 250, False), (165, 60, 130, 150, True)]


def crop_box(src_w, src_h, box, scale):
    """Silent-Face-Anti-Spoofing's CropImage._get_new_box (inference), as MiniFasNet.cropBox implements it."""
    x, y, bw, bh = box
    scale = min((src_h - 1) / bh, min((src_w - 1) / bw, scale))
    nw, nh = bw * scale, bh * scale
    cx, cy = bw / 2 + x, bh / 2 + y
    l, t, r, b = cx - nw / 2, cy - nh / 2, cx + nw / 2, cy + nh / 2
    if l < 0:
        r -= l
        l = 0
    if t < 0:
        b -= t
        t = 0
    if r > src_w - 1:
        l -= r - src_w + 1
        r = src_w - 1
    if b > src_h - 1:
        t -= b - src_h + 1
        b = src_h - 1
    return int(l), int(t), int(r), int(b)


def main():
    weights = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/models/minifasnet"
    img = Image.open(SUBJECT).convert("RGB")
    manifest = {"models": {}}
    for name, file, keep, se, scale in MODELS:
        net = MiniFASNet(KEEP[keep], se)
        state = torch.load(weights / file, map_location="cpu")
        net.load_state_dict({k[7:] if k.startswith("module.") else k: v for k, v in state.items()}, strict=True)
        net.eval()
        cases = []
        for n, (x, y, w, h, mirror) in enumerate(BOXES):
            src = img.transpose(Image.FLIP_LEFT_RIGHT) if mirror else img
            l, t, r, b = crop_box(src.width, src.height, (x, y, w, h), scale)
            patch = np.asarray(src.crop((l, t, r + 1, b + 1)).resize((80, 80), Image.BILINEAR), dtype=np.float32)
            bgr = patch[..., ::-1].copy()  # NHWC, BGR, raw 0-255
            with torch.no_grad():
                logits = net(torch.from_numpy(bgr.transpose(2, 0, 1)[None].copy())).numpy()[0]
            stem = f"{name}.{n}"
            bgr.astype("<f4").tofile(GOLDEN / f"{stem}.input.bin")
            logits.astype("<f4").tofile(GOLDEN / f"{stem}.logits.bin")
            real = float(np.exp(logits[1]) / np.exp(logits).sum())
            cases.append({"input": f"{stem}.input.bin", "logits": f"{stem}.logits.bin", "box": [x, y, w, h],
                          "mirrored": mirror, "crop": [l, t, r, b], "real": round(real, 6)})
            print(f"{stem}: crop {l},{t}-{r},{b} logits {np.round(logits, 5).tolist()} real {real:.4f}")
        manifest["models"][name] = {"file": file, "torch": torch.__version__, "cases": cases}
    (GOLDEN / "minifasnet.json").write_text(json.dumps(manifest, indent=1) + "\n")


if __name__ == "__main__":
    main()
