#!/usr/bin/env bash
# Calico's three images under upstream's names (calico/versions.env), so calico/calico.yaml reads
# like upstream's and kind never pulls them:
#   calico/node              a Debian minbase rootfs (debootstrap + docker import) with runit,
#                            iptables (nft), ipset, nftables, conntrack, iproute2, procps, kmod;
#                            /bin/calico-node; our entrypoint and runit services (calico/node-image)
#   calico/cni               /opt/cni/bin: install, calico, calico-ipam, host-local, portmap,
#                            loopback, tuning; entrypoint the installer
#   calico/kube-controllers  kube-controllers, check-status, wrapper; user 999
# The last two start FROM netpol-harness/debian-base (stage 30). Each is saved to $IMAGES.
. "$(dirname "$0")/../lib.sh"
. "$REPO_DIR/calico/versions.env"
. "$OFFLINE_DIR/image-lib.sh"

CALICO_OUT=$OUT/calico-$CALICO_VERSION
bin=$CALICO_OUT/bin
[[ -x $bin/calico-node ]] || die "run stage 50-calico-binaries first"
NODE_ROOTFS_IMAGE=netpol-harness/debian-calico-node:$DEBIAN_SUITE
NODE_PACKAGES="runit iptables nftables ipset conntrack iproute2 procps kmod ca-certificates"
images=("$CALICO_NODE_IMAGE" "$CALICO_CNI_IMAGE" "$CALICO_KUBE_CONTROLLERS_IMAGE")
# Inputs: the binaries, our node files, the pins.
CALICO_IMAGE_INPUTS=$( (cd "$bin" && sha256sum ./*; cd "$REPO_DIR/calico/node-image" && find . -type f | sort | xargs sha256sum) | sha256sum | cut -d' ' -f1)
stage_outputs_ok() { local i; for i in "${images[@]}"; do image_restore "$i" || return 1; done; }
stage_begin CALICO_VERSION DEBIAN_SUITE DEBIAN_MIRROR NODE_PACKAGES CALICO_IMAGE_INPUTS \
  CALICO_NODE_IMAGE CALICO_CNI_IMAGE CALICO_KUBE_CONTROLLERS_IMAGE
started=$SECONDS

base=netpol-harness/debian-base:$DEBIAN_SUITE
image_restore "$base" || die "run stage 30-rootfs first ($base is missing)"

# 1. The calico/node rootfs (rebuilt only when its package list changes).
rootfs_image "$NODE_ROOTFS_IMAGE" "$NODE_PACKAGES"

ctx=$CACHE/tmp/calico-images
rm -rf "$ctx"; mkdir -p "$ctx"
cp "$bin"/* "$ctx/"
cp -r "$REPO_DIR/calico/node-image" "$ctx/node-image"

image_build "$CALICO_NODE_IMAGE" "$ctx" <<DOCKERFILE
FROM $NODE_ROOTFS_IMAGE
COPY calico-node /bin/calico-node
COPY node-image/start-calico-node /usr/local/bin/start-calico-node
COPY node-image/service /etc/service/enabled
RUN mkdir -p /var/lib/calico /var/run/calico /var/log/calico/cni
# This calico-node has libbpf only as stubs, which panic: skip Felix's start-up cleanup of BPF
# connect-time load balancing, its one libbpf call with BPF off (calico.yaml sets it as well).
ENV FELIX_DebugSkipCTLBCleanup=true
LABEL org.opencontainers.image.version=$CALICO_VERSION org.opencontainers.image.source=netpol-harness-offline-build
ENTRYPOINT ["/usr/local/bin/start-calico-node"]
DOCKERFILE

image_build "$CALICO_CNI_IMAGE" "$ctx" <<DOCKERFILE
FROM $base
COPY install calico host-local portmap loopback tuning /opt/cni/bin/
# calico-ipam is the calico binary under another name (it dispatches on its name). A symbolic
# link: the installer copies what it points to (a hard link made in a layer of its own would
# copy the binary up into that layer).
RUN ln -s calico /opt/cni/bin/calico-ipam
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/opt/cni/bin
LABEL org.opencontainers.image.version=$CALICO_VERSION org.opencontainers.image.source=netpol-harness-offline-build
ENTRYPOINT ["/opt/cni/bin/install"]
DOCKERFILE

image_build "$CALICO_KUBE_CONTROLLERS_IMAGE" "$ctx" <<DOCKERFILE
FROM $base
COPY kube-controllers check-status wrapper /usr/bin/
RUN mkdir /status && chown 999:0 /status
USER 999
LABEL org.opencontainers.image.version=$CALICO_VERSION org.opencontainers.image.source=netpol-harness-offline-build
ENTRYPOINT ["/usr/bin/wrapper", "/usr/bin/kube-controllers"]
DOCKERFILE

# Smoke checks: each program answers its version inside its image.
docker run --rm --entrypoint /bin/calico-node "$CALICO_NODE_IMAGE" -v | grep -qx "$CALICO_VERSION" \
  || die "calico-node -v in $CALICO_NODE_IMAGE did not print $CALICO_VERSION"
missing=$(docker run --rm --entrypoint /bin/sh "$CALICO_NODE_IMAGE" -c \
  'for t in runsvdir iptables-nft-save iptables-nft-restore ipset nft conntrack ip ps modprobe; do
     command -v "$t" >/dev/null || printf "%s " "$t"; done')
[[ -z $missing ]] || die "$CALICO_NODE_IMAGE lacks tools calico-node needs: $missing"
docker run --rm --entrypoint /usr/bin/check-status "$CALICO_KUBE_CONTROLLERS_IMAGE" -v | grep -qx "$CALICO_VERSION" \
  || die "check-status -v in $CALICO_KUBE_CONTROLLERS_IMAGE did not print $CALICO_VERSION"
docker run --rm --entrypoint /bin/sh "$CALICO_CNI_IMAGE" -c 'cd /opt/cni/bin && ls install calico calico-ipam host-local portmap loopback tuning' >/dev/null \
  || die "$CALICO_CNI_IMAGE lacks a CNI binary"

image_save "${images[@]}"
rm -rf "$ctx"
log "calico images built and saved in $((SECONDS - started)) s"
stage_done
