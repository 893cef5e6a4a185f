#!/usr/bin/env bash
# tools/proxy-image/build-haproxy.sh TAG
#
# The HAProxy image immutable_rollout endpoints run, made from Debian parts only (for machines that
# cannot pull haproxy from a registry, like CI here). Any image with `haproxy` (2.6 or newer) and a
# `wget` on its PATH works as endpoint.proxy_image; the official haproxy:*-alpine images do.
# Why HAProxy and not nginx: docs/design/endpoint-proxy.md.
#
# Builds a FROM-scratch image containing Debian's haproxy binary plus exactly the shared libraries
# `ldd` reports, the dynamic loader, the host's static busybox (wget and nc: the provider probes
# backends and talks to HAProxy's runtime API from inside the container, so a remote engine works),
# minimal passwd/group/nsswitch.conf and a placeholder configuration.
#
# Run-time contract (what the provider does):
#   CMD  haproxy -W -db -f /etc/immutable/haproxy.cfg   (master-worker; SIGUSR2 = seamless reload)
#   everything writable lives under /tmp, so `--read-only --tmpfs /tmp` works.
#
# No network except Debian's apt mirror is needed; nothing is pulled.
set -euo pipefail

TAG=${1:?usage: build-haproxy.sh TAG}
PKG=haproxy

here=$(cd "$(dirname "$0")" && pwd)
. "$here/rootfs.sh"

work=$(mktemp -d /tmp/build-haproxy.XXXXXX)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs

# 1. the .deb, unpacked, not installed (no service starts)
fetch_debs "$work" "$PKG"
haproxy_bin=$work/x/usr/sbin/haproxy
[ -x "$haproxy_bin" ] || { echo "no /usr/sbin/haproxy in $PKG" >&2; exit 1; }

# 2. binary + libs + loader
install_with_libs "$haproxy_bin" "$root" /usr/sbin/haproxy

# 3. busybox (static) for wget and nc
busybox=$(command -v busybox || true)
[ -n "$busybox" ] && file -L "$busybox" 2>/dev/null | grep -q 'statically linked' || busybox=/bin/busybox
file -L "$busybox" | grep -q 'statically linked' || { echo "need a static busybox (apt-get install busybox-static)" >&2; exit 1; }
install -D -m 0755 "$busybox" "$root/bin/busybox"
for applet in sh wget nc sleep cat; do ln -s busybox "$root/bin/$applet"; done

# 4. minimal /etc
write_minimal_etc "$root"
# placeholder configuration so the image also runs stand-alone; the provider replaces it before start.
cat >"$root/etc/immutable/haproxy.cfg" <<'CFG'
global
  log stderr format raw local0 notice
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
frontend endpoint
  bind :8000
  http-request return status 503 content-type text/plain string "no upstream configured"
CFG

# 5. image
cat >"$work/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY rootfs/ /
EXPOSE 8000
STOPSIGNAL SIGUSR1
ENV PATH=/usr/sbin:/usr/bin:/bin
CMD ["haproxy", "-W", "-db", "-f", "/etc/immutable/haproxy.cfg"]
DOCKERFILE
# sanity check the binary against its libs before building
"$haproxy_bin" -v | sed -n 1p   # sed reads to the end: head would let SIGPIPE fail the pipeline
DOCKER_BUILDKIT=0 docker build -q -t "$TAG" "$work" >/dev/null 2>"$work/build.err" \
  || { cat "$work/build.err" >&2; exit 1; }
docker image inspect -f '{{.Id}} {{.Size}}' "$TAG"
