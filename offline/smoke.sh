#!/usr/bin/env bash
# Smoke test of the offline build: create the kind cluster from the locally built node image,
# check the node registers and the control plane runs; if the Calico images and manifest exist,
# install Calico, wait for Ready, and check that a NetworkPolicy blocks a connection that
# worked before it and that deleting the policy restores it.
#
# usage: offline/smoke.sh [--config kind-config.yaml] [--name netpol-harness] [--reuse|--recreate] [--delete]
#   --reuse     use an existing cluster of that name (default: refuse to touch it)
#   --recreate  delete an existing cluster of that name first
#   --delete    delete the cluster at the end (default: leave it running)
#   NODE_IMAGE=... overrides the node image (default netpol-harness/kind-node:<K8S_VERSION>)
. "$(dirname "$0")/lib.sh"
. "$REPO_DIR/calico/versions.env" 2>/dev/null || true

config=$REPO_DIR/kind-config.yaml name=netpol-harness reuse=0 recreate=0 delete=0
while (($#)); do
  case $1 in
    --config) config=$2; shift ;;
    --name) name=$2; shift ;;
    --reuse) reuse=1 ;;
    --recreate) recreate=1 ;;
    --keep) delete=0 ;;
    --delete) delete=1 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) die "unknown option $1" ;;
  esac
  shift
done
NODE_IMAGE=${NODE_IMAGE:-netpol-harness/kind-node:$K8S_VERSION}
KUBECTL=$OUT/kubernetes-$K8S_VERSION/kubectl
KUBECONFIG_FILE=$CACHE/kubeconfig-$name
export KUBECONFIG=$KUBECONFIG_FILE
k() { "$KUBECTL" "$@"; }
step() { printf '\n== %s (%s)\n' "$*" "$(date -u +%T)" >&2; }
ok() { printf '  ok: %s\n' "$*" >&2; }
t_start=$SECONDS

step "prerequisites"
docker info >/dev/null 2>&1 || die "docker is not running (offline/docker-setup.sh)"
command -v kind >/dev/null || die "kind is not installed (offline/build.sh)"
image_restore "$NODE_IMAGE" || die "$NODE_IMAGE missing (offline/build.sh)"
[[ -x $KUBECTL ]] || die "$KUBECTL missing (offline/build.sh)"
ok "docker $(docker info -f '{{.ServerVersion}}'), $(kind version), node image $NODE_IMAGE"

step "cluster $name"
if kind get clusters 2>/dev/null | grep -qx "$name"; then
  if ((reuse)); then ok "reusing the existing cluster"
  elif ((recreate)); then kind delete cluster --name "$name"
  else die "a cluster named $name exists (someone may be using it): pass --reuse, --recreate or --name"
  fi
fi
if ! kind get clusters 2>/dev/null | grep -qx "$name"; then
  t0=$SECONDS
  kind create cluster --name "$name" --image "$NODE_IMAGE" --config "$config" --kubeconfig "$KUBECONFIG_FILE" --retain
  ok "created in $((SECONDS - t0)) s"
fi
kind get kubeconfig --name "$name" > "$KUBECONFIG_FILE"

step "node registered, control plane running"
for _ in $(seq 60); do k get nodes >/dev/null 2>&1 && break; sleep 2; done
k get nodes -o wide >&2
for c in etcd kube-apiserver kube-controller-manager kube-scheduler; do
  k -n kube-system wait --for=condition=Ready pod -l component=$c --timeout=180s >/dev/null \
    || { k -n kube-system get pods -o wide >&2; die "$c is not Ready"; }
  ok "$c Ready"
done
k -n kube-system rollout status ds/kube-proxy --timeout=180s >/dev/null || die "kube-proxy is not running"
ok "kube-proxy running"
k -n kube-system get pods -o wide >&2

step "Calico"
calico_images=("${CALICO_NODE_IMAGE:-}" "${CALICO_CNI_IMAGE:-}" "${CALICO_KUBE_CONTROLLERS_IMAGE:-}")
have_calico=1
[[ -f $REPO_DIR/calico/calico.yaml ]] || have_calico=0
for i in "${calico_images[@]}"; do [[ -n $i ]] && image_restore "$i" || have_calico=0; done
if ((!have_calico)); then
  log "Calico images or calico/calico.yaml not built yet: stopping at a running control plane (node NotReady without a CNI)"
  printf '\nSMOKE: control plane up in %d s; Calico skipped\n' $((SECONDS - t_start)) >&2
  exit 0
fi
t0=$SECONDS
kind load docker-image --name "$name" "${calico_images[@]}"
[[ -f $REPO_DIR/calico/crds.yaml ]] && k apply --server-side -f "$REPO_DIR/calico/crds.yaml" >/dev/null
k apply -f "$REPO_DIR/calico/calico.yaml" >/dev/null
k -n kube-system rollout status ds/calico-node --timeout=300s || { k -n kube-system get pods -o wide >&2; die "calico-node not ready"; }
k wait --for=condition=Ready node --all --timeout=180s >/dev/null || die "nodes not Ready"
k -n kube-system rollout status deploy/coredns --timeout=180s >/dev/null || die "CoreDNS not ready"
ok "Calico, nodes and CoreDNS Ready in $((SECONDS - t0)) s"
k get nodes >&2

step "NetworkPolicy: allowed, then blocked, then allowed again"
ns=nph-smoke
k delete ns "$ns" --ignore-not-found --wait >/dev/null
k create ns "$ns" >/dev/null
img=$(grep '/etcd:' "$OUT/kubernetes-$K8S_VERSION/images.txt")   # preloaded; has etcd and bash
# with several nodes, server and client on different nodes (the path crosses Calico's VXLAN)
mapfile -t nodes < <(k get nodes -o name | sed 's#^node/##')
server_node=${nodes[-1]} client_node=${nodes[0]}
k -n "$ns" apply -f - >/dev/null <<YAML
apiVersion: v1
kind: Pod
metadata: {name: server, labels: {app: server}}
spec:
  nodeName: $server_node
  containers:
  - name: etcd
    image: $img
    command: [etcd, --data-dir=/tmp/etcd, --listen-client-urls=http://0.0.0.0:2379, --advertise-client-urls=http://127.0.0.1:2379]
---
apiVersion: v1
kind: Pod
metadata: {name: client, labels: {app: client}}
spec:
  nodeName: $client_node
  containers:
  - name: client
    image: $img
    command: [sleep, infinity]
YAML
k -n "$ns" wait --for=condition=Ready pod/server pod/client --timeout=120s >/dev/null || { k -n "$ns" get pods -o wide >&2; die "test pods not Ready"; }
ip=$(k -n "$ns" get pod server -o jsonpath='{.status.podIP}')
k -n "$ns" get pods -o wide >&2
k -n "$ns" exec client -- getent hosts kubernetes.default.svc.cluster.local >&2 \
  || die "the client pod cannot resolve kubernetes.default through CoreDNS"
ok "DNS: kubernetes.default resolves in a pod"
probe() { k -n "$ns" exec client -- timeout 2 bash -c "echo > /dev/tcp/$ip/2379" >/dev/null 2>&1; }
wait_for() { # wait_for allowed|blocked SECONDS : prints the seconds it took
  local want=$1 limit=$2 t0=$SECONDS r
  while ((SECONDS - t0 < limit)); do
    if probe; then r=allowed; else r=blocked; fi
    [[ $r == "$want" ]] && { echo $((SECONDS - t0)); return 0; }
    sleep 1
  done
  return 1
}
s=$(wait_for allowed 60) || die "client cannot reach server $ip:2379 before any policy"
ok "client -> server $ip:2379 allowed (baseline)"
k -n "$ns" apply -f - >/dev/null <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-ingress-to-server}
spec:
  podSelector: {matchLabels: {app: server}}
  policyTypes: [Ingress]
YAML
s=$(wait_for blocked 60) || die "policy applied but client still reaches server after 60 s"
ok "policy applied: blocked within ~$s s"
k -n "$ns" delete networkpolicy deny-ingress-to-server >/dev/null
s=$(wait_for allowed 60) || die "policy deleted but client still blocked after 60 s"
ok "policy deleted: allowed again within ~$s s"
k delete ns "$ns" --wait=false >/dev/null
((delete)) && kind delete cluster --name "$name"
printf '\nSMOKE: all checks passed in %d s\n' $((SECONDS - t_start)) >&2
