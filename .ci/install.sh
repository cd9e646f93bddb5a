#!/usr/bin/env bash
# Installs, idempotently, what the build and tests need beyond the .NET SDK. Safe to rerun.
set -euo pipefail
need=()
command -v python3 >/dev/null || need+=(python3)
# numpy: the independent reference forward pass in the model parity tests. Debian's package serves
# /usr/bin/python3, which the tests fall back to when the python3 on PATH (e.g. a pyenv one) lacks numpy.
python3 -c 'import numpy' 2>/dev/null || /usr/bin/python3 -c 'import numpy' 2>/dev/null || need+=(python3-numpy)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}"
fi
