#!/usr/bin/env bash
# Checks kube-network-policies/'s pinned files against kube-network-policies/SHA256SUMS (what `netpol-harness up --cni kube-network-policies` checks).
#   kube-network-policies/verify.sh            sha256sum -c (exit 1 on any mismatch)
#   kube-network-policies/verify.sh --update   rewrites SHA256SUMS after an intended change
set -euo pipefail
cd "$(dirname "$0")"
files=(crds.yaml kube-network-policies.yaml nfqueue-target.go versions.env)
case ${1:-} in
  --update) sha256sum "${files[@]}" > SHA256SUMS; cat SHA256SUMS; exit 0 ;;
  "") ;;
  *) echo "usage: kube-network-policies/verify.sh [--update]" >&2; exit 2 ;;
esac
sha256sum -c SHA256SUMS
