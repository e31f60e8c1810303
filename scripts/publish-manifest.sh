#!/usr/bin/env bash
# Regenerates aspire-manifest/aspire-manifest.json from the AppHost, then deploy/k8s (the Kubernetes manifests) from it.
# Tests fail when either drifts from what is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project AppHost --no-launch-profile -- --publisher manifest --output-path "$PWD/aspire-manifest/aspire-manifest.json"
dotnet run --project deploy/Platform.Deploy -- aspire-manifest/aspire-manifest.json deploy/k8s
