#!/usr/bin/env bash
# The comparison figures of docs/results.md (docs/figures/*.png), from the repository root:
#   training/figures.sh [MODELS]      MODELS default: srresnet,srgan (the built-in models)
# Each figure: bicubic, each model, HR, with PSNR/SSIM on Y, NIQE and an enlarged crop.
set -euo pipefail
models="${1:-srresnet,srgan}"
shared="${SRGAN_SHARED:-../shared}"
b="$shared/data/benchmarks"
mkdir -p docs/figures
fig() { ./srgan compare --models "$models" --hr "$1" --crop "$2" --out "docs/figures/$3.png" > "docs/figures/$3.txt"; }
fig "$b/Set14/HR/img_001_SRF_4_HR.png" 380,300,96,96 set14-baboon
fig "$b/Set14/HR/img_005_SRF_4_HR.png" 60,60,96,96 set14-comic
fig "$b/Set5/HR/img_003_SRF_4_HR.png" 100,60,96,96 set5-butterfly
