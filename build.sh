#!/usr/bin/env bash
# The project's two entry points:
#   ./build.sh          build the provider (NativeAOT, single file) into artifacts/bin/
#   ./build.sh test     build it, then run every test against the published binary
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
    publish provider/terraform-provider-immutable.csproj terraform-provider-immutable
    echo "==> built $artifacts/bin/terraform-provider-immutable"
    echo "    use it with Terraform through dev_overrides (see README.md)"
    ;;
  test)
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
    echo "$passed passed, $failed failed, $skipped skipped"
    exit "$status"
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
  *)
    echo "usage: ./build.sh [build|test|pack|docs]" >&2
    exit 2
    ;;
esac
