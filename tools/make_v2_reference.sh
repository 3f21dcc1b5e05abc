#!/usr/bin/env bash
# Create the V2 reference virtualenv (.v2ref) used by the golden-request recorder and the
# benchmarks: SageMaker Python SDK 2.257.7 in its own environment, never beside this package.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .v2ref/bin/python ]; then
    python3 -m venv .v2ref
fi
.v2ref/bin/pip install --quiet --disable-pip-version-check "sagemaker==2.257.7" scipy
echo "V2 reference ready: $(pwd)/.v2ref/bin/python"
