#!/usr/bin/env bash
# Several instances, in one run on one PostgreSQL server:
#   1. ADT through Debian's HAProxy in TCP mode to one portal instance, then to two (a fresh database each time):
#      messages per second and the CPU per message of the portal processes (summed) and of PostgreSQL, sent by
#      tests/bench/adt-load.py as adt-load.sh sends them (8 connections, each waiting for its ACK, after a warm-up);
#   2. the live-update lag across instances: two instances, N alerts committed on b (patients answering with a
#      fever through b's patient API), each heard on a; p50/p95/p99 of the lag a's listener records
#      (telesurv.backplane.lag), by the browser tests' ClusterLiveUpdateBenchmark.
#
#   tests/bench/cluster-load.sh [messages] [changes]        (defaults: 20000 messages, 200 changes)
#
# PostgreSQL runs durably, in a cluster of its own (tests/postgres.sh with TELESURV_PG_DURABLE=1), stopped at the
# end; TELESURV_LOAD_POSTGRES=<connection string> uses a server of your own instead. Needs haproxy and python3.
# Build first: dotnet build TeleSurv.Portal.sln -c Release. On a shared machine, run it under
# flock /tmp/telesurv-bench.lock so that measured runs do not overlap.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
messages="${1:-20000}"
changes="${2:-200}"
web="$root/src/TeleSurv.Portal.Web/bin/Release/net10.0/TeleSurv.Portal.Web.dll"
[[ -f "$web" ]] || { echo "build first: dotnet build TeleSurv.Portal.sln -c Release" >&2; exit 2; }
haproxy_bin="$(command -v haproxy || echo /usr/sbin/haproxy)"
[[ -x "$haproxy_bin" ]] || { echo "haproxy is not installed (Debian: apt-get install haproxy)" >&2; exit 2; }

work="$(mktemp -d)"
nodes=()
balancer=""
pg_state=""
stop_instances() {
    for pid in "${nodes[@]}" $balancer; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    nodes=()
    balancer=""
}
cleanup() {
    stop_instances
    if [[ -n "$pg_state" ]]; then
        TELESURV_PG_STATE_FILE="$pg_state" "$root/tests/postgres.sh" stop 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

server="${TELESURV_LOAD_POSTGRES:-}"
if [[ -z "$server" ]]; then
    pg_state="$work/postgres.state"
    server="$(TELESURV_PG_DURABLE=1 TELESURV_PG_STATE_FILE="$pg_state" "$root/tests/postgres.sh" start)"
fi
field() { sed -n "s/.*\(^\|;\)$1=\([^;]*\).*/\2/Ip" <<<"$server"; }
psql_on() { PGPASSWORD="$(field Password)" psql -q -h "$(field Host)" -p "$(field Port)" -U "$(field Username)" -d "$1" -c "$2"; }

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() {
    for _ in $(seq 1 240); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.5
    done
    echo "nothing listens on port $1" >&2
    return 1
}

# CPU ticks (user + system) of processes and, for PostgreSQL, of the postmaster and all its children.
ticks() { awk '{s += $14 + $15} END {print s + 0}' "$@" 2>/dev/null || echo 0; }
pg_ticks() {
    [[ -n "$pg_state" ]] || { echo 0; return; }
    local pm
    pm="$(head -n 1 "$(sed -n 1p "$pg_state")/data/postmaster.pid")"
    ticks "/proc/$pm/stat" $(ps -o pid= --ppid "$pm" | sed 's|^ *\(.*\)|/proc/\1/stat|')
}
node_ticks() { ticks $(printf '/proc/%s/stat ' "${nodes[@]}"); }

# One instance as a node of a deployment runs it: its own folder (its content root) and HTTP port, its MLLP
# listener on its own port, on the shared database.
start_node() {
    local name="$1" db="$2" adt="$3" http="$4"
    mkdir -p "$work/$name"
    (
        cd "$work/$name"
        export HOME="$work/$name" ASPNETCORE_ENVIRONMENT=Staging Auth__Mode=Demo Demo__AllowSignInOutsideDevelopment=true \
            Demo__SeedOnEmptyDatabase=false Clinical__NonResponder__JobEnabled=false Logging__LogLevel__Default=Warning \
            Database__Provider=Postgres ConnectionStrings__Portal="$server;Database=$db" \
            Adt__Listener__Enabled=true Adt__Listener__Port="$adt"
        exec dotnet "$web" --urls "http://127.0.0.1:$http" >"$work/$name.log" 2>&1
    ) &
    nodes+=("$!")
    wait_port "$adt"
}

adt_through_haproxy() {
    local count="$1" db="telesurv_cluster_${1}_$$" front servers="" i
    front="$(free_port)"
    for ((i = 0; i < count; i++)); do
        local adt http
        adt="$(free_port)"
        http="$(free_port)"
        # The first applies the migrations; the others start once it listens.
        start_node "node$i-of-$count" "$db" "$adt" "$http"
        servers+="    server portal$i 127.0.0.1:$adt check port $http inter 500ms fall 2 rise 2"$'\n'
    done
    cat >"$work/haproxy-$count.cfg" <<EOF
global
    maxconn 256

defaults
    mode tcp
    timeout connect 2s
    timeout client 120s
    timeout server 120s
    retries 3
    option redispatch

frontend mllp
    bind 127.0.0.1:$front
    default_backend portals

backend portals
    balance roundrobin
    option httpchk GET /health
$servers
EOF
    "$haproxy_bin" -f "$work/haproxy-$count.cfg" -db >"$work/haproxy-$count.log" 2>&1 &
    balancer=$!
    wait_port "$front"
    sleep 2 # the first health checks: both servers up before the warm-up

    echo "== ADT through HAProxy (TCP) to $count instance(s), PostgreSQL"
    echo "warm-up: $(python3 "$root/tests/bench/adt-load.py" --port "$front" --connections 8 --messages "${ADT_LOAD_WARMUP:-4000}" --run W)"
    # As adt-load.sh: the statistics autovacuum would have gathered within a minute on a running server.
    psql_on "$db" ANALYZE
    local hz portal_before pg_before portal_after pg_after
    hz=$(getconf CLK_TCK)
    echo "before: $(uptime)"
    portal_before=$(node_ticks)
    pg_before=$(pg_ticks)
    python3 "$root/tests/bench/adt-load.py" --port "$front" --connections 8 --messages "$messages" --run R
    portal_after=$(node_ticks)
    pg_after=$(pg_ticks)
    echo "after:  $(uptime)"
    awk -v t="$((portal_after - portal_before))" -v hz="$hz" -v n="$messages" -v c="$count" \
        'BEGIN { printf "portal CPU (%d instance(s) summed): %.1f s for %d messages, %.2f ms per message\n", c, t / hz, n, 1000 * t / hz / n }'
    if [[ -n "$pg_state" ]]; then
        awk -v t="$((pg_after - pg_before))" -v hz="$hz" -v n="$messages" 'BEGIN { printf "PostgreSQL CPU: %.1f s, %.2f ms per message\n", t / hz, 1000 * t / hz / n }'
    fi
    stop_instances
}

adt_through_haproxy 1
adt_through_haproxy 2

echo "== Live updates across two instances: $changes alerts committed on b, heard on a"
echo "before: $(uptime)"
mkdir -p "$work/artifacts"
TELESURV_BENCH_CLUSTER=1 TELESURV_BENCH_CLUSTER_CHANGES="$changes" TELESURV_TEST_POSTGRES="$server" TELESURV_TEST_ARTIFACTS="$work/artifacts" \
    dotnet test "$root/tests/TeleSurv.Portal.BrowserTests" -c Release --no-build -nologo \
    --filter "FullyQualifiedName~ClusterLiveUpdateBenchmark" >"$work/live-updates.log" 2>&1 \
    || { cat "$work/live-updates.log" >&2; exit 1; }
cat "$work/artifacts/cluster-live-updates.txt"
