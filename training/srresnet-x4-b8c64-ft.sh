#!/usr/bin/env bash
# Fine-tuning of the SRResNet x4 (issue 16 item 2, session 18), run from the repository root:
#   training/srresnet-x4-b8c64-ft.sh RUN_DIR INIT_MODEL
# Larger HR crops (144: a 36x36 LR input, against 24x24 at crop 96, smaller than the 8-block network's receptive
# field) at batch 8 (about the same pixels per step as 96 x 16), a fresh Adam at 2e-5 (2e-6 from step 2000; the run started with 3000 and was resumed at step 1750 with 2000) and an
# exponential moving average of the weights (0.999), which validation and the written model use.
# INIT_MODEL: the SRResNet it starts from (session 18: the bundled srresnet, run srresnet-x4-b8c64 at step 21000).
# Resumes exactly from the newest checkpoint in RUN_DIR/c if there is one. Runs at nice 10 (NICE=N overrides).
# Overrides for other fine-tunes: CONTENT (mse; session 19: mse-y, the luma MSE), PIXEL_WEIGHT (none; with mse-y: an RGB
# MSE term that anchors colour), CROP (144), BATCH (8), LR (2e-5),
# DECAY_AT (2000), STEPS (6000), SEED (9), VAL_EVERY (250). Session 19's luma run sy, as it ended (it started with
# DECAY_AT=1500 and was resumed at step 1250 with 2750; training/README.md):
#   CONTENT=mse-y CROP=96 BATCH=16 LR=1e-5 DECAY_AT=2750 STEPS=3250 SEED=19 training/srresnet-x4-b8c64-ft.sh RUN INIT
# and the anchored run syb, whose step 4250 is the srresnet bundled in session 20 (INIT: the one bundled in session 17):
#   CONTENT=mse-y PIXEL_WEIGHT=0.25 CROP=96 BATCH=16 LR=1e-5 DECAY_AT=3750 STEPS=4250 SEED=19 \
#     training/srresnet-x4-b8c64-ft.sh RUN INIT
set -euo pipefail
run="${1:?usage: training/srresnet-x4-b8c64-ft.sh RUN_DIR INIT_MODEL}"
init="${2:?usage: training/srresnet-x4-b8c64-ft.sh RUN_DIR INIT_MODEL}"
mkdir -p "$run/c"
R=""; ls "$run"/c/checkpoint-*.srgan >/dev/null 2>&1 && R="--resume --force"
export SRGAN_JAVA_OPTS="${SRGAN_JAVA_OPTS:--Xmx3g}"
exec nice -n "${NICE:-10}" ./srgan train --stage pretrain --init "$init" --content "${CONTENT:-mse}" \
  ${PIXEL_WEIGHT:+--pixel-weight "$PIXEL_WEIGHT"} \
  --data ../shared/data/train/bsd200,../shared/data/train/t91 --val ../shared/data/benchmarks/Set5/HR \
  --val-lr ../shared/data/benchmarks/Set5/LR_bicubic_x4 --val-every "${VAL_EVERY:-250}" \
  --batch "${BATCH:-8}" --crop "${CROP:-144}" --lr "${LR:-2e-5}" --lr-decay-at "${DECAY_AT:-2000}" --ema 0.999 \
  --seed "${SEED:-9}" \
  --steps "${STEPS:-6000}" --checkpoint-dir "$run/c" --checkpoint-every 250 --log-every 25 $R \
  --provenance run=srresnet-x4-b8c64-ft -o "$run/srresnet-x4-b8c64-ft.srgan"
