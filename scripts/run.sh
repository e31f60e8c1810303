#!/usr/bin/env bash
# Installs what is missing, builds, and starts the AppHost with the Aspire dashboard at
# http://localhost:18888 (the login link is printed below once it is up).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
dotnet build Aspire.Platform.sln -c Debug -v quiet -nologo
exec dotnet run --project AppHost --no-build --launch-profile http
