#!/usr/bin/env bash
# What the Docker-backed tests need, from Debian's packages only: a Docker engine (dockerd), a registry
# on 127.0.0.1:5000 and one with a login on :5001, the rollout proxy image, and gpg for the release tests.
#
#   bash .ci/services.sh [start]   install what is missing (apt-get) and start what is not running; idempotent
#   bash .ci/services.sh stop      stop what this script started (never an engine or registry it found running)
#   bash .ci/services.sh status    say what runs and who started it
#
# An engine that already answers (the user's own) is used as it is: never reconfigured or restarted.
# ./build.sh test runs `start` itself; what it started is recorded under $state/pids/ so `stop` can end it.
set -euo pipefail

log() { printf '[services] %s\n' "$*"; }
state=/tmp/immutable-ci
pids="$state/pids"
here="$(cd "$(dirname "$0")" && pwd)"

# A recorded pid counts only while that process is still the program we started (pids get reused).
started_pid() {
  local name="$1" program="$2" pid
  [ -f "$pids/$name" ] || return 1
  pid="$(cat "$pids/$name")"
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$program" ] && echo "$pid"
}

# Starts a program in the background with its log in $state, and records its pid.
launch() {
  local name="$1"; shift
  mkdir -p "$pids"
  nohup "$@" >"$state/$name.log" 2>&1 &
  echo $! >"$pids/$name"
}

wait_until() {
  local seconds="$1"; shift
  for _ in $(seq 1 "$seconds"); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  "$@" >/dev/null 2>&1
}

engine_up() { docker info >/dev/null 2>&1; }
registry_up() { curl -fsS http://127.0.0.1:5000/v2/ >/dev/null 2>&1; }
auth_registry_up() { curl -sS -o /dev/null -w '%{http_code}' http://127.0.0.1:5001/v2/ 2>/dev/null | grep -q 401; }

# Why we cannot go on, and what to do instead; exit code 3 tells ./build.sh test to stop before building.
cannot() {
  log "cannot prepare the test services: $1"
  cat >&2 <<'HELP'
[services] Either run the tests as root (or with passwordless sudo) on a Debian-like machine, so that
[services] .ci/services.sh can install and start everything, or provide it yourself and run
[services]   IMMUTABLE_TEST_SERVICES=external ./build.sh test
[services] with: a Docker engine the current user can reach (DOCKER_HOST or /var/run/docker.sock),
[services] a registry on 127.0.0.1:5000, a registry with htpasswd login on 127.0.0.1:5001 (user immutable,
[services] password in /tmp/immutable-ci/registry-auth.password), the proxy image immutable-test/proxy:nginx
[services] (bash tools/proxy-image/build.sh immutable-test/proxy:nginx), and busybox-static, curl, gnupg installed.
HELP
  exit 3
}

as_root() { [ "$(id -u)" -eq 0 ]; }

install_missing() {
  local need=()
  command -v dockerd >/dev/null || need+=(docker.io)
  command -v docker-registry >/dev/null || need+=(docker-registry)
  [ -x /bin/busybox ] || [ -x /usr/bin/busybox ] || need+=(busybox-static)
  command -v htpasswd >/dev/null || need+=(apache2-utils)
  command -v curl >/dev/null || need+=(curl)
  # The release tests sign and verify with a throwaway key (tests/Immutable.Release.Tests); without gpg they fail.
  { command -v gpg >/dev/null && command -v gpgconf >/dev/null; } || need+=(gnupg)
  [ ${#need[@]} -gt 0 ] || return 0
  command -v apt-get >/dev/null || cannot "missing ${need[*]} and no apt-get to install them"
  as_root || cannot "missing ${need[*]}, and installing them needs root"
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
}

start_engine() {
  if engine_up; then
    if started_pid dockerd dockerd >/dev/null; then log "docker engine (started by this script) answers"
    else log "docker engine already running: used as it is"; fi
  else
    as_root || cannot "no Docker engine answers, and starting dockerd needs root"
    log "starting dockerd"
    launch dockerd dockerd --host=unix:///var/run/docker.sock
    wait_until 60 engine_up || { log "dockerd did not start"; tail -50 "$state/dockerd.log"; exit 1; }
  fi
  log "docker engine $(docker version --format '{{.Server.Version}}')"
}

start_registry() {
  if ! registry_up; then
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
    launch registry docker-registry serve "$state/registry.yml"
    wait_until 30 registry_up || { log "registry did not start"; cat "$state/registry.log"; exit 1; }
  fi
  log "registry ready on 127.0.0.1:5000"
}

# A registry that requires a login (user immutable, password in $state/registry-auth.password).
start_auth_registry() {
  if ! auth_registry_up; then
    echo "s3cret-$(date +%s)" >"$state/registry-auth.password"
    htpasswd -Bbn immutable "$(cat "$state/registry-auth.password")" >"$state/registry-auth.htpasswd"
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
    launch registry-auth docker-registry serve "$state/registry-auth.yml"
    wait_until 30 auth_registry_up || { log "authenticated registry did not start"; cat "$state/registry-auth.log"; exit 1; }
  fi
  [ -r "$state/registry-auth.password" ] || cannot "a registry answers on 127.0.0.1:5001 but $state/registry-auth.password is missing (stop that registry, then run this again)"
  log "authenticated registry ready on 127.0.0.1:5001 (user immutable)"
}

# The nginx image rollout endpoints run in tests, built FROM scratch from Debian's nginx package
# (no image can be pulled here).
build_proxy_image() {
  if ! docker image inspect immutable-test/proxy:nginx >/dev/null 2>&1; then
    log "building the rollout proxy image immutable-test/proxy:nginx"
    bash "$here/../tools/proxy-image/build.sh" immutable-test/proxy:nginx >/dev/null
  fi
  log "proxy image immutable-test/proxy:nginx ready"
  # The HAProxy image endpoints run (docs/design/endpoint-proxy.md), built the same way from Debian's haproxy package.
  if ! docker image inspect immutable-test/proxy:haproxy >/dev/null 2>&1; then
    log "building the rollout proxy image immutable-test/proxy:haproxy"
    bash "$here/../tools/proxy-image/build-haproxy.sh" immutable-test/proxy:haproxy >/dev/null
  fi
  log "proxy image immutable-test/proxy:haproxy ready"
}

# Stops one recorded process: SIGTERM, then waits (dockerd stops its containers first).
stop_one() {
  local name="$1" program="$2" pid
  if pid="$(started_pid "$name" "$program")"; then
    log "stopping $name (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && { log "$name did not stop in 60 s; killing it"; kill -9 "$pid" 2>/dev/null || true; }
  fi
  rm -f "$pids/$name"
}

status() {
  local name program
  for name in dockerd:dockerd registry:docker-registry registry-auth:docker-registry; do
    program="${name#*:}"; name="${name%%:*}"
    if started_pid "$name" "$program" >/dev/null; then echo "$name: running, started by .ci/services.sh"
    else echo "$name: not started by .ci/services.sh"; fi
  done
  engine_up && echo "docker engine answers" || echo "no docker engine answers"
  registry_up && echo "127.0.0.1:5000 answers" || echo "127.0.0.1:5000 does not answer"
  auth_registry_up && echo "127.0.0.1:5001 answers" || echo "127.0.0.1:5001 does not answer"
}

mkdir -p "$state"
# The engine is also a single-node Swarm manager, for the Swarm rollout runtime. Containers started
# outside Swarm are unaffected. Only `swarm init` when the engine is in no swarm yet; never leave one
# (other jobs on a shared engine may use it), so `stop` leaves the swarm as it is.
# An engine found running is reconfigured only under CI=true or IMMUTABLE_SWARM_INIT=1.
ensure_swarm() {
  local swarm_state
  swarm_state="$(docker info --format '{{.Swarm.LocalNodeState}}')"
  if [ "$swarm_state" = "inactive" ]; then
    # A user's own engine is not reconfigured unless asked (CI's engine, or one this script started, is).
    if started_pid dockerd dockerd >/dev/null || [ "${CI:-}" = "true" ] || [ "${IMMUTABLE_SWARM_INIT:-}" = "1" ]; then
      log "making the engine a single-node Swarm manager"
      docker swarm init --advertise-addr 127.0.0.1 >/dev/null
    else
      log "the engine is in no swarm, so the Swarm rollout tests will fail; run \`docker swarm init --advertise-addr 127.0.0.1\`"
      log "(or IMMUTABLE_SWARM_INIT=1 bash .ci/services.sh) to make it a single-node manager"
      return 0
    fi
  fi
  if docker info --format '{{.Swarm.ControlAvailable}}' | grep -q true; then
    log "swarm manager ready ($(docker info --format '{{.Swarm.Nodes}}') node(s))"
  else
    log "the engine is in a swarm ($swarm_state) but is not a manager, so the Swarm rollout tests will fail"
  fi
}

case "${1:-start}" in
  start)
    install_missing
    start_engine
    ensure_swarm
    start_registry
    start_auth_registry
    build_proxy_image
    ;;
  stop)
    stop_one registry-auth docker-registry
    stop_one registry docker-registry
    stop_one dockerd dockerd
    ;;
  status) status ;;
  *) echo "usage: bash .ci/services.sh [start|stop|status]" >&2; exit 2 ;;
esac
