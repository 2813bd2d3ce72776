#!/usr/bin/env bash
# Side-by-side speed and memory of srgan-dl4j (`./srgan bench`) and the PyTorch peers
# (shared/peer/torch_srgan_peer.py for infer, train-mse, train-gan; bench/torch_campaign_peer.py for
# train-campaign, the training campaign's recipe) on this machine: several rounds, each running every case in a
# fresh process of each tool, alternating which tool goes first. Both get the same thread count
# (OMP_NUM_THREADS and their own thread settings). Per case it prints the median of the per-run
# medians of both tools, the ratio ours/PyTorch, and both peak RSS figures (ru_maxrss of the
# process, the same measure for both), then the paired ratio: the median of each round's own ratio, whose two
# runs are back to back, so that a host whose speed drifts between rounds (a shared VM) moves both sides of it;
# its range shows how far single rounds disagree. Raw results go to a JSON-lines file.
# The infer-onnx case has no PyTorch side: it is our importer against ONNX Runtime (Java) inside one
# `./srgan bench` process (same threads, interleaved runs) on the shared ONNX generator and on the
# exported built-in default model; per round it prints each variant's median and the ratios.
#
# usage: bench/compare.sh [--rounds N] [--cases infer,train-mse,train-gan,train-campaign,infer-onnx]
#                         [--threads N] [--warmup N] [--campaign-warmup N] [--runs N] [--vgg-layer 2,2]
#                         [--wait-policy PASSIVE|ACTIVE|default] [--allow-reference-blas] [--out FILE]
# --warmup defaults to 5 untimed runs for both tools: the JVM reaches its steady speed (JIT) after
#   about 5 training steps, PyTorch after 1-2 (docs/performance.md).
# --campaign-warmup (default 20) replaces --warmup for train-campaign, for both tools: its steps are short
#   (~1 s) and the JVM's JIT compiler keeps one of the two cores partly busy for the first ~15-20 s of a run,
#   so 5 warm-up steps time a JVM that is still compiling (docs/performance.md, section 23).
# --wait-policy sets OMP_WAIT_POLICY for both tools (default PASSIVE: on a machine shared with other
#   jobs, spinning OpenMP workers slow both tools down by 2-3x; "default" leaves it unset).
# --vgg-layer is train-gan's content layer; train-campaign always uses the campaign's conv3_4.
# BLAS: Debian's torch (BLAS_INFO=generic) calls whatever /usr/lib/x86_64-linux-gnu/libblas.so.3 points to.
#   compare.sh prints which libblas.so.3 torch loads and refuses to time PyTorch on the reference BLAS
#   (package libblas3 alone: a slow sgemm, through which PyTorch's dense layers go; docs/performance.md)
#   unless --allow-reference-blas is given. The fix: apt-get install libopenblas0-pthread.
# environment: SRGAN_SHARED (shared folder, default ../shared beside the repository),
#   PYTHON (default /usr/bin/python3, which has torch: apt-get install python3-torch),
#   SRGAN_CMD (command that runs our CLI, default ./srgan), SRGAN_JAVA_OPTS (passed to java by ./srgan).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=3; cases="infer,train-mse,train-gan,train-campaign,infer-onnx"; threads=2; warmup=5; campaign_warmup=20; runs=5; vgg_layer="2,2"
wait_policy=PASSIVE; allow_reference_blas=0
out="${TMPDIR:-/tmp}/srgan-compare-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --cases) cases="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --campaign-warmup) campaign_warmup="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --vgg-layer) vgg_layer="$2"; shift 2 ;;
    --wait-policy) wait_policy="$2"; shift 2 ;;
    --allow-reference-blas) allow_reference_blas=1; shift ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$rounds" "$threads" "$warmup" "$campaign_warmup" "$runs"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "compare.sh: --rounds, --threads, --warmup, --campaign-warmup and --runs take a whole number, got '$n'" >&2; exit 2; }
done
shared="${SRGAN_SHARED:-$root/../shared}"
peer="$shared/peer/torch_srgan_peer.py"
campaign_peer="$root/bench/torch_campaign_peer.py"
vgg="$shared/models/vgg19/vgg19_block3_notop_weights.h5"
onnx_model="$shared/models/pretrained/srgan_x4_leftthomas.onnx"
python="${PYTHON:-/usr/bin/python3}"
if [[ ",$cases," =~ ,(infer|train-mse|train-gan), ]]; then  # the cases of the shared PyTorch peer
  [[ -f "$peer" ]] || { echo "compare.sh: PyTorch peer not found: $peer (set SRGAN_SHARED)" >&2; exit 1; }
fi
if [[ ",$cases," =~ ,(infer|train-mse|train-gan|train-campaign), ]]; then  # the cases with a PyTorch side
  "$python" -c "import torch" 2>/dev/null || { echo "compare.sh: $python cannot import torch (apt-get install python3-torch)" >&2; exit 1; }
  # which libblas.so.3 torch loads: the system's alternative, where its link points, and what torch maps
  blas_alt="$(update-alternatives --query libblas.so.3-x86_64-linux-gnu 2>/dev/null | sed -n 's/^Value: //p' || true)"
  blas_link="$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || true)"
  torch_blas="$("$python" -c "import torch; print(' '.join(sorted({l.split()[-1] for l in open('/proc/self/maps') if '/libblas.so' in l})))")"
  echo "compare.sh: libblas.so.3 alternative ${blas_alt:-unknown}; /usr/lib/x86_64-linux-gnu/libblas.so.3 -> ${blas_link:-missing}; torch loads ${torch_blas:-no libblas.so}" >&2
  reference=""
  for lib in ${torch_blas:-$blas_link}; do
    [[ "$(basename "$(dirname "$(readlink -f "$lib")")")" == blas ]] && reference="$lib"  # libblas3's directory
  done
  if [[ -n "$reference" && $allow_reference_blas == 0 ]]; then
    echo "compare.sh: torch would use the reference BLAS ($reference), whose slow sgemm slows PyTorch's training" \
      "cases down (docs/performance.md). Install an optimised BLAS: apt-get install libopenblas0-pthread (and if" \
      "libblas.so.3 still points at the reference: update-alternatives --config libblas.so.3-x86_64-linux-gnu)," \
      "or pass --allow-reference-blas to measure PyTorch on it anyway" >&2
    exit 1
  fi
fi
if [[ ",$cases," == *",train-gan,"* && ! -f "$vgg" && "$vgg_layer" != *5* || ",$cases," == *",train-campaign,"* && ! -f "$vgg" ]]; then
  echo "compare.sh: VGG19 weights not found: $vgg (set SRGAN_SHARED)" >&2; exit 1
fi
if [[ ",$cases," == *",infer-onnx,"* && ! -f "$onnx_model" ]]; then
  echo "compare.sh: shared ONNX generator not found: $onnx_model (set SRGAN_SHARED)" >&2; exit 1
fi
read -r -a ours_cmd <<< "${SRGAN_CMD:-$root/srgan}"
export OMP_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads"
case "$wait_policy" in
  PASSIVE|ACTIVE) export OMP_WAIT_POLICY="$wait_policy" ;;
  default) unset OMP_WAIT_POLICY ;;
  *) echo "compare.sh: --wait-policy must be PASSIVE, ACTIVE or default, got '$wait_policy'" >&2; exit 2 ;;
esac
echo "compare.sh: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), OMP_NUM_THREADS=$threads, OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-unset}; raw results: $out" >&2

"$python" - "$rounds" "$cases" "$threads" "$warmup" "$campaign_warmup" "$runs" "$vgg_layer" "$vgg" "$peer" "$out" "$python" "$onnx_model" \
  "$campaign_peer" "${torch_blas:-}" "${ours_cmd[@]}" <<'PY'
import json, os, statistics, subprocess, sys, time
(rounds, cases, threads, warmup, campaign_warmup, runs, layer, vgg, peer, out, python, onnx_model, campaign_peer,
 torch_blas) = sys.argv[1:15]
ours_cmd = sys.argv[15:]
rounds, threads, warmup, campaign_warmup, runs = int(rounds), int(threads), int(warmup), int(campaign_warmup), int(runs)
cases = [c for c in cases.split(",") if c]

def warmup_of(case):
    """Untimed runs before the timed ones, the same for both tools."""
    return campaign_warmup if case == "train-campaign" else warmup

def run(cmd):
    """Runs cmd, returns (last JSON line of its stdout, wall seconds); stops on failure."""
    t0 = time.time()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr[-4000:])
        raise SystemExit(f"compare.sh: command failed ({p.returncode}): {' '.join(cmd)}")
    lines = [l for l in p.stdout.splitlines() if l.startswith("{")]
    if not lines:
        raise SystemExit(f"compare.sh: no JSON line on stdout of: {' '.join(cmd)}")
    return json.loads(lines[-1]), time.time() - t0

def measured(cmd):
    """Runs cmd under /usr/bin/time to get the child's own maximum RSS (KiB)."""
    tf = out + ".time"
    res, wall = run(["/usr/bin/time", "-f", "%M", "-o", tf] + cmd)
    with open(tf) as f:
        rss_mib = int(f.read().strip().splitlines()[-1]) / 1024.0
    os.remove(tf)
    return res, rss_mib, wall

def ours(case):
    cmd = ours_cmd + ["bench", "--case", case, "--warmup", str(warmup_of(case)), "--runs", str(runs), "--threads", str(threads)]
    if case == "train-gan":
        cmd += ["--vgg-layer", layer, "--vgg-weights", vgg]
    if case == "train-campaign":
        cmd += ["--vgg-weights", vgg]
    if case == "infer-onnx":
        cmd += ["--onnx-model", onnx_model]
    res, rss, wall = measured(cmd)
    return res["cases"][case]["median_ms"], rss, wall, res

def torch(case):
    if case == "train-campaign":
        cmd = [python, campaign_peer, "--mode", case, "--threads", str(threads), "--warmup", str(warmup_of(case)),
               "--runs", str(runs)]
    else:
        cmd = [python, peer, "--mode", case, "--threads", str(threads), "--warmup", str(warmup_of(case)), "--runs", str(runs),
               "--vgg-layer", layer]
    res, rss, wall = measured(cmd)
    return res["median_ms"], rss, wall, res

def load():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]

results = {c: {"ours": [], "torch": [], "ours_rss": [], "torch_rss": []} for c in cases}
onnx_variants, onnx_ratios = {}, {}
with open(out, "a") as log:
    for r in range(rounds):
        for case in cases:
            order = [("ours", ours), ("torch", torch)] if r % 2 == 0 else [("torch", torch), ("ours", ours)]
            if case == "infer-onnx":
                order = [("ours", ours)]  # both runtimes inside our process; no PyTorch side
            for name, fn in order:
                la = load()
                med, rss, wall, raw = fn(case)
                results[case][name].append(med)
                results[case][name + "_rss"].append(rss)
                rec = {"round": r + 1, "case": case, "tool": name, "median_ms": med, "peak_rss_mib": round(rss, 1),
                       "wall_s": round(wall, 1), "load1_before": la, "raw": raw}
                log.write(json.dumps(rec) + "\n"); log.flush()
                print(f"round {r + 1}/{rounds} {case:14s} {name:5s} median {med:9.1f} ms  peak RSS {rss:7.0f} MiB"
                      f"  (load {la})", file=sys.stderr, flush=True)
                if case == "infer-onnx":
                    c = raw["cases"]["infer-onnx"]
                    for v, d in c["variants"].items():
                        onnx_variants.setdefault(v, []).append(d["median_ms"])
                    for k, v in c["ratios"].items():
                        onnx_ratios.setdefault(k, []).append(v)
                    print("    " + ", ".join(f"{v} {d['median_ms']:.1f} ms" for v, d in c["variants"].items()), file=sys.stderr)
                    print("    " + ", ".join(f"{k} {v:.2f}" for k, v in c["ratios"].items()), file=sys.stderr, flush=True)

print(f"\nOMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', 'unset')}, load average at the end {load()}")
if torch_blas:
    print(f"PyTorch's BLAS: {torch_blas}")
print(f"{threads} threads, {rounds} round(s) x ({warmup} warm-up + {runs} timed runs"
      + (f"; train-campaign: {campaign_warmup} warm-up" if "train-campaign" in cases else "")
      + "); medians of the per-round medians;"
      " paired: the median of each round's own ratio (the two tools run back to back), with its range")
print(f"{'case':14s} {'ours ms':>10s} {'torch ms':>10s} {'ours/torch':>10s} {'ours RSS':>10s} {'torch RSS':>10s} {'RSS ratio':>9s}"
      f" {'paired':>7s}  range")
summary = {}
for case in cases:
    d = results[case]
    if case == "infer-onnx":
        print(f"infer-onnx (our importer vs ONNX Runtime in one process, {threads} threads; medians of the per-round medians):")
        for v, meds in onnx_variants.items():
            print(f"  {v:28s} {statistics.median(meds):10.1f} ms  (rounds: {', '.join(f'{m:.1f}' for m in meds)})")
        for k, vals in onnx_ratios.items():
            print(f"  {k:38s} {statistics.median(vals):6.2f}")
        summary[case] = {"variants_ms": {v: statistics.median(m) for v, m in onnx_variants.items()},
                         "ratios": {k: round(statistics.median(v), 3) for k, v in onnx_ratios.items()},
                         "ours_rss_mib": round(max(d["ours_rss"])), "rounds": onnx_variants}
        continue
    o, t = statistics.median(d["ours"]), statistics.median(d["torch"])
    orss, trss = max(d["ours_rss"]), max(d["torch_rss"])
    # a host whose speed drifts between rounds moves both tools of a round together: each round's own ratio cancels it
    paired = [a / b for a, b in zip(d["ours"], d["torch"])]
    p = statistics.median(paired)
    summary[case] = {"ours_ms": o, "torch_ms": t, "ratio": round(o / t, 2), "ours_rss_mib": round(orss),
                     "torch_rss_mib": round(trss), "rss_ratio": round(orss / trss, 2),
                     "paired_ratio": round(p, 2), "paired_ratios": [round(x, 3) for x in paired],
                     "ours_rounds_ms": d["ours"], "torch_rounds_ms": d["torch"]}
    print(f"{case:14s} {o:10.1f} {t:10.1f} {o / t:10.2f} {orss:9.0f}M {trss:9.0f}M {orss / trss:9.2f}"
          f" {p:7.2f}  {min(paired):.2f}-{max(paired):.2f}")
print(json.dumps({"summary": summary, "threads": threads, "rounds": rounds, "warmup": warmup, "runs": runs,
                  "campaign_warmup": campaign_warmup if "train-campaign" in cases else None, "torch_blas": torch_blas or None,
                  "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"), "raw": out}))
PY
