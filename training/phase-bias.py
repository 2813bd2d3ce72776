#!/usr/bin/env python3
"""What the grid penalty (`train --grid-weight`, Losses.phaseBias) sees in super-resolved images, at several scales.

usage: training/phase-bias.py HR_DIR SR_DIR [SR_DIR ...]
For each SR folder, with e = mean over RGB of (SR - HR) in [-1, 1] units and the 16 pixel phases (row mod 4,
column mod 4) of a x4 pixel-shuffle generator:
  all     the mean square over phases of the mean of e at each phase over all images (what the training
          penalty computes over a batch of crops; here the batch is the whole folder);
  image   the same per image, averaged over images, after subtracting the mean over phases (so a
          constant colour shift does not count);
  wN      the same in windows of N x N low-resolution cells (4N x 4N output pixels), averaged over windows.
A fixed checkerboard raises every column; error without a pattern (noise) raises the small windows most,
since a phase mean over fewer pixels is noisier. Compare a checkpoint against the SRResNet's row: the
ratio is how well each scale separates the grid from ordinary error (docs/losses.md, "Grid penalty").
"""
import os, sys
import numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sharpness import read_png

R = 4
WINDOWS = (24, 8, 4, 2)

def phases(sr, hr):
    h, w = sr.shape[0] // R * R, sr.shape[1] // R * R
    e = ((sr[:h, :w] - hr[:h, :w]) / 127.5).mean(axis=2)
    return e.reshape(h // R, R, w // R, R).transpose(1, 3, 0, 2).reshape(R * R, h // R, w // R)

def deviation(means):  # [phases, k] -> mean square deviation from the mean over phases
    return float(((means - means.mean(axis=0, keepdims=True)) ** 2).mean())

def scores(hr_dir, sr_dir):
    names = sorted(n for n in os.listdir(sr_dir) if n.lower().endswith(".png"))
    if not names:
        raise SystemExit(f"{sr_dir}: no PNG images")
    sums, count, per_image, windows = np.zeros(R * R), np.zeros(R * R), [], {n: [] for n in WINDOWS}
    for name in names:
        sr = read_png(os.path.join(sr_dir, name))
        hr_path = os.path.join(hr_dir, name)
        if not os.path.exists(hr_path):
            raise SystemExit(f"{hr_path}: missing (every SR image needs the HR image of the same name)")
        ph = phases(sr, read_png(hr_path))
        sums += ph.sum(axis=(1, 2))
        count += ph.shape[1] * ph.shape[2]
        per_image.append(deviation(ph.mean(axis=(1, 2))[:, None]))
        for n in WINDOWS:
            hh, ww = ph.shape[1] // n * n, ph.shape[2] // n * n
            if hh and ww:
                m = ph[:, :hh, :ww].reshape(R * R, hh // n, n, ww // n, n).mean(axis=(2, 4))
                windows[n].append(deviation(m.reshape(R * R, -1)))
    overall = sums / count
    row = {"all": float((overall ** 2).mean()), "image": float(np.mean(per_image))}
    row.update({f"w{n}": float(np.mean(v)) for n, v in windows.items()})
    return row

def main(hr_dir, sr_dirs):
    print("folder".ljust(40) + "".join(k.rjust(10) for k in ["all", "image"] + [f"w{n}" for n in WINDOWS]))
    for d in sr_dirs:
        row = scores(hr_dir, d)
        print(d[-40:].ljust(40) + "".join(f"{v:10.2e}" for v in row.values()))

if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2:])
