#!/usr/bin/env bash
# Debian root filesystems from Debian's own archive (debootstrap --variant=minbase), imported
# into docker as base images:
#   netpol-harness/debian-base:<suite>      minbase + ca-certificates (control-plane images)
#   netpol-harness/debian-iptables:<suite>  + iptables, nftables, ipset, conntrack (kube-proxy)
#   netpol-harness/debian-node:<suite>      + systemd and the node tools (kind node image)
. "$(dirname "$0")/../lib.sh"
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

declare -A PKGS=(
  [base]="ca-certificates"
  [iptables]="ca-certificates iptables nftables ipset conntrack iproute2 kmod"
  [node]="systemd systemd-sysv dbus ca-certificates iptables nftables ipset conntrack iproute2
          ethtool util-linux mount kmod libseccomp2 pigz bash curl jq procps socat ebtables
          e2fsprogs less"
)
images=()
for v in base iptables node; do images+=("netpol-harness/debian-$v:$DEBIAN_SUITE"); done
stage_outputs_ok() { local i; for i in "${images[@]}"; do image_restore "$i" || return 1; done; }
stage_begin DEBIAN_SUITE DEBIAN_MIRROR

command -v debootstrap >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
work=$CACHE/rootfs; debs=$CACHE/debootstrap-debs
mkdir -p "$work" "$debs"
for v in base iptables node; do
  dir=$work/$v-$DEBIAN_SUITE
  rm -rf "$dir"
  log "debootstrap $v: $(echo ${PKGS[$v]})"
  "${NICE[@]}" debootstrap --variant=minbase --cache-dir="$debs" \
    --include="$(echo ${PKGS[$v]} | tr ' ' ',')" "$DEBIAN_SUITE" "$dir" "$DEBIAN_MIRROR" \
    > "$work/$v.debootstrap.log" 2>&1 || { tail -20 "$work/$v.debootstrap.log" >&2; die "debootstrap $v failed"; }
  # slim: no docs, manuals, apt lists or downloaded packages; no host-specific files
  rm -rf "$dir"/usr/share/{doc,man,info}/* "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/*.bin \
         "$dir"/var/cache/apt/archives/*.deb "$dir"/var/log/*.log "$dir"/etc/machine-id "$dir"/etc/hostname
  : > "$dir/etc/resolv.conf"
  tar -C "$dir" --numeric-owner -cf - . | docker import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'CMD ["/bin/bash"]' - "netpol-harness/debian-$v:$DEBIAN_SUITE" >/dev/null
  log "imported netpol-harness/debian-$v:$DEBIAN_SUITE ($(du -sh "$dir" | cut -f1))"
  rm -rf "$dir"
done
image_save "${images[@]}"
stage_done
