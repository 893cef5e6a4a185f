#!/usr/bin/env bash
# Start-up of published providers measured with HashiCorp go-plugin's own client (tfprobe), interleaved
# round by round so machine load hits every binary alike. Any number of LABEL=BINARY pairs; the Go
# reference (terraform-provider-mini) is added when it is on PATH.
#   benchmarks/scripts/startup-vs-go.sh [-r ROUNDS] [-n LAUNCHES] [-o OUTDIR] LABEL=BINARY...
# tfprobe and terraform-provider-mini: see benchmarks/README.md (built from Debian's go-plugin packages).
# Prints per round the JSON tfprobe reports, then a table of medians over rounds.
set -euo pipefail
rounds=5 launches=20 out="${TMPDIR:-/tmp}/immutable-startup-$$"
while getopts r:n:o: flag; do
  case $flag in
    r) rounds=$OPTARG ;; n) launches=$OPTARG ;; o) out=$OPTARG ;; *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
command -v tfprobe >/dev/null || { echo "tfprobe is not installed (see benchmarks/README.md); use benchmarks/Immutable.Benchmarks instead" >&2; exit 2; }
pairs=("$@")
if mini=$(command -v terraform-provider-mini); then pairs+=("go=$mini"); fi
[ ${#pairs[@]} -gt 0 ] || { echo "usage: $0 [-r R] [-n N] LABEL=BINARY..." >&2; exit 2; }
mkdir -p "$out"
for r in $(seq 1 "$rounds"); do
  # Rotate the order each round: the first launch of a round pays for a colder machine.
  for i in $(seq 0 $((${#pairs[@]} - 1))); do
    pair=${pairs[$(( (i + r) % ${#pairs[@]} ))]}
    label=${pair%%=*} binary=${pair#*=}
    load=$(cut -d' ' -f1 /proc/loadavg)
    line=$(tfprobe -n "$launches" -warmup 1 -label "$label" "$binary" 2>>"$out/stderr.txt" | tail -1)
    echo "$line" | python3 -c 'import json,sys; d=json.load(sys.stdin); d["load1"]=float(sys.argv[1]); print(json.dumps(d))' "$load" >>"$out/$label.jsonl"
    echo "round $r $label load $load: $line"
  done
done
python3 - "$out" "${pairs[@]}" <<'PY'
import json, statistics, sys
out, pairs = sys.argv[1], [p.split("=", 1)[0] for p in sys.argv[2:]]
keys = ["handshake_ms", "connected_ms", "first_rpc_ms", "plugin_cpu_at_handshake_ms", "plugin_cpu_ms", "vm_hwm_kb"]
rows = {}
for label in pairs:
    runs = [json.loads(l) for l in open(f"{out}/{label}.jsonl")]
    rows[label] = {k: statistics.median(r[k] for r in runs if k in r) for k in keys}
print()
print("median over rounds of per-round medians; ratio against go where present")
print("| " + " | ".join(["label"] + keys) + " |")
print("|" + "---|" * (len(keys) + 1))
for label, row in rows.items():
    cells = []
    for k in keys:
        v = row[k] / 1024 if k == "vm_hwm_kb" else row[k]
        ratio = f" ({row[k] / rows['go'][k]:.2f}x)" if "go" in rows and label != "go" and rows["go"][k] else ""
        cells.append(f"{v:.1f}{' MiB' if k == 'vm_hwm_kb' else ''}{ratio}")
    print("| " + " | ".join([label] + cells) + " |")
print(f"raw results: {out}")
PY
