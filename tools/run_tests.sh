#!/usr/bin/env bash
# Set up and run the whole test suite.
#
#   bash tools/run_tests.sh                 # everything but the Docker tests (they skip)
#   bash tools/run_tests.sh --with-docker   # also installs Docker from Debian (root), starts
#                                           # dockerd and builds the stand-in images first
#   bash tools/run_tests.sh -- -k golden    # anything after -- goes to pytest
set -euo pipefail
cd "$(dirname "$0")/.."

with_docker=0
if [ "${1:-}" = "--with-docker" ]; then with_docker=1; shift; fi
if [ "${1:-}" = "--" ]; then shift; fi

python3 -m pip install --quiet --disable-pip-version-check ".[test]"
if [ "$with_docker" = 1 ]; then
    bash .ci/docker_setup.sh
fi
exec python3 -m pytest -q -p no:cacheprovider "$@"
