#!/usr/bin/env bash
# pause: our own small static C program (offline/pause/pause.c).
. "$(dirname "$0")/../lib.sh"
dest=$OUT/pause-$PAUSE_VERSION
PAUSE_SRC_HASH=$(sha256sum "$OFFLINE_DIR/pause/pause.c" | cut -d' ' -f1)
stage_outputs_ok() { [[ -x $dest/pause ]]; }
stage_begin PAUSE_VERSION PAUSE_SRC_HASH
command -v gcc >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc libc6-dev >/dev/null; }
mkdir -p "$dest"
gcc -Os -static -Wall -Wextra -DPAUSE_VERSION="\"$PAUSE_VERSION\"" -o "$dest/pause" "$OFFLINE_DIR/pause/pause.c"
strip "$dest/pause"
"$dest/pause" -v >&2
stage_done
