#!/usr/bin/env bash
# Reproduces the issue's fault: calico-node leaves the node DELAY_SECONDS (25) into a run.
#
#   bash scripts/fault-calico-node.sh [scenario paths...]      (default: scenarios)
#
# Starts `netpol-harness run` on the kind cluster (after its preflight), patches the calico-node
# DaemonSet with a nodeSelector no node has (the DaemonSet controller deletes its pods), waits for
# the run, restores the DaemonSet (also on failure or Ctrl-C) and waits until calico-node is Ready
# again. Then checks what the issue asks: exit code 3, no enforcement-mismatch at all, no pass for
# a probe observed after the fault, and the report naming calico-node at the top.
# Env: CONTEXT (kind-netpol-harness), DELAY_SECONDS (25), OUT (a new /tmp directory).
# Destructive for the cluster while it runs: do not run it while others use the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
CONTEXT=${CONTEXT:-kind-netpol-harness}
DELAY_SECONDS=${DELAY_SECONDS:-25}
OUT=${OUT:-$(mktemp -d /tmp/netpol-fault-calico-node.XXXXXX)}
SELECTOR_KEY=netpol-harness.io/fault
k() { kubectl --context "$CONTEXT" "$@"; }
# jq reads the run's records below: Debian's, installed when missing (as root).
if ! command -v jq >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing jq (Debian's package) …" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq) >/dev/null || { echo "could not install jq" >&2; exit 2; }
  else
    echo "this script needs jq: apt-get install jq" >&2; exit 2
  fi
fi

restore() {
  echo "fault: restoring calico-node (removing nodeSelector $SELECTOR_KEY)" >&2
  k -n kube-system patch daemonset calico-node -p "{\"spec\":{\"template\":{\"spec\":{\"nodeSelector\":{\"$SELECTOR_KEY\":null}}}}}" >/dev/null
  k -n kube-system rollout status daemonset/calico-node --timeout=300s >&2
  k -n kube-system wait pod -l k8s-app=calico-node --for=condition=Ready --timeout=300s >&2
  echo "fault: calico-node Ready again on every node" >&2
}

mkdir -p "$OUT"
echo "fault: output in $OUT" >&2
k -n kube-system rollout status daemonset/calico-node --timeout=60s >&2
./bin/netpol-harness.js run --context "$CONTEXT" --json "$OUT/run.jsonl" --markdown "$OUT/run.md" --no-color "${@:-scenarios}" >"$OUT/stdout.txt" 2>"$OUT/stderr.txt" &
RUN_PID=$!
trap 'kill "$RUN_PID" 2>/dev/null || true; restore' EXIT

# The scenarios start after the preflight, with the line `run <id>: N scenarios, …`.
until grep -q '^run [0-9a-f]*: ' "$OUT/stderr.txt"; do
  if ! kill -0 "$RUN_PID" 2>/dev/null; then echo "fault: the run ended before its scenarios started; see $OUT/stderr.txt" >&2; exit 1; fi
  sleep 0.5
done
sleep "$DELAY_SECONDS"
FAULT_AT_MS=$(date -u +%s%3N)
echo "fault: $(date -u +%T) removing calico-node from every node" >&2
k -n kube-system patch daemonset calico-node -p "{\"spec\":{\"template\":{\"spec\":{\"nodeSelector\":{\"$SELECTOR_KEY\":\"no-node\"}}}}}" >/dev/null

set +e
wait "$RUN_PID"
CODE=$?
set -e
trap - EXIT
restore

echo "fault: run exited $CODE; report top:" >&2
head -n 4 "$OUT/stdout.txt" >&2
jq -s --argjson at "$FAULT_AT_MS" '
  def lastSeenMs: ([.observed[].to | sub("\\.[0-9]+Z$"; "Z") | fromdate] | max // 0) * 1000;
  {
    verdicts: (group_by(.verdict) | map({key: .[0].verdict, value: length}) | from_entries),
    enforcementMismatches: ([.[] | select(.verdict == "enforcement-mismatch")] | length),
    passAfterFault: ([.[] | select(.verdict == "pass" and lastSeenMs > $at)] | length),
    voidedByEnvironment: ([.[] | select(.verdictBeforeEnvironment != null)] | group_by(.verdictBeforeEnvironment) | map({key: .[0].verdictBeforeEnvironment, value: length}) | from_entries)
  }' "$OUT/run.jsonl" | tee "$OUT/check.json" >&2

FAILED=0
check() { if eval "$2"; then echo "ok: $1" >&2; else echo "NOT OK: $1" >&2; FAILED=1; fi; }
check "exit code 3 (got $CODE)" '[ "$CODE" = 3 ]'
check "no enforcement-mismatch" '[ "$(jq .enforcementMismatches "$OUT/check.json")" = 0 ]'
check "no pass for a probe whose observation ended after the patch" '[ "$(jq .passAfterFault "$OUT/check.json")" = 0 ]'
check "the report names calico-node at the top" 'head -n 3 "$OUT/stdout.txt" | grep -q "calico-node on node"'
exit "$FAILED"
