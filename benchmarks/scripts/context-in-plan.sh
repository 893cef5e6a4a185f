#!/usr/bin/env bash
# Build-context cost inside a real `terraform plan` (how issue 19 measured it): a plan of one new
# immutable_image whose context is DIR, against the same plan over a 1-file context, with the
# published provider. Cold = empty hash cache (IMMUTABLE_CACHE_DIR), warm = the cache the cold plan wrote.
# The provider is launched through a wrapper that records its peak RSS and CPU (/usr/bin/time).
#   benchmarks/scripts/context-in-plan.sh [-r ROUNDS] PROVIDER_BINARY DIR...
# Needs terraform on PATH (dev_overrides, no registry) and the Docker engine the provider is configured for.
set -euo pipefail
rounds=3
while getopts r: flag; do case $flag in r) rounds=$OPTARG ;; *) exit 2 ;; esac; done
shift $((OPTIND - 1))
provider=$(realpath "$1"); shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/one"
printf 'FROM scratch\nCOPY . /\n' > "$work/one/Dockerfile"
cat > "$work/bin/terraform-provider-immutable" <<WRAP
#!/bin/sh
exec /usr/bin/time -a -o "\$IMMUTABLE_BENCH_TIME" -f "provider_cpu_ms=%U+%S peak_rss_kib=%M" "$provider" "\$@"
WRAP
chmod +x "$work/bin/terraform-provider-immutable"
cat > "$work/terraformrc" <<RC
provider_installation {
  dev_overrides { "immutable-infra/immutable" = "$work/bin" }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE=$work/terraformrc TF_IN_AUTOMATION=1

plan() { # plan CONTEXT CACHE -> prints "wall_ms cpu_ms peak_rss_kib" (provider CPU and RSS: the largest launch)
  local config=$work/config-$RANDOM
  mkdir -p "$config"
  cat > "$config/main.tf" <<TF
terraform {
  required_providers {
    immutable = { source = "immutable-infra/immutable" }
  }
}
provider "immutable" {}
resource "immutable_image" "bench" {
  name    = "127.0.0.1:5000/bench/context"
  context = "$1"
  push    = false
}
TF
  local times=$config/time.txt start
  start=$(date +%s%N)
  (cd "$config" && IMMUTABLE_CACHE_DIR=$2 IMMUTABLE_BENCH_TIME=$times terraform plan -input=false -lock=false -refresh=false >/dev/null)
  local wall=$(( ($(date +%s%N) - start) / 1000000 ))
  python3 - "$times" "$wall" <<'PY'
import re, sys
cpu, rss = 0, 0
for line in open(sys.argv[1]):
    m = re.search(r"provider_cpu_ms=([\d.]+)\+([\d.]+) peak_rss_kib=(\d+)", line)
    if m:
        cpu = max(cpu, (float(m[1]) + float(m[2])) * 1000); rss = max(rss, int(m[3]))
print(sys.argv[2], round(cpu), rss)
PY
  rm -rf "$config"
}

printf '| context | round | baseline plan ms | cold plan ms (+extra) | warm plan ms (+extra) | provider CPU ms cold / warm | provider peak RSS MiB cold / warm | load1 |\n|---|---|---|---|---|---|---|---|\n'
for dir in "$@"; do
  for r in $(seq 1 "$rounds"); do
    cache=$(mktemp -d)
    read -r base _ _ < <(plan "$work/one" "$(mktemp -d)")
    read -r cold cold_cpu cold_rss < <(plan "$(realpath "$dir")" "$cache")
    read -r warm warm_cpu warm_rss < <(plan "$(realpath "$dir")" "$cache")
    printf '| %s | %s | %s | %s (+%s) | %s (+%s) | %s / %s | %s / %s | %s |\n' "$dir" "$r" "$base" "$cold" $((cold - base)) "$warm" $((warm - base)) \
      "$cold_cpu" "$warm_cpu" $((cold_rss / 1024)) $((warm_rss / 1024)) "$(cut -d' ' -f1 /proc/loadavg)"
    rm -rf "$cache"
  done
done
