#!/usr/bin/env bash
# Calico's programs from the Go module proxy (calico/gobuild pins the release commit):
# calico-node, the calico CNI plugin (also calico-ipam: one binary that dispatches on its name),
# the CNI installer, kube-controllers, check-status and wrapper, and the containernetworking
# plugins host-local, portmap, loopback and tuning. All static (CGO_ENABLED=0): every cgo file
# in Calico has a stub. The libbpf stubs panic if called; with BPF and XDP off the one call left
# (Felix's start-up cleanup of BPF connect-time load balancing) is skipped by
# FELIX_DebugSkipCTLBCleanup=true in calico/calico.yaml.
. "$(dirname "$0")/../lib.sh"
. "$REPO_DIR/calico/versions.env"

GOBUILD=$REPO_DIR/calico/gobuild
CALICO_GOBUILD_HASH=$(cat "$GOBUILD/go.mod" "$GOBUILD/go.sum" "$GOBUILD/tools.go" | sha256sum | cut -d' ' -f1)
CALICO_OUT=$OUT/calico-$CALICO_VERSION
CALICO_BINARIES=(calico-node calico calico-ipam install kube-controllers check-status wrapper
  host-local portmap loopback tuning)

stage_outputs_ok() {
  local b; for b in "${CALICO_BINARIES[@]}"; do [[ -x $CALICO_OUT/bin/$b ]] || return 1; done
}
stage_begin CALICO_VERSION CALICO_MODULE_VERSION CALICO_GOBUILD_HASH

export GONOSUMDB=$CALICO_GONOSUMDB
cd "$GOBUILD"
tmp=$CALICO_OUT/bin.tmp
rm -rf "$tmp"; mkdir -p "$tmp"
started=$SECONDS

node=github.com/projectcalico/calico/node
log "calico $CALICO_VERSION: building calico-node, cni plugin, installer, kube-controllers (modules from the proxy, checked against go.sum)"
go_build_static "$tmp" "-X main.VERSION=$CALICO_VERSION \
  -X $node/pkg/lifecycle/startup.VERSION=$CALICO_VERSION \
  -X $node/buildinfo.GitVersion=$CALICO_VERSION \
  -X $node/buildinfo.GitRevision=$CALICO_COMMIT" "" \
  $node/cmd/calico-node \
  github.com/projectcalico/calico/cni-plugin/cmd/calico \
  github.com/projectcalico/calico/cni-plugin/cmd/install \
  github.com/projectcalico/calico/kube-controllers/cmd/kube-controllers \
  github.com/projectcalico/calico/kube-controllers/cmd/check-status \
  github.com/projectcalico/calico/kube-controllers/cmd/wrapper
cp "$tmp/calico" "$tmp/calico-ipam"

log "containernetworking plugins $CALICO_CNI_PLUGINS_VERSION: host-local, portmap, loopback, tuning"
cni=github.com/containernetworking/plugins
go_build_static "$tmp" "-X $cni/pkg/utils/buildversion.BuildVersion=$CALICO_CNI_PLUGINS_VERSION" "" \
  $cni/plugins/ipam/host-local $cni/plugins/meta/portmap \
  $cni/plugins/main/loopback $cni/plugins/meta/tuning

rm -rf "$CALICO_OUT/bin"; mv "$tmp" "$CALICO_OUT/bin"
for b in "${CALICO_BINARIES[@]}"; do
  file "$CALICO_OUT/bin/$b" 2>/dev/null | grep -q 'statically linked' || log "warning: $b is not static"
done
log "calico binaries in $CALICO_OUT/bin ($((SECONDS - started)) s)"
stage_done
