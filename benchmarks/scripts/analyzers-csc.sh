#!/usr/bin/env bash
# benchmarks/scripts/analyzers-csc.sh PROJECT_DIR [ROUNDS] [LABEL=ANALYZER.dll ...]
#
# What the Immutable analyzers add to the compiler's CPU time, without MSBuild's noise: captures the exact csc
# command line a build of PROJECT_DIR runs (its references, the SDK's analyzers and generators, its
# .globalconfig), then runs that csc alone, interleaved round by round: without our analyzers ("none"), with
# them ("ours"), and with any other analyzer DLL given as LABEL=PATH (e.g. a no-op analyzer that registers the
# same action kinds, to separate the driver's cost from our rules' own). CPU = user + sys of the csc process.
# Build the analyzers first: dotnet build analyzers/Immutable.Analyzers -c Release (or set OURS=path/to/Immutable.Analyzers.dll,
# e.g. a copy, so that rebuilding during a long run does not change what is measured; the file name must stay
# Immutable.Analyzers.dll). Extra labels name other copies, e.g. before=/tmp/before/Immutable.Analyzers.dll; a label with
# no path (none2=) runs without analyzers again at a later position of each round: a control for the order of runs.
set -euo pipefail
project=$(cd "${1:?usage: analyzers-csc.sh PROJECT_DIR [ROUNDS] [LABEL=DLL ...]}" && pwd)
rounds=${2:-5}
shift $(( $# >= 2 ? 2 : 1 ))
repo=$(cd "$(dirname "$0")/../.." && pwd)
ours=${OURS:-$repo/analyzers/Immutable.Analyzers/bin/Release/netstandard2.0/Immutable.Analyzers.dll}
[ -f "$ours" ] || { echo "build the analyzers first: dotnet build $repo/analyzers/Immutable.Analyzers -c Release" >&2; exit 1; }
out=$(mktemp -d /tmp/analyzers-csc.XXXXXX)
trap 'rm -rf "$out"' EXIT

source "$(dirname "$0")/csc-line.sh"
capture_csc_line "$project" "$out"

labels=(none ours) dlls=("" "$ours")
for pair in "$@"; do labels+=("${pair%%=*}"); dlls+=("${pair#*=}"); done

run() { # label dll -> CPU seconds
  local extra=()
  [ -z "$2" ] || extra=("/analyzer:$2")
  (cd "$project" && /usr/bin/time -f '%U %S' -o "$out/time" "$csc" "@$out/args.rsp" "${extra[@]}" > "$out/csc-$1.log" 2>&1) \
    || { echo "csc failed ($1):" >&2; tail -5 "$out/csc-$1.log" >&2; exit 1; }
  tail -1 "$out/time" | awk '{printf "%.2f", $1 + $2}'
}

echo "project $project, $rounds rounds, load $(cut -d' ' -f1-3 /proc/loadavg)"
run ours "$ours" >/dev/null   # warm-up: page cache, analyzer assembly
for r in $(seq 1 "$rounds"); do
  for i in "${!labels[@]}"; do
    cpu=$(run "${labels[$i]}" "${dlls[$i]}")
    echo "round $r ${labels[$i]} cpu ${cpu}s load $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$out/results"
  done
done

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
base=$(awk '$3 == "none" {print $5+0}' "$out/results" | median)
for label in "${labels[@]}"; do
  m=$(awk -v l="$label" '$3 == l {print $5+0}' "$out/results" | median)
  ratios=$(awk -v l="$label" '$3 == "none" {n[$2]=$5+0} $3 == l {x[$2]=$5+0} END {for (r = 1; r in x; r++) printf "%+.1f%% ", (x[r]/n[r]-1)*100}' "$out/results")
  echo "median $label ${m}s ($(awk -v m="$m" -v b="$base" 'BEGIN {printf "%+.1f%%", (m/b-1)*100}') vs none); per round vs none: $ratios"
done
