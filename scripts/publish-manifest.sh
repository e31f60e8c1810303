#!/usr/bin/env bash
# Regenerates aspire-manifest/aspire-manifest.json from the AppHost (a test fails when it drifts).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project AppHost --no-launch-profile -- --publisher manifest --output-path "$PWD/aspire-manifest/aspire-manifest.json"
