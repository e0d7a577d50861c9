#!/usr/bin/env bash
# The kind node image netpol-harness/kind-node:<K8S_VERSION>: the Debian node rootfs with
# systemd, containerd, runc and crun, CNI plugins, kubeadm/kubelet/kubectl, our entrypoint and units
# (offline/node/), and the control-plane images preloaded into containerd (not unpacked,
# pinned), the way kind's own node images carry them.
. "$(dirname "$0")/../lib.sh"
NODE_IMAGE=netpol-harness/kind-node:$K8S_VERSION
BASE_IMAGE=netpol-harness/kind-node-base:$K8S_VERSION
k8s=$OUT/kubernetes-$K8S_VERSION
ctrd=$OUT/containerd-$CONTAINERD_VERSION-runc-$RUNC_VERSION-cni-$CNI_PLUGINS_VERSION
crun=$OUT/crun-$CRUN_VERSION/crun
[[ -x $crun ]] || die "run stage 25-crun first"
[[ -f $k8s/images.txt ]] || die "run stage 20-kubernetes first"
mapfile -t preload < "$k8s/images.txt"
PAUSE_IMAGE=$(grep '/pause:' "$k8s/images.txt")
NODE_FILES_HASH=$(cat "$OFFLINE_DIR"/node/* | sha256sum | cut -d' ' -f1)
IMAGE_LIST=${preload[*]}
stage_outputs_ok() { image_restore "$NODE_IMAGE"; }
stage_begin K8S_VERSION CONTAINERD_VERSION RUNC_VERSION CRUN_VERSION CNI_PLUGINS_VERSION ETCD_VERSION \
  COREDNS_VERSION PAUSE_VERSION DEBIAN_SUITE NODE_FILES_HASH IMAGE_LIST

node_base=netpol-harness/debian-node:$DEBIAN_SUITE
image_restore "$node_base" || die "run stage 30-rootfs first"
for i in "${preload[@]}"; do image_restore "$i" || die "image $i missing: run stage 40 first"; done

ctx=$CACHE/tmp/node-image
rm -rf "$ctx"; mkdir -p "$ctx/bin" "$ctx/cni"
cp "$k8s"/{kubeadm,kubelet,kubectl} "$ctx/bin/"
cp "$ctrd"/bin/{containerd,ctr,containerd-shim-runc-v2,runc} "$crun" "$ctx/bin/"
cp "$ctrd"/cni/* "$ctx/cni/"
cp "$OFFLINE_DIR"/node/* "$ctx/"
sed "s#@PAUSE_IMAGE@#$PAUSE_IMAGE#" "$OFFLINE_DIR/node/containerd-config.toml" > "$ctx/containerd-config.toml"
echo "$K8S_VERSION" > "$ctx/version"
cat > "$ctx/Dockerfile" <<DOCKERFILE
FROM $node_base
COPY bin/kubeadm bin/kubelet bin/kubectl /usr/bin/
COPY bin/containerd bin/ctr bin/containerd-shim-runc-v2 bin/runc bin/crun /usr/local/bin/
COPY cni/ /opt/cni/bin/
COPY containerd-config.toml /etc/containerd/config.toml
COPY containerd.service kubelet.service /etc/systemd/system/
COPY 10-kubeadm.conf /etc/systemd/system/kubelet.service.d/10-kubeadm.conf
COPY journald.conf /etc/systemd/journald.conf.d/10-netpol-harness.conf
COPY entrypoint.sh /usr/local/bin/netpol-harness-entrypoint
COPY default-storage.yaml /kind/manifests/default-storage.yaml
COPY version /kind/version
RUN set -e; \
    systemctl enable containerd.service kubelet.service; \
    systemctl set-default multi-user.target; \
    systemctl mask getty.target console-getty.service \
      systemd-udevd.service systemd-udev-trigger.service systemd-udev-settle.service \
      systemd-udevd-control.socket systemd-udevd-kernel.socket \
      systemd-modules-load.service systemd-binfmt.service proc-sys-fs-binfmt_misc.automount \
      sys-kernel-config.mount sys-kernel-debug.mount sys-kernel-tracing.mount sys-fs-fuse-connections.mount \
      systemd-firstboot.service systemd-remount-fs.service systemd-update-utmp.service \
      systemd-update-utmp-runlevel.service apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer \
      fstrim.timer systemd-networkd.service systemd-resolved.service; \
    mkdir -p /etc/cni/net.d /etc/kubernetes/manifests /var/lib/kubelet /var/lib/etcd /kind/manifests; \
    test -e /sbin/init; \
    /usr/local/bin/crun --version >/dev/null; \
    rm -f /etc/machine-id; touch /etc/machine-id
ENV container=docker
STOPSIGNAL SIGRTMIN+3
ENTRYPOINT ["/usr/local/bin/netpol-harness-entrypoint", "/sbin/init"]
DOCKERFILE
log "building $BASE_IMAGE"
docker build -q -t "$BASE_IMAGE" "$ctx" >/dev/null

# Preload: run containerd in a throwaway container of the base image, import the image tars
# without unpacking (the node unpacks on first use), then commit that container's filesystem.
name=netpol-harness-preload-$$
trap 'docker rm -f "$name" >/dev/null 2>&1 || true' EXIT
docker run -d --name "$name" --privileged --tmpfs /run --entrypoint /usr/local/bin/containerd "$BASE_IMAGE" >/dev/null
for _ in $(seq 30); do docker exec "$name" ctr version >/dev/null 2>&1 && break; sleep 1; done
docker exec "$name" ctr version >/dev/null || { docker logs "$name" 2>&1 | tail -20 >&2; die "containerd did not start in the preload container"; }
for i in "${preload[@]}"; do
  docker exec -i "$name" ctr --namespace=k8s.io images import --no-unpack --all-platforms --digests \
    --label=io.cri-containerd.pinned=pinned - < "$(image_tar "$i")" >/dev/null
  log "preloaded $i"
done
docker exec "$name" ctr --namespace=k8s.io images list -q | grep -v '^sha256:' >&2
docker stop -t 30 "$name" >/dev/null
# (STOPSIGNAL and ENV come from the base image: the container kept them)
docker commit \
  --change 'ENTRYPOINT ["/usr/local/bin/netpol-harness-entrypoint", "/sbin/init"]' \
  --change 'CMD []' \
  "$name" "$NODE_IMAGE" >/dev/null
docker rm -f "$name" >/dev/null; trap - EXIT
rm -rf "$ctx"
log "built $NODE_IMAGE ($(docker image inspect -f '{{.Size}}' "$NODE_IMAGE" | numfmt --to=iec))"
image_save "$NODE_IMAGE"
stage_done
