#!/usr/bin/env bash
# The comparison figures of docs/results.md (docs/figures/*.png), from the repository root:
#   training/figures.sh [MODELS]      MODELS default: srresnet,srgan (the built-in models)
# Each figure: bicubic, each model as `srgan upscale` gives it (one back-projection iteration by default), HR,
# with PSNR/SSIM on Y, NIQE and an enlarged crop.
set -euo pipefail
models="${1:-srresnet,srgan}"
shared="${SRGAN_SHARED:-../shared}"
b="$shared/data/benchmarks"
mkdir -p docs/figures
# --panel-width 224 --zoom 2: whole images reduced further, crops as large as at the default width, half the bytes
fig() { ./srgan compare --models "$models" --hr "$1" --crop "$2" --panel-width 224 --zoom 2 --out "docs/figures/$3.png" \
  > "docs/figures/$3.txt"; }
# issue 16's three textures: fur, fabric, foliage (crops chosen for the texture, not for any model's score)
fig "$b/Set14/HR/img_001_SRF_4_HR.png" 380,300,96,96 set14-baboon      # fur
fig "$b/Set14/HR/img_002_SRF_4_HR.png" 100,400,96,96 set14-barbara     # fabric: the gingham tablecloth
fig "$b/BSD100/HR/img_008_SRF_4_HR.png" 40,200,96,96 bsd100-tiger      # foliage: grass beside the tiger
