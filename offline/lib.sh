# Shared conventions for offline/build.sh and offline/stages/*.sh. Source it; don't run it.
# shellcheck shell=bash
set -euo pipefail

OFFLINE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$OFFLINE_DIR")
CACHE=${NETPOL_HARNESS_CACHE:-/var/cache/netpol-harness}
# shellcheck source=versions.env
. "$OFFLINE_DIR/versions.env"

export GOMODCACHE=$CACHE/go/mod
export GOCACHE=$CACHE/go/build
export GOPATH=$CACHE/go/path
export GOFLAGS=-buildvcs=false
if [[ -n ${GO_TOOLCHAIN:-} ]]; then export GOTOOLCHAIN=$GO_TOOLCHAIN; else export GOTOOLCHAIN=local; fi
BIN=$CACHE/bin            # host tools (kind)
OUT=$CACHE/out            # build outputs, one directory per component and version
IMAGES=$CACHE/images      # docker save tars
STAMPS=$CACHE/stamps
LOGS=$CACHE/logs
mkdir -p "$BIN" "$OUT" "$IMAGES" "$STAMPS" "$LOGS" "$GOMODCACHE" "$GOCACHE" "$GOPATH"
export PATH=$BIN:/usr/local/go/bin:$PATH

NICE=(nice -n 10)

log() { printf '  %s\n' "$*" >&2; }
die() { printf '  error: %s\n' "$*" >&2; exit 1; }

# stage_key SCRIPT VAR... : a hash of the stage's script and the named pins (not of lib.sh, so
# that adding a helper here does not rebuild everything; bump a stage's script to force it).
stage_key() {
  local script=$1; shift
  {
    cat "$script"
    local v; for v in "$@"; do printf '%s=%s\n' "$v" "${!v-}"; done
  } | sha256sum | cut -d' ' -f1
}

# stage_begin VAR... : call first in a stage. Exits 0 (skip) when the stamp matches, unless FORCE=1.
# Sets STAGE_NAME and STAGE_KEY for stage_done.
stage_begin() {
  local script; script=$(readlink -f "${BASH_SOURCE[1]}")
  STAGE_NAME=$(basename "$script" .sh)
  STAGE_KEY=$(stage_key "$script" "$@")
  if [[ ${STAGE_CHECK:-0} == 1 ]]; then
    if [[ -f $STAMPS/$STAGE_NAME && $(cat "$STAMPS/$STAGE_NAME") == "$STAGE_KEY" ]]; then exit 0; else exit 3; fi
  fi
  # RESTAMP=1: accept the existing outputs as current (after editing only comments, say)
  if [[ ${RESTAMP:-0} == 1 ]] && stage_outputs_ok; then stage_done; log "restamped"; exit 0; fi
  if [[ ${FORCE:-0} != 1 && -f $STAMPS/$STAGE_NAME && $(cat "$STAMPS/$STAGE_NAME") == "$STAGE_KEY" ]] \
      && stage_outputs_ok; then
    log "up to date (stamp $STAMPS/$STAGE_NAME)"
    exit 0
  fi
  rm -f "$STAMPS/$STAGE_NAME"
}
# A stage may redefine this to check its outputs still exist (e.g. an image in docker).
stage_outputs_ok() { return 0; }
stage_done() { printf '%s\n' "$STAGE_KEY" > "$STAMPS/$STAGE_NAME"; }

# image_present NAME : true if docker has the image.
image_present() { docker image inspect "$1" >/dev/null 2>&1; }
# image_tar NAME : the path of the docker save tar for an image name.
image_tar() { printf '%s/%s.tar' "$IMAGES" "$(printf '%s' "$1" | tr '/:' '__')"; }
# image_save NAME... : docker save each image to $IMAGES.
image_save() { local i; for i in "$@"; do docker save "$i" -o "$(image_tar "$i").tmp" && mv "$(image_tar "$i").tmp" "$(image_tar "$i")"; done; }
# image_restore NAME : docker load the saved tar if the image is missing; true if present after.
image_restore() {
  image_present "$1" && return 0
  local t; t=$(image_tar "$1")
  [[ -f $t ]] && docker load -i "$t" >/dev/null && image_present "$1"
}

# go_build_static OUTDIR LDFLAGS TAGS PKG... : static, trimmed Go build of PKG... into OUTDIR.
go_build_static() {
  local outdir=$1 ldflags=$2 tags=$3; shift 3
  mkdir -p "$outdir"
  CGO_ENABLED=0 "${NICE[@]}" go build -trimpath -tags "$tags" -ldflags "-s -w $ldflags" -o "$outdir/" "$@"
}

# go_wrapper DIR "MODULE@VERSION ..." PKG... : make DIR a module that requires each MODULE at
# VERSION and imports PKG... (so `go mod tidy` records what they need), ready for
# `go build PKG...` in DIR. A wrapper module lets us build programs whose own go.mod has replace
# directives, which `go install pkg@version` refuses; a dependency's replaces are ignored, so
# list sibling modules it replaced locally (at the same version) as requirements too.
go_wrapper() {
  local dir=$1 reqs=$2; shift 2
  rm -rf "$dir"; mkdir -p "$dir"
  {
    printf 'module netpol-harness.local/build/%s\n\ngo 1.24.0\n\nrequire (\n' "$(basename "$dir")"
    local r; for r in $reqs; do printf '\t%s %s\n' "${r%@*}" "${r#*@}"; done
    printf ')\n'
  } > "$dir/go.mod"
  {
    printf '//go:build tools\n\npackage tools\n\nimport (\n'
    local p; for p in "$@"; do printf '\t_ "%s"\n' "$p"; done
    printf ')\n'
  } > "$dir/tools.go"
  (cd "$dir" && "${NICE[@]}" go mod tidy)
}
