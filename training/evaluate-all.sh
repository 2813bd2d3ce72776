#!/usr/bin/env bash
# The results table of README.md / docs/results.md: PSNR/SSIM/NIQE (Y, shave 4, benchmark LR files) of each
# method on Set5, Set14 and BSD100. Run from the repository root:
#   training/evaluate-all.sh OUT_DIR [LABEL=MODEL ...]
# MODEL is anything `srgan evaluate --model` takes (built-in name, model file, .onnx); "bicubic" is the
# bicubic baseline. Default: bicubic, the shared ONNX SRGAN, and the built-in srresnet and srgan.
# Writes OUT_DIR/<label>-<set>.json and prints a Markdown table.
# Models are scored as the networks' own outputs with zero padding (EVAL_FLAGS, default "--border zero
# --back-projection 0": PyTorch's protocol, as README.md's table); EVAL_FLAGS= scores what `srgan upscale` gives.
set -euo pipefail
read -r -a flags <<< "${EVAL_FLAGS---border zero --back-projection 0}"
out="${1:?usage: training/evaluate-all.sh OUT_DIR [LABEL=MODEL ...]}"; shift
shared="${SRGAN_SHARED:-../shared}"
methods=("$@")
[[ ${#methods[@]} -gt 0 ]] || methods=("bicubic=bicubic" "onnx-srgan=$shared/models/pretrained/srgan_x4_leftthomas.onnx" \
  "srresnet=srresnet" "srgan=srgan")
mkdir -p "$out"
for m in "${methods[@]}"; do
  label="${m%%=*}"; spec="${m#*=}"
  for set in Set5 Set14 BSD100; do
    json="$out/$label-$set.json"
    [[ -f "$json" ]] && continue
    if [[ "$spec" == bicubic ]]; then what=(--method bicubic); else what=(--model "$spec" "${flags[@]}"); fi
    ./srgan evaluate "${what[@]}" --hr "$shared/data/benchmarks/$set/HR" --lr "$shared/data/benchmarks/$set/LR_bicubic_x4" \
      --scale 4 --json "$json" >/dev/null
    echo "evaluated $label on $set" >&2
  done
done
for set in Set5 Set14 BSD100; do  # NIQE of the HR images themselves (no reference), same border
  [[ -f "$out/HR-$set.json" ]] || ./srgan evaluate --images "$shared/data/benchmarks/$set/HR" --shave 4 --metrics niqe \
    --json "$out/HR-$set.json" >/dev/null
done
python3 - "$out" "${methods[@]}" <<'PY'
import json, sys
out, methods = sys.argv[1], sys.argv[2:]
print("| method | Set5 PSNR / SSIM / NIQE | Set14 PSNR / SSIM / NIQE | BSD100 PSNR / SSIM / NIQE |")
print("| --- | --- | --- | --- |")
for m in methods:
    label = m.split("=", 1)[0]
    cells = []
    for s in ("Set5", "Set14", "BSD100"):
        d = json.load(open(f"{out}/{label}-{s}.json"))
        niqe = f" / {d['mean_niqe']:.4f}" if d.get("mean_niqe") is not None else ""
        cells.append(f"{d['mean_psnr']:.4f} / {d['mean_ssim']:.4f}{niqe}")
    print(f"| {label} | " + " | ".join(cells) + " |")
hr = [json.load(open(f"{out}/HR-{s}.json"))["mean_niqe"] for s in ("Set5", "Set14", "BSD100")]
print("| HR | " + " | ".join(f"- / - / {v:.4f}" for v in hr) + " |")
PY
