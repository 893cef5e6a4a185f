#!/usr/bin/env bash
# tools/busybox-image/build.sh TAG
#
# A busybox base image (busybox with its applets on PATH) for the examples' app, made FROM scratch
# from the host's static busybox (Debian: busybox-static), for machines that cannot pull busybox.
# Exit 3 when the host has no static busybox.
set -euo pipefail
tag=${1:?usage: tools/busybox-image/build.sh TAG}

busybox="$(command -v busybox || true)"
linkage=""
[ -z "$busybox" ] || linkage="$(ldd "$busybox" 2>&1 || true)"
if ! grep -qE "not a dynamic executable|statically linked" <<<"$linkage"; then
  echo "no static busybox on this machine (Debian/Ubuntu: sudo apt-get install busybox-static)" >&2
  exit 3
fi

context="$(mktemp -d)"
trap 'rm -rf "$context"' EXIT
cp "$busybox" "$context/busybox"
printf 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\nENV PATH=/bin\n' > "$context/Dockerfile"
docker build -q -t "$tag" "$context" >/dev/null 2>&1
