#!/usr/bin/env bash
# Installs what the platform needs on a Debian machine that has the .NET SDK: PostgreSQL 15+,
# Redis 7 and ClamAV's clamd (run as executables by the AppHost when no container runtime answers), and the npm packages the
# tests run (the reference OT implementation), the editor bundle and the local mail server (MailDev). As root it installs
# them with apt-get; otherwise it names exactly what to install and stops.
set -euo pipefail

have_postgres() {
  command -v postgres >/dev/null 2>&1 && return 0
  compgen -G "/usr/lib/postgresql/1[5-9]/bin/postgres" >/dev/null || compgen -G "/usr/lib/postgresql/[2-9][0-9]/bin/postgres" >/dev/null
}

missing=()
have_postgres || missing+=("postgresql")
command -v redis-server >/dev/null 2>&1 || missing+=("redis-server")
command -v setpriv >/dev/null 2>&1 || missing+=("util-linux")
command -v npm >/dev/null 2>&1 || missing+=("nodejs" "npm")
# The browser tests drive Debian's Chromium (never a downloaded browser).
command -v chromium >/dev/null 2>&1 || missing+=("chromium")
# The virus scanner files are scanned by (clamd), and sigtool, which the tests make their signature database with.
[[ -x /usr/sbin/clamd ]] || missing+=("clamav-daemon")
command -v sigtool >/dev/null 2>&1 || missing+=("clamav")

if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "Missing: ${missing[*]}. Install them, then run this again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # Debian 12 names PostgreSQL 15 'postgresql-15'; the 'postgresql' package is the distribution's default (15 or newer).
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v dotnet >/dev/null 2>&1 || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }

# The OT differential test checks the C# library against the reference implementation, ot-text-unicode.
npm ci --prefix "$(dirname "$0")/../tests/Collaboration.Tests/reference" --no-audit --no-fund --silent
# A third-party MCP client the integration tests run against the server: the MCP Inspector's CLI (with the Node 22 it needs).
npm ci --prefix "$(dirname "$0")/../tests/Platform.IntegrationTests/inspector" --no-audit --no-fund --silent
# The live editor's JavaScript (CodeMirror 6, bundled by Web.Client's build) and its tests' reference, ot-text-unicode.
npm ci --prefix "$(dirname "$0")/../web/editor" --no-audit --no-fund --silent
# MailDev: the SMTP server the AppHost runs locally, whose API the tests read mail back from.
npm ci --prefix "$(dirname "$0")/../AppHost/mail" --no-audit --no-fund --silent
# s3rver: the S3-compatible server the files service's tests store files in.
npm ci --prefix "$(dirname "$0")/../tests/Files.Tests/s3rver" --no-audit --no-fund --silent
# Offline checks of the deployment files: the workflows' schema (action-validator) and the Terraform read as JSON.
npm ci --prefix "$(dirname "$0")/../tests/Deploy.Tests/tools" --no-audit --no-fund --silent
