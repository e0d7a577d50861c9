# Image helpers for stages 55 and 60 (source after lib.sh): Debian root filesystems with more
# packages than stage 30's bases, and a quiet docker build.
# shellcheck shell=bash

# Debian's archive: DEBIAN_MIRROR, else the first non-security one this machine's apt uses.
DEBIAN_MIRROR=${DEBIAN_MIRROR:-$({ cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null || true; } |
  awk '/security/ {next} $1 == "URIs:" || $1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }')}
[[ -n $DEBIAN_MIRROR ]] || die "no Debian mirror found in apt's sources: set DEBIAN_MIRROR"

# rootfs_image IMAGE "PACKAGE..." : makes sure docker has IMAGE, a Debian $DEBIAN_SUITE
# minbase rootfs (debootstrap --variant=minbase) with PACKAGE... added, imported with
# `docker import`. It is rebuilt only when suite, mirror or package list change (a label on the
# image holds their hash), and kept as a tar in $IMAGES like every other image.
rootfs_image() {
  local image=$1 packages=$2 key current
  key=$(printf '%s\n' "$DEBIAN_SUITE" "$DEBIAN_MIRROR" "$packages" | sha256sum | cut -c1-12)
  if image_restore "$image"; then
    current=$(docker image inspect -f '{{index .Config.Labels "netpol-harness.rootfs-key"}}' "$image")
    [[ $current == "$key" ]] && return 0
  fi
  command -v debootstrap >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
  local name=${image##*/}; name=${name%%:*}
  local work=$CACHE/rootfs debs=$CACHE/debootstrap-debs
  local dir=$work/$name-$DEBIAN_SUITE log=$work/$name.debootstrap.log
  mkdir -p "$work" "$debs"; rm -rf "$dir"
  log "debootstrap $name: $packages"
  "${NICE[@]}" debootstrap --variant=minbase --cache-dir="$debs" --include="${packages// /,}" \
    "$DEBIAN_SUITE" "$dir" "$DEBIAN_MIRROR" > "$log" 2>&1 \
    || { tail -20 "$log" >&2; die "debootstrap $name failed (log: $log)"; }
  # slim: no docs, manuals, apt lists or downloaded packages; no host-specific files
  rm -rf "$dir"/usr/share/{doc,man,info}/* "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin \
         "$dir"/var/cache/apt/archives/*.deb "$dir"/var/log/*.log "$dir"/etc/machine-id "$dir"/etc/hostname
  : > "$dir/etc/resolv.conf"
  tar -C "$dir" --numeric-owner -cf - . | docker import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c "LABEL netpol-harness.rootfs-key=$key" - "$image" >/dev/null
  rm -rf "$dir"
  image_save "$image"
  log "imported $image"
}

# image_build IMAGE CONTEXT : docker build with the Dockerfile read from stdin (the legacy
# builder's deprecation notice filtered out), then a line with the image's size.
image_build() {
  docker build -q -t "$1" -f - "$2" >/dev/null 2> >(grep -v -e DEPRECATED -e "legacy builder" -e buildx -e "^ *$" >&2)
  log "built $1 ($(docker image inspect -f '{{.Size}}' "$1" | numfmt --to=iec))"
}
