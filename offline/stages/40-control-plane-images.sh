#!/usr/bin/env bash
# The images kubeadm asks for, under exactly the names `kubeadm config images list` prints:
# kube-apiserver, kube-controller-manager, kube-scheduler (Debian base + the binary),
# kube-proxy (Debian base with iptables/nftables/ipset/conntrack), etcd (+ etcdctl),
# coredns/coredns (ENTRYPOINT /coredns) and pause (FROM scratch, ENTRYPOINT /pause).
. "$(dirname "$0")/../lib.sh"
k8s=$OUT/kubernetes-$K8S_VERSION
etcd=$OUT/etcd-$ETCD_VERSION
coredns=$OUT/coredns-$COREDNS_VERSION
pause=$OUT/pause-$PAUSE_VERSION
[[ -f $k8s/images.txt ]] || die "run stage 20-kubernetes first"
mapfile -t wanted < "$k8s/images.txt"
stage_outputs_ok() { local i; for i in "${wanted[@]}"; do image_restore "$i" || return 1; done; }
# the inputs' identities: pins, and the list kubeadm printed
IMAGE_LIST=${wanted[*]}
stage_begin K8S_VERSION ETCD_VERSION COREDNS_VERSION PAUSE_VERSION DEBIAN_SUITE IMAGE_LIST

ctx=$CACHE/tmp/control-plane-images
build() { # build IMAGE BASE ENTRYPOINT_JSON FILE...  (files go to /usr/local/bin, or / for scratch)
  local image=$1 base=$2 entry=$3; shift 3
  rm -rf "$ctx"; mkdir -p "$ctx"
  local dir=/usr/local/bin; [[ $base == scratch ]] && dir=/
  local f; for f in "$@"; do cp "$f" "$ctx/"; done
  {
    echo "FROM $base"
    for f in "$@"; do echo "COPY $(basename "$f") $dir"; done
    [[ -n $entry ]] && echo "ENTRYPOINT $entry"
    echo "LABEL org.opencontainers.image.source=netpol-harness-offline-build"
  } > "$ctx/Dockerfile"
  docker build -q -t "$image" "$ctx" >/dev/null
  log "built $image"
}
base=netpol-harness/debian-base:$DEBIAN_SUITE
ipt=netpol-harness/debian-iptables:$DEBIAN_SUITE
image_restore "$base" && image_restore "$ipt" || die "run stage 30-rootfs first"
for image in "${wanted[@]}"; do
  name=${image%:*}; name=${name##*/}
  case $name in
    kube-apiserver|kube-controller-manager|kube-scheduler)
      build "$image" "$base" "[\"/usr/local/bin/$name\"]" "$k8s/$name" ;;
    kube-proxy) build "$image" "$ipt" '["/usr/local/bin/kube-proxy"]' "$k8s/kube-proxy" ;;
    etcd) build "$image" "$base" '["/usr/local/bin/etcd"]' "$etcd/etcd" "$etcd/etcdctl" ;;
    coredns) # kubeadm's Deployment passes only args (-conf ...): the image runs /coredns
             rm -rf "$ctx"; mkdir -p "$ctx"; cp "$coredns/coredns" "$ctx/"
             printf 'FROM %s\nCOPY coredns /coredns\nEXPOSE 53 53/udp\nENTRYPOINT ["/coredns"]\n' "$base" > "$ctx/Dockerfile"
             docker build -q -t "$image" "$ctx" >/dev/null; log "built $image" ;;
    pause) build "$image" scratch '["/pause"]' "$pause/pause" ;;
    *) die "no recipe for $image" ;;
  esac
done
rm -rf "$ctx"
image_save "${wanted[@]}"
stage_done
