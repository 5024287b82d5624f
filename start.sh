#!/usr/bin/env bash
# Starts AutoIF Studio on embedded SQLite with the offline demo model: ./start.sh [--port N]
set -euo pipefail
cd "$(dirname "$0")"
port=5080
[[ "${1:-}" == "--port" ]] && port=$2
scripts/ensure-packages.sh bwrap=bubblewrap /usr/bin/python3=python3 setpriv=util-linux
echo "Building AutoIF Studio ..."
# ReadyToRun: precompiled code halves the start-up of the app and of every CLI verb.
dotnet publish AutoIF.Web/AutoIF.Web.csproj -c Release -o artifacts/app --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
  --nologo -v quiet -p:WarningLevel=0 >/dev/null
mkdir -p data
echo "AutoIF Studio: http://localhost:$port  (data in $(pwd)/data, Ctrl+C stops)"
cd artifacts/app
exec dotnet AutoIF.Web.dll --urls "http://localhost:$port" --Storage:DataFolder="$OLDPWD/data"
