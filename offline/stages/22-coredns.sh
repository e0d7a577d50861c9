#!/usr/bin/env bash
# CoreDNS from the Go module proxy (its default plugin set, as compiled into the module).
. "$(dirname "$0")/../lib.sh"
dest=$OUT/coredns-$COREDNS_VERSION
stage_outputs_ok() { [[ -x $dest/coredns ]]; }
stage_begin COREDNS_VERSION GO_TOOLCHAIN
src=$CACHE/src/coredns-$COREDNS_VERSION
go_wrapper "$src" "github.com/coredns/coredns@$COREDNS_VERSION" github.com/coredns/coredns
cd "$src"
rm -rf "$dest.tmp"
go_build_static "$dest.tmp" "-X github.com/coredns/coredns/coremain.GitCommit=$COREDNS_VERSION" "" github.com/coredns/coredns
rm -rf "$dest"; mv "$dest.tmp" "$dest"
"$dest/coredns" -version >&2
stage_done
