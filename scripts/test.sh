#!/usr/bin/env bash
# Qifu test command, used by CI (.ci/run) and developers.
#
#   bash scripts/test.sh                    # all suites: sqlite, postgres, browser, browser-postgres
#   bash scripts/test.sh sqlite|postgres|browser|browser-postgres
#   bash scripts/test.sh [suite] --filter "FullyQualifiedName~Search"
#   bash scripts/test.sh [suite] -- <extra dotnet test arguments>
#
# Installs what the tests need when missing (PostgreSQL 15, Chromium, Noto CJK fonts; root only),
# starts a throwaway PostgreSQL cluster (stopped and deleted on exit), builds once, runs the
# suites, and ends with one line "Total: N passed, M failed[, K skipped]". Exit code 0 only if
# every suite ran at least one test and none failed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT=$(pwd)

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

CHROMIUM="${QIFU_CHROMIUM:-/usr/bin/chromium}"

usage() {
  sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
}

# ---------------------------------------------------------------- arguments
SUITES=(sqlite postgres browser browser-postgres)
FILTER=""
EXTRA_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    sqlite|postgres|browser|browser-postgres) SUITES=("$1"); shift ;;
    all) SUITES=(sqlite postgres browser browser-postgres); shift ;;
    --filter)
      [ $# -ge 2 ] || { echo "ERROR: --filter needs a value" >&2; exit 2; }
      FILTER="$2"; shift 2 ;;
    --filter=*) FILTER="${1#--filter=}"; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; EXTRA_ARGS=("$@"); break ;;
    *) echo "ERROR: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

want() { local s; for s in "${SUITES[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }
NEED_PG=0;      { want sqlite || want postgres || want browser-postgres; } && NEED_PG=1
NEED_BROWSER=0; { want browser || want browser-postgres; } && NEED_BROWSER=1

# ---------------------------------------------------------------- system dependencies
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
MISSING=()
if [ "$NEED_PG" = 1 ] && [ ! -x "$PG_BIN/initdb" ]; then
  MISSING+=(postgresql)
fi
if [ "$NEED_BROWSER" = 1 ]; then
  [ -x "$CHROMIUM" ] || MISSING+=(chromium)
  if ! { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null)" ]; } \
     && ! dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "ok installed"; then
    MISSING+=(fonts-noto-cjk)
  fi
fi
if [ ${#MISSING[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "ERROR: missing system packages: ${MISSING[*]}" >&2
    echo "       install them with: sudo apt-get install -y --no-install-recommends ${MISSING[*]}" >&2
    exit 1
  fi
  echo "==> Installing ${MISSING[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q </dev/null
  apt-get install -y -q --no-install-recommends "${MISSING[@]}" </dev/null
  if [ "$NEED_PG" = 1 ] && [ ! -x "$PG_BIN/initdb" ]; then
    echo "ERROR: postgresql installed but $PG_BIN/initdb is missing (expected PostgreSQL 15; set PG_BIN)." >&2
    exit 1
  fi
  if [ "$NEED_BROWSER" = 1 ] && [ ! -x "$CHROMIUM" ]; then
    echo "ERROR: chromium installed but $CHROMIUM is missing." >&2
    exit 1
  fi
fi

# ---------------------------------------------------------------- PostgreSQL
# shellcheck source=scripts/pg.sh
. "$REPO_ROOT/scripts/pg.sh"
cleanup() { qifu_pg_stop; }
trap cleanup EXIT
trap 'echo "Interrupted." >&2; exit 130' INT
trap 'echo "Terminated." >&2; exit 143' TERM

if [ "$NEED_PG" = 1 ]; then
  echo "==> Starting throwaway PostgreSQL cluster"
  qifu_pg_start           # exports QIFU_TEST_PG
fi

# ---------------------------------------------------------------- build
echo "==> Building (Release)"
BUILD_OK=1
# Build servers are disabled in CI so no compiler/MSBuild processes outlive the job.
BUILD_ARGS=(-c Release -nologo)
[ "${CI:-}" = "true" ] && BUILD_ARGS+=(--disable-build-servers)
if ! dotnet build Qifu.slnx "${BUILD_ARGS[@]}" -clp:"Summary" </dev/null; then
  BUILD_OK=0
  echo "ERROR: build failed; no tests were run." >&2
fi

# ---------------------------------------------------------------- suites
TOTAL_PASSED=0
TOTAL_FAILED=0
TOTAL_SKIPPED=0
TOTAL_EXECUTED=0
SUMMARY=()
ANY_FAILED=0

# counter FILE NAME -> value of attribute NAME of the <Counters> element (0 if absent)
counter() {
  local v
  v=$(grep -o '<Counters [^>]*>' "$1" | head -n 1 | sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p")
  echo "${v:-0}"
}

run_suite() {
  local name="$1" project="$2"; shift 2
  local results="TestResults/$name" trx="TestResults/$name/$name.trx" rc line
  rm -rf "$results"

  if [ "$BUILD_OK" != 1 ]; then
    line="$name: not run (build failed) - counted as 1 failure"
    TOTAL_FAILED=$((TOTAL_FAILED + 1)); ANY_FAILED=1
    echo "$line"; SUMMARY+=("$line"); return 0
  fi

  echo
  echo "==> Suite '$name' ($project; $*)"
  local args=("$project" -c Release --no-build
              --logger "trx;LogFileName=$name.trx"
              --logger "console;verbosity=normal"
              --results-directory "$results")
  [ -n "$FILTER" ] && args+=(--filter "$FILTER")
  [ ${#EXTRA_ARGS[@]} -gt 0 ] && args+=("${EXTRA_ARGS[@]}")

  if env "$@" dotnet test "${args[@]}" </dev/null; then rc=0; else rc=$?; fi

  if [ ! -f "$trx" ]; then
    line="$name: FAILED - no test results ($trx missing; dotnet test exit code $rc) - counted as 1 failure"
    TOTAL_FAILED=$((TOTAL_FAILED + 1)); ANY_FAILED=1
    echo "$line"; SUMMARY+=("$line"); return 0
  fi

  local total executed passed failed skipped
  total=$(counter "$trx" total)
  executed=$(counter "$trx" executed)
  passed=$(counter "$trx" passed)
  failed=$(( $(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted) ))
  # xunit's skipped tests are not in notExecuted; they are the difference total - executed.
  skipped=$(counter "$trx" notExecuted)
  [ $((total - executed)) -gt "$skipped" ] && skipped=$((total - executed))

  line="$name: $passed passed, $failed failed, $skipped skipped"
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    # Test host crash / aborted run: the trx may not list any failure.
    failed=1
    line="$line - but dotnet test exited with code $rc (run aborted?) - counted as 1 failure"
  fi
  if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
    if [ -z "$FILTER" ]; then
      failed=1
      line="$line - FAILED: no test was executed (total=$total, executed=$executed) - counted as 1 failure"
    else
      line="$line - note: no test matched the filter"
    fi
  fi
  [ "$failed" -gt 0 ] && ANY_FAILED=1

  TOTAL_PASSED=$((TOTAL_PASSED + passed))
  TOTAL_FAILED=$((TOTAL_FAILED + failed))
  TOTAL_SKIPPED=$((TOTAL_SKIPPED + skipped))
  TOTAL_EXECUTED=$((TOTAL_EXECUTED + executed))
  echo "$line"; SUMMARY+=("$line")
}

for suite in "${SUITES[@]}"; do
  case "$suite" in
    sqlite)   run_suite sqlite   tests/Qifu.Tests        QIFU_TEST_DB=sqlite ;;
    postgres) run_suite postgres tests/Qifu.Tests        QIFU_TEST_DB=postgres ;;
    browser)  run_suite browser  tests/Qifu.BrowserTests QIFU_TEST_DB=sqlite QIFU_CHROMIUM="$CHROMIUM" ;;
    browser-postgres) run_suite browser-postgres tests/Qifu.BrowserTests QIFU_TEST_DB=postgres QIFU_CHROMIUM="$CHROMIUM" ;;
  esac
done

# With a filter, individual suites may legitimately match nothing, but the run as a whole must not.
if [ -n "$FILTER" ] && [ "$BUILD_OK" = 1 ] && [ "$TOTAL_PASSED" -eq 0 ] && [ "$TOTAL_FAILED" -eq 0 ]; then
  echo "FAILED: no test matched the filter '$FILTER' in any suite - counted as 1 failure"
  TOTAL_FAILED=1; ANY_FAILED=1
fi

# ---------------------------------------------------------------- failures, repeated at the end
# CI shows the tail of the output: name each failed test and the start of its message here.
failures() {
  local trx="$1"
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$trx" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for r in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult", ns):
    if r.get("outcome") not in ("Failed", "Error", "Timeout", "Aborted"):
        continue
    print("  FAILED " + r.get("testName", "?") + " [" + r.get("duration", "") + "]")
    msg = r.find("t:Output/t:ErrorInfo/t:Message", ns)
    trace = r.find("t:Output/t:ErrorInfo/t:StackTrace", ns)
    lines = ((msg.text if msg is not None else "") or "").splitlines()[:25]
    lines += ((trace.text if trace is not None else "") or "").splitlines()[:8]
    for line in lines:
        print("    " + line[:300])
PY
  else
    grep -o 'testName="[^"]*"[^>]*outcome="Failed"' "$trx" | sed 's/testName="\([^"]*\)".*/  FAILED \1/'
  fi
}
if [ "$ANY_FAILED" = 1 ]; then
  echo
  echo "==> Failed tests"
  for suite in "${SUITES[@]}"; do
    trx="TestResults/$suite/$suite.trx"
    [ -f "$trx" ] || continue
    echo "$suite:"
    failures "$trx" || true
  done
fi

# ---------------------------------------------------------------- summary
echo
echo "==> Summary"
printf '%s\n' "${SUMMARY[@]}"
total_line="Total: $TOTAL_PASSED passed, $TOTAL_FAILED failed"
[ "$TOTAL_SKIPPED" -gt 0 ] && total_line="$total_line, $TOTAL_SKIPPED skipped"
echo "$total_line"

[ "$ANY_FAILED" = 0 ] && [ "$TOTAL_FAILED" -eq 0 ]
