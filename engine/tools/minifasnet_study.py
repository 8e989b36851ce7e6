#!/usr/bin/python3
"""Leave-one-source-out figures of MiniFASNet on ../shared/data from MiniFasNetStudy's faces.csv.

    /usr/bin/python3 engine/tools/minifasnet_study.py /tmp/verilock-fas/faces.csv [OUT_DIR]

For each score variant (fused MiniFASNet on our box, on a box reshaped like the training detector's, the old
colour-LBP texture.live) and each source: the threshold is chosen on the OTHER sources only (the highest fused
probability at which every other genuine source with >= 20 faces keeps BPCER <= 5%, i.e. the lowest of their 5th
percentiles), then BPCER of the source's genuine faces and APCER of its attacks are measured at it. Faces that the
passive quality gate sends to a retake (face wider than RETAKE_WIDTH of the photo, |yaw| > 30, face under
RETAKE_PIXELS wide) are counted apart. Writes OUT_DIR/roc-<source>.png (ROC and DET per source, matplotlib).
"""
import collections
import csv
import sys

import numpy as np

RETAKE_WIDTH, RETAKE_YAW, RETAKE_PIXELS = 0.60, 30.0, 0.0
MIN_FACES = 20
ATTACKS = ("print", "replay")


def load(path):
    rows = [r for r in csv.DictReader(open(path)) if r["faces"] != "0"]
    for r in rows:
        for k in ("minifasnet", "wide", "wide_tall", "classical_live", "width_ratio", "yaw", "box_w"):
            r[k] = float(r[k])
        r["avg"] = (r["minifasnet"] + r["wide"]) / 2
        r["retake"] = r["width_ratio"] > RETAKE_WIDTH or abs(r["yaw"]) > RETAKE_YAW or r["box_w"] < RETAKE_PIXELS
    return rows


def threshold(genuine_by_group):
    """Highest t with BPCER <= 5% on each group: the lowest 5th percentile over the groups."""
    return min(np.percentile(v, 5) for v in genuine_by_group.values())


def main():
    rows = load(sys.argv[1])
    out = sys.argv[2] if len(sys.argv) > 2 else None
    groups = sorted({r["group"] for r in rows})
    for var in ("minifasnet", "wide", "avg", "classical_live"):
        print(f"\n== {var}")
        gen = collections.defaultdict(list)
        for r in rows:
            if r["label"] == "genuine" and not r["retake"]:
                gen[r["group"]].append(r[var])
        big = {g: np.array(v) for g, v in gen.items() if len(v) >= MIN_FACES}
        print(f"threshold on all sources: {threshold(big):.3f}")
        for g in groups:
            others = {k: v for k, v in big.items() if k != g}
            t = threshold(others)
            gs = [r for r in rows if r["group"] == g and r["label"] == "genuine"]
            at = [r for r in rows if r["group"] == g and r["label"] in ATTACKS]
            kept = [r for r in gs if not r["retake"]]
            rej = sum(r[var] < t for r in kept)
            acc = [r for r in at if r[var] >= t]
            print(f"{g:22s} t={t:.3f} genuine {len(gs):4d} (retake {len(gs) - len(kept):3d}) BPCER {rej}/{len(kept)} "
                  f"= {100 * rej / max(1, len(kept)):5.1f}%   attacks {len(at):4d} accepted {len(acc)}"
                  + ("" if not acc else " " + ", ".join(f"{a['file'].split('/')[-1]}={a[var]:.3f}" for a in acc)))
    if out:
        plots(rows, groups, out)


def plots(rows, groups, out):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from scipy.stats import norm  # noqa: F401 (python3-scipy) -- fallback below when absent
    attacks = np.array([r["minifasnet"] for r in rows if r["label"] in ATTACKS])
    attacks_old = np.array([r["classical_live"] for r in rows if r["label"] in ATTACKS])
    fig, axes = plt.subplots(1, 2, figsize=(12, 5.5))
    for g in groups:
        gen = np.array([r["minifasnet"] for r in rows if r["group"] == g and r["label"] == "genuine" and not r["retake"]])
        if len(gen) < MIN_FACES:
            continue
        ts = np.linspace(0, 1, 501)
        bpcer = np.array([(gen < t).mean() for t in ts])
        apcer = np.array([(attacks >= t).mean() for t in ts])
        axes[0].plot(apcer, 1 - bpcer, label=f"{g} (n={len(gen)})")
        axes[1].plot(np.clip(apcer, 1e-3, 1), np.clip(bpcer, 1e-3, 1), label=g)
    axes[0].set(xlabel="APCER (all print + replay)", ylabel="1 - BPCER", title="MiniFASNet fused: ROC per genuine source")
    axes[1].set(xscale="log", yscale="log", xlabel="APCER", ylabel="BPCER", title="DET per genuine source (log axes)")
    axes[0].legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(f"{out}/minifasnet-roc-det.png", dpi=90)
    print(f"wrote {out}/minifasnet-roc-det.png")


if __name__ == "__main__":
    main()
