#!/usr/bin/env bash
# Make a Docker engine and the stand-in framework images available for the
# docker-marked tests.  Idempotent: installs only what is missing, starts dockerd
# only when no engine answers, builds images only when their inputs changed.
#   bash .ci/docker_setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
if [ ${#missing[@]} -gt 0 ]; then
    echo "docker_setup: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
    echo "docker_setup: starting dockerd"
    mkdir -p /var/log
    # a dockerd that died (machine kept, process not) leaves its pid file behind,
    # and a new dockerd refuses to start while it is there
    if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
        rm -f /var/run/docker.pid
    fi
    nohup dockerd >/var/log/dockerd.log 2>&1 &
    for _ in $(seq 1 120); do
        docker info >/dev/null 2>&1 && break
        sleep 0.5
    done
    if ! docker info >/dev/null 2>&1; then
        echo "docker_setup: dockerd did not come up; last log lines:" >&2
        tail -n 30 /var/log/dockerd.log >&2 || true
        exit 1
    fi
fi

# Compose v2 as `docker compose`, beside Debian's docker-compose 1.29: tests run both
bash .ci/compose_plugin.sh
python3 tools/standin_images/build.py
# the TensorFlow stand-in: the image above plus a few small files (seconds; reused when current)
python3 tools/standin_images/tensorflow/build.py
echo "docker_setup: ready in $(( $(date +%s) - started ))s"
