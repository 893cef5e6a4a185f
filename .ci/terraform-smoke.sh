#!/usr/bin/env bash
# Real Terraform against the real provider, where a Terraform CLI is installed: examples/quickstart
# from a filesystem mirror, a blue-green replacement while curl hits the endpoint (0 failures allowed),
# import, a no-op plan, destroy, and nothing left behind. Runs after ./build.sh test (it uses artifacts/bin).
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '[terraform-smoke] %s\n' "$*"; }
if ! command -v terraform >/dev/null 2>&1; then
  log "no terraform CLI on PATH: skipped (the protocol test kit covers the provider without it)"
  exit 0
fi
log "$(terraform version | head -1)"

work="$(mktemp -d)"
vars=()
swvars=()
cleanup() {
  cd /
  terraform -chdir="$work/quickstart" destroy -auto-approve -input=false "${vars[@]}" >/dev/null 2>&1 || true
  [ ! -d "$work/swarm" ] || terraform -chdir="$work/swarm" destroy -auto-approve -input=false "${swvars[@]}" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
bash tools/busybox-image/build.sh immutable-test/busybox:local

version="$(dotnet msbuild provider/terraform-provider-immutable.csproj -getProperty:Version -nologo)"
dotnet build tools/Immutable.Release/Immutable.Release.csproj -c Release -warnaserror --nologo -v quiet >/dev/null
dotnet tools/Immutable.Release/bin/Release/net10.0/immutable-release.dll install --version "$version" \
  --binary artifacts/bin/terraform-provider-immutable --rid linux-x64 --mirror "$work/mirror" >/dev/null
cat > "$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["registry.terraform.io/immutable-infra/immutable"]
  }
  direct {
    exclude = ["registry.terraform.io/immutable-infra/immutable"]
  }
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 IMMUTABLE_PROXY_IMAGE=immutable-test/proxy:haproxy
cp -r examples/quickstart examples/app "$work/"
tf() { terraform -chdir="$work/quickstart" "$@"; }
vars=(-var base_image=immutable-test/busybox:local)

tf init -input=false >/dev/null
tf apply -auto-approve -input=false "${vars[@]}" >/dev/null
[ "$(curl -sf http://127.0.0.1:8000)" = "version 1" ] || { log "endpoint does not serve version 1"; exit 1; }
set +e; tf plan -input=false -detailed-exitcode "${vars[@]}" >/dev/null; plan=$?; set -e
[ "$plan" -eq 0 ] || { log "plan after apply is not empty (exit $plan)"; exit 1; }

ok=0 fail=0
( while [ ! -f "$work/stop" ]; do if curl -sf -m 2 http://127.0.0.1:8000 >/dev/null; then echo ok; else echo fail; fi; done > "$work/curl.log" ) &
sleep 1
tf apply -auto-approve -input=false "${vars[@]}" -var version_label=2 >/dev/null
sleep 1; touch "$work/stop"; wait
ok=$(grep -c '^ok' "$work/curl.log" || true); fail=$(grep -c '^fail' "$work/curl.log" || true)
log "blue-green replacement under load: $ok requests answered, $fail failed"
[ "$fail" -eq 0 ] && [ "$(curl -sf http://127.0.0.1:8000)" = "version 2" ] || { log "cutover lost requests or did not switch"; exit 1; }

vars+=(-var version_label=2)
tf state rm immutable_rollout.web >/dev/null
tf import -input=false "${vars[@]}" immutable_rollout.web quickstart >/dev/null
set +e; tf plan -input=false -detailed-exitcode "${vars[@]}" >/dev/null; plan=$?; set -e
[ "$plan" -eq 0 ] || { log "plan after import is not empty (exit $plan)"; exit 1; }

tf destroy -auto-approve -input=false "${vars[@]}" >/dev/null
left="$(docker ps -a --filter label=org.immutable-infra.service=quickstart --format '{{.Names}}')"
[ -z "$left" ] || { log "containers left after destroy: $left"; exit 1; }
log "passed: init from the mirror, apply, no-op plan, blue-green replace with 0 failed requests, import, destroy"

# The same on Docker Swarm (examples/swarm): the image pushed to the loopback registry, generations as services,
# a host-mode port and dnsrr backends (what this sandbox forwards), blue-green under a curl loop, no-op plan, destroy.
if [ "$(docker info --format '{{.Swarm.ControlAvailable}}' 2>/dev/null)" != "true" ]; then
  [ "${CI:-}" != "true" ] || { log "the engine is no Swarm manager (bash .ci/services.sh makes it one under CI=true)"; exit 1; }
  log "the engine is no Swarm manager: the Swarm run is skipped outside CI"
  exit 0
fi
cp -r examples/swarm "$work/"
sw() { IMMUTABLE_PROXY_IMAGE="$swarm_proxy" terraform -chdir="$work/swarm" "$@"; }
swarm_proxy=immutable-test/proxy:haproxy
swport=18390
swurl="http://127.0.0.1:$swport"
swvars=(-var base_image=immutable-test/busybox:local -var host_port=$swport -var publish_mode=host -var backend_mode=dnsrr)
sw init -input=false >/dev/null
sw apply -auto-approve -input=false "${swvars[@]}" >/dev/null
[ "$(curl -sf "$swurl")" = "version 1" ] || { log "swarm endpoint does not serve version 1"; exit 1; }
rm -f "$work/stop"
( while [ ! -f "$work/stop" ]; do if curl -sf -m 2 "$swurl" >/dev/null; then echo ok; else echo fail; fi; done > "$work/swarm-curl.log" ) &
sleep 1
sw apply -auto-approve -input=false "${swvars[@]}" -var version_label=2 >/dev/null
sleep 1; touch "$work/stop"; wait
ok=$(grep -c '^ok' "$work/swarm-curl.log" || true); fail=$(grep -c '^fail' "$work/swarm-curl.log" || true)
log "swarm blue-green replacement under load: $ok requests answered, $fail failed"
[ "$fail" -eq 0 ] && [ "$(curl -sf "$swurl")" = "version 2" ] || { log "swarm cutover lost requests or did not switch"; exit 1; }
swvars+=(-var version_label=2)
set +e; sw plan -input=false -detailed-exitcode "${swvars[@]}" >/dev/null; plan=$?; set -e
[ "$plan" -eq 0 ] || { log "swarm plan after apply is not empty (exit $plan)"; exit 1; }
sw destroy -auto-approve -input=false "${swvars[@]}" >/dev/null
left="$(docker service ls -q --filter label=org.immutable-infra.service=swarm-example)"
[ -z "$left" ] || { log "services left after destroy: $left"; exit 1; }
log "passed on swarm: apply, blue-green replace with 0 failed requests, no-op plan, destroy"
