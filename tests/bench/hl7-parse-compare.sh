#!/usr/bin/env bash
# Parse rate of our ER7 codec against python-hl7 (Debian python3-hl7) on the same corpus, the same core, in one run.
# Usage: tests/bench/hl7-parse-compare.sh [seconds-per-measure] [--no-benchmarkdotnet]   (default 10 s)
#
# 1. python-hl7 and our codec each parse the ADT^A01 alone, then the whole corpus in turn, for N seconds, pinned to
#    the same CPU (taskset), counting messages per second of CPU time and of wall-clock time. CPU time is what the
#    targets are judged on: on a shared machine the wall clock also counts time spent waiting for the core.
# 2. BenchmarkDotNet's Hl7ParseBenchmarks (short job, in process: no generated project to build on a busy
#    machine): wall-clock means and allocations per parse.
# Figures go to docs/benchmarks.md by hand. Exit status 1 when a target is missed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
seconds="${1:-10}"
run_bdn=1
[[ "${2:-}" == "--no-benchmarkdotnet" ]] && run_bdn=0
corpus="$root/tests/TeleSurv.Portal.Hl7.Tests/TestData/Golden"
artifacts="$root/artifacts/bench/hl7"
python=/usr/bin/python3
rm -rf "$artifacts"
mkdir -p "$artifacts"
export TELESURV_HL7_CORPUS="$corpus" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

pin=()
if command -v taskset >/dev/null 2>&1; then
    cpu=$(( $(nproc) - 1 ))
    pin=(taskset -c "$cpu")
    echo "pinned to CPU $cpu; load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
fi

"$python" -c "import hl7" 2>/dev/null || { echo "python-hl7 is missing: apt-get install python3-hl7" >&2; exit 2; }
dotnet build tests/TeleSurv.Portal.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
bench_dll="$root/tests/TeleSurv.Portal.Benchmarks/bin/Release/net10.0/TeleSurv.Portal.Benchmarks.dll"

echo "== python-hl7, ${seconds} s per measure"
"${pin[@]}" "$python" tests/bench/hl7_parse_python.py "$corpus" "$seconds" | tee "$artifacts/python.json"
echo "== TeleSurv.Portal.Hl7, ${seconds} s per measure"
"${pin[@]}" dotnet "$bench_dll" hl7-cpu-rate "$seconds" | tee "$artifacts/ours.json"

if ((run_bdn)); then
    echo "== TeleSurv.Portal.Hl7, BenchmarkDotNet short job"
    "${pin[@]}" dotnet "$bench_dll" --filter '*Hl7ParseBenchmarks*' --job short --inProcess --exporters json --artifacts "$artifacts" \
        >"$artifacts/benchmarkdotnet.log" 2>&1 || { tail -40 "$artifacts/benchmarkdotnet.log" >&2; exit 1; }
    grep -E '^\|' "$artifacts/benchmarkdotnet.log" | tail -6
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

"$python" - "$artifacts" <<'PY'
import json, sys
folder = sys.argv[1]
py = json.load(open(folder + "/python.json"))
ours = json.load(open(folder + "/ours.json"))
print()
print(f"{'messages per second':28}{'ours (CPU)':>14}{'python (CPU)':>14}{'ratio':>8}{'ours (wall)':>14}{'python (wall)':>15}")
for key, label in (("admission", "ADT^A01 (1.7 KB)"), ("corpus", f"corpus ({py['messages']} messages)")):
    o, p = ours[key + "_per_cpu_second"], py[key + "_per_cpu_second"]
    print(f"{label:28}{o:>14,.0f}{p:>14,.0f}{o / p:>7.0f}x{ours[key + '_per_second']:>14,.0f}{py[key + '_per_second']:>15,.0f}")
o, p = ours["admission_per_cpu_second"], py["admission_per_cpu_second"]
ok = o >= 200_000 and o >= 10 * p
print("targets (>= 200,000 ADT^A01 per CPU second, >= 10x python-hl7):", "met" if ok else "NOT met")
sys.exit(0 if ok else 1)
PY
