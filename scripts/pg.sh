#!/usr/bin/env bash
# Throwaway PostgreSQL 15 cluster for tests and local development.
#
# Sourced by scripts/test.sh (functions qifu_pg_start / qifu_pg_stop), or run directly:
#   bash scripts/pg.sh        # starts a cluster, prints QIFU_TEST_PG, stops it on Ctrl-C
#
# The cluster runs with fsync=off: data is thrown away afterwards, so durability does not
# matter and the functional test suite runs faster. Never copy these settings to production.
#
# Environment (optional): PG_BIN (default /usr/lib/postgresql/15/bin), QIFU_PG_PORT_START (55432).

QIFU_PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
QIFU_PG_DIR=""      # temp dir: DIR/data = cluster, DIR = unix socket + log
QIFU_PG_PORT=""
QIFU_PG_STARTED=0

# Run a PostgreSQL binary as the `postgres` user when we are root (initdb refuses root),
# otherwise as the current user.
_qifu_pg_as() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Is something already listening on 127.0.0.1:$1?
_qifu_port_busy() {
  local port="$1"
  if command -v ss >/dev/null 2>&1; then
    [ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}

qifu_pg_start() {
  if [ ! -x "$QIFU_PG_BIN/initdb" ] || [ ! -x "$QIFU_PG_BIN/pg_ctl" ]; then
    echo "ERROR: PostgreSQL binaries not found in $QIFU_PG_BIN (install the 'postgresql' package)." >&2
    return 1
  fi
  if [ "$(id -u)" -eq 0 ] && ! id -u postgres >/dev/null 2>&1; then
    echo "ERROR: running as root but there is no 'postgres' user to run the cluster as." >&2
    return 1
  fi

  local t0 t1
  t0=$(date +%s.%N)
  # Short path under /tmp: the unix socket path must stay below ~107 characters, and the
  # postgres user must be able to reach it.
  QIFU_PG_DIR=$(mktemp -d /tmp/qifu-pg.XXXXXX)
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$QIFU_PG_DIR"
  fi
  chmod 700 "$QIFU_PG_DIR"

  if ! _qifu_pg_as "$QIFU_PG_BIN/initdb" -D "$QIFU_PG_DIR/data" -E UTF8 --locale=C.UTF-8 \
        -A trust -U postgres >"$QIFU_PG_DIR/initdb.log" 2>&1; then
    echo "ERROR: initdb failed:" >&2
    cat "$QIFU_PG_DIR/initdb.log" >&2
    return 1
  fi

  # Pick a free port near 55432; retry on a bind race (another process taking the port).
  local port="${QIFU_PG_PORT_START:-55432}" attempts=0
  while :; do
    while _qifu_port_busy "$port"; do port=$((port + 1)); done
    # fsync=off (and no synchronous commit): fine for a throwaway cluster used by the
    # functional test suite; nothing here needs to survive a crash.
    if _qifu_pg_as "$QIFU_PG_BIN/pg_ctl" -D "$QIFU_PG_DIR/data" -l "$QIFU_PG_DIR/log" -w -t 60 \
         -o "-p $port -k $QIFU_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
         start >/dev/null; then
      break
    fi
    attempts=$((attempts + 1))
    if [ "$attempts" -ge 5 ] || ! grep -qi "could not bind\|could not create .*socket\|address already in use" "$QIFU_PG_DIR/log" 2>/dev/null; then
      echo "ERROR: PostgreSQL failed to start; server log:" >&2
      cat "$QIFU_PG_DIR/log" >&2 || true
      return 1
    fi
    echo "PostgreSQL could not bind port $port, trying the next one..." >&2
    port=$((port + 1))
  done

  QIFU_PG_PORT="$port"
  QIFU_PG_STARTED=1
  export QIFU_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  t1=$(date +%s.%N)
  printf 'PostgreSQL %s started on 127.0.0.1:%s in %.1fs (dir %s)\n' \
    "$("$QIFU_PG_BIN/postgres" --version | awk '{print $3}')" "$port" \
    "$(echo "$t1 - $t0" | awk '{print $1 - $3}')" "$QIFU_PG_DIR"
}

# Safe to call more than once, and from a trap.
qifu_pg_stop() {
  if [ "$QIFU_PG_STARTED" = 1 ]; then
    _qifu_pg_as "$QIFU_PG_BIN/pg_ctl" -D "$QIFU_PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
      || _qifu_pg_as "$QIFU_PG_BIN/pg_ctl" -D "$QIFU_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 \
      || true
    QIFU_PG_STARTED=0
    echo "PostgreSQL stopped."
  fi
  if [ -n "$QIFU_PG_DIR" ] && [ -d "$QIFU_PG_DIR" ]; then
    rm -rf "$QIFU_PG_DIR" || true
  fi
  QIFU_PG_DIR=""
}

# Standalone mode: start a cluster for local development and keep it until Ctrl-C.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  _qifu_sleep_pid=""
  # Background jobs of a non-interactive shell ignore SIGINT: kill the sleeper explicitly.
  trap '[ -z "$_qifu_sleep_pid" ] || kill "$_qifu_sleep_pid" 2>/dev/null; qifu_pg_stop' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  qifu_pg_start
  echo "export QIFU_TEST_PG=\"$QIFU_TEST_PG\""
  echo "psql: psql -h 127.0.0.1 -p $QIFU_PG_PORT -U postgres    (Ctrl-C to stop and delete)"
  while :; do
    sleep 3600 >/dev/null 2>&1 </dev/null &
    _qifu_sleep_pid=$!
    wait "$_qifu_sleep_pid" || true
  done
fi
