# Sourced by analyzers-csc.sh and analyzers-profile.sh: capture_csc_line PROJECT_DIR OUT_DIR sets $csc to the compiler
# MSBuild runs for that project (no compiler server, so the line is printed in full) and writes its arguments to
# OUT_DIR/args.rsp with the outputs moved into OUT_DIR and this repository's own analyzer removed (our projects run it
# already, so "none" would not be none).
capture_csc_line() {
  local project=$1 out=$2 name line
  name=$(basename "$(ls "$project"/*.csproj | head -1)" .csproj)
  line=$(cd "$project" && dotnet build --no-incremental -c Release --nologo -nodeReuse:false -p:UseSharedCompilation=false -v:n 2>&1 \
    | grep -m1 -E "/csc(\.dll)? .*/out:([^ ]*/)?$name\.dll( |\$)" | sed 's/^ *//')   # this project's, not a referenced project's
  [ -n "$line" ] || { echo "no csc command line in the build output of $project" >&2; exit 1; }
  csc=${line%% *}
  printf '%s\n' "${line#* }" | sed -e "s#/out:[^ ]*#/out:$out/out.dll#" -e "s#/refout:[^ ]*#/refout:$out/ref.dll#" \
    -e "s#/analyzer:[^ ]*/Immutable\.Analyzers\.dll##g" > "$out/args.rsp"
}
