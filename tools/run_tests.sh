#!/usr/bin/env bash
# Set up and run the whole test suite in the project's own virtualenv (.venv).
#
#   bash tools/run_tests.sh                 # everything but the Docker tests (they skip)
#   bash tools/run_tests.sh --with-docker   # also installs Docker from Debian (root), starts
#                                           # dockerd and builds the stand-in images first
#   bash tools/run_tests.sh -- -k golden    # anything after -- goes to pytest
#
# The virtualenv is created on first use and kept (delete .venv to start over), so a
# package installed by hand into the system interpreter can never make the suite pass.
set -euo pipefail
cd "$(dirname "$0")/.."

with_docker=0
if [ "${1:-}" = "--with-docker" ]; then with_docker=1; shift; fi
if [ "${1:-}" = "--" ]; then shift; fi

venv=.venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
py="$venv/bin/python"
# pip run quietly; this machine kind's pip configuration names index folders that may be
# absent, and pip warns about each one on every call: those lines are dropped
pip_install() {
    "$py" -m pip install --quiet --disable-pip-version-check "$@" 2>&1 \
        | { grep -v "^WARNING: Location '.*' is ignored" || true; }
}
pip_install --upgrade pip
pip_install ".[test]"

# torch: only a CPU build is worth installing (the others download several GB of CUDA).
# Where pip's configured find-links hold a torch wheel (a local CPU build), take it
# without touching any index, then let pip add its pure-Python dependencies; elsewhere
# the few torch tests skip and say why.
if ! "$py" -c "import torch" >/dev/null 2>&1; then
    if pip_install --no-index --no-deps torch >/dev/null 2>&1; then
        torch_version=$("$py" -c "import importlib.metadata as m; print(m.version('torch'))")
        pip_install "torch==$torch_version"
        echo "run_tests: installed the local CPU build torch $torch_version"
    else
        echo "run_tests: no local CPU build of torch: its tests skip (a CUDA build is several GB)"
    fi
fi

"$py" -m ruff check --quiet . && echo "run_tests: ruff clean"

if [ "$with_docker" = 1 ]; then
    bash .ci/docker_setup.sh
fi
# pytest's exit status is the command's (5 when it collected nothing: such a run must not pass)
exec "$py" -m pytest -q -p no:cacheprovider "$@"
