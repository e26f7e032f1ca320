#!/usr/bin/env bash
# Measures the whole platform at issue 6's scales: for each scale, builds Qifu (Release), generates the data with the real
# generator (`Qifu.Web.dll seed --scale N`) on a fresh data folder, starts the platform as its own process and measures, against
# that one server: start-up time, a trivial endpoint (the ceiling), the home page, catalogue search, an item page, an article page,
# column lists, the dashboard (city and county, four periods), enterprise registration, a service request, the .xlsx import of
# 100,000 enterprises and the export; peak memory, database and index sizes. Prints a markdown table per scale with met / not
# met per target and writes bench/results/platform-<scale>.md. Run from anywhere:
#   bash bench/platform.sh [--scales 1,20] [--seconds S] [--postgres]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SCALES=1,20
SECONDS_EACH=15
POSTGRES=0
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scales) SCALES="$2"; shift 2 ;;
    --scales=*) SCALES="${1#--scales=}"; shift ;;
    --seconds) SECONDS_EACH="$2"; shift 2 ;;
    --seconds=*) SECONDS_EACH="${1#--seconds=}"; shift ;;
    --postgres) POSTGRES=1; shift ;;
    -h|--help) sed -n 2,9p "$0"; exit 0 ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
# A build folder of its own (bench/artifacts, git-ignored): never touches the bin/obj folders other builds use.
ART=bench/artifacts
command -v wrk >/dev/null 2>&1 || { [ "$(id -u)" = 0 ] && { apt-get install -y -qq wrk || { apt-get update -qq && apt-get install -y -qq wrk; }; } >/dev/null 2>&1 || echo "wrk not installed: falling back to an HttpClient load loop"; }
echo "building (Release) …"
dotnet build bench/platform/Qifu.Bench.Platform.csproj -c Release --artifacts-path "$ART" -v q --nologo -clp:ErrorsOnly
WORK=$(mktemp -d "${TMPDIR:-/tmp}/qifu-platform-bench.XXXXXX")
PG_ARGS=()
cleanup() {
  if [ "$POSTGRES" = 1 ]; then qifu_pg_stop; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
if [ "$POSTGRES" = 1 ]; then
  # shellcheck source=scripts/pg.sh
  . scripts/pg.sh
  if [ ! -x "${PG_BIN:-/usr/lib/postgresql/15/bin}/initdb" ] && [ "$(id -u)" = 0 ]; then apt-get install -y -qq postgresql >/dev/null; fi
  qifu_pg_start
  PG_ARGS=(--pg "$QIFU_TEST_PG")
fi
mkdir -p bench/results
COMMAND="bash bench/platform.sh --scales $SCALES --seconds $SECONDS_EACH"
[ "$POSTGRES" = 1 ] && COMMAND="$COMMAND --postgres"
COMMAND="$COMMAND${ARGS[*]:+ ${ARGS[*]}}"
dotnet "$ART/bin/Qifu.Bench.Platform/release/Qifu.Bench.Platform.dll" --scales "$SCALES" --seconds "$SECONDS_EACH" --work "$WORK" \
  --app "$ART/bin/Qifu.Web/release/Qifu.Web.dll" --content-root "$PWD/src/Qifu.Web" --out-dir bench/results \
  --command "$COMMAND" ${PG_ARGS[@]+"${PG_ARGS[@]}"} ${ARGS[@]+"${ARGS[@]}"}
