#!/usr/bin/env bash
# Wall time of `immutable_image` create (real Terraform CLI, the published provider, BuildKit) against
# the same BuildKit build requested directly from the engine (`POST /build?version=2` with curl: the
# Docker CLI here has no buildx, so `DOCKER_BUILDKIT=1 docker build` cannot run) — same context, same
# Dockerfile, same engine; cold (no layer cache) and warm (everything cached). Prints the ratios.
# usage: benchmarks/buildkit/compare.sh [runs]   (needs artifacts/bin/terraform-provider-immutable)
set -euo pipefail
runs="${1:-3}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d /tmp/immutable-bk-bench.XXXXXX)"
trap 'rm -rf "$work"; docker image ls -q immutable-bk-bench/app | sort -u | xargs -r docker rmi -f >/dev/null 2>&1 || true' EXIT

mkdir -p "$work/app" "$work/tf"
cp "$(command -v busybox)" "$work/app/busybox"
head -c 4000000 /dev/urandom > "$work/app/data.bin"
cat > "$work/app/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
COPY data.bin /data.bin
RUN --mount=type=cache,target=/cache sha256sum /data.bin > /sum && cp /sum /cache/sum
DOCKERFILE
(cd "$work/app" && tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$work/context.tar" .)

cat > "$work/terraformrc" <<RC
provider_installation {
  dev_overrides { "immutable-infra/immutable" = "$root/artifacts/bin" }
  direct {}
}
RC
now() { date +%s.%N; }
tf_create() { # $1 = no_cache
  cat > "$work/tf/main.tf" <<TF
terraform {
  required_providers {
    immutable = { source = "immutable-infra/immutable" }
  }
}
resource "immutable_image" "app" {
  name         = "immutable-bk-bench/app"
  context      = "$work/app"
  no_cache     = $1
  keep_locally = true
}
TF
  rm -f "$work/tf/terraform.tfstate"*
  local start; start=$(now)
  TF_CLI_CONFIG_FILE="$work/terraformrc" terraform -chdir="$work/tf" apply -auto-approve -no-color >/dev/null
  echo "$(now) - $start" | bc
}
curl_build() { # $1 = nocache (0/1)
  local start; start=$(now)
  curl -sf --unix-socket /var/run/docker.sock -X POST -H 'Content-Type: application/x-tar' \
    --data-binary @"$work/context.tar" "http://docker/build?version=2&t=immutable-bk-bench/app:curl&nocache=$1" >/dev/null
  echo "$(now) - $start" | bc
}

tf_create false >/dev/null; curl_build 0 >/dev/null   # prime both paths once
for kind in cold warm; do
  nc=$([ $kind = cold ] && echo true || echo false); ncq=$([ $kind = cold ] && echo 1 || echo 0)
  tf_total=0; curl_total=0
  for _ in $(seq "$runs"); do
    tf_total=$(echo "$tf_total + $(tf_create $nc)" | bc)
    curl_total=$(echo "$curl_total + $(curl_build $ncq)" | bc)
  done
  printf '%s: immutable_image create %.2fs, engine BuildKit build %.2fs, ratio %.2f (mean of %d)\n' \
    $kind "$(echo "$tf_total / $runs" | bc -l)" "$(echo "$curl_total / $runs" | bc -l)" "$(echo "$tf_total / $curl_total" | bc -l)" "$runs"
done
