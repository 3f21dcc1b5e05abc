#!/usr/bin/env bash
# Set up and run the whole test suite in the project's own virtualenvs.
#
#   bash tools/run_tests.sh                 # everything but the Docker tests (they skip)
#   bash tools/run_tests.sh --with-docker   # also installs Docker from Debian (root), starts
#                                           # dockerd and builds the stand-in images first
#   bash tools/run_tests.sh -- -k golden    # anything after -- goes to pytest (every run)
#
# The main run uses .venv (python3): lint (ruff, mypy, import-linter when .importlinter
# exists), then the whole suite.  The suite without the Docker tests also runs on the oldest
# and the newest Python the package supports (3.9, 3.13), each in its own .venv-py39 /
# .venv-py313, on two pytest-xdist workers, one after the other: beside the main suite
# (output shown when it ends), or with --with-docker set up while Docker is and run after
# the main suite.  Those interpreters are looked up in pyenv's versions folder, then as
# python3.9 / python3.13 on PATH; a missing one is reported and skipped.
# RUN_TESTS_EXTRA_PYTHONS="" skips the extra runs (or names others: "3.10 3.12").
#
# Virtualenvs are created on first use and kept (delete one to start over), so a package
# installed by hand into a system interpreter can never make the suite pass.
# The exit status is the first failing step's (lint, then each pytest run in order); every
# step runs even after one failed.  pytest's 5 (collected nothing) counts as a failure.
set -uo pipefail
cd "$(dirname "$0")/.."

with_docker=0
if [ "${1:-}" = "--with-docker" ]; then with_docker=1; shift; fi
if [ "${1:-}" = "--" ]; then shift; fi

extra_pythons=${RUN_TESTS_EXTRA_PYTHONS-3.9 3.13}
status=0
record() {  # keep the first non-zero status
    if [ "$status" = 0 ] && [ "$1" != 0 ]; then status=$1; fi
}
elapsed() { echo "$(( $(date +%s) - $1 ))s"; }

# pip run quietly; this machine kind's pip configuration names index folders that may be
# absent, and pip warns about each one on every call: those lines are dropped
pip_install() {  # PYTHON ARGS...
    local py=$1; shift
    "$py" -m pip install --quiet --disable-pip-version-check "$@" 2>&1 \
        | { grep -v "^WARNING: Location '.*' is ignored" || true; }
}

# Create VENV with BASE_PYTHON when absent, install PACKAGE (the project, with its test
# extra; pip given PIP_OPTIONS too), and torch when a local CPU build fits this Python.
# Fails (non-zero) when pip does.
setup_venv() {  # VENV BASE_PYTHON PACKAGE [PIP_OPTION...]
    local venv=$1 base=$2 package=$3 py="$1/bin/python"
    shift 3
    if [ ! -x "$py" ]; then
        "$base" -m venv "$venv" || return 1
    fi
    pip_install "$py" --upgrade pip || return 1
    pip_install "$py" "$@" "$package" || return 1
    # torch: only a CPU build is worth installing (the others download several GB of CUDA).
    # Where pip's configured find-links hold a torch wheel for this Python (a local CPU
    # build), take it without touching any index, then let pip add its pure-Python
    # dependencies; elsewhere the few torch tests skip and say why.
    if ! "$py" -c "import torch" >/dev/null 2>&1; then
        local version
        version=$("$py" -c "import sys; print('%d.%d' % sys.version_info[:2])")
        if pip_install "$py" --no-index --no-deps torch >/dev/null 2>&1; then
            local torch_version
            torch_version=$("$py" -c "import importlib.metadata as m; print(m.version('torch'))")
            pip_install "$py" "torch==$torch_version"
            echo "run_tests: installed the local CPU build torch $torch_version ($venv, Python $version)"
        else
            echo "run_tests: no local CPU build of torch for Python $version: its tests skip in $venv" \
                "(a CUDA build is several GB)"
        fi
    fi
}

# The interpreter of Python VERSION (e.g. 3.9): the newest pyenv build, else pythonVERSION
# on PATH; each candidate must really run and report that version (pyenv shims of a
# version that is not selected fail).  Prints nothing when there is none.
find_python() {  # VERSION
    local version=$1 candidate
    local pyenv_versions="${PYENV_ROOT:-$HOME/.pyenv}/versions"
    for candidate in $(ls -d "$pyenv_versions/$version".*/bin/python"$version" 2>/dev/null | sort -V -r) \
                     "$(command -v "python$version" 2>/dev/null)"; do
        if [ -n "$candidate" ] && [ "$("$candidate" -c "import sys; print('%d.%d' % sys.version_info[:2])" \
                2>/dev/null)" = "$version" ]; then
            echo "$candidate"
            return 0
        fi
    done
}

# --- main interpreter: set up, lint ---------------------------------------------------
venv=.venv
py="$venv/bin/python"
setup_venv "$venv" python3 ".[test]" || { echo "run_tests: could not set up $venv" >&2; exit 1; }

"$py" -m ruff check --quiet .; ruff_status=$?
record $ruff_status
[ $ruff_status = 0 ] && echo "run_tests: ruff clean"
# mypy: configured in pyproject.toml ([tool.mypy]: files, Python 3.9 target, untyped defs checked)
"$py" -m mypy; record $?
# import layering contracts, when the project declares them (lint-imports puts the
# working directory first on sys.path, so it reads this tree, not the installed copy;
# `python -m importlinter.cli` would check nothing: that module has no __main__)
if [ -f .importlinter ]; then
    "$venv/bin/lint-imports"; record $?
fi

# --- extra interpreters --------------------------------------------------------------
# start_extra_setups: set up each extra venv in the background (.venv-py39 for 3.9);
# run_extra_suites: wait for each, then run its suite without the Docker tests on two
# pytest-xdist workers, one Python after the other, adding failing statuses to STATUS_FILE.
extra_venvs=()
extra_pids=()
extra_logs=$(mktemp -d)
# The extra venvs install one wheel built now, before anything runs beside: a build in
# this tree (build/, *.egg-info) must not run beside another one (the suites' wheel tests
# build here too).
extra_wheel=
if [ -n "${extra_pythons// /}" ]; then
    "$py" -m pip wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation \
        -w "$extra_logs" . 2>&1 | { grep -v "^WARNING: Location '.*' is ignored" || true; }
    extra_wheel=$(ls "$extra_logs"/*.whl)
fi
start_extra_setups() {
    local version base extra_venv
    for version in $extra_pythons; do
        base=$(find_python "$version")
        if [ -z "$base" ]; then
            echo "run_tests: no Python $version found (pyenv versions folder, python$version on PATH):" \
                "its run is skipped"
            continue
        fi
        extra_venv=".venv-py${version/./}"
        extra_venvs+=("$extra_venv")
        # --prefer-binary: the newest release of a dependency may have no wheel for an old
        # Python (gevent for 3.9) and take minutes to compile; an older wheel does as well
        # (the wheel again with --force-reinstall: pip keeps an installed copy of the same version)
        { setup_venv "$extra_venv" "$base" "$extra_wheel[test]" --prefer-binary \
            && pip_install "$extra_venv/bin/python" --force-reinstall --no-deps "$extra_wheel"; } \
            >"$extra_logs/${extra_venv#.}.log" 2>&1 &
        extra_pids+=($!)
    done
}
run_extra_suites() {  # STATUS_FILE PYTEST_ARGS...
    local status_file=$1 index extra_venv extra_py started
    shift
    for index in "${!extra_pids[@]}"; do
        extra_venv=${extra_venvs[$index]}
        extra_py="$extra_venv/bin/python"
        if ! wait "${extra_pids[$index]}"; then
            echo "run_tests: could not set up $extra_venv; its log:"
            cat "$extra_logs/${extra_venv#.}.log"
            echo 1 >>"$status_file"
            continue
        fi
        cat "$extra_logs/${extra_venv#.}.log"
        started=$(date +%s)
        echo "run_tests: non-Docker suite on Python" \
            "$("$extra_py" -c 'import platform; print(platform.python_version())') ($extra_venv, 2 workers)"
        # --benchmark-disable: what pytest-benchmark does under xdist anyway, minus a warning per worker
        # --dist loadfile: a module's tests share one worker (and its module fixtures: the
        # wheel tests build the wheel once, not on both workers at the same time)
        "$extra_py" -m pytest -q -p no:cacheprovider -n 2 --dist loadfile --benchmark-disable \
            -m "not docker" "$@" \
            || echo $? >>"$status_file"
        echo "run_tests: $extra_venv suite took $(elapsed "$started")"
    done
}

main_suite() {
    local started
    started=$(date +%s)
    "$py" -m pytest -q -p no:cacheprovider "$@"; record $?
    echo "run_tests: main suite (Python $("$py" -c 'import platform; print(platform.python_version())'))" \
        "took $(elapsed "$started")"
}

extra_status=$(mktemp)
if [ "$with_docker" = 1 ]; then
    # the extra venvs are set up while Docker is; their suites run after the main one, so
    # that no Docker test shares the CPU with them
    start_extra_setups
    if ! bash .ci/docker_setup.sh; then
        echo "run_tests: Docker setup failed" >&2
        kill "${extra_pids[@]}" 2>/dev/null
        exit 1
    fi
    main_suite "$@"
    run_extra_suites "$extra_status" "$@"
else
    # the extra runs go beside the main suite (which alone keeps one core busy), their
    # output held back until it ends
    extra_log=$(mktemp)
    ( start_extra_setups; run_extra_suites "$extra_status" "$@" ) >"$extra_log" 2>&1 &
    extra_job=$!
    main_suite "$@"
    wait "$extra_job"
    cat "$extra_log"
    rm -f "$extra_log"
fi
while read -r extra_failure; do record "$extra_failure"; done <"$extra_status"
rm -rf "$extra_status" "$extra_logs"

exit "$status"
