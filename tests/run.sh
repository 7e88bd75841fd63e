#!/usr/bin/env bash
# Runs every test of the portal on a fresh Debian machine: installs what the tests need when absent,
# starts a throwaway PostgreSQL cluster, builds once, runs every test project, and sums the results.
# Last line: "N passed, N failed, N skipped". Exit status non-zero when a test failed or none ran.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
artifacts="$root/artifacts/test"
mkdir -p "$artifacts"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\n== %s\n' "$*"; }

# System packages the tests drive for real: a browser, the database server, an HL7 peer no one here wrote.
apt_packages=(chromium haproxy postgresql python3-hl7)
missing=()
for package in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || {
        echo "could not install ${missing[*]}: run as root on Debian, or install them first" >&2
        exit 2
    }
fi

# npm packages for the test peers, from the committed lock file.
if [[ -f tests/peers/package-lock.json ]]; then
    log "installing test peers (npm ci)"
    (cd tests/peers && npm ci --no-audit --no-fund --loglevel=error) || exit 2
fi

log "starting PostgreSQL"
TELESURV_TEST_POSTGRES="$(tests/postgres.sh start)" || { echo "PostgreSQL did not start" >&2; exit 2; }
export TELESURV_TEST_POSTGRES
trap 'tests/postgres.sh stop >/dev/null 2>&1 || true' EXIT

log "building"
dotnet build TeleSurv.Portal.sln -c Release -nologo -v quiet -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }

log "running tests"
export TELESURV_TEST_ARTIFACTS="$artifacts/screenshots"
results="$artifacts/results"
rm -rf "$results"
dotnet test TeleSurv.Portal.sln -c Release --no-build -nologo \
    --results-directory "$results" --logger "trx" --logger "console;verbosity=normal" \
    2>&1 | tee "$artifacts/dotnet-test.log"
status=${PIPESTATUS[0]}

# Sum the per-project counts from the TRX files (one per test project).
read -r passed failed skipped projects < <(python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = projects = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    run = ET.parse(path).getroot()
    counters = run.find("t:ResultSummary/t:Counters", ns)
    if counters is None:
        continue
    projects += 1
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    # The TRX logger counts a skipped test as neither executed nor notExecuted: what was not executed was skipped.
    skipped += max(int(counters.get("notExecuted", 0)), int(counters.get("total", 0)) - int(counters.get("executed", 0)))
    # The failures' names go to the log's end, where a reader of a long run looks first.
    for result in run.iterfind("t:Results/t:UnitTestResult", ns):
        if result.get("outcome") not in ("Passed", "NotExecuted"):
            message = result.find("t:Output/t:ErrorInfo/t:Message", ns)
            first = (message.text or "").strip().splitlines()[:3] if message is not None else []
            print("FAILED " + result.get("testName", "?") + (": " + " | ".join(first) if first else ""), file=sys.stderr)
print(passed, failed, skipped, projects)
PY
)
expected_projects=$(grep -l "<IsTestProject>true</IsTestProject>" tests/*/*.csproj | wc -l)
if [[ "$projects" -lt "$expected_projects" ]]; then
    echo "only $projects of $expected_projects test projects reported results" >&2
    failed=$((failed + expected_projects - projects))
fi
if [[ "$status" -ne 0 && "$failed" -eq 0 ]]; then
    failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
if [[ "$failed" -ne 0 || "$passed" -eq 0 ]]; then
    exit 1
fi
