#!/usr/bin/env bash
# Checks calico/'s manifests against calico/SHA256SUMS.
#   calico/verify.sh            sha256sum -c (exit 1 on any mismatch)
#   calico/verify.sh --regen    also regenerates the CRDs with gen-crds.sh and compares them
#   calico/verify.sh --update   rewrites SHA256SUMS after an intended change
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
files=(calico.yaml crds.yaml)
case ${1:-} in
  --update) sha256sum "${files[@]}" > SHA256SUMS; cat SHA256SUMS; exit 0 ;;
  --regen)
    tmp=$(mktemp); trap 'rm -f "$tmp"' EXIT
    ./gen-crds.sh "$tmp"
    cmp -s "$tmp" crds.yaml || { echo "verify: crds.yaml differs from a fresh gen-crds.sh run" >&2; diff "$tmp" crds.yaml | head -20 >&2; exit 1; }
    echo "crds.yaml: matches a fresh generation" ;;
  "") ;;
  *) echo "usage: calico/verify.sh [--regen|--update]" >&2; exit 2 ;;
esac
sha256sum -c SHA256SUMS
