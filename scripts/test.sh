#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test project (unit, service and whole-AppHost integration tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet build Aspire.Platform.sln -c Release -v quiet -nologo
dotnet test --solution Aspire.Platform.sln -c Release --no-build
