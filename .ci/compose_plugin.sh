#!/usr/bin/env bash
# Install the Compose v2 CLI plugin (`docker compose`) beside Debian's docker-compose 1.29.
#
# Debian bookworm only packages the Python docker-compose 1.29, whose start-up alone
# costs ~0.5 s per command; most users today run the Go Compose v2 plugin.  Debian
# trixie's `docker-compose` package is that plugin (one static Go binary that needs only
# libc6 >= 2.34), so we fetch it with apt from a private, signature-checked trixie source
# list - the system's sources and dpkg database are not touched - and copy the binary to
# the docker CLI's plugin dir.  The tests then run jobs with both front ends.
#
# Idempotent: does nothing when `docker compose version` already answers; the .deb is
# kept under $SAGEMAKER_ESTIMATORS_CACHE for the next run.
#   bash .ci/compose_plugin.sh
set -euo pipefail

if docker compose version >/dev/null 2>&1; then
    echo "compose_plugin: $(docker compose version) already installed"
    exit 0
fi

cache="${SAGEMAKER_ESTIMATORS_CACHE:-/var/cache/sagemaker-estimators}/compose-plugin"
plugin_dir=/usr/local/lib/docker/cli-plugins
mkdir -p "$cache/lists/partial" "$cache/archives/partial" "$plugin_dir"

deb=$(ls "$cache"/docker-compose_2.*_amd64.deb 2>/dev/null | tail -n 1 || true)
if [ -z "$deb" ]; then
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" \
        >"$cache/sources.list"
    apt_options=(
        -o "Dir::Etc::SourceList=$cache/sources.list"
        -o "Dir::Etc::SourceParts=/dev/null"
        -o "Dir::State::Lists=$cache/lists"
        -o "Dir::Cache::Archives=$cache/archives"
        -o "APT::Get::List-Cleanup=0"
        -o "APT::Sandbox::User=root"
    )
    echo "compose_plugin: fetching Debian trixie's docker-compose (Compose v2)"
    apt-get "${apt_options[@]}" update -q >/dev/null
    (cd "$cache" && apt-get "${apt_options[@]}" download docker-compose >/dev/null)
    deb=$(ls "$cache"/docker-compose_2.*_amd64.deb 2>/dev/null | tail -n 1 || true)
    if [ -z "$deb" ]; then
        echo "compose_plugin: trixie did not offer a docker-compose 2.x package" >&2
        exit 1
    fi
fi

unpacked=$(mktemp -d)
trap 'rm -rf "$unpacked"' EXIT
dpkg-deb -x "$deb" "$unpacked"
install -m 0755 "$unpacked/usr/libexec/docker/cli-plugins/docker-compose" "$plugin_dir/docker-compose.partial"
mv "$plugin_dir/docker-compose.partial" "$plugin_dir/docker-compose"
echo "compose_plugin: installed $(docker compose version) from $(basename "$deb")"
