#!/usr/bin/env bash
# SRResNet x4 pretraining for the default model (issue 8), run from the repository root:
#   training/srresnet-x4-b8c64.sh RUN_DIR        (RUN_DIR holds checkpoints in RUN_DIR/c)
# Resumes exactly from the newest checkpoint in RUN_DIR/c if there is one; seed a new RUN_DIR/c with
# training/checkpoints/*.srgan to continue the committed run. Runs at nice 10 (NICE=N overrides) with PASSIVE OpenMP threads.
set -euo pipefail
run="${1:?usage: training/srresnet-x4-b8c64.sh RUN_DIR}"
mkdir -p "$run/c"
R=""; ls "$run"/c/checkpoint-*.srgan >/dev/null 2>&1 && R="--resume --force"  # --force: a resumed run rewrites -o
export SRGAN_JAVA_OPTS="${SRGAN_JAVA_OPTS:--Xmx3g}"
exec nice -n "${NICE:-10}" ./srgan train --stage pretrain \
  --data ../shared/data/train/bsd200,../shared/data/train/t91 --val ../shared/data/benchmarks/Set5/HR \
  --val-lr ../shared/data/benchmarks/Set5/LR_bicubic_x4 --val-every 500 \
  --blocks 8 --channels 64 --batch 16 --crop 96 --lr 2e-4 --lr-decay-at 12500,18500 --seed 7 \
  --steps 40000 --checkpoint-dir "$run/c" --checkpoint-every 250 --log-every 25 $R -o "$run/srresnet-x4-b8c64.srgan"
