#!/usr/bin/env bash
# Build-context scan against one-core Python references, interleaved, each in a fresh process:
#   cold  = our scan with an empty hash cache   vs  Python reading and SHA-256-ing every file once
#   warm  = our scan with the cache from cold   vs  Python os.walk + lstat of every entry
#   benchmarks/scripts/context-vs-python.sh [-r ROUNDS] SCANNER DIR...
# SCANNER runs one scan and prints "<ms> ms ... process_cpu_ms=N peak_rss_kib=N allocated_kib=N": the
# Immutable.Docker.Benchmarks binary (its replan-once command), best published NativeAOT as the provider is
# (-p:BenchmarkAot=true; a JIT build adds ~0.3 s CPU and ~30 MiB per process). DIR: e.g. made by
# `context-reference.py make DIR 100000 1024`.
# Prints a JSON line per measurement and a median table. Files stay in the page cache (no drop): the
# references read the same cached pages, so this compares CPU work, not the disk.
set -euo pipefail
rounds=3
while getopts r: flag; do case $flag in r) rounds=$OPTARG ;; *) exit 2 ;; esac; done
shift $((OPTIND - 1))
scanner=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
results=$(mktemp)
for dir in "$@"; do
  for r in $(seq 1 "$rounds"); do
    cache=$(mktemp -d)
    for step in hash cold stat warm; do
      load=$(cut -d' ' -f1 /proc/loadavg)
      start=$(date +%s%N)
      case $step in
        hash|stat) line=$(python3 "$here/context-reference.py" "$step" "$dir")
                   line=${line%\}}", \"load1\": $load}" ;;
        cold|warm) out=$("$scanner" replan-once --dir "$dir" --cache "$cache")
                   end=$(date +%s%N) # before the seds below: the process alone, start and exit included
                   cpu=$(sed -n 's/.*process_cpu_ms=\([0-9]*\).*/\1/p' <<<"$out")
                   rss=$(sed -n 's/.*peak_rss_kib=\([0-9-]*\).*/\1/p' <<<"$out")
                   entries=$(sed -n 's/.*entries=\([0-9]*\).*/\1/p' <<<"$out")
                   allocated=$(sed -n 's/.*allocated_kib=\([0-9]*\).*/\1/p' <<<"$out")
                   scan=${out%% ms*}
                   line="{\"mode\": \"$step\", \"files\": $entries, \"wall_ms\": $(( (end - start) / 1000000 )), \"scan_ms\": $scan, \"cpu_ms\": $cpu, \"peak_rss_kib\": $rss, \"allocated_kib\": ${allocated:-0}, \"load1\": $load}" ;;
      esac
      echo "{\"dir\": \"$dir\", ${line#\{}" | tee -a "$results"
    done
    rm -rf "$cache"
  done
done
python3 - "$results" <<'PY'
import json, statistics, sys, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    d = json.loads(line); rows[(d["dir"], d["mode"])].append(d)
print("\n| context | step | files | wall ms | wall µs/file | cpu ms | cpu µs/file | peak RSS MiB | allocated MiB | ratio to one-core reference (wall / cpu) | load1 |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
med = lambda rs, k: statistics.median(r[k] for r in rs if k in r)
for (dir, mode), rs in rows.items():
    ref = {"cold": "hash", "warm": "stat"}.get(mode)
    ratio = ""
    if ref:
        rr = rows[(dir, ref)]
        ratio = f"{med(rs, 'wall_ms') / med(rr, 'wall_ms'):.2f} / {med(rs, 'cpu_ms') / med(rr, 'cpu_ms'):.2f}"
    rss = f"{med(rs, 'peak_rss_kib') / 1024:.0f}" if "peak_rss_kib" in rs[0] else ""
    allocated = f"{med(rs, 'allocated_kib') / 1024:.0f}" if "allocated_kib" in rs[0] else ""
    files = rs[0]['files']
    print(f"| {dir} | {mode} | {files} | {med(rs, 'wall_ms'):.0f} | {med(rs, 'wall_ms') * 1000 / files:.1f} | {med(rs, 'cpu_ms'):.0f} | "
          f"{med(rs, 'cpu_ms') * 1000 / files:.1f} | {rss} | {allocated} | {ratio} | {med(rs, 'load1'):.1f} |")
PY
