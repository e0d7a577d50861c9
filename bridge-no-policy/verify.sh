#!/usr/bin/env bash
# Checks bridge-no-policy/'s pinned files against bridge-no-policy/SHA256SUMS (what `netpol-harness up --cni bridge-no-policy` checks).
#   bridge-no-policy/verify.sh            sha256sum -c (exit 1 on any mismatch)
#   bridge-no-policy/verify.sh --update   rewrites SHA256SUMS after an intended change
set -euo pipefail
cd "$(dirname "$0")"
files=(bridge-no-policy.yaml)
case ${1:-} in
  --update) sha256sum "${files[@]}" > SHA256SUMS; cat SHA256SUMS; exit 0 ;;
  "") ;;
  *) echo "usage: bridge-no-policy/verify.sh [--update]" >&2; exit 2 ;;
esac
sha256sum -c SHA256SUMS
