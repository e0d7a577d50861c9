#!/usr/bin/env bash
# containerd (containerd, ctr, containerd-shim-runc-v2), runc and the CNI plugins the node needs
# (loopback, host-local, ptp, portmap, bridge), all from the Go module proxy.
# runc is built with cgo and seccomp against Debian's libseccomp (bookworm, as in the node).
. "$(dirname "$0")/../lib.sh"
dest=$OUT/containerd-$CONTAINERD_VERSION-runc-$RUNC_VERSION-cni-$CNI_PLUGINS_VERSION
stage_outputs_ok() { [[ -x $dest/bin/containerd && -x $dest/bin/runc && -x $dest/cni/portmap ]]; }
stage_begin CONTAINERD_VERSION RUNC_VERSION CNI_PLUGINS_VERSION GO_TOOLCHAIN
rm -rf "$dest.tmp"; mkdir -p "$dest.tmp"

ctr=github.com/containerd/containerd/v2
src=$CACHE/src/containerd-$CONTAINERD_VERSION
go_wrapper "$src" "$ctr@$CONTAINERD_VERSION" $ctr/cmd/containerd $ctr/cmd/ctr $ctr/cmd/containerd-shim-runc-v2
(cd "$src" && go_build_static "$dest.tmp/bin" \
  "-X $ctr/version.Version=${CONTAINERD_VERSION#v} -X $ctr/version.Package=github.com/containerd/containerd" \
  "no_btrfs no_devmapper no_zfs" $ctr/cmd/containerd $ctr/cmd/ctr $ctr/cmd/containerd-shim-runc-v2)

if ! dpkg -s libseccomp-dev >/dev/null 2>&1; then
  apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libseccomp-dev pkg-config >/dev/null
fi
src=$CACHE/src/runc-$RUNC_VERSION
go_wrapper "$src" "github.com/opencontainers/runc@$RUNC_VERSION" github.com/opencontainers/runc
(cd "$src" && CGO_ENABLED=1 "${NICE[@]}" go build -trimpath -tags seccomp -o "$dest.tmp/bin/runc" \
  -ldflags "-s -w -X main.version=${RUNC_VERSION#v}" github.com/opencontainers/runc)

cni=github.com/containernetworking/plugins
src=$CACHE/src/cni-plugins-$CNI_PLUGINS_VERSION
plugins=($cni/plugins/main/loopback $cni/plugins/ipam/host-local $cni/plugins/main/ptp
  $cni/plugins/meta/portmap $cni/plugins/main/bridge)
go_wrapper "$src" "$cni@$CNI_PLUGINS_VERSION" "${plugins[@]}"
(cd "$src" && go_build_static "$dest.tmp/cni" \
  "-X $cni/pkg/utils/buildversion.BuildVersion=$CNI_PLUGINS_VERSION" "" "${plugins[@]}")

rm -rf "$dest"; mv "$dest.tmp" "$dest"
"$dest/bin/containerd" --version >&2
"$dest/bin/runc" --version >&2
stage_done
