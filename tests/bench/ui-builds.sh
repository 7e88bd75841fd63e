# Sourced by the screens' benchmarks (ui-footprint.sh, ui-cold.sh): publishes the current build and the build of an
# earlier revision side by side, and starts either on a fresh SQLite database with the demo data, as deployed.
#
# After `ui_builds <revision>`: $before_dll and $after_dll, $after_label and $before_label, and $artifacts (where the
# figures go). `ui_start <dll> <load patients>` starts a portal and sets $portal (its process) and $portal_url once it
# answers; `ui_benchmark <method> [VARIABLE=value...]` runs one method of the browser benchmark UiFootprintBenchmark
# against it; `ui_stop` stops it. Needs $root. Cleans up on exit.

ui_work="$(mktemp -d)"
artifacts="$root/artifacts/bench"
mkdir -p "$artifacts"
portal=""
portal_url=""

ui_stop() {
    if [[ -n "$portal" ]]; then
        kill "$portal" 2>/dev/null || true
        wait "$portal" 2>/dev/null || true
    fi
    portal=""
}

ui_cleanup() {
    ui_stop
    git -C "$root" worktree remove --force "$ui_work/before" 2>/dev/null || true
    rm -rf "$ui_work"
}
trap ui_cleanup EXIT

ui_builds() {
    local revision="$1"
    [[ -f "$root/src/TeleSurv.Portal.Web/bin/Release/net10.0/TeleSurv.Portal.Web.dll" ]] \
        || { echo "build first: dotnet build TeleSurv.Portal.sln -c Release" >&2; exit 2; }
    (cd "$root" && dotnet tool restore >/dev/null)
    # Each build runs as deployed, from its published output (the static assets where a server finds them).
    dotnet publish "$root/src/TeleSurv.Portal.Web" -c Release --no-build -nologo -v quiet -o "$ui_work/after"
    after_dll="$ui_work/after/TeleSurv.Portal.Web.dll"
    after_label="after ($(git -C "$root" rev-parse --short HEAD))"

    echo "building $revision beside the current build..."
    git -C "$root" worktree add --detach --quiet "$ui_work/before" "$revision"
    dotnet build "$ui_work/before/src/TeleSurv.Portal.Web" -c Release -nologo -v quiet -clp:ErrorsOnly
    dotnet publish "$ui_work/before/src/TeleSurv.Portal.Web" -c Release --no-build -nologo -v quiet -o "$ui_work/before-published"
    before_dll="$ui_work/before-published/TeleSurv.Portal.Web.dll"
    before_label="before ($revision)"
}

ui_start() {
    local dll="$1" load_patients="$2" port run
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    run="$(mktemp -d -p "$ui_work" run-XXXX)"
    mkdir -p "$run/db"
    # The published folder is the content root (its wwwroot served); the database lives outside it, where the
    # configuration watcher does not see every write.
    (cd "$(dirname "$dll")" && ASPNETCORE_ENVIRONMENT=Staging Auth__Mode=Demo Demo__AllowSignInOutsideDevelopment=true \
        Demo__SeedOnEmptyDatabase=true Demo__LoadPatients="$load_patients" Clinical__NonResponder__JobEnabled=false Logging__LogLevel__Default=Warning \
        Database__Provider=Sqlite ConnectionStrings__Portal="Data Source=$run/db/portal.db" \
        exec dotnet "$dll" --urls "http://127.0.0.1:$port") &
    portal=$!
    portal_url="http://127.0.0.1:$port/"
    for _ in $(seq 1 600); do
        curl -fs -o /dev/null "${portal_url}account/signin" && return 0
        sleep 0.5
    done
    echo "the portal did not answer at $portal_url" >&2
    exit 1
}

ui_benchmark() {
    local method="$1"
    shift
    env TELESURV_BENCH_UI_URL="$portal_url" TELESURV_BENCH_UI_PID="$portal" "$@" \
        dotnet test "$root/tests/TeleSurv.Portal.BrowserTests" -c Release --no-build -nologo \
        --filter "FullyQualifiedName~UiFootprintBenchmark.$method" \
        >"$ui_work/test.log" 2>&1 || { cat "$ui_work/test.log" >&2; exit 1; }
}
