#!/usr/bin/env bash
# What the screens cost, before and after a change, in one run on one machine: builds the portal at an earlier
# revision (by default ff3f5d1, the last one before the screens moved to MudBlazor) beside the current build, starts
# each on a fresh SQLite database with the demo data, and runs the browser benchmark UiFootprintBenchmark against it:
# time until the queue, the alert page and the chart are interactive (cold and warm), and per open live queue the
# server's live objects (counted in a heap dump after a full collection), managed heap and working set. The heap dumps
# with one queue and with every queue open are kept beside the figures (artifacts/bench/*.gcdump). The builds are measured in turn, before, after, after, before, so that a
# machine getting busier or quieter during the run does not favour one of them.
#
#   tests/bench/ui-footprint.sh [revision] [queues] [load patients]
#
# Load patients (default 0, the demo alone, whose nurse has 7 alerts to handle) are generated beside the demo: with
# 1000, the nurse's queue opens on a full page of 50 alerts.
#
# Build first: dotnet build TeleSurv.Portal.sln -c Release. Prints the figures and leaves them in
# artifacts/bench/ui-footprint.txt. On a shared machine, run it under flock /tmp/telesurv-bench.lock.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
revision="${1:-ff3f5d1}"
queues="${2:-100}"
load_patients="${3:-0}"
work="$(mktemp -d)"
portal=""
cleanup() {
    if [[ -n "$portal" ]]; then
        kill "$portal" 2>/dev/null || true
        wait "$portal" 2>/dev/null || true
    fi
    git -C "$root" worktree remove --force "$work/before" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

[[ -f "$root/src/TeleSurv.Portal.Web/bin/Release/net10.0/TeleSurv.Portal.Web.dll" ]] \
    || { echo "build first: dotnet build TeleSurv.Portal.sln -c Release" >&2; exit 2; }
(cd "$root" && dotnet tool restore >/dev/null)
# Each build runs as deployed, from its published output (the static assets where a server finds them).
dotnet publish "$root/src/TeleSurv.Portal.Web" -c Release --no-build -nologo -v quiet -o "$work/after"
after_dll="$work/after/TeleSurv.Portal.Web.dll"

echo "building $revision beside the current build..."
git -C "$root" worktree add --detach --quiet "$work/before" "$revision"
dotnet build "$work/before/src/TeleSurv.Portal.Web" -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet publish "$work/before/src/TeleSurv.Portal.Web" -c Release --no-build -nologo -v quiet -o "$work/before-published"
before_dll="$work/before-published/TeleSurv.Portal.Web.dll"

artifacts="$root/artifacts/bench"
mkdir -p "$artifacts"
report="$artifacts/ui-footprint.txt"
: > "$report"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

measure() {
    local label="$1" dll="$2" port run
    port="$(free_port)"
    run="$work/$label-$RANDOM"
    mkdir -p "$run/db"
    # The published folder is the content root (its wwwroot served); the database lives outside it, where the
    # configuration watcher does not see every write.
    (cd "$(dirname "$dll")" && ASPNETCORE_ENVIRONMENT=Staging Auth__Mode=Demo Demo__AllowSignInOutsideDevelopment=true \
        Demo__SeedOnEmptyDatabase=true Demo__LoadPatients="$load_patients" Clinical__NonResponder__JobEnabled=false Logging__LogLevel__Default=Warning \
        Database__Provider=Sqlite ConnectionStrings__Portal="Data Source=$run/db/portal.db" \
        exec dotnet "$dll" --urls "http://127.0.0.1:$port") &
    portal=$!
    for _ in $(seq 1 600); do
        curl -fs -o /dev/null "http://127.0.0.1:$port/account/signin" && break
        sleep 0.5
    done
    TELESURV_BENCH_UI_URL="http://127.0.0.1:$port/" TELESURV_BENCH_UI_PID="$portal" TELESURV_BENCH_UI_LABEL="$label" \
        TELESURV_BENCH_UI_QUEUES="$queues" TELESURV_TEST_ARTIFACTS="$artifacts" \
        dotnet test "$root/tests/TeleSurv.Portal.BrowserTests" -c Release --no-build -nologo \
        --filter "FullyQualifiedName~UiFootprintBenchmark" >"$run/test.log" 2>&1 || { cat "$run/test.log" >&2; exit 1; }
    kill "$portal"
    wait "$portal" 2>/dev/null || true
    portal=""
}

measure "before ($revision)" "$before_dll"
measure "after ($(git -C "$root" rev-parse --short HEAD))" "$after_dll"
measure "after ($(git -C "$root" rev-parse --short HEAD))" "$after_dll"
measure "before ($revision)" "$before_dll"
cat "$report"
