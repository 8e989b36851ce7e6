#!/usr/bin/python3
"""Leave-one-source-out figures of MiniFASNet on ../shared/data from MiniFasNetStudy's faces.csv.

    /usr/bin/python3 engine/tools/minifasnet_study.py /tmp/verilock-fas/faces.csv [OUT_DIR]

For each score variant (fused MiniFASNet on our box, on a box reshaped like the training detector's, the old
colour-LBP texture.live) and each source: the threshold is chosen on the OTHER sources only (the highest fused
probability at which every other genuine source with >= 20 faces keeps BPCER <= 5%, i.e. the lowest of their 5th
percentiles), then BPCER of the source's genuine faces and APCER of its attacks are measured at it. Faces that the
passive quality gate sends to a retake (any capture quality flag, face wider than RETAKE_WIDTH of the photo,
|yaw| > 30) are counted apart. "avg" is what the engine ships (MiniFasNet.score: our box and the widened box
averaged); zubair replay frames 24 and 26 are left out (the live man beside the phone is the largest face). Writes OUT_DIR/roc-<source>.png (ROC and DET per source, matplotlib).
"""
import collections
import csv
import sys

import numpy as np

RETAKE_WIDTH, RETAKE_YAW = 0.60, 30.0
MIN_FACES = 20
ATTACKS = ("print", "replay")


def load(path):
    rows = [r for r in csv.DictReader(open(path)) if r["faces"] != "0"
            and not ("zubair/fake_frames/" in r["file"] and r["file"].endswith(("00024.jpg", "00026.jpg")))]
    for r in rows:
        for k in ("minifasnet", "wide", "wide_tall", "classical_live", "width_ratio", "yaw", "box_w"):
            r[k] = float(r[k])
        # texture.live as shipped: both box shapes averaged, 0 under the classical spoof_confident veto
        r["avg"] = 0.0 if r["spoof_confident"] == "1" else (r["minifasnet"] + r["wide"]) / 2
        flags = [f for f in r["flags"].split("|") if f]
        r["retake"] = bool(flags) or r["width_ratio"] > RETAKE_WIDTH or abs(r["yaw"]) > RETAKE_YAW
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
    fig, axes = plt.subplots(1, 2, figsize=(12, 5.5))
    ts = np.linspace(0, 1, 1001)
    attacks = {sp: np.array([r["avg"] for r in rows if r["label"] == sp]) for sp in ATTACKS}
    pooled = np.concatenate(list(attacks.values()))
    for g in groups:
        gen = np.array([r["avg"] for r in rows if r["group"] == g and r["label"] == "genuine" and not r["retake"]])
        if len(gen) < MIN_FACES:
            continue
        bpcer = np.array([(gen < t).mean() for t in ts])
        apcer = np.array([(pooled >= t).mean() for t in ts])
        axes[0].plot(np.clip(apcer, 1e-3, 1), np.clip(bpcer, 1e-3, 1), label=f"{g} (n={len(gen)})")
        axes[1].plot(ts, bpcer, label=f"BPCER {g}")
    for sp, v in attacks.items():
        axes[1].plot(ts, [(v >= t).mean() for t in ts], "k--" if sp == "print" else "k:", label=f"APCER {sp} (n={len(v)})")
    axes[1].axvline(0.44, color="grey", lw=0.8)
    axes[0].set(xscale="log", yscale="log", xlim=(8e-4, 1.1), ylim=(8e-4, 1.1), xlabel="APCER (print + replay pooled; 0 drawn at 0.001)",
                ylabel="BPCER (0 drawn at 0.001)", title="DET per genuine source, fused MiniFASNet")
    axes[1].set(xlabel="fused probability threshold (0.44 scores 75)", ylabel="error rate", title="BPCER per source, APCER per species")
    axes[0].legend(fontsize=7)
    axes[1].legend(fontsize=6, ncol=2)
    fig.tight_layout()
    fig.savefig(f"{out}/minifasnet-roc-det.png", dpi=90)
    print(f"wrote {out}/minifasnet-roc-det.png")


if __name__ == "__main__":
    main()
