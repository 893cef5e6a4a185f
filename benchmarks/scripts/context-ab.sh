#!/usr/bin/env bash
# Interleaved A/B of two (or more) builds of the context benchmark, each scan in a fresh process:
# per round and per build a cold scan (empty cache) then a warm one (the cache the cold scan wrote).
# Prints medians of the in-process scan time, process CPU and peak RSS, per build and step.
#   benchmarks/scripts/context-ab.sh [-r ROUNDS] DIR LABEL=SCANNER...
# SCANNER: an Immutable.Docker.Benchmarks binary (published with -p:BenchmarkAot=true), e.g. main's and yours.
set -euo pipefail
rounds=5
while getopts r: flag; do case $flag in r) rounds=$OPTARG ;; *) exit 2 ;; esac; done
shift $((OPTIND - 1))
dir=$1; shift
results=$(mktemp)
for r in $(seq 1 "$rounds"); do
  for pair in "$@"; do
    label=${pair%%=*}; scanner=${pair#*=}
    cache=$(mktemp -d)
    for step in cold warm; do
      out=$("$scanner" replan-once --dir "$dir" --cache "$cache")
      echo "$label $step ${out%% ms*} $(sed -n 's/.*process_cpu_ms=\([0-9]*\).*/\1/p' <<<"$out") $(sed -n 's/.*peak_rss_kib=\([0-9]*\).*/\1/p' <<<"$out") $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$results"
    done
    rm -rf "$cache"
  done
done
python3 - "$results" <<'PY'
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    label, step, scan, cpu, rss, load = line.split()
    rows[(label, step)].append((float(scan), float(cpu), int(rss), float(load)))
print("\n| build | step | scan ms (wall) | CPU ms | peak RSS MiB | load1 |\n|---|---|---|---|---|---|")
for (label, step), rs in rows.items():
    med = lambda k: statistics.median(r[k] for r in rs)
    print(f"| {label} | {step} | {med(0):.0f} | {med(1):.0f} | {med(2) / 1024:.1f} | {med(3):.1f} |")
PY
