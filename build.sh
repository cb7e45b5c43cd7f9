#!/usr/bin/env bash
# Bootstraps the build: restores the pinned Cake tool and runs build.cake with the given arguments.
#   ./build.sh --target=Demo    run the agent with simulated devices and the kiosk UI
#   ./build.sh --target=Test    build everything and run every test (installs what tests need)
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export CAKE_SETTINGS_ENABLESCRIPTCACHE=true

if ! command -v dotnet >/dev/null 2>&1; then
  echo "build.sh: the .NET SDK (dotnet) is required: https://dotnet.microsoft.com/download" >&2
  exit 1
fi

dotnet tool restore >/dev/null
exec dotnet cake build.cake "$@"
