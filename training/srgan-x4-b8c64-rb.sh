#!/usr/bin/env bash
# SRGAN x4 with the probe's recipe, run B (issue 16; ../shared/notes/gan-recipe-probe.md), from the repository root:
#   training/srgan-x4-b8c64-rb.sh RUN_DIR SRRESNET_MODEL STEPS
# Starts from the pretrained SRResNet model file (or resumes from the newest checkpoint in RUN_DIR/c).
# Generator loss: 5e-3 x L1 pixel + L1 of VGG19 conv3_4 features before the ReLU x 0.0172 (~1/58: Keras' 0-255 BGR
# features at the size of PyTorch-normalised ones, i.e. ESRGAN's weight 1) + 5e-3 x relativistic average GAN loss
# (ESRGAN); discriminator without batch normalisation, with spectral normalisation; EMA 0.999 of the generator (what
# validation and the written model use); Adam 1e-4, betas 0.9 / 0.99, for both; batch 8, 64-pixel HR crops.
# Checkpoints are sized to be committed (docs/training.md, "Checkpoint size"): the discriminator's head is global
# average pooling (D_HEAD=flatten: the probe's run B exactly, 8.4 M dense weights, ~140 MB checkpoints) with
# D_CHANNELS=32 first-layer channels (the paper: 64), and Adam's moments stored as bfloat16 (MOMENTS=float32: exact
# resume, larger files). Overrides: PIXEL_WEIGHT, ADV_WEIGHT, VGG_SCALE, GRID_WEIGHT (default 0; the centred grid
# penalty, docs/losses.md), EMA, DISC_LR, LR_DECAY_AT, BATCH, CROP, D_NORM (spectral|batch), D_HEAD (gap|flatten|patch),
# D_CHANNELS, MOMENTS, CKPT_EVERY, VAL_EVERY,
# VAL_METRICS (default psnr,ssim,niqe,grid: Set5's NIQE and grid are logged at every validation), STEP_ORDER
# (g-first, BasicSR's order: the generator step, then the discriminator step on its output; d-first: the paper's);
# SRGAN_CMD replaces ./srgan (e.g. a script running the built jar with java -cp).
# The live run since session 10 (run rg): ADV_WEIGHT=1e-1 GRID_WEIGHT=1e5 (training/README.md).
set -euo pipefail
run="${1:?usage: training/srgan-x4-b8c64-rb.sh RUN_DIR SRRESNET_MODEL STEPS}"
init="${2:?usage: training/srgan-x4-b8c64-rb.sh RUN_DIR SRRESNET_MODEL STEPS}"
steps="${3:?usage: training/srgan-x4-b8c64-rb.sh RUN_DIR SRRESNET_MODEL STEPS}"
mkdir -p "$run/c"
start=(--init "$init"); ls "$run"/c/checkpoint-*.srgan >/dev/null 2>&1 && start=(--resume)
export SRGAN_JAVA_OPTS="${SRGAN_JAVA_OPTS:--Xmx3g}"
exec nice -n "${NICE:-19}" ${SRGAN_CMD:-./srgan} train --stage adversarial "${start[@]}" \
  --vgg ../shared/models/vgg19/vgg19_block3_notop_weights.h5 --vgg-layer 3,4 --vgg-before-activation \
  --vgg-distance l1 --vgg-scale "${VGG_SCALE:-0.0172}" \
  --pixel-weight "${PIXEL_WEIGHT:-5e-3}" --pixel-loss l1 --grid-weight "${GRID_WEIGHT:-0}" \
  --gan-loss relativistic --adversarial-weight "${ADV_WEIGHT:-5e-3}" --ema "${EMA:-0.999}" \
  --step-order "${STEP_ORDER:-g-first}" \
  --discriminator-norm "${D_NORM:-spectral}" --discriminator-head "${D_HEAD:-gap}" \
  --discriminator-channels "${D_CHANNELS:-32}" --checkpoint-moments "${MOMENTS:-bfloat16}" \
  ${LR_DECAY_AT:+--lr-decay-at "$LR_DECAY_AT"} ${DISC_LR:+--discriminator-lr "$DISC_LR"} \
  --data ../shared/data/train/bsd200,../shared/data/train/t91 --val ../shared/data/benchmarks/Set5/HR \
  --val-lr ../shared/data/benchmarks/Set5/LR_bicubic_x4 --val-every "${VAL_EVERY:-200}" \
  --val-metrics "${VAL_METRICS:-psnr,ssim,niqe,grid}" \
  --batch "${BATCH:-8}" --crop "${CROP:-64}" --lr 1e-4 --adam-beta2 0.99 --seed 7 \
  --steps "$steps" --checkpoint-dir "$run/c" --checkpoint-every "${CKPT_EVERY:-200}" --log-every 10 \
  --provenance "commit=$(git rev-parse --short HEAD)" -o "$run/srgan-x4-b8c64-rb.srgan"
