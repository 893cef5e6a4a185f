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

work=$(mktemp -d /tmp/build-haproxy.XXXXXX)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$work/deb" "$root"

# 1. fetch the .deb (no install on the host, no service start)
cd "$work/deb"
if ! apt-get download "$PKG" >/dev/null 2>&1; then
  apt-get update -qq
  apt-get download "$PKG" >/dev/null
fi
dpkg -x ./${PKG}_*.deb "$work/x"
haproxy_bin=$work/x/usr/sbin/haproxy
[ -x "$haproxy_bin" ] || { echo "no /usr/sbin/haproxy in $PKG" >&2; exit 1; }

# Libraries are taken from the host, so the host must have the package's runtime library
# dependencies (same Debian release as the .deb); install the missing ones, start nothing.
deps=$(dpkg-deb -f "$work"/deb/${PKG}_*.deb Depends | tr ',' '\n' \
        | sed -E 's/\(.*//; s/\|.*//; s/ //g' | grep -E '^lib' || true)
missing=()
for p in $deps; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. binary + libs + loader
install -D -m 0755 "$haproxy_bin" "$root/usr/sbin/haproxy"
if ldd "$haproxy_bin" | grep -q 'not found'; then
  ldd "$haproxy_bin" >&2; echo "unresolved libraries" >&2; exit 1
fi
ldd "$haproxy_bin" | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' |
while read -r lib; do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"          # dereference: scratch has no /lib -> usr/lib symlink
done
interp=$(readelf -l "$haproxy_bin" 2>/dev/null | sed -n 's/.*interpreter: \(.*\)]/\1/p')
interp=${interp:-/lib64/ld-linux-x86-64.so.2}
[ -e "$root$interp" ] || { mkdir -p "$root$(dirname "$interp")"; cp -L "$interp" "$root$interp"; }

# 3. busybox (static) for wget and nc
busybox=$(command -v busybox || true)
[ -n "$busybox" ] && file -L "$busybox" 2>/dev/null | grep -q 'statically linked' || busybox=/bin/busybox
file -L "$busybox" | grep -q 'statically linked' || { echo "need a static busybox (apt-get install busybox-static)" >&2; exit 1; }
install -D -m 0755 "$busybox" "$root/bin/busybox"
for applet in sh wget nc sleep cat; do ln -s busybox "$root/bin/$applet"; done

# 4. minimal /etc
mkdir -p "$root/etc/immutable" "$root/tmp" "$root/run"
cat >"$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
PASSWD
cat >"$root/etc/group" <<'GROUP'
root:x:0:
nogroup:x:65534:
GROUP
cat >"$root/etc/nsswitch.conf" <<'NSS'
passwd: files
group: files
hosts: files dns
NSS
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
chmod 1777 "$root/tmp"

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
"$haproxy_bin" -v | head -1
DOCKER_BUILDKIT=0 docker build -q -t "$TAG" "$work" >/dev/null 2>"$work/build.err" \
  || { cat "$work/build.err" >&2; exit 1; }
docker image inspect -f '{{.Id}} {{.Size}}' "$TAG"
