#!/usr/bin/env bash
# Checks kube-router/'s pinned files against kube-router/SHA256SUMS (what `netpol-harness up --cni kube-router` checks).
#   kube-router/verify.sh            sha256sum -c (exit 1 on any mismatch)
#   kube-router/verify.sh --update   rewrites SHA256SUMS after an intended change
set -euo pipefail
cd "$(dirname "$0")"
files=(kube-router.yaml versions.env)
case ${1:-} in
  --update) sha256sum "${files[@]}" > SHA256SUMS; cat SHA256SUMS; exit 0 ;;
  "") ;;
  *) echo "usage: kube-router/verify.sh [--update]" >&2; exit 2 ;;
esac
sha256sum -c SHA256SUMS
