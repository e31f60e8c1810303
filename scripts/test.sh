#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test project (unit, service and whole-AppHost integration tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet build Aspire.Platform.sln -c Release -v quiet -nologo

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test --solution Aspire.Platform.sln -c Release --no-build 2>&1 | tee "$log" || status=$?
# CI shows only the end of the output, and a failed test project's output ends with its services' logs:
# repeat each failed test's name and message last.
awk '/^failed / { keep = 40; print; next }
     keep > 0 && /^  / { print; keep--; next }
     { keep = 0 }' "$log"
# The one summary line every CI reader understands.
passed=$(grep -E '^\s+succeeded: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
failed=$(grep -E '^\s+failed: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
echo "${passed} passed, ${failed} failed"
exit "$status"
