#!/usr/bin/env bash
# crun, the OCI runtime the node's containerd starts pods with (runc stays installed beside it).
# crun is a C program: each create, start, exec, kill and delete costs the node a few milliseconds
# of CPU where runc, a Go program, costs tens. A pod is created and deleted with about ten such
# calls, so crun makes every pod of a run cheaper (offline/README.md has the measurement).
# Built from the upstream release tarball as Debian's archive carries it (the .orig.tar.gz of
# the crun source package), pinned by SHA-256, against bookworm's libseccomp and libcap (both in
# the node's rootfs) with its own copy of yajl linked in.
. "$(dirname "$0")/../lib.sh"
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
dest=$OUT/crun-$CRUN_VERSION
stage_outputs_ok() { [[ -x $dest/crun ]]; }
stage_begin CRUN_VERSION CRUN_SHA256

deps=(gcc make pkg-config libcap-dev libseccomp-dev gperf python3)
missing=(); for p in "${deps[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mkdir -p "$CACHE/src"
tarball=$CACHE/src/crun_$CRUN_VERSION.orig.tar.gz
url=$DEBIAN_MIRROR/pool/main/c/crun/crun_$CRUN_VERSION.orig.tar.gz
sum_ok() { [[ -f $tarball ]] && echo "$CRUN_SHA256  $tarball" | sha256sum -c --quiet >/dev/null 2>&1; }
if ! sum_ok; then
  curl -fsSL --retry 3 -o "$tarball.tmp" "$url" ||
    die "could not download $url (Debian's pool keeps only the versions its suites carry: set CRUN_VERSION and CRUN_SHA256 in offline/versions.env to the crun version of a current suite's Sources)"
  mv "$tarball.tmp" "$tarball"
  sum_ok || die "$tarball does not match CRUN_SHA256 ($CRUN_SHA256)"
fi

work=$CACHE/tmp/crun-$CRUN_VERSION
rm -rf "$work" "$dest.tmp"; mkdir -p "$work" "$dest.tmp"
tar -C "$work" --strip-components=1 -xzf "$tarball"
(cd "$work" &&
  "${NICE[@]}" ./configure --enable-embedded-yajl --disable-systemd --disable-criu --enable-shared=no \
    > "$work.configure.log" 2>&1 || { tail -20 "$work.configure.log" >&2; die "crun's configure failed"; }
  "${NICE[@]}" make -j"$(nproc)" > "$work.make.log" 2>&1 || { tail -20 "$work.make.log" >&2; die "crun's make failed"; })
install -m 0755 "$work/crun" "$dest.tmp/crun"
rm -rf "$work" "$work".*.log "$dest"; mv "$dest.tmp" "$dest"
"$dest/crun" --version | head -1 >&2
stage_done
