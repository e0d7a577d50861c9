#!/usr/bin/env bash
# kube-router (kube-router/versions.env) as a network-policy-only agent: the binary from the Go
# module proxy (`go install …@version`: kube-router's own go.mod and dependency versions, every
# module checked against the checksum database; static, CGO_ENABLED=0), on a Debian minbase
# rootfs with iptables (nft), ipset, iproute2, conntrack and kmod. The image carries upstream's
# name (docker.io/cloudnativelabs/kube-router:VERSION) and is saved to $IMAGES.
. "$(dirname "$0")/../lib.sh"
. "$REPO_DIR/kube-router/versions.env"
. "$OFFLINE_DIR/image-lib.sh"

KR_OUT=$OUT/kube-router-$KUBE_ROUTER_VERSION
KR_MODULE=github.com/cloudnativelabs/kube-router/v2
ROOTFS_IMAGE=netpol-harness/debian-kube-router:$DEBIAN_SUITE
stage_outputs_ok() { [[ -x $KR_OUT/bin/kube-router ]] && image_restore "$KUBE_ROUTER_IMAGE"; }
stage_begin KUBE_ROUTER_VERSION KUBE_ROUTER_MODULE_SUM KUBE_ROUTER_MODULE_TIME KUBE_ROUTER_IMAGE \
  KUBE_ROUTER_PACKAGES DEBIAN_SUITE DEBIAN_MIRROR
started=$SECONDS

# 1. The module is the one pinned.
sum=$(cd /tmp && go mod download -json "$KR_MODULE@$KUBE_ROUTER_VERSION" | sed -n 's/^[[:space:]]*"Sum": "\(.*\)",*$/\1/p')
[[ $sum == "$KUBE_ROUTER_MODULE_SUM" ]] \
  || die "$KR_MODULE@$KUBE_ROUTER_VERSION has sum '$sum', kube-router/versions.env pins '$KUBE_ROUTER_MODULE_SUM'"
log "kube-router $KUBE_ROUTER_VERSION: module sum $sum matches the pin"

# 2. The binary.
tmp=$KR_OUT/bin.tmp
rm -rf "$tmp"; mkdir -p "$tmp"
log "building kube-router $KUBE_ROUTER_VERSION (go install, modules from the proxy)"
(cd /tmp && GOBIN=$tmp CGO_ENABLED=0 "${NICE[@]}" go install -trimpath -ldflags "-s -w \
  -X $KR_MODULE/pkg/version.Version=$KUBE_ROUTER_VERSION \
  -X $KR_MODULE/pkg/version.BuildDate=$KUBE_ROUTER_MODULE_TIME" "$KR_MODULE/cmd/kube-router@$KUBE_ROUTER_VERSION")
file "$tmp/kube-router" 2>/dev/null | grep -q 'statically linked' || log "warning: kube-router is not static"
rm -rf "$KR_OUT/bin"; mv "$tmp" "$KR_OUT/bin"
log "kube-router binary in $KR_OUT/bin ($((SECONDS - started)) s)"

# 3. The image.
rootfs_image "$ROOTFS_IMAGE" "$KUBE_ROUTER_PACKAGES"
ctx=$CACHE/tmp/kube-router-image
rm -rf "$ctx"; mkdir -p "$ctx"
cp "$KR_OUT/bin/kube-router" "$ctx/"
image_build "$KUBE_ROUTER_IMAGE" "$ctx" <<DOCKERFILE
FROM $ROOTFS_IMAGE
COPY kube-router /usr/local/bin/kube-router
LABEL org.opencontainers.image.version=$KUBE_ROUTER_VERSION org.opencontainers.image.source=netpol-harness-offline-build
ENTRYPOINT ["/usr/local/bin/kube-router"]
DOCKERFILE

# 4. Smoke checks: the version, and the tools the policy controller calls.
docker run --rm "$KUBE_ROUTER_IMAGE" --version 2>&1 | grep -q "$KUBE_ROUTER_VERSION" \
  || die "kube-router --version in $KUBE_ROUTER_IMAGE does not name $KUBE_ROUTER_VERSION"
missing=$(docker run --rm --entrypoint /bin/sh "$KUBE_ROUTER_IMAGE" -c \
  'for t in iptables iptables-save iptables-restore ipset ip conntrack modprobe sh cp; do command -v "$t" >/dev/null || printf "%s " "$t"; done')
[[ -z $missing ]] || die "$KUBE_ROUTER_IMAGE lacks tools kube-router needs: $missing"
docker run --rm --entrypoint /usr/sbin/iptables "$KUBE_ROUTER_IMAGE" -V | grep -q nf_tables \
  || die "$KUBE_ROUTER_IMAGE's iptables is not the nft variant the kind node and kube-proxy use"

image_save "$KUBE_ROUTER_IMAGE"
log "kube-router image $KUBE_ROUTER_IMAGE ($((SECONDS - started)) s)"
stage_done
