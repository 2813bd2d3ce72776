#!/usr/bin/env python3
# Copyright the srgan-dl4j authors. Licensed under the Apache License, Version 2.0 (see LICENSE at the
# repository root); SPDX-License-Identifier: Apache-2.0
"""PyTorch peer of `srgan bench --case train-campaign`: one iteration of the training campaign's SRGAN recipe
(training/srgan-x4-b8c64-rb.sh) in PyTorch, for side-by-side speed comparisons on the same machine
(bench/compare.sh runs both). Random weights: only speed and memory are measured.

Networks, shaped as srgan-dl4j's:
  generator      SRResNet x4 (as shared/peer/torch_srgan_peer.py): conv9 + PReLU, B residual blocks (conv3, BN,
                 PReLU, conv3, BN, + input), conv3 + BN + long skip, 2 x (conv3 C -> 4C, PixelShuffle 2, PReLU),
                 conv9, tanh; --blocks 8, --channels 64
  discriminator  the paper's 8 convolutions (3x3, strides 1,2,1,2,..., channels D,D,2D,2D,4D,4D,8D,8D; --d-channels
                 32) each followed by LeakyReLU 0.2, no batch normalisation, global average pooling over H and W
                 (Discriminator.java's `gap` head), dense 8D -> 1024, LeakyReLU 0.2, dense 1024 -> 1 (a logit);
                 torch.nn.utils.spectral_norm on every convolution and dense layer
  VGG19          up to conv3_4 before its ReLU, frozen (weights random here; the speed does not depend on them)
One iteration (one generator forward shared by both steps):
  D step   relativistic average BCE from logits (ESRGAN): 0.5 BCE(D(hr) - mean D(sr), 1) + 0.5 BCE(D(sr) - mean D(hr), 0)
           on sr detached; Adam(1e-4, betas 0.9/0.99)
  G step   5e-3 L1(sr, hr) + 0.0172 L1(VGG(sr), VGG(hr)) (Keras input: BGR 0-255 minus the mean)
           + 5e-3 x (0.5 BCE(D(hr) - mean D(sr), 0) + 0.5 BCE(D(sr) - mean D(hr), 1)), D(hr) without gradient and
           D's weights frozen; Adam(1e-4, betas 0.9/0.99)
  EMA      average = 0.999 average + 0.001 generator, over the generator's parameters and BN running statistics
Batch 8 of 64-pixel HR crops (16-pixel LR) by default (--batch, --crop), fixed random tensors.

Run with Debian's interpreter, which has torch:  /usr/bin/python3 bench/torch_campaign_peer.py --threads 2
(apt-get install python3-torch; its BLAS is whatever libblas.so.3 points to: install libopenblas0-pthread, see
docs/performance.md). Prints one JSON line last: {"mode": "train-campaign", "median_ms": ..., "runs_ms": [...], ...}.
"""
import argparse, copy, json, statistics, time
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import spectral_norm


class ResidualBlock(nn.Module):
    def __init__(self, c=64):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(c, c, 3, 1, 1), nn.BatchNorm2d(c), nn.PReLU(c),
                                  nn.Conv2d(c, c, 3, 1, 1), nn.BatchNorm2d(c))

    def forward(self, x):
        return x + self.body(x)


class SRResNet(nn.Module):
    def __init__(self, blocks=8, c=64, scale=4):
        super().__init__()
        self.head = nn.Sequential(nn.Conv2d(3, c, 9, 1, 4), nn.PReLU(c))
        self.body = nn.Sequential(*[ResidualBlock(c) for _ in range(blocks)])
        self.mid = nn.Sequential(nn.Conv2d(c, c, 3, 1, 1), nn.BatchNorm2d(c))
        up = []
        for _ in range({2: 1, 4: 2, 8: 3}[scale]):
            up += [nn.Conv2d(c, 4 * c, 3, 1, 1), nn.PixelShuffle(2), nn.PReLU(c)]
        self.up = nn.Sequential(*up)
        self.tail = nn.Conv2d(c, 3, 9, 1, 4)

    def forward(self, x):
        h = self.head(x)
        return torch.tanh(self.tail(self.up(self.mid(self.body(h)) + h)))


class Discriminator(nn.Module):
    """The paper's discriminator without BN, spectrally normalised, with a global-average head."""

    def __init__(self, base=32, units=1024, slope=0.2):
        super().__init__()
        layers, cin = [], 3
        for i in range(8):
            cout, stride = base << (i // 2), 1 if i % 2 == 0 else 2
            layers += [spectral_norm(nn.Conv2d(cin, cout, 3, stride, 1)), nn.LeakyReLU(slope)]
            cin = cout
        self.features = nn.Sequential(*layers)
        self.dense1 = spectral_norm(nn.Linear(cin, units))
        self.dense2 = spectral_norm(nn.Linear(units, 1))
        self.slope = slope

    def forward(self, x):
        x = self.features(x).mean(dim=(2, 3))  # global average pooling: [N, 8 base]
        return self.dense2(F.leaky_relu(self.dense1(x), self.slope))  # logits; the sigmoid is in the loss


def vgg19_conv3_4_before_relu():
    cfg = [64, 64, "M", 128, 128, "M", 256, 256, 256, 256]
    layers, cin = [], 3
    for v in cfg:
        if v == "M":
            layers.append(nn.MaxPool2d(2))
            continue
        layers += [nn.Conv2d(cin, v, 3, 1, 1), nn.ReLU()]
        cin = v
    net = nn.Sequential(*layers[:-1]).eval()  # drop conv3_4's ReLU
    for p in net.parameters():
        p.requires_grad_(False)
    return net


def loaded_blas():
    """The BLAS/LAPACK libraries mapped into this process (torch loads libblas.so.3 at import)."""
    with open("/proc/self/maps") as f:
        return sorted({l.split()[-1] for l in f if "blas" in l.lower() or "lapack" in l.lower()})


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mode", choices=["train-campaign"], default="train-campaign")
    ap.add_argument("--blocks", type=int, default=8)
    ap.add_argument("--channels", type=int, default=64)
    ap.add_argument("--d-channels", type=int, default=32)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--crop", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    if a.crop % 16 or a.crop < 16:
        ap.error(f"--crop must be a positive multiple of 16, got {a.crop}")
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    pixel_w, vgg_scale, adv_w, ema_decay = 5e-3, 0.0172, 5e-3, 0.999
    g, d, vgg = SRResNet(a.blocks, a.channels), Discriminator(a.d_channels), vgg19_conv3_4_before_relu()
    g.train()
    d.train()
    ema = copy.deepcopy(g)
    for p in ema.parameters():
        p.requires_grad_(False)
    ema_pairs = [(e, c) for e, c in zip(ema.state_dict().values(), g.state_dict().values()) if e.is_floating_point()]
    opt_g = torch.optim.Adam(g.parameters(), lr=1e-4, betas=(0.9, 0.99))
    opt_d = torch.optim.Adam(d.parameters(), lr=1e-4, betas=(0.9, 0.99))
    lr = torch.rand(a.batch, 3, a.crop // 4, a.crop // 4)
    hr = torch.rand(a.batch, 3, a.crop, a.crop) * 2 - 1
    ones, zeros = torch.ones(a.batch, 1), torch.zeros(a.batch, 1)
    mean = torch.tensor([103.939, 116.779, 123.68]).view(1, 3, 1, 1)
    bce = F.binary_cross_entropy_with_logits

    def to_vgg(x):  # [-1,1] RGB -> Keras VGG input (BGR, 0..255 minus mean)
        return ((x + 1) * 127.5).flip(1) - mean

    def step():
        sr = g(lr)
        # discriminator step on the detached generator output
        for p in d.parameters():
            p.requires_grad_(True)
        opt_d.zero_grad()
        real, fake = d(hr), d(sr.detach())
        ld = 0.5 * (bce(real - fake.mean(), ones) + bce(fake - real.mean(), zeros))
        ld.backward()
        opt_d.step()
        # generator step through the updated discriminator, its weights frozen
        for p in d.parameters():
            p.requires_grad_(False)
        opt_g.zero_grad()
        with torch.no_grad():
            real = d(hr)
        fake = d(sr)
        adv = 0.5 * (bce(real - fake.mean(), zeros) + bce(fake - real.mean(), ones))
        content = pixel_w * F.l1_loss(sr, hr) + vgg_scale * F.l1_loss(vgg(to_vgg(sr)), vgg(to_vgg(hr)))
        (content + adv_w * adv).backward()
        opt_g.step()
        with torch.no_grad():
            for e, c in ema_pairs:
                e.mul_(ema_decay).add_(c, alpha=1 - ema_decay)

    times = []
    for i in range(a.warmup + a.runs):
        t0 = time.perf_counter()
        step()
        if i >= a.warmup:
            times.append((time.perf_counter() - t0) * 1e3)
    print(json.dumps({"mode": a.mode, "median_ms": round(statistics.median(times), 1),
                      "runs_ms": [round(t, 1) for t in times], "threads": torch.get_num_threads(),
                      "batch": a.batch, "crop": a.crop, "blocks": a.blocks, "channels": a.channels,
                      "d_channels": a.d_channels, "params_g": sum(p.numel() for p in g.parameters()),
                      "params_d": sum(p.numel() for p in d.parameters()), "torch": torch.__version__,
                      "blas": loaded_blas()}))


if __name__ == "__main__":
    main()
