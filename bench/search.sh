#!/usr/bin/env bash
# Measures Chinese search at province scale (issue 3, "Performance"): generates N documents (default 1,000,000), builds the
# index with the engine's rebuild path, kills writers mid-write, checks recall against a substring scan, times 200+ queries in
# process and with SQLite LIKE on the same data, then serves the index from the real platform and loads it with wrk.
# Prints a markdown table and writes bench/results/search-<N>.md. Run from anywhere:
#   bash bench/search.sh [--docs N] [--like-budget SECONDS] [--http-seconds S] [--skip-sql] [--skip-http]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DOCS=1000000
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --docs) DOCS="$2"; shift 2 ;;
    --docs=*) DOCS="${1#--docs=}"; shift ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
# A build folder of its own (bench/artifacts, git-ignored): never touches the bin/obj folders other builds use.
ART=bench/artifacts
command -v wrk >/dev/null 2>&1 || { [ "$(id -u)" = 0 ] && { apt-get install -y -qq wrk || { apt-get update -qq && apt-get install -y -qq wrk; }; } >/dev/null 2>&1 || echo "wrk not installed: falling back to an HttpClient load loop"; }
echo "building (Release) …"
dotnet build bench/search/Qifu.Bench.Search.csproj -c Release --artifacts-path "$ART" -v q --nologo -clp:ErrorsOnly
WORK=$(mktemp -d "${TMPDIR:-/tmp}/qifu-search-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p bench/results
# Which engine was measured (the report names the commit, and says when src/ had uncommitted changes).
ENGINE="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
[ -n "$(git status --porcelain -- src 2>/dev/null)" ] && ENGINE="$ENGINE + uncommitted changes under src/"
dotnet "$ART/bin/Qifu.Bench.Search/release/Qifu.Bench.Search.dll" run --docs "$DOCS" --work "$WORK" \
  --app "$ART/bin/Qifu.Web/release/Qifu.Web.dll" --content-root src/Qifu.Web \
  --out "bench/results/search-$DOCS.md" --engine "$ENGINE" --command "bash bench/search.sh --docs $DOCS${ARGS[*]:+ ${ARGS[*]}}" ${ARGS[@]+"${ARGS[@]}"}
