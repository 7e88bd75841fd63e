#!/usr/bin/env bash
# ADT ingestion throughput: starts the built portal (Release) on a fresh database with its MLLP listener, sends
# ADT messages over 8 connections (each waiting for its ACK, as MLLP requires) and prints the rate, the load
# average before and after, and the CPU the portal (and PostgreSQL) used per message.
#
#   tests/bench/adt-load.sh sqlite [messages]
#   tests/bench/adt-load.sh postgres [messages]
#
# Both databases run durably: SQLite in WAL mode with synchronous = FULL (the portal's setting: the WAL is synced
# at every commit), PostgreSQL in a cluster of its own started by tests/postgres.sh with TELESURV_PG_DURABLE=1
# (fsync, synchronous_commit and full_page_writes on), stopped at the end. TELESURV_LOAD_POSTGRES=<connection
# string> uses a server of your own instead. After the warm-up, PostgreSQL's tables are analyzed (see below).
#
# Build first: dotnet build TeleSurv.Portal.sln -c Release. On a shared machine, run it under
# flock /tmp/telesurv-bench.lock so that measured runs do not overlap.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
provider="${1:-sqlite}"
messages="${2:-20000}"
port="${ADT_LOAD_PORT:-25750}"
work="$(mktemp -d)"
portal=""
pg_state=""
cleanup() {
    if [[ -n "$portal" ]]; then
        kill "$portal" 2>/dev/null || true
        wait "$portal" 2>/dev/null || true
    fi
    if [[ -n "$pg_state" ]]; then
        TELESURV_PG_STATE_FILE="$pg_state" "$root/tests/postgres.sh" stop 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

case "$provider" in
    sqlite)
        mkdir -p "$work/db"
        export Database__Provider=Sqlite ConnectionStrings__Portal="Data Source=$work/db/load.db" ;;
    postgres)
        server="${TELESURV_LOAD_POSTGRES:-}"
        if [[ -z "$server" ]]; then
            pg_state="$work/postgres.state"
            server="$(TELESURV_PG_DURABLE=1 TELESURV_PG_STATE_FILE="$pg_state" "$root/tests/postgres.sh" start)"
        fi
        db="telesurv_load_$$"
        export Database__Provider=Postgres ConnectionStrings__Portal="$server;Database=$db" ;;
    *) echo "usage: $0 sqlite|postgres [messages]" >&2; exit 2 ;;
esac

export ASPNETCORE_ENVIRONMENT=Staging Auth__Mode=Demo Demo__AllowSignInOutsideDevelopment=true Demo__SeedOnEmptyDatabase=false Clinical__NonResponder__JobEnabled=false \
    Adt__Listener__Enabled=true Adt__Listener__Port="$port" Logging__LogLevel__Default=Warning
# The content root (the working folder) is watched for configuration changes, so the database lives beside it,
# not in it: otherwise every write to the database file wakes the watcher.
mkdir -p "$work/app"
(cd "$work/app" && exec dotnet "$root/src/TeleSurv.Portal.Web/bin/Release/net10.0/TeleSurv.Portal.Web.dll" --urls http://127.0.0.1:0) &
portal=$!
for _ in $(seq 1 120); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.5
done

# CPU ticks (user + system) of a process and, for PostgreSQL, of the postmaster and all its children.
ticks() { awk '{s += $14 + $15} END {print s + 0}' "$@" 2>/dev/null || echo 0; }
pg_ticks() {
    [[ -n "$pg_state" ]] || { echo 0; return; }
    local pm
    pm="$(head -n 1 "$(sed -n 1p "$pg_state")/data/postmaster.pid")"
    ticks "/proc/$pm/stat" $(ps -o pid= --ppid "$pm" | sed 's|^ *\(.*\)|/proc/\1/stat|')
}

# A warm-up (connection pools, and the runtime's second compilation of the hot code, which takes some thousands of
# messages), then the measured run: the figures are those of a portal that has been running for a while.
python3 "$root/tests/bench/adt-load.py" --port "$port" --connections 8 --messages "${ADT_LOAD_WARMUP:-4000}" --run W >/dev/null
if [[ "$provider" == postgres ]]; then
    # What autovacuum does within a minute on a running server: statistics of the tables the warm-up filled. Without
    # them the server plans on tables it takes for empty, and keeps those plans for the statements the portal has
    # prepared, a fresh database's state that a hospital's server leaves within its first minute.
    field() { sed -n "s/.*\(^\|;\)$1=\([^;]*\).*/\2/Ip" <<<"$server"; }
    PGPASSWORD="$(field Password)" psql -q -h "$(field Host)" -p "$(field Port)" -U "$(field Username)" -d "$db" -c ANALYZE
fi
hz=$(getconf CLK_TCK)
echo "before: $(uptime)"
portal_before=$(ticks "/proc/$portal/stat")
pg_before=$(pg_ticks)
python3 "$root/tests/bench/adt-load.py" --port "$port" --connections 8 --messages "$messages" --run R
portal_after=$(ticks "/proc/$portal/stat")
pg_after=$(pg_ticks)
echo "after:  $(uptime)"

awk -v t="$((portal_after - portal_before))" -v hz="$hz" -v n="$messages" 'BEGIN { printf "portal CPU: %.1f s for %d messages, %.2f ms per message\n", t / hz, n, 1000 * t / hz / n }'
if [[ -n "$pg_state" ]]; then
    awk -v t="$((pg_after - pg_before))" -v hz="$hz" -v n="$messages" 'BEGIN { printf "PostgreSQL CPU: %.1f s, %.2f ms per message\n", t / hz, 1000 * t / hz / n }'
fi
