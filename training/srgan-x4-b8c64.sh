#!/usr/bin/env bash
# SRGAN x4 (adversarial stage) for the default model (issue 8), run from the repository root:
#   training/srgan-x4-b8c64.sh RUN_DIR SRRESNET_MODEL STEPS
# Starts from the pretrained SRResNet model file (or resumes from the newest checkpoint in RUN_DIR/c),
# VGG19 phi_2,2 content loss (features / 12.75) + 1e4 x pixel MSE + 1e6 x grid penalty + 30 x adversarial (run
# pg6a30, the bundled srgan at step 150; why not the paper's 1e-3: training/README.md), Adam 1e-4, batch 16, 96 crops.
# PIXEL_WEIGHT / ADV_WEIGHT / GRID_WEIGHT override the weights (PIXEL_WEIGHT=0 ADV_WEIGHT=1e-3 GRID_WEIGHT=0: the
# paper's SRGAN-VGG22); LR_DECAY_AT=STEP divides the learning rate by 10 from STEP (may be added when resuming);
# DISC_LR gives the discriminator its own rate (default: the generator's 1e-4); VGG_LAYER=I,J another phi_i,j.
# Checkpoints (~270 MB each: the 96-pixel discriminator and both Adam states) every 50 steps, newest two kept.
set -euo pipefail
run="${1:?usage: training/srgan-x4-b8c64.sh RUN_DIR SRRESNET_MODEL STEPS}"
init="${2:?usage: training/srgan-x4-b8c64.sh RUN_DIR SRRESNET_MODEL STEPS}"
steps="${3:?usage: training/srgan-x4-b8c64.sh RUN_DIR SRRESNET_MODEL STEPS}"
mkdir -p "$run/c"
start=(--init "$init"); ls "$run"/c/checkpoint-*.srgan >/dev/null 2>&1 && start=(--resume --force)  # --force: a resumed run rewrites -o
export SRGAN_JAVA_OPTS="${SRGAN_JAVA_OPTS:--Xmx3g}"
exec nice -n "${NICE:-10}" ./srgan train --stage adversarial "${start[@]}" \
  --vgg ../shared/models/vgg19/vgg19_block3_notop_weights.h5 --vgg-layer "${VGG_LAYER:-2,2}" \
  --pixel-weight "${PIXEL_WEIGHT:-1e4}" --adversarial-weight "${ADV_WEIGHT:-30}" --grid-weight "${GRID_WEIGHT:-1e6}" \
  ${LR_DECAY_AT:+--lr-decay-at "$LR_DECAY_AT"} ${DISC_LR:+--discriminator-lr "$DISC_LR"} \
  --data ../shared/data/train/bsd200,../shared/data/train/t91 --val ../shared/data/benchmarks/Set5/HR \
  --val-lr ../shared/data/benchmarks/Set5/LR_bicubic_x4 --val-every 50 \
  --batch 16 --crop 96 --lr 1e-4 --seed 7 \
  --steps "$steps" --checkpoint-dir "$run/c" --checkpoint-every 50 --log-every 10 \
  --provenance "commit=$(git rev-parse --short HEAD)" -o "$run/srgan-x4-b8c64.srgan"
