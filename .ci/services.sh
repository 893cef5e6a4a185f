#!/usr/bin/env bash
# What the Docker-backed tests need, from Debian's packages only: a Docker engine (dockerd), a registry
# on 127.0.0.1:5000 and one with a login on :5001, the rollout proxy image, gpg for the release tests, and two
# more ways into the same engine: TLS with client certificates on tcp://127.0.0.1:2376 and ssh on 127.0.0.1:18522.
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
[services] (bash tools/proxy-image/build.sh immutable-test/proxy:nginx), and busybox-static, curl, gnupg installed;
[services] for the remote-engine tests also the engine over TLS on tcp://127.0.0.1:2376 (CA, client cert and key in
[services] /tmp/immutable-ci/tls/client/{ca,cert,key}.pem, CA key in /tmp/immutable-ci/tls/ca-key.pem) and sshd on
[services] 127.0.0.1:18522 letting root run docker (ssh options in /tmp/immutable-ci/sshd/ssh_opts).
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
  # The remote-engine tests: a TLS terminator in front of the engine's socket, and an sshd to run `docker system dial-stdio`.
  command -v socat >/dev/null || need+=(socat)
  command -v openssl >/dev/null || need+=(openssl)
  [ -x /usr/sbin/sshd ] || need+=(openssh-server)
  command -v ssh >/dev/null || need+=(openssh-client)
  # The private-engine tests run a second dockerd in a network namespace of their own (ip netns, nsenter).
  command -v ip >/dev/null || need+=(iproute2)
  command -v nsenter >/dev/null || need+=(util-linux)
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

# The engine's unix socket, which the TLS and ssh ways in forward to.
engine_socket() {
  case "${DOCKER_HOST:-}" in unix://*) echo "${DOCKER_HOST#unix://}" ;; *) echo /var/run/docker.sock ;; esac
}

# TLS to the engine on tcp://127.0.0.1:2376, verified both ways as dockerd --tlsverify does: the client checks
# the server's chain and name, the server requires a client certificate from the same CA. socat terminates
# TLS and forwards to the socket, so an engine already running (shared, or the user's) is never restarted
# to add a -H flag; and one path serves both cases instead of a dockerd flag only when we start it.
# Certificates (made here with openssl): $state/tls/ca.pem, server/, and client/ laid out as DOCKER_CERT_PATH.
tls="$state/tls"
tls_port=2376
tls_endpoint_up() {
  DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="$tls/client" DOCKER_CONTEXT='' docker -H "tcp://127.0.0.1:$tls_port" version >/dev/null 2>&1
}

make_tls_material() {
  [ -s "$tls/client/key.pem" ] && [ -s "$tls/server/key.pem" ] && return 0
  log "making a throwaway CA, server and client certificates under $tls"
  rm -rf "$tls"; mkdir -p "$tls/server" "$tls/client"
  local ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
  openssl req -x509 "${ec[@]}" -keyout "$tls/ca-key.pem" -out "$tls/ca.pem" -days 3650 -subj /CN=immutable-ci-ca \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
  openssl req "${ec[@]}" -keyout "$tls/server/key.pem" -out "$tls/server/req.pem" -subj /CN=127.0.0.1 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$tls/server/ext.cnf"
  openssl x509 -req -in "$tls/server/req.pem" -CA "$tls/ca.pem" -CAkey "$tls/ca-key.pem" -CAcreateserial \
    -days 3650 -extfile "$tls/server/ext.cnf" -out "$tls/server/cert.pem" 2>/dev/null
  openssl req "${ec[@]}" -keyout "$tls/client/key.pem" -out "$tls/client/req.pem" -subj /CN=immutable-ci-client 2>/dev/null
  printf 'extendedKeyUsage=clientAuth\n' >"$tls/client/ext.cnf"
  openssl x509 -req -in "$tls/client/req.pem" -CA "$tls/ca.pem" -CAkey "$tls/ca-key.pem" -CAcreateserial \
    -days 3650 -extfile "$tls/client/ext.cnf" -out "$tls/client/cert.pem" 2>/dev/null
  cp "$tls/ca.pem" "$tls/client/ca.pem"
  chmod 600 "$tls/ca-key.pem" "$tls/server/key.pem" "$tls/client/key.pem"
}

start_tls_endpoint() {
  if ! tls_endpoint_up; then
    make_tls_material
    log "starting the TLS endpoint tcp://127.0.0.1:$tls_port -> $(engine_socket)"
    launch tls-endpoint socat \
      "OPENSSL-LISTEN:$tls_port,bind=127.0.0.1,reuseaddr,fork,cert=$tls/server/cert.pem,key=$tls/server/key.pem,cafile=$tls/ca.pem,verify=1" \
      "UNIX-CONNECT:$(engine_socket)"
    wait_until 30 tls_endpoint_up || { log "the TLS endpoint did not answer"; cat "$state/tls-endpoint.log"; exit 1; }
  fi
  log "engine over TLS ready on tcp://127.0.0.1:$tls_port (DOCKER_CERT_PATH=$tls/client)"
}

# Debian's sshd on a loopback port with its own config, host key and a throwaway client key authorized for
# root, so ssh://root@127.0.0.1:18522 reaches the engine through `docker system dial-stdio` (the system's sshd
# and /etc/ssh are not touched). Clients pass the options in $state/sshd/ssh_opts (key, known_hosts).
sshd_dir="$state/sshd"
sshd_port=18522
ssh_options() { cat "$sshd_dir/ssh_opts"; }
sshd_up() {
  [ -r "$sshd_dir/ssh_opts" ] || return 1
  # shellcheck disable=SC2046 # one option per word, by construction
  ssh $(ssh_options) -p "$sshd_port" root@127.0.0.1 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

start_sshd() {
  if ! sshd_up; then
    mkdir -p "$sshd_dir"
    [ -s "$sshd_dir/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C immutable-ci-host -f "$sshd_dir/host_ed25519"
    [ -s "$sshd_dir/client_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C immutable-ci-client -f "$sshd_dir/client_ed25519"
    cp "$sshd_dir/client_ed25519.pub" "$sshd_dir/authorized_keys"
    echo "[127.0.0.1]:$sshd_port $(cut -d' ' -f1,2 "$sshd_dir/host_ed25519.pub")" >"$sshd_dir/known_hosts"
    echo "-i $sshd_dir/client_ed25519 -o IdentitiesOnly=yes -o UserKnownHostsFile=$sshd_dir/known_hosts -o StrictHostKeyChecking=yes" >"$sshd_dir/ssh_opts"
    cat >"$sshd_dir/sshd_config" <<CONFIG
Port $sshd_port
ListenAddress 127.0.0.1
HostKey $sshd_dir/host_ed25519
PidFile $sshd_dir/sshd.pid
AuthorizedKeysFile $sshd_dir/authorized_keys
PermitRootLogin prohibit-password
AllowUsers root
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
MaxStartups 100:30:200
MaxSessions 100
CONFIG
    # The privilege-separation directory Debian's service would create at start.
    mkdir -p /run/sshd && chmod 755 /run/sshd
    log "starting sshd on 127.0.0.1:$sshd_port"
    launch sshd /usr/sbin/sshd -D -e -f "$sshd_dir/sshd_config"
    wait_until 30 sshd_up || { log "sshd did not let root run docker"; cat "$state/sshd.log"; exit 1; }
  fi
  log "engine over ssh ready at ssh://root@127.0.0.1:$sshd_port (ssh options in $sshd_dir/ssh_opts)"
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
  for name in dockerd:dockerd registry:docker-registry registry-auth:docker-registry tls-endpoint:socat sshd:sshd; do
    program="${name#*:}"; name="${name%%:*}"
    if started_pid "$name" "$program" >/dev/null; then echo "$name: running, started by .ci/services.sh"
    else echo "$name: not started by .ci/services.sh"; fi
  done
  engine_up && echo "docker engine answers" || echo "no docker engine answers"
  registry_up && echo "127.0.0.1:5000 answers" || echo "127.0.0.1:5000 does not answer"
  auth_registry_up && echo "127.0.0.1:5001 answers" || echo "127.0.0.1:5001 does not answer"
  tls_endpoint_up && echo "tcp://127.0.0.1:$tls_port (TLS) answers" || echo "tcp://127.0.0.1:$tls_port (TLS) does not answer"
  sshd_up && echo "ssh://root@127.0.0.1:$sshd_port answers" || echo "ssh://root@127.0.0.1:$sshd_port does not answer"
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
    start_tls_endpoint
    start_sshd
    ;;
  stop)
    stop_one sshd sshd
    stop_one tls-endpoint socat
    stop_one registry-auth docker-registry
    stop_one registry docker-registry
    stop_one dockerd dockerd
    ;;
  status) status ;;
  *) echo "usage: bash .ci/services.sh [start|stop|status]" >&2; exit 2 ;;
esac
