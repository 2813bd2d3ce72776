#!/usr/bin/env python3
"""Texture energy of super-resolved images, to put a number on "sharper" (docs/results.md).

usage: training/sharpness.py HR_DIR SR_DIR [SR_DIR ...]
For each folder: the mean absolute Laplacian of Y (BT.601 luma, 8-bit scale, borders of 4 pixels shaved)
over the images, and its ratio to that of the HR images with the same names (1.0 = as much fine
texture as the ground truth; MSE-trained models are blurrier and score lower), and the grid measure: the
RMS over the 16 pixel phases (row mod 4, column mod 4) of the mean Laplacian at that phase, i.e. the
amplitude of a pattern repeating every 4 pixels (the x4 pixel-shuffle checkerboard). Natural images
score near 0; a checkerboard raises it without being texture, so read the two together. Third: the
texture with each image's fixed 4x4 phase pattern removed (what is left when the grid's constant
part is subtracted; a grid that follows the content stays in it). Reads 8-bit
non-interlaced PNGs (what `srgan evaluate --save-sr` writes) with numpy and zlib only.
"""
import os, struct, sys, zlib
import numpy as np

def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG")
    pos, idat, hdr = 8, [], None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = hdr
    if depth != 8 or interlace or ctype not in (0, 2, 6):
        raise ValueError(f"{path}: only 8-bit non-interlaced grey/RGB/RGBA PNGs are supported")
    ch = {0: 1, 2: 3, 6: 4}[ctype]
    raw = np.frombuffer(zlib.decompress(b"".join(idat)), dtype=np.uint8)
    stride = w * ch
    rows = raw[:h * (stride + 1)].reshape(h, stride + 1)
    out = np.zeros((h, stride), dtype=np.int32)
    prev = np.zeros(stride, dtype=np.int32)
    for y in range(h):
        f = int(rows[y, 0])
        line = rows[y, 1:].astype(np.int32)
        if f == 0:
            cur = line
        elif f == 1:  # Sub: a running sum per channel
            cur = np.cumsum(line.reshape(w, ch), axis=0).reshape(stride) & 255
        elif f == 2:  # Up
            cur = (line + prev) & 255
        else:  # Avg and Paeth depend on the pixel to the left: one pixel (all channels) at a time
            ln, pv, c = line.tolist(), prev.tolist(), [0] * stride
            for x in range(stride):
                a = c[x - ch] if x >= ch else 0
                b = pv[x]
                if f == 3:
                    p = (a + b) >> 1
                else:
                    cc = pv[x - ch] if x >= ch else 0
                    pa, pb, pc = abs(b - cc), abs(a - cc), abs(a + b - 2 * cc)
                    p = a if pa <= pb and pa <= pc else (b if pb <= pc else cc)
                c[x] = (ln[x] + p) & 255
            cur = np.array(c, dtype=np.int32)
        out[y] = cur
        prev = cur
    img = out.reshape(h, w, ch).astype(np.float64)
    return img[..., :3] if ch >= 3 else np.repeat(img, 3, axis=2)

def laplacian(img, shave=4):
    y = 16 + (65.481 * img[..., 0] + 128.553 * img[..., 1] + 24.966 * img[..., 2]) / 255.0
    y = y[shave:-shave, shave:-shave]
    return 4 * y[1:-1, 1:-1] - y[:-2, 1:-1] - y[2:, 1:-1] - y[1:-1, :-2] - y[1:-1, 2:]

def texture_and_grid(img, period=4):
    """(mean |Laplacian|, RMS over the period x period pixel phases of the mean Laplacian, mean |Laplacian minus
    its mean at its pixel phase|: the texture without the image's fixed periodic pattern), one Laplacian."""
    lap = laplacian(img)
    fixed = np.zeros_like(lap)
    means = []
    for i in range(period):
        for j in range(period):
            m = lap[i::period, j::period].mean()
            fixed[i::period, j::period] = m
            means.append(m)
    return (float(np.mean(np.abs(lap))), float(np.sqrt(np.mean(np.square(means)))),
            float(np.mean(np.abs(lap - fixed))))

def folder_means(d, names):
    scores = np.array([texture_and_grid(read_png(os.path.join(d, n))) for n in names])
    return tuple(float(v) for v in scores.mean(axis=0))

def main(hr_dir, sr_dirs):
    names = sorted(n for n in os.listdir(sr_dirs[0]) if n.lower().endswith(".png"))
    hr_mean, hr_grid, hr_free = folder_means(hr_dir, names)
    print(f"HR {hr_dir}: mean |Laplacian of Y| {hr_mean:.3f}, grid {hr_grid:.3f}, "
          f"without the fixed pattern {hr_free:.3f}, over {len(names)} images")
    for d in sr_dirs:
        t, g, f = folder_means(d, names)
        print(f"{d}: {t:.3f} ({t / hr_mean:.3f} of HR), grid {g:.3f}, "
              f"without the fixed pattern {f:.3f} ({f / hr_free:.3f} of HR's)")

if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
