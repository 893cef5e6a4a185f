#!/usr/bin/env bash
# benchmarks/scripts/analyzers-profile.sh PROJECT_DIR [LABEL=ANALYZER.dll ...]
#
# Which part of one csc run is our analyzers' work: samples the exact csc command line a build of PROJECT_DIR runs
# (as analyzers-csc.sh captures it) with `perf record` (cpu-clock, call graphs), once per LABEL=DLL ("none" is the run
# without our analyzers; with no pair given, the built analyzers are profiled as "ours"), and prints the share of
# samples under our analyzers' frames, per rule (analyzers-profile.py). JIT code is named through the runtime's perf
# map; ReadyToRun is off so Roslyn's frames are named too (it makes csc slower, the shares stay comparable).
# Needs perf (linux-perf) and python3. The DLL's file name must stay Immutable.Analyzers.dll.
set -euo pipefail
project=$(cd "${1:?usage: analyzers-profile.sh PROJECT_DIR [LABEL=DLL ...]}" && pwd)
shift
repo=$(cd "$(dirname "$0")/../.." && pwd)
pairs=("$@")
[ ${#pairs[@]} -gt 0 ] || pairs=("ours=$repo/analyzers/Immutable.Analyzers/bin/Release/netstandard2.0/Immutable.Analyzers.dll")
out=$(mktemp -d /tmp/analyzers-profile.XXXXXX)
trap 'rm -rf "$out"' EXIT

source "$(dirname "$0")/csc-line.sh"
capture_csc_line "$project" "$out"

echo "project $project, load $(cut -d' ' -f1-3 /proc/loadavg)"
reports=()
for pair in "${pairs[@]}"; do
  label=${pair%%=*} dll=${pair#*=}
  extra=()
  [ "$dll" = "" ] || [ "$dll" = "none" ] || extra=("/analyzer:$dll")
  (cd "$project" && DOTNET_ReadyToRun=0 DOTNET_EnableWriteXorExecute=0 DOTNET_PerfMapEnabled=1 \
    perf record -q -F 499 -g -e cpu-clock -o "$out/$label.data" -- "$csc" "@$out/args.rsp" "${extra[@]}" > "$out/$label.log" 2>&1) \
    || { echo "csc failed ($label):" >&2; tail -5 "$out/$label.log" >&2; exit 1; }
  perf script -i "$out/$label.data" -F tid,ip,sym 2>/dev/null > "$out/$label.txt"
  rm -f "$out/$label.data"
  echo "$label: $(grep -c 'warning IMM' "$out/$label.log" || true) IMM warnings, load $(cut -d' ' -f1 /proc/loadavg)"
  reports+=("$label=$out/$label.txt")
done
python3 "$(dirname "$0")/analyzers-profile.py" "${reports[@]}"
