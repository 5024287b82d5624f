#!/usr/bin/env bash
# Runs every test (unit, integration, real sandbox, real browser) and the benchmarks in quick mode.
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-packages.sh bwrap=bubblewrap /usr/bin/python3=python3 setpriv=util-linux runuser=util-linux /usr/bin/chromium=chromium '/usr/lib/postgresql/*/bin/initdb=postgresql'
dotnet build AutoIF.Web.sln -c Release --nologo -v quiet
log=$(mktemp)
set +e
dotnet test AutoIF.Web.sln -c Release --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
summary=$(grep -E "(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+" "$log" | tail -1 || true)
rm -f "$log"
passed=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
failed=$(sed -E 's/.*Failed: +([0-9]+), Passed.*/\1/' <<<"$summary")
echo "${passed:-0} passed, ${failed:-0} failed"
[[ $status -eq 0 && -n "$summary" ]] || exit 1
echo "Benchmarks in quick mode (they prove the paths run; speed is printed, not asserted):"
dotnet run -c Release --no-build --project AutoIF.Bench -- all --quick
