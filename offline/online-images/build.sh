#!/usr/bin/env bash
# The harness's own two images, built with `docker build` on a machine that can pull (the pulled
# path: `run --no-offline`, .github/workflows/e2e*.yml). No document names them, so no registry
# has them: they are built here and `up` loads them into kind, as it does offline.
#   netpol-harness/alpine:v1   the probe client: busybox-static, curl, netcat-openbsd, dnsutils,
#                              our wget and udpprobe (what the probes need; offline/images/README.md)
#   netpol-harness/server:v1   the generic server for workloads whose document names no image
# Usage: bash offline/online-images/build.sh [--base IMAGE]  (default debian:bookworm-slim)
# It tags netpol-harness/alpine:v1 and netpol-harness/server:v1 in local Docker: on a machine with
# the offline build, that replaces stage 60's images (docker load them back from the cache).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
images=$(cd "$here/../images" && pwd)
base=debian:bookworm-slim
while [[ $# -gt 0 ]]; do
  case $1 in
    --base) base=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
command -v go >/dev/null || { echo "build.sh: Go is needed to build udpprobe, wget and the server" >&2; exit 3; }
ctx=$(mktemp -d); trap 'rm -rf "$ctx"' EXIT
for p in server udpprobe wget; do
  echo "building $p" >&2
  (cd "$images/$p" && CGO_ENABLED=0 go build -trimpath -ldflags '-s -w' -o "$ctx/$p" .)
done
cp "$here/client.Dockerfile" "$here/server.Dockerfile" "$ctx/"
echo "building netpol-harness/alpine:v1 FROM $base" >&2
docker build -q --build-arg "BASE=$base" -t netpol-harness/alpine:v1 -f "$ctx/client.Dockerfile" "$ctx" >&2
echo "building netpol-harness/server:v1" >&2
docker build -q -t netpol-harness/server:v1 -f "$ctx/server.Dockerfile" "$ctx" >&2
docker image ls --format '{{.Repository}}:{{.Tag}} {{.ID}} {{.Size}}' | grep -E '^netpol-harness/(alpine|server):v1 '
