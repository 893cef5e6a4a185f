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

here=$(cd "$(dirname "$0")" && pwd)
. "$here/rootfs.sh"

work=$(mktemp -d /tmp/build-proxy.XXXXXX)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs

# 1. the .debs, unpacked, not installed (no service starts)
fetch_debs "$work" "$PKG" nginx-common
nginx_bin=$work/x/usr/sbin/nginx
[ -x "$nginx_bin" ] || { echo "no /usr/sbin/nginx in $PKG" >&2; exit 1; }

# 2. binary + libs + loader
install_with_libs "$nginx_bin" "$root" /usr/sbin/nginx

# 3. minimal /etc
write_minimal_etc "$root"
mkdir -p "$root/etc/nginx" "$root/var/log/nginx" "$root/var/lib/nginx" "$root/usr/share/nginx/html"
cp "$work/x/etc/nginx/mime.types" "$root/etc/nginx/mime.types"
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
