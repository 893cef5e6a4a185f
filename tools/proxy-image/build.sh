#!/usr/bin/env bash
# tools/proxy-image/build.sh TAG
#
# The nginx image immutable_rollout endpoints run, made from Debian parts only (for machines that
# cannot pull nginx from a registry, like CI here). Any nginx image with `nginx` on its PATH works
# as endpoint.proxy_image / the provider's proxy_image; the official nginx images do.
#
# Builds a FROM-scratch image containing Debian's nginx (package `nginx`,
# which `nginx-light` depends on in bookworm) plus exactly the shared
# libraries `ldd` reports, the dynamic loader, minimal passwd/group
# (nobody/nogroup), nsswitch.conf, mime.types and a placeholder config.
#
# Run-time contract (what the provider does):
#   CMD  nginx -c /etc/immutable/nginx.conf -g 'daemon off;'
#   the config must keep every writable path under /tmp (pid + *_temp_path),
#   so `--read-only --tmpfs /tmp` works.  The provider overwrites
#   /etc/immutable/nginx.conf via PUT /containers/{id}/archive and sends SIGHUP.
#
# No network except Debian's apt mirror is needed; nothing is pulled.
set -euo pipefail

TAG=${1:?usage: build-proxy-image.sh TAG}
PKG=${NGINX_PKG:-nginx}          # binary package holding /usr/sbin/nginx

work=$(mktemp -d /tmp/build-proxy.XXXXXX)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$work/deb" "$root"

# 1. fetch the .debs (no install on the host, no service start)
cd "$work/deb"
if ! apt-get download "$PKG" nginx-common >/dev/null 2>&1; then
  apt-get update -qq
  apt-get download "$PKG" nginx-common >/dev/null
fi
# apt-get download as root warns about _apt sandboxing; harmless.
for d in ./*.deb; do dpkg -x "$d" "$work/x"; done
nginx_bin=$work/x/usr/sbin/nginx
[ -x "$nginx_bin" ] || { echo "no /usr/sbin/nginx in $PKG" >&2; exit 1; }

# Libraries are taken from the host, so the host must have the runtime
# dependencies of the package (same Debian release as the .deb).
deps=$(dpkg-deb -f "$work"/deb/${PKG}_*.deb Depends | tr ',' '\n' \
        | sed -E 's/\(.*//; s/\|.*//; s/ //g' \
        | grep -E '^lib|^zlib' || true)
missing=()
for p in $deps; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. binary + libs + loader
install -D -m 0755 "$nginx_bin" "$root/usr/sbin/nginx"
if ldd "$nginx_bin" | grep -q 'not found'; then
  ldd "$nginx_bin" >&2; echo "unresolved libraries" >&2; exit 1
fi
ldd "$nginx_bin" | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' |
while read -r lib; do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"          # dereference: scratch has no /lib -> usr/lib symlink
done
interp=$(readelf -l "$nginx_bin" 2>/dev/null | sed -n 's/.*interpreter: \(.*\)]/\1/p')
interp=${interp:-/lib64/ld-linux-x86-64.so.2}
[ -e "$root$interp" ] || { mkdir -p "$root$(dirname "$interp")"; cp -L "$interp" "$root$interp"; }

# 3. minimal /etc
mkdir -p "$root/etc/nginx" "$root/etc/immutable" "$root/tmp" \
         "$root/var/log/nginx" "$root/var/lib/nginx" "$root/run" \
         "$root/usr/share/nginx/html"
cp "$work/x/etc/nginx/mime.types" "$root/etc/nginx/mime.types"
cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
EOF
cat >"$root/etc/group" <<'EOF'
root:x:0:
nogroup:x:65534:
EOF
cat >"$root/etc/nsswitch.conf" <<'EOF'
passwd: files
group: files
hosts: files dns
EOF
# placeholder config so the image also runs stand-alone; the provider
# replaces it before start.  Everything writable lives in /tmp.
cat >"$root/etc/immutable/nginx.conf" <<'EOF'
worker_processes 1;
pid /tmp/nginx.pid;
error_log stderr notice;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path /tmp/client_body;
  proxy_temp_path       /tmp/proxy;
  fastcgi_temp_path     /tmp/fastcgi;
  uwsgi_temp_path       /tmp/uwsgi;
  scgi_temp_path        /tmp/scgi;
  server { listen 8000; location / { return 503 "no upstream configured\n"; } }
}
EOF
chmod 1777 "$root/tmp"

# 4. image
cat >"$work/Dockerfile" <<'EOF'
FROM scratch
COPY rootfs/ /
EXPOSE 8000
STOPSIGNAL SIGQUIT
ENV PATH=/usr/sbin:/usr/bin
CMD ["nginx", "-c", "/etc/immutable/nginx.conf", "-g", "daemon off;"]
EOF
# sanity check the binary against its libs before building
"$nginx_bin" -v
DOCKER_BUILDKIT=0 docker build -q -t "$TAG" "$work" >/dev/null 2>"$work/build.err" \
  || { cat "$work/build.err" >&2; exit 1; }
docker image inspect -f '{{.Id}} {{.Size}}' "$TAG"
