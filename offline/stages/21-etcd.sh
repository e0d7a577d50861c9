#!/usr/bin/env bash
# etcd and etcdctl from the Go module proxy (server and etcdctl modules at ETCD_VERSION).
. "$(dirname "$0")/../lib.sh"
dest=$OUT/etcd-$ETCD_VERSION
stage_outputs_ok() { [[ -x $dest/etcd && -x $dest/etcdctl ]]; }
stage_begin ETCD_VERSION GO_TOOLCHAIN
src=$CACHE/src/etcd-$ETCD_VERSION
# etcd's modules replace each other with ../dirs: require them all at the same version
reqs=""
for m in server/v3 etcdctl/v3 api/v3 client/pkg/v3 client/v3 pkg/v3; do reqs+=" go.etcd.io/etcd/$m@$ETCD_VERSION"; done
go_wrapper "$src" "$reqs" go.etcd.io/etcd/server/v3 go.etcd.io/etcd/etcdctl/v3
cd "$src"
rm -rf "$dest.tmp"
go_build_static "$dest.tmp/server" "-X go.etcd.io/etcd/api/v3/version.GitSHA=$ETCD_VERSION" "" go.etcd.io/etcd/server/v3
go_build_static "$dest.tmp/ctl" "-X go.etcd.io/etcd/api/v3/version.GitSHA=$ETCD_VERSION" "" go.etcd.io/etcd/etcdctl/v3
mkdir -p "$dest.tmp/bin"
mv "$dest.tmp"/server/* "$dest.tmp/bin/etcd"; mv "$dest.tmp"/ctl/* "$dest.tmp/bin/etcdctl"
rm -rf "$dest"; mv "$dest.tmp/bin" "$dest"; rm -rf "$dest.tmp"
"$dest/etcd" --version >&2
stage_done
