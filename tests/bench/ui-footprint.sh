#!/usr/bin/env bash
# What the screens cost, before and after a change, in one run on one machine: builds the portal at an earlier
# revision (by default ff3f5d1, the last one before the screens moved to MudBlazor) beside the current build, starts
# each on a fresh SQLite database with the demo data, and runs the browser benchmark UiFootprintBenchmark against it:
# time until the queue, the alert page and the chart are interactive (cold and warm), and per open live queue the
# server's live objects (counted in a heap dump after a full collection), managed heap and working set. The heap dumps
# with one queue and with every queue open are kept beside the figures (artifacts/bench/*.gcdump). The builds are
# measured in turn, before, after, after, before, so that a machine getting busier or quieter during the run does not
# favour one of them. The first openings after a start are read better by ui-cold.sh, over many starts.
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
# shellcheck source=tests/bench/ui-builds.sh
source "$root/tests/bench/ui-builds.sh"
ui_builds "$revision"

report="$artifacts/ui-footprint.txt"
: > "$report"

measure() {
    ui_start "$2" "$load_patients"
    ui_benchmark Time_until_interactive_and_server_memory_per_open_queue \
        TELESURV_BENCH_UI_LABEL="$1" TELESURV_BENCH_UI_QUEUES="$queues" TELESURV_TEST_ARTIFACTS="$artifacts"
    ui_stop
}

measure "$before_label" "$before_dll"
measure "$after_label" "$after_dll"
measure "$after_label" "$after_dll"
measure "$before_label" "$before_dll"
cat "$report"
