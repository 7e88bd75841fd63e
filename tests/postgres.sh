#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests.
#
#   tests/postgres.sh start   creates a cluster in a temporary folder, starts it on 127.0.0.1 and a free port with
#                             trust authentication, and prints its connection string (the only line on stdout):
#                               export TELESURV_TEST_POSTGRES="$(tests/postgres.sh start)"
#   tests/postgres.sh stop    stops the cluster started last and deletes its folder.
#
# TELESURV_PG_DURABLE=1 keeps PostgreSQL's durability on (fsync, synchronous_commit, full_page_writes): for
# figures that must mean "durably committed" (tests/bench/adt-load.sh). Tests run without it.
#
# Needs the PostgreSQL server binaries (Debian: apt-get install postgresql). PostgreSQL refuses to run as root,
# so under root the cluster belongs to, and runs as, the user "postgres".
set -euo pipefail

# One state file per checkout, so that two checkouts can each run their own cluster at the same time.
repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state_file="${TELESURV_PG_STATE_FILE:-/tmp/telesurv-postgres.$(id -u).$(printf '%s' "$repo_dir" | cksum | cut -d' ' -f1).state}"

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

find_bindir() {
    if [[ -n "${TELESURV_PG_BINDIR:-}" ]]; then
        echo "$TELESURV_PG_BINDIR"
        return
    fi
    local dir
    dir="$(find /usr/lib/postgresql -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -n "$dir" && -x "$dir/initdb" ]]; then
        echo "$dir"
    elif command -v pg_config >/dev/null && [[ -x "$(pg_config --bindir)/initdb" ]]; then
        pg_config --bindir
    elif command -v initdb >/dev/null; then
        dirname "$(command -v initdb)"
    else
        die "PostgreSQL server binaries not found: install them (Debian: apt-get install -y postgresql) or set TELESURV_PG_BINDIR."
    fi
}

# Runs a command as the cluster's owner: "postgres" when we are root, ourselves otherwise.
as_owner() {
    if [[ "$(id -u)" -eq 0 ]]; then
        # From /, which postgres can enter: the caller's folder may be private to root.
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
    local bindir dir port attempt
    if [[ -f "$state_file" ]]; then
        dir="$(sed -n 1p "$state_file")"
        bindir="$(sed -n 2p "$state_file")"
        if [[ -d "$dir/data" ]] && as_owner "$bindir/pg_ctl" --pgdata="$dir/data" status >/dev/null 2>&1; then
            die "a cluster is already running in $dir: run '$0 stop' first."
        fi
        log "removing the state of a cluster that is no longer running ($dir)."
        stop
    fi
    bindir="$(find_bindir)"
    if [[ "$(id -u)" -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        die "running as root needs the user 'postgres' (created by the Debian package postgresql)."
    fi

    # Under /tmp rather than $TMPDIR: the postgres user must be able to reach the folder.
    dir="$(mktemp -d /tmp/telesurv-pg.XXXXXX)"
    chmod 0700 "$dir"
    if [[ "$(id -u)" -eq 0 ]]; then
        chown postgres:postgres "$dir"
    fi

    if ! as_owner "$bindir/initdb" --pgdata="$dir/data" --username=postgres --auth=trust \
            --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1; then
        cat "$dir/initdb.log" >&2
        rm -rf "$dir"
        die "initdb failed."
    fi

    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 200
CONF
    if [[ "${TELESURV_PG_DURABLE:-0}" == 1 ]]; then
        printf 'fsync = on\nsynchronous_commit = on\nfull_page_writes = on\n' >>"$dir/data/postgresql.conf"
    else
        # Durability is pointless for a cluster that lives as long as a test run.
        printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n' >>"$dir/data/postgresql.conf"
    fi

    for attempt in 1 2 3 4 5 6 7 8 9 10; do
        port=$(( 20000 + RANDOM % 40000 ))
        if port_in_use "$port"; then
            continue
        fi
        if as_owner "$bindir/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=60 \
                -o "-p $port" start >/dev/null 2>&1; then
            printf '%s\n%s\n' "$dir" "$bindir" >"$state_file"
            log "PostgreSQL running on 127.0.0.1:$port (cluster in $dir)."
            echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
            return 0
        fi
        log "could not start on port $port (attempt $attempt), trying another."
    done

    tail -n 30 "$dir/server.log" >&2 2>/dev/null || true
    rm -rf "$dir"
    die "PostgreSQL did not start."
}

stop() {
    if [[ ! -f "$state_file" ]]; then
        log "no cluster to stop."
        return 0
    fi
    local dir bindir
    dir="$(sed -n 1p "$state_file")"
    bindir="$(sed -n 2p "$state_file")"
    if [[ -d "$dir/data" ]]; then
        as_owner "$bindir/pg_ctl" --pgdata="$dir/data" --mode=fast --wait stop >/dev/null 2>&1 \
            || log "pg_ctl stop failed; removing the folder anyway."
    fi
    case "$dir" in
        /tmp/telesurv-pg.*) rm -rf "$dir" ;;
        *) log "not removing unexpected folder '$dir'." ;;
    esac
    rm -f "$state_file"
    log "stopped."
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
