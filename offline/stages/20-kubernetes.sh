#!/usr/bin/env bash
# Kubernetes binaries (kubeadm kubelet kubectl kube-apiserver kube-controller-manager
# kube-scheduler kube-proxy) built from the Go module proxy through a wrapper module:
# k8s.io/kubernetes replaces its staging modules with ./staging/..., which `go install` refuses,
# so we require it and point each staging module at its published v0.X.Y version instead.
. "$(dirname "$0")/../lib.sh"
dest=$OUT/kubernetes-$K8S_VERSION
stage_outputs_ok() { [[ -x $dest/kubeadm ]]; }
stage_begin K8S_VERSION GO_TOOLCHAIN

staging_version=v0.${K8S_VERSION#v1.}
src=$CACHE/src/kubernetes-$K8S_VERSION
rm -rf "$src"; mkdir -p "$src"; cd "$src"

info=$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION")
gomod=$(jq -r .GoMod <<<"$info")
commit=$(jq -r '.Origin.Hash // empty' <<<"$info")
: "${commit:=0000000000000000000000000000000000000000}"
build_date=$(jq -r .Time <<<"$info" | sed 's/\.[0-9]*Z$/Z/')

{
  echo "module netpol-harness.local/kubernetes-build"
  echo
  grep -E '^(go|godebug) ' "$gomod"
  echo
  echo "require k8s.io/kubernetes $K8S_VERSION"
  echo
  echo "replace ("
  # every "k8s.io/X => ./staging/src/k8s.io/X" of Kubernetes' own go.mod
  sed -nE 's#^\s*(k8s\.io/[^ ]+) => \./staging/src/.*#\t\1 => \1 '"$staging_version"'#p' "$gomod"
  echo ")"
} > go.mod
cmds=(kubeadm kubelet kubectl kube-apiserver kube-controller-manager kube-scheduler kube-proxy)
{
  echo "//go:build tools"
  echo "package tools"
  echo "import ("
  for c in "${cmds[@]}"; do echo "	_ \"k8s.io/kubernetes/cmd/$c\""; done
  echo ")"
} > tools.go
log "wrapper module: $(grep -c '=> k8s.io' go.mod) staging replaces at $staging_version, commit $commit"
"${NICE[@]}" go mod tidy

minor=${K8S_VERSION#v1.}; minor=${minor%%.*}
ld=""
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ld+=" -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor"
  ld+=" -X $p.gitTreeState=clean -X $p.gitCommit=$commit -X $p.buildDate=$build_date"
done
rm -rf "$dest.tmp"
pkgs=(); for c in "${cmds[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$c"); done
log "building ${cmds[*]}"
go_build_static "$dest.tmp" "$ld" "selinux,notest" "${pkgs[@]}"
rm -rf "$dest"; mv "$dest.tmp" "$dest"
"$dest/kubeadm" version -o short >&2
"$dest/kubeadm" config images list --kubernetes-version "$K8S_VERSION" | tee "$dest/images.txt" >&2
stage_done
