#!/usr/bin/env bash
# Installs and starts what the Docker-backed tests need, from Debian's packages only:
# a Docker engine (dockerd) and a registry on loopback; and gpg for the release tests.
# Idempotent: safe to run twice.
set -euo pipefail

log() { printf '[services] %s\n' "$*"; }

need_install=()
command -v dockerd >/dev/null || need_install+=(docker.io)
command -v docker-registry >/dev/null || need_install+=(docker-registry)
[ -x /bin/busybox ] || [ -x /usr/bin/busybox ] || need_install+=(busybox-static)
command -v htpasswd >/dev/null || need_install+=(apache2-utils)
command -v curl >/dev/null || need_install+=(curl)
# The release tests sign and verify with a throwaway key (tests/Immutable.Release.Tests); without gpg they fail.
{ command -v gpg >/dev/null && command -v gpgconf >/dev/null; } || need_install+=(gnupg)
if [ ${#need_install[@]} -gt 0 ]; then
  log "installing ${need_install[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_install[@]}" >/dev/null
fi

state=/tmp/immutable-ci
mkdir -p "$state"

if ! docker info >/dev/null 2>&1; then
  log "starting dockerd"
  nohup dockerd --host=unix:///var/run/docker.sock >"$state/dockerd.log" 2>&1 &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  docker info >/dev/null 2>&1 || { log "dockerd did not start"; tail -50 "$state/dockerd.log"; exit 1; }
fi
log "docker engine $(docker version --format '{{.Server.Version}}')"

# A plain registry on 127.0.0.1:5000 (push/pull without auth).
if ! curl -fsS http://127.0.0.1:5000/v2/ >/dev/null 2>&1; then
  cat >"$state/registry.yml" <<YAML
version: 0.1
storage:
  filesystem:
    rootdirectory: $state/registry-data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:5000
YAML
  log "starting registry on 127.0.0.1:5000"
  nohup docker-registry serve "$state/registry.yml" >"$state/registry.log" 2>&1 &
  for _ in $(seq 1 30); do
    curl -fsS http://127.0.0.1:5000/v2/ >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fsS http://127.0.0.1:5000/v2/ >/dev/null || { log "registry did not start"; cat "$state/registry.log"; exit 1; }
fi
log "registry ready on 127.0.0.1:5000"

# A registry that requires a login, on 127.0.0.1:5001 (user immutable, password in $state/registry-auth.password).
if ! curl -sS -o /dev/null -w '%{http_code}' http://127.0.0.1:5001/v2/ 2>/dev/null | grep -q 401; then
  echo "s3cret-$(date +%s)" > "$state/registry-auth.password"
  htpasswd -Bbn immutable "$(cat "$state/registry-auth.password")" > "$state/registry-auth.htpasswd"
  cat >"$state/registry-auth.yml" <<YAML
version: 0.1
storage:
  filesystem:
    rootdirectory: $state/registry-auth-data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:5001
auth:
  htpasswd:
    realm: immutable-tests
    path: $state/registry-auth.htpasswd
YAML
  log "starting authenticated registry on 127.0.0.1:5001"
  nohup docker-registry serve "$state/registry-auth.yml" >"$state/registry-auth.log" 2>&1 &
  for _ in $(seq 1 30); do
    curl -sS -o /dev/null -w '%{http_code}' http://127.0.0.1:5001/v2/ 2>/dev/null | grep -q 401 && break
    sleep 1
  done
fi
curl -sS -o /dev/null -w '%{http_code}' http://127.0.0.1:5001/v2/ | grep -q 401 || { log "authenticated registry did not start"; cat "$state/registry-auth.log"; exit 1; }
log "authenticated registry ready on 127.0.0.1:5001 (user immutable)"

# The nginx image rollout endpoints run in tests, built FROM scratch from Debian's nginx package
# (no image can be pulled here).
if ! docker image inspect immutable-test/proxy:nginx >/dev/null 2>&1; then
  log "building the rollout proxy image immutable-test/proxy:nginx"
  bash "$(dirname "$0")/../tools/proxy-image/build.sh" immutable-test/proxy:nginx >/dev/null
fi
log "proxy image immutable-test/proxy:nginx ready"
