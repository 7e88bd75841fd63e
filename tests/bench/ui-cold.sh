#!/usr/bin/env bash
# The first openings after a start, over many starts: builds the portal at an earlier revision (by default ff3f5d1,
# the last one before the screens moved to MudBlazor) beside the current build, then starts each in turn on a fresh
# SQLite database with the demo data, signs in, opens the queue, an alert and its patient's chart once each (the
# first nurse of the morning), and stops it. One start gives one figure per page, which moves by a third from start
# to start on a two-core machine: the medians of many starts, alternated between the builds, are what compare.
#
#   tests/bench/ui-cold.sh [revision] [starts of each build] [load patients]
#
# Build first: dotnet build TeleSurv.Portal.sln -c Release. Prints each start and the medians, and leaves them in
# artifacts/bench/ui-cold.txt. On a shared machine, run it under flock /tmp/telesurv-bench.lock.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
revision="${1:-ff3f5d1}"
starts="${2:-10}"
load_patients="${3:-0}"
# shellcheck source=tests/bench/ui-builds.sh
source "$root/tests/bench/ui-builds.sh"
ui_builds "$revision"

openings="$ui_work/openings.tsv"
: > "$openings"

open_once() {
    ui_start "$2" "$load_patients"
    ui_benchmark First_openings_after_a_start TELESURV_BENCH_UI_LABEL="$1" TELESURV_BENCH_UI_OPENINGS="$openings"
    ui_stop
}

# Before, after, after, before, and again: neither build is always the first after a quiet spell.
for i in $(seq 1 "$starts"); do
    if (( i % 2 )); then
        open_once "$before_label" "$before_dll"
        open_once "$after_label" "$after_dll"
    else
        open_once "$after_label" "$after_dll"
        open_once "$before_label" "$before_dll"
    fi
done

python3 - "$openings" "$starts" "$load_patients" <<'PY' | tee "$artifacts/ui-cold.txt"
import statistics, sys
from collections import defaultdict
path, starts, load = sys.argv[1], sys.argv[2], sys.argv[3]
rows = [line.rstrip("\n").split("\t") for line in open(path, encoding="utf-8") if line.strip()]
# label, page, until interactive, first byte, document loaded (ms since the navigation started)
figures = defaultdict(lambda: defaultdict(list))
for label, page, ready, first_byte, loaded in rows:
    figures[label][page].append((float(ready), float(first_byte), float(loaded)))
print(f"first openings after a start, {starts} starts of each build, {load} load patients; load average {open('/proc/loadavg').read().strip()}")
print("build\tpage\tuntil interactive, median (min-max)\tfirst byte, median\tdocument loaded, median")
for label, pages in figures.items():
    for page, values in pages.items():
        ready = [v[0] for v in values]
        print(f"{label}\t{page}\t{statistics.median(ready):.0f} ({min(ready):.0f}-{max(ready):.0f}) ms\t"
              f"{statistics.median(v[1] for v in values):.0f} ms\t{statistics.median(v[2] for v in values):.0f} ms")
labels = list(figures)
if len(labels) == 2:
    before, after = labels
    for page in figures[before]:
        b = statistics.median(v[0] for v in figures[before][page])
        a = statistics.median(v[0] for v in figures[after][page])
        print(f"{page}: {(a - b) / b * 100:+.0f} % (median until interactive, after against before)")
PY
