#!/usr/bin/env bash
# ADT ingestion throughput: starts the built portal (Release) on a fresh database with its MLLP listener, sends
# ADT messages over 8 connections (each waiting for its ACK, as MLLP requires) and prints the rate.
#
#   tests/bench/adt-load.sh sqlite [messages]
#   tests/bench/adt-load.sh postgres [messages]     # needs TELESURV_TEST_POSTGRES (tests/postgres.sh start)
#
# Build first: dotnet build TeleSurv.Portal.sln -c Release
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
provider="${1:-sqlite}"
messages="${2:-20000}"
port="${ADT_LOAD_PORT:-25750}"
work="$(mktemp -d)"
trap 'kill "$portal" 2>/dev/null || true; wait "$portal" 2>/dev/null || true; rm -rf "$work"' EXIT

case "$provider" in
    sqlite)
        export Database__Provider=Sqlite ConnectionStrings__Portal="Data Source=$work/load.db" ;;
    postgres)
        : "${TELESURV_TEST_POSTGRES:?start a server with tests/postgres.sh start}"
        db="telesurv_load_$$"
        export Database__Provider=Postgres ConnectionStrings__Portal="$TELESURV_TEST_POSTGRES;Database=$db" ;;
    *) echo "usage: $0 sqlite|postgres [messages]" >&2; exit 2 ;;
esac

export ASPNETCORE_ENVIRONMENT=Staging Demo__SeedOnEmptyDatabase=false Clinical__NonResponder__JobEnabled=false \
    Adt__Listener__Enabled=true Adt__Listener__Port="$port" Logging__LogLevel__Default=Warning
(cd "$work" && exec dotnet "$root/src/TeleSurv.Portal.Web/bin/Release/net10.0/TeleSurv.Portal.Web.dll" --urls http://127.0.0.1:0) &
portal=$!
for _ in $(seq 1 120); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.5
done

# A short warm-up (JIT, connection pools), then the measured run.
python3 "$root/tests/bench/adt-load.py" --port "$port" --connections 8 --messages 400 --run W >/dev/null
hz=$(getconf CLK_TCK)
before=$(awk '{print $14 + $15}' "/proc/$portal/stat")
python3 "$root/tests/bench/adt-load.py" --port "$port" --connections 8 --messages "$messages" --run R

# CPU the portal process used for the measured run, to read the rate on a machine shared with other work.
after=$(awk '{print $14 + $15}' "/proc/$portal/stat")
awk -v t="$((after - before))" -v hz="$hz" -v n="$messages" 'BEGIN { printf "portal CPU: %.1f s for %d messages, %.2f ms per message\n", t / hz, n, 1000 * t / hz / n }'
