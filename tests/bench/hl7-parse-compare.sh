#!/usr/bin/env bash
# Parse rate of our ER7 codec against python-hl7 on the same corpus and the same core, in one run.
# Usage: tests/bench/hl7-parse-compare.sh [seconds-per-python-measure]   (default 10)
# Both run pinned to one CPU (taskset) when it is available. The C# side is BenchmarkDotNet's Hl7ParseBenchmarks
# (short job); the figures go to docs/benchmarks.md by hand.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
seconds="${1:-10}"
corpus="$root/tests/TeleSurv.Portal.Hl7.Tests/TestData/Golden"
artifacts="$root/artifacts/bench/hl7"
python=/usr/bin/python3
rm -rf "$artifacts"
mkdir -p "$artifacts"

pin=()
if command -v taskset >/dev/null 2>&1; then
    cpu=$(( $(nproc) - 1 ))
    pin=(taskset -c "$cpu")
    echo "pinned to CPU $cpu"
fi

"$python" -c "import hl7" 2>/dev/null || { echo "python-hl7 is missing: apt-get install python3-hl7" >&2; exit 2; }

echo "== python-hl7 (${seconds} s per measure)"
"${pin[@]}" "$python" tests/bench/hl7_parse_python.py "$corpus" "$seconds" | tee "$artifacts/python.json"

echo "== TeleSurv.Portal.Hl7 (BenchmarkDotNet, short job)"
export TELESURV_HL7_CORPUS="$corpus"
"${pin[@]}" dotnet run -c Release --project tests/TeleSurv.Portal.Benchmarks -- \
    --filter '*Hl7ParseBenchmarks*' --job short --exporters json --artifacts "$artifacts" >"$artifacts/benchmarkdotnet.log" 2>&1 \
    || { tail -40 "$artifacts/benchmarkdotnet.log" >&2; exit 1; }
grep -E '^\|' "$artifacts/benchmarkdotnet.log" | tail -8

"$python" - "$artifacts" <<'PY'
import glob, json, sys
folder = sys.argv[1]
python = json.load(open(folder + "/python.json"))
report = json.load(open(glob.glob(folder + "/results/*Hl7ParseBenchmarks*-report-full-compressed.json")[0]))
mean = {b["Method"]: b["Statistics"]["Mean"] for b in report["Benchmarks"]}
ours_admission = 1e9 / mean["ParseAdmission"]
ours_corpus = 1e9 / mean["ParseCorpus"]
print()
print(f"{'':34}{'ours /s':>14}{'python-hl7 /s':>16}{'ratio':>9}")
print(f"{'ADT^A01 (1.7 KB)':34}{ours_admission:>14,.0f}{python['admission_per_second']:>16,.0f}{ours_admission / python['admission_per_second']:>8.1f}x")
print(f"{'corpus (' + str(python['messages']) + ' messages)':34}{ours_corpus:>14,.0f}{python['corpus_per_second']:>16,.0f}{ours_corpus / python['corpus_per_second']:>8.1f}x")
ok = ours_admission >= 200_000 and ours_admission >= 10 * python["admission_per_second"]
print("targets (>= 200,000 ADT^A01/s and >= 10x python-hl7):", "met" if ok else "NOT met")
sys.exit(0 if ok else 1)
PY
