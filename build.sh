#!/usr/bin/env bash
# The project's entry points:
#   ./build.sh          build the provider (NativeAOT, single file) into artifacts/bin/, install it into the local
#                       filesystem mirror and, with Terraform and Docker present, apply examples/quickstart
#   ./build.sh test     start the test services (.ci/services.sh), build, then run every test against the published binary
#   ./build.sh release [VERSION] [--gpg-key KEYID | --unsigned]
#                       build it and pack a signed release into artifacts/release/VERSION/ (docs/release.md)
#   ./build.sh install [VERSION] [--mirror DIR]
#                       install it into a Terraform filesystem mirror (default ~/.terraform.d/plugins)
#   ./build.sh pack     pack the SDK libraries (NuGet, with symbols and SourceLink) into artifacts/packages/
#   ./build.sh docs     build the provider, then regenerate its registry docs (docs/index.md, docs/resources/)
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

rid="$(dotnet --info | awk '/^ RID:/ {print $2; exit}')"
artifacts="$PWD/artifacts"

publish() {
  local project="$1" name="$2"
  echo "==> publishing $name ($rid, NativeAOT)"
  dotnet publish "$project" -c Release -r "$rid" -m:1 -o "$artifacts/publish/$name" -warnaserror --nologo -v quiet
  mkdir -p "$artifacts/bin"
  cp "$artifacts/publish/$name/$name" "$artifacts/bin/$name"
}

publish_all() {
  publish provider/terraform-provider-immutable.csproj terraform-provider-immutable
  publish examples/sdk-provider/terraform-provider-sample.csproj terraform-provider-sample
}

usage() {
  cat >&2 <<'USAGE'
usage: ./build.sh [build|test|pack|docs]
       ./build.sh release [VERSION] [--gpg-key KEYID | --unsigned]
       ./build.sh install [VERSION] [--mirror DIR]

  build    publish the provider (NativeAOT) into artifacts/bin/, install it into ~/.terraform.d/plugins and,
           with Terraform and Docker present, terraform init && apply examples/quickstart (the default)
  test     start the test services (.ci/services.sh), publish, then run every test (dotnet test Immutable.sln)
  pack     pack the SDK libraries (NuGet, symbols, SourceLink) into artifacts/packages/
  docs     publish, then regenerate the registry docs (docs/index.md, docs/resources/) from the schema
  release  publish, then write artifacts/release/VERSION/: the zip for this platform, the registry manifest,
           SHA256SUMS and its detached signature SHA256SUMS.sig. The key is --gpg-key or IMMUTABLE_GPG_KEY
           (GNUPGHOME is honoured); without one the release is refused unless --unsigned is given.
  install  install into a filesystem mirror, packed and unpacked: the release zip of VERSION if
           artifacts/release/VERSION/ has one, else a fresh publish. The mirror is --mirror, else
           IMMUTABLE_MIRROR, else ~/.terraform.d/plugins. Prints the CLI configuration and lock-file hashes.

VERSION defaults to <Version> in Directory.Build.props, the one place the version is set; a VERSION that
differs from it is refused. See docs/release.md.
USAGE
  exit 2
}

release_tool_dll="$PWD/tools/Immutable.Release/bin/Release/net10.0/immutable-release.dll"

# Build the release tool (tools/Immutable.Release) once, then run it.
build_release_tool() {
  dotnet build tools/Immutable.Release/Immutable.Release.csproj -c Release -warnaserror --nologo -v quiet >/dev/null
}

release_tool() {
  dotnet "$release_tool_dll" "$@"
}

# The version to release: the one in Directory.Build.props; an explicit VERSION must match it.
release_version() {
  local given="$1" configured
  configured="$(dotnet msbuild provider/terraform-provider-immutable.csproj -getProperty:Version -nologo)"
  if [ -n "$given" ]; then
    release_tool check --version "$given" --unsigned >/dev/null || exit 1
    if [ "$given" != "$configured" ]; then
      echo "error: version $given differs from <Version>$configured</Version> in Directory.Build.props; set it there first" >&2
      exit 1
    fi
  fi
  echo "$configured"
}

# Runs examples/quickstart with the installed provider, or explains what is missing.
quickstart() {
  local missing=0
  if ! command -v terraform >/dev/null 2>&1; then
    echo "==> quickstart skipped: Terraform CLI not found on PATH."
    echo "    Install Terraform >= 1.5 (https://developer.hashicorp.com/terraform/install, or your package manager), then run ./build.sh again."
    missing=1
  fi
  if ! docker info >/dev/null 2>&1; then
    echo "==> quickstart skipped: no Docker engine answers (docker info failed)."
    echo "    Install and start one (Debian/Ubuntu: sudo apt-get install docker.io && sudo systemctl start docker),"
    echo "    or point DOCKER_HOST at a running engine, then run ./build.sh again."
    missing=1
  fi
  if [ "$missing" -ne 0 ]; then
    echo "    The provider is installed; see README.md for using it with your own configuration."
    return 0
  fi
  local vars=()
  quickstart_images vars || return 0
  echo "==> terraform init && terraform apply in examples/quickstart (the provider comes from the local mirror)"
  local approve=()
  [ -t 0 ] || approve=(-input=false -auto-approve)
  terraform -chdir=examples/quickstart init -input=false
  terraform -chdir=examples/quickstart apply ${approve[@]+"${approve[@]}"} ${vars[@]+"${vars[@]}"}
}

# The quickstart needs a busybox base image and an nginx proxy image. Where they cannot be pulled
# (an offline machine), they are built from local parts: the host's static busybox, Debian's nginx.
quickstart_images() {
  local -n extra="$1"
  if ! docker image inspect busybox:1.36.1 >/dev/null 2>&1 && ! docker pull -q busybox:1.36.1 >/dev/null 2>&1; then
    echo "==> busybox:1.36.1 cannot be pulled; building immutable-local/busybox from the host's static busybox"
    if ! bash tools/busybox-image/build.sh immutable-local/busybox; then
      echo "==> quickstart skipped: busybox:1.36.1 cannot be pulled and it cannot be built here; run ./build.sh again after that."
      return 1
    fi
    extra+=(-var base_image=immutable-local/busybox)
    echo "    later terraform commands in examples/ need -var base_image=immutable-local/busybox too"
  fi
  if [ -z "${IMMUTABLE_PROXY_IMAGE:-}" ] && ! docker image inspect haproxy:2.6-alpine >/dev/null 2>&1 && ! docker pull -q haproxy:2.6-alpine >/dev/null 2>&1; then
    echo "==> haproxy:2.6-alpine cannot be pulled; building immutable-local/proxy from Debian's haproxy package"
    if ! bash tools/proxy-image/build-haproxy.sh immutable-local/proxy >/dev/null; then
      echo "==> quickstart skipped: no HAProxy image for the endpoint. Pull haproxy:2.6-alpine, or set IMMUTABLE_PROXY_IMAGE"
      echo "    to an HAProxy 2.6+ image (with sh and nc) the engine has, then run ./build.sh again."
      return 1
    fi
    export IMMUTABLE_PROXY_IMAGE=immutable-local/proxy
    echo "    later terraform commands need IMMUTABLE_PROXY_IMAGE=immutable-local/proxy in the environment too"
  fi
}

# Installs and starts what the tests need (.ci/services.sh: Docker engine, registries, proxy image), unless
# IMMUTABLE_TEST_SERVICES=external says the user provides them. Not root: sudo -n when it needs no password,
# else the script itself says what is missing; either way before anything is built.
test_services() {
  if [ "${IMMUTABLE_TEST_SERVICES:-start}" = external ]; then
    echo "==> IMMUTABLE_TEST_SERVICES=external: using the engine and registries already running"
    return 0
  fi
  echo "==> starting the test services (bash .ci/services.sh; stop them with: bash .ci/services.sh stop)"
  local run=(bash .ci/services.sh start)
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run=(sudo -n --preserve-env=PATH bash .ci/services.sh start)
  fi
  local status=0
  "${run[@]}" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "error: the test services could not be prepared (see above); nothing was built" >&2
    exit "$status"
  fi
}

# The libraries under sdk/ are the packages (sdk/Directory.Build.props); extra arguments go to dotnet pack,
# e.g. ./build.sh pack -p:Version=0.2.0.
pack_all() {
  rm -rf "$artifacts/packages"
  local project
  for project in sdk/Immutable.Cty sdk/Immutable.Sdk sdk/Immutable.Sdk.Docker sdk/Immutable.Sdk.Testing; do
    echo "==> packing $(basename "$project")"
    dotnet pack "$project" -c Release -m:1 -o "$artifacts/packages" -warnaserror --nologo -v quiet \
      -p:ContinuousIntegrationBuild=true "$@"
  done
}

case "${1:-build}" in
  build)
    # The main job: build, install into the local filesystem mirror, and run examples/quickstart
    # when Terraform and Docker are there (else say exactly what is missing).
    publish provider/terraform-provider-immutable.csproj terraform-provider-immutable
    echo "==> built $artifacts/bin/terraform-provider-immutable"
    build_release_tool
    version="$(release_version "")"
    release_tool install --version "$version" --binary "$artifacts/bin/terraform-provider-immutable" --rid "$rid"
    quickstart
    ;;
  test)
    # The services first (they can stop us with a clear message), then the long build.
    test_services
    publish_all
    export IMMUTABLE_ARTIFACTS="$artifacts/bin"
    echo "==> running tests"
    set +e
    dotnet test Immutable.sln -c Release --nologo -warnaserror --logger "console;verbosity=normal" 2>&1 | tee "$artifacts/test.log"
    status=${PIPESTATUS[0]}
    set -e
    # One closing line CI can read: N passed, N failed (summed over the test projects).
    count() { { grep -E "^ *$1: +[0-9]+" "$artifacts/test.log" || true; } | awk '{s+=$2} END {print s+0}'; }
    passed=$(count Passed)
    failed=$(count Failed)
    skipped=$(count Skipped)
    # CI keeps only the tail of the output: repeat each failed test with its message just above the closing line.
    if [ "$failed" != 0 ]; then
      echo "==> failed tests (the full log is $artifacts/test.log)"
      awk '/^ *Failed [A-Za-z]/ {n=40} n > 0 {print; n--}' "$artifacts/test.log" | head -n 200
    fi
    echo "$passed passed, $failed failed, $skipped skipped"
    exit "$status"
    ;;
  release)
    shift
    version_arg="" sign=()
    while [ $# -gt 0 ]; do
      case "$1" in
        --gpg-key) [ $# -ge 2 ] || usage; sign+=(--gpg-key "$2"); shift 2 ;;
        --gpg-key=*) sign+=(--gpg-key "${1#--gpg-key=}"); shift ;;
        --unsigned) sign+=(--unsigned); shift ;;
        -*) echo "error: unknown option $1" >&2; usage ;;
        *) [ -z "$version_arg" ] || usage; version_arg="$1"; shift ;;
      esac
    done
    build_release_tool
    version="$(release_version "$version_arg")"
    # Everything that can be checked (version, platform, signing key) is checked before the long publish.
    release_tool check --version "$version" --rid "$rid" ${sign[@]+"${sign[@]}"}
    publish provider/terraform-provider-immutable.csproj terraform-provider-immutable
    release_tool release --version "$version" --binary "$artifacts/bin/terraform-provider-immutable" --rid "$rid" \
      --manifest terraform-registry-manifest.json --out "$artifacts/release" ${sign[@]+"${sign[@]}"}
    ;;
  install)
    shift
    version_arg="" mirror=()
    while [ $# -gt 0 ]; do
      case "$1" in
        --mirror) [ $# -ge 2 ] || usage; mirror+=(--mirror "$2"); shift 2 ;;
        --mirror=*) mirror+=(--mirror "${1#--mirror=}"); shift ;;
        -*) echo "error: unknown option $1" >&2; usage ;;
        *) [ -z "$version_arg" ] || usage; version_arg="$1"; shift ;;
      esac
    done
    build_release_tool
    version="$(release_version "$version_arg")"
    platform="$(release_tool platform --rid "$rid")"
    zip="$artifacts/release/$version/terraform-provider-immutable_${version}_${platform}.zip"
    if [ -f "$zip" ]; then
      echo "==> installing the release zip $zip"
      release_tool install --version "$version" --zip "$zip" ${mirror[@]+"${mirror[@]}"}
    else
      publish provider/terraform-provider-immutable.csproj terraform-provider-immutable
      release_tool install --version "$version" --binary "$artifacts/bin/terraform-provider-immutable" --rid "$rid" \
        ${mirror[@]+"${mirror[@]}"}
    fi
    ;;
  docs)
    publish provider/terraform-provider-immutable.csproj terraform-provider-immutable
    echo "==> generating docs/ from the provider schema and examples/"
    dotnet run --project tools/Immutable.DocsGen -c Release -v quiet -- \
      --provider "$artifacts/bin/terraform-provider-immutable" --examples examples --docs docs
    ;;
  pack)
    pack_all "${@:2}"
    echo "==> packages in $artifacts/packages:"
    ls -1 "$artifacts/packages"
    ;;
  -h|--help|help|*)
    usage
    ;;
esac
