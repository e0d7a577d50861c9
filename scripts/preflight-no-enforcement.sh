#!/usr/bin/env bash
# Checks the preflight's failure paths on the kind + Calico cluster, then restores it.
#
#   bash scripts/preflight-no-enforcement.sh [not-enforcing|networking-broken]   (default: not-enforcing)
#
# not-enforcing: pods reach each other, NetworkPolicy objects are accepted, nothing enforces them.
#   Felix is told to append its iptables jump rules instead of inserting them first
#   (FELIX_CHAININSERTMODE=append, a rolling restart of calico-node), and an ACCEPT rule at the top
#   of the FORWARD chain on every kind node accepts pod-to-pod traffic before Calico's policy
#   chains see it. `netpol-harness preflight` must exit 3 with "NetworkPolicy is not enforced".
# networking-broken: calico-node is taken off every node (a nodeSelector no node has). New pods
#   still get an address from the CNI plugin, but no Felix programs them, and Calico's remaining
#   rules drop traffic from interfaces they do not know. `preflight` must exit 3 with "Pods cannot
#   reach each other".
# Either way the cluster is restored (also on failure or Ctrl-C), and `preflight` must pass again.
# Env: CONTEXT (kind-netpol-harness). Destructive while it runs: not while others use the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-not-enforcing}
CONTEXT=${CONTEXT:-kind-netpol-harness}
COMMENT=netpol-harness-no-enforcement
SELECTOR_KEY=netpol-harness.io/fault
k() { kubectl --context "$CONTEXT" "$@"; }
nodes() { k get nodes -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}'; }
# kind's node containers carry the node names; Felix runs with FELIX_IPTABLESBACKEND=NFT.
node_iptables() { local node=$1; shift; if docker exec "$node" sh -c 'command -v iptables-nft' >/dev/null; then docker exec "$node" iptables-nft "$@"; else docker exec "$node" iptables "$@"; fi; }
calico_ready() {
  k -n kube-system rollout status daemonset/calico-node --timeout=300s >&2
  k -n kube-system wait pod -l k8s-app=calico-node --for=condition=Ready --timeout=300s >&2
}
preflight() { ./bin/netpol-harness.js preflight --context "$CONTEXT"; }

break_it() {
  case "$MODE" in
    not-enforcing)
      k -n kube-system set env daemonset/calico-node FELIX_CHAININSERTMODE=append >&2
      calico_ready
      for n in $(nodes); do node_iptables "$n" -I FORWARD 1 -m comment --comment "$COMMENT" -j ACCEPT; done
      ;;
    networking-broken)
      k -n kube-system patch daemonset calico-node -p "{\"spec\":{\"template\":{\"spec\":{\"nodeSelector\":{\"$SELECTOR_KEY\":\"no-node\"}}}}}" >/dev/null
      k -n kube-system wait pod -l k8s-app=calico-node --for=delete --timeout=120s >&2 || true  # (no pod left: nothing to wait for)
      ;;
    *) echo "unknown mode $MODE (not-enforcing or networking-broken)" >&2; exit 2 ;;
  esac
}

restore() {
  echo "restoring the cluster ($MODE)" >&2
  case "$MODE" in
    not-enforcing)
      for n in $(nodes); do while node_iptables "$n" -D FORWARD -m comment --comment "$COMMENT" -j ACCEPT 2>/dev/null; do :; done; done
      k -n kube-system set env daemonset/calico-node FELIX_CHAININSERTMODE- >&2
      ;;
    networking-broken)
      k -n kube-system patch daemonset calico-node -p "{\"spec\":{\"template\":{\"spec\":{\"nodeSelector\":{\"$SELECTOR_KEY\":null}}}}}" >/dev/null
      ;;
  esac
  calico_ready
}

FAILED=0
check() { if eval "$2"; then echo "ok: $1" >&2; else echo "NOT OK: $1" >&2; FAILED=1; fi; }

calico_ready
set +e; preflight; BEFORE=$?; set -e
check "preflight passes on the healthy cluster (exit $BEFORE)" '[ "$BEFORE" = 0 ]'
[ "$BEFORE" = 0 ] || exit 1

trap restore EXIT
break_it
OUT=$(mktemp /tmp/netpol-preflight-$MODE.XXXXXX)
set +e; preflight >"$OUT"; BROKEN=$?; set -e
cat "$OUT"
case "$MODE" in
  not-enforcing) WANT='^preflight not-enforcing: NetworkPolicy is not enforced' ;;
  networking-broken) WANT='^preflight networking-broken: Pods cannot reach each other' ;;
esac
trap - EXIT
restore

check "preflight exits 3 when $MODE (exit $BROKEN)" '[ "$BROKEN" = 3 ]'
check "it says: $WANT" 'grep -q "$WANT" "$OUT"'
set +e; preflight; AFTER=$?; set -e
check "preflight passes again after the restore (exit $AFTER)" '[ "$AFTER" = 0 ]'
exit "$FAILED"
