#!/usr/bin/env bash
# Measures "start to first page": a Release build of Qifu starting on an empty data folder (migrate + demo data),
# then a restart on the existing data. Prints seconds for each; run from anywhere.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PORT=${PORT:-5099}
DATA=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
dotnet build src/Qifu.Web -c Release -v q --nologo >/dev/null
measure() {
  local start end
  start=$(date +%s.%N)
  ASPNETCORE_ENVIRONMENT=Development Qifu__DataPath="$DATA" Qifu__LogPath="$DATA/logs" \
    dotnet src/Qifu.Web/bin/Release/net10.0/Qifu.Web.dll --urls "http://127.0.0.1:$PORT" --contentRoot "$PWD/src/Qifu.Web" >"$DATA/out.log" 2>&1 &
  PID=$!
  for _ in $(seq 1200); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break
    kill -0 $PID 2>/dev/null || { echo "the app exited:"; tail -20 "$DATA/out.log"; exit 1; }
    sleep 0.1
  done
  end=$(date +%s.%N)
  kill $PID; wait $PID 2>/dev/null || true
  echo "$1: $(awk "BEGIN{printf \"%.1f\", $end - $start}") s"
}
measure "first start (empty data folder: migrate + demo data)"
measure "restart (existing data)"
