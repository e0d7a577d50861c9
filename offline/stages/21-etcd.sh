#!/usr/bin/env bash
# etcd and etcdctl from the Go module proxy (server and etcdctl modules at ETCD_VERSION).
. "$(dirname "$0")/../lib.sh"
dest=$OUT/etcd-$ETCD_VERSION
stage_outputs_ok() { [[ -x $dest/etcd && -x $dest/etcdctl ]]; }
stage_begin ETCD_VERSION GO_TOOLCHAIN
src=$CACHE/src/etcd-$ETCD_VERSION
go_wrapper "$src" "go.etcd.io/etcd/server/v3@$ETCD_VERSION" go.etcd.io/etcd/server/v3 go.etcd.io/etcd/etcdctl/v3
(cd "$src" && go get "go.etcd.io/etcd/etcdctl/v3@$ETCD_VERSION" && go mod tidy)
cd "$src"
rm -rf "$dest.tmp"
go_build_static "$dest.tmp/server" "" "" go.etcd.io/etcd/server/v3
go_build_static "$dest.tmp/ctl" "" "" go.etcd.io/etcd/etcdctl/v3
mkdir -p "$dest.tmp/bin"
mv "$dest.tmp"/server/* "$dest.tmp/bin/etcd"; mv "$dest.tmp"/ctl/* "$dest.tmp/bin/etcdctl"
rm -rf "$dest"; mv "$dest.tmp/bin" "$dest"; rm -rf "$dest.tmp"
"$dest/etcd" --version >&2
stage_done
