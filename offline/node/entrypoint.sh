#!/bin/bash
# netpol-harness kind node entrypoint: prepares a privileged container for systemd and the
# kubelet, then execs the init given as arguments (/sbin/init). kind waits for the line
# "detected cgroup v1" (or systemd's "Reached target Multi-User System") in the logs.
set -euo pipefail
info() { echo "INFO: $*"; }

# Mounts made by kubelet and containerd (volumes, rootfs) must propagate.
mount --make-rshared /

# A machine identity of this node's own (the image carries none).
rm -f /etc/machine-id
systemd-machine-id-setup >/dev/null 2>&1 || cat /proc/sys/kernel/random/uuid | tr -d - > /etc/machine-id

# /etc/hosts and /etc/resolv.conf are bind mounts from docker: nothing to fix there.

if [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then
  info "detected cgroup v2"
  # move ourselves out of the root cgroup so controllers can be enabled for children
  mkdir -p /sys/fs/cgroup/init.scope
  echo $$ > /sys/fs/cgroup/init.scope/cgroup.procs || true
  sed -e 's/ / +/g' -e 's/^/+/' < /sys/fs/cgroup/cgroup.controllers \
    > /sys/fs/cgroup/cgroup.subtree_control || true
else
  # kind's kubelet configuration sets cgroupRoot /kubelet (systemd driver: kubelet.slice);
  # the kubelet requires that cgroup to exist in every hierarchy before it starts.
  mount --make-rprivate /sys/fs/cgroup
  for h in /sys/fs/cgroup/*/; do
    h=${h%/}
    [[ -L $h || $h == /sys/fs/cgroup/unified ]] && continue
    for c in kubelet kubelet.slice; do
      mkdir -p "$h/$c"
      if [[ -f $h/cpuset.cpus ]]; then
        cat "$h/cpuset.cpus" > "$h/$c/cpuset.cpus"
        cat "$h/cpuset.mems" > "$h/$c/cpuset.mems"
      fi
      # a mount point cannot be removed: keeps systemd from cleaning up the empty cgroup
      mountpoint -q "$h/$c" || mount --bind "$h/$c" "$h/$c"
    done
  done
  info "detected cgroup v1"
fi

# Traffic of pods to the node's docker DNS (127.0.0.11) cannot leave the pod's namespace;
# point the node's resolver at its own address and forward that to docker's DNS, so CoreDNS
# (dnsPolicy Default) can reach it.
if grep -q '^nameserver 127.0.0.11' /etc/resolv.conf 2>/dev/null; then
  node_ip=$(ip -4 -o addr show dev eth0 2>/dev/null | awk '{print $4}' | cut -d/ -f1 | head -1)
  dns_udp=$(iptables-save -t nat 2>/dev/null | sed -nE 's/.*-d 127.0.0.11\/32 -p udp .*--to-destination 127.0.0.11:([0-9]+).*/\1/p' | head -1)
  dns_tcp=$(iptables-save -t nat 2>/dev/null | sed -nE 's/.*-d 127.0.0.11\/32 -p tcp .*--to-destination 127.0.0.11:([0-9]+).*/\1/p' | head -1)
  if [[ -n $node_ip && -n $dns_udp && -n $dns_tcp ]]; then
    sysctl -qw net.ipv4.conf.all.route_localnet=1 || true
    if iptables -t nat -A PREROUTING -d "$node_ip/32" -p udp --dport 53 -j DNAT --to-destination "127.0.0.11:$dns_udp" &&
       iptables -t nat -A PREROUTING -d "$node_ip/32" -p tcp --dport 53 -j DNAT --to-destination "127.0.0.11:$dns_tcp" &&
       iptables -t nat -A OUTPUT -d "$node_ip/32" -p udp --dport 53 -j DNAT --to-destination "127.0.0.11:$dns_udp" &&
       iptables -t nat -A OUTPUT -d "$node_ip/32" -p tcp --dport 53 -j DNAT --to-destination "127.0.0.11:$dns_tcp" &&
       iptables -t nat -A POSTROUTING -d 127.0.0.11/32 -p udp --dport "$dns_udp" -j SNAT --to-source "$node_ip" &&
       iptables -t nat -A POSTROUTING -d 127.0.0.11/32 -p tcp --dport "$dns_tcp" -j SNAT --to-source "$node_ip"; then
      sed "s/^nameserver 127.0.0.11/nameserver $node_ip/" /etc/resolv.conf > /tmp/resolv.conf
      cat /tmp/resolv.conf > /etc/resolv.conf; rm -f /tmp/resolv.conf
      info "DNS: $node_ip:53 forwards to docker's resolver"
    else
      info "DNS: could not set up forwarding to docker's resolver; leaving resolv.conf as is"
    fi
  fi
fi

exec "$@"
