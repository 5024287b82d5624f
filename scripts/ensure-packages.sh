#!/usr/bin/env bash
# Installs the Debian packages a command needs, or names the exact command to run.
# usage: scripts/ensure-packages.sh PROGRAM=PACKAGE ...   e.g. bwrap=bubblewrap
set -euo pipefail
missing=()
for pair in "$@"; do
  program=${pair%%=*}
  package=${pair#*=}
  if [[ "$program" == *"*"* ]]; then
    compgen -G "$program" >/dev/null || missing+=("$package")
  elif [[ "$program" == /* ]]; then
    [[ -x "$program" ]] || missing+=("$package")
  else
    command -v "$program" >/dev/null 2>&1 || missing+=("$package")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
command -v dotnet >/dev/null 2>&1 || { echo "The .NET 10 SDK is missing: install dotnet-sdk-10.0 (https://dot.net)" >&2; exit 1; }
if [[ $(id -u) -eq 0 ]]; then
  echo "Installing ${missing[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  echo "Installing ${missing[*]} ..."
  sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Missing packages. Run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
