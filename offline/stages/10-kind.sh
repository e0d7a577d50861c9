#!/usr/bin/env bash
# kind CLI from the Go module proxy, into $CACHE/bin, linked from /usr/local/bin/kind.
. "$(dirname "$0")/../lib.sh"
stage_outputs_ok() { [[ -x $BIN/kind && -L /usr/local/bin/kind ]]; }
stage_begin KIND_VERSION GO_TOOLCHAIN
GOBIN=$BIN CGO_ENABLED=0 "${NICE[@]}" go install -trimpath "sigs.k8s.io/kind@$KIND_VERSION"
ln -sfn "$BIN/kind" /usr/local/bin/kind
kind version >&2
stage_done
