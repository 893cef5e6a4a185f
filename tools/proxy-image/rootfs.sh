# tools/proxy-image/rootfs.sh — sourced by build.sh (nginx) and build-haproxy.sh (HAProxy).
#
# The steps both FROM-scratch proxy images share: take a Debian package's binary without installing
# the package, copy it with exactly the shared libraries `ldd` reports and the dynamic loader, and
# write the minimal /etc a scratch image needs. Nothing is pulled; only Debian's apt mirror is used.

# fetch_debs WORK PKG...: downloads the .debs into WORK/deb and unpacks them into WORK/x. The host
# must have the first package's runtime libraries (same Debian release): missing ones are installed,
# nothing is started.
fetch_debs() {
  local work=$1; shift
  mkdir -p "$work/deb" "$work/x"
  # apt-get download as root warns about _apt sandboxing; harmless.
  if ! (cd "$work/deb" && apt-get download "$@" >/dev/null 2>&1); then
    apt-get update -qq
    (cd "$work/deb" && apt-get download "$@" >/dev/null)
  fi
  local deb
  for deb in "$work"/deb/*.deb; do dpkg -x "$deb" "$work/x"; done
  local deps missing=() p
  deps=$(dpkg-deb -f "$work"/deb/"$1"_*.deb Depends | tr ',' '\n' \
          | sed -E 's/\(.*//; s/\|.*//; s/ //g' | grep -E '^lib|^zlib' || true)
  for p in $deps; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# install_with_libs BINARY ROOT DEST: copies BINARY to ROOT/DEST with every library ldd resolves and
# the ELF interpreter, dereferenced (scratch has no /lib -> usr/lib symlink).
install_with_libs() {
  local bin=$1 root=$2 dest=$3 lib interp
  install -D -m 0755 "$bin" "$root$dest"
  if ldd "$bin" | grep -q 'not found'; then
    ldd "$bin" >&2; echo "unresolved libraries" >&2; return 1
  fi
  ldd "$bin" | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' |
  while read -r lib; do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
  interp=$(readelf -l "$bin" 2>/dev/null | sed -n 's/.*interpreter: \(.*\)]/\1/p')
  interp=${interp:-/lib64/ld-linux-x86-64.so.2}
  [ -e "$root$interp" ] || { mkdir -p "$root$(dirname "$interp")"; cp -L "$interp" "$root$interp"; }
}

# write_minimal_etc ROOT: passwd/group with root and nobody/nogroup, nsswitch.conf, a world-writable /tmp.
write_minimal_etc() {
  local root=$1
  mkdir -p "$root/etc/immutable" "$root/tmp" "$root/run"
  printf '%s\n' 'root:x:0:0:root:/:/sbin/nologin' 'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin' >"$root/etc/passwd"
  printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' >"$root/etc/group"
  printf '%s\n' 'passwd: files' 'group: files' 'hosts: files dns' >"$root/etc/nsswitch.conf"
  chmod 1777 "$root/tmp"
}
