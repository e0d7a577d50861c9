#!/usr/bin/env bash
# Prepare this machine's Docker for kind without a registry: Debian's docker.io, a runc wrapper
# that drops capabilities the VM's bounding set lacks (CAP_SYS_RESOURCE here; Docker asks for all
# of them in --privileged containers and runc then fails with "unable to apply caps: operation
# not permitted"), dockerd running, inotify limits raised. Idempotent; run as root.
set -euo pipefail
[[ $(id -u) == 0 ]] || { echo "docker-setup.sh: run as root" >&2; exit 1; }

WRAPPER_DIR=/usr/local/lib/netpol-harness
WRAPPER=$WRAPPER_DIR/runc-wrapper
RUNTIME_NAME=netpol-harness-runc
DAEMON_JSON=/etc/docker/daemon.json
log() { printf 'docker-setup: %s\n' "$*" >&2; }

# 1. Docker Engine from Debian (also brings runc and containerd).
need=()
command -v dockerd >/dev/null || need+=(docker.io)
command -v jq >/dev/null || need+=(jq)
command -v capsh >/dev/null || need+=(libcap2-bin)
if ((${#need[@]})); then
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
REAL_RUNC=$(command -v runc || true)
[[ -n $REAL_RUNC && $REAL_RUNC != "$WRAPPER" ]] || REAL_RUNC=/usr/sbin/runc
[[ -x $REAL_RUNC ]] || { log "no runc found"; exit 1; }

# 2. Capabilities the bounding set lacks (bits 0..40 that are clear in CapBnd).
bnd=$((16#$(awk '/^CapBnd:/{print $2}' /proc/self/status)))
missing=()
for bit in $(seq 0 40); do
  if (( (bnd >> bit & 1) == 0 )); then
    name=$(capsh --decode="$(printf '%x' $((1 << bit)))" | sed 's/.*=//')
    [[ $name == cap_* ]] && missing+=("${name^^}")
  fi
done
((${#missing[@]})) || missing=(CAP_SYS_RESOURCE)
log "capabilities removed from OCI specs: ${missing[*]}"

mkdir -p "$WRAPPER_DIR"
caps_json=$(printf '%s\n' "${missing[@]}" | jq -R . | jq -sc .)
cat > "$WRAPPER.tmp" <<WRAP
#!/bin/sh
# netpol-harness runc wrapper (written by offline/docker-setup.sh): removes capabilities this
# machine's bounding set lacks from the OCI spec, then runs the real runc.
REAL_RUNC=$REAL_RUNC
DROP='$caps_json'
WRAP
cat >> "$WRAPPER.tmp" <<'WRAP'
strip() { # strip FILE JQPATH
  [ -f "$1" ] || return 0
  tmp="$1.nph.$$"
  if jq --argjson drop "$DROP" "if $2 then $2 |= with_entries(.value |= ((. // []) - \$drop)) else . end" "$1" > "$tmp"; then
    cat "$tmp" > "$1"
  fi
  rm -f "$tmp"
}
cmd=""; bundle=""; process=""; prev=""
for a in "$@"; do
  case "$prev" in
    --bundle|-b) bundle=$a ;;
    --process|-p) process=$a ;;
  esac
  case "$a" in
    --bundle=*) bundle=${a#--bundle=} ;;
    --process=*) process=${a#--process=} ;;
    create|run|exec) [ -z "$cmd" ] && cmd=$a ;;
  esac
  prev=$a
done
case "$cmd" in
  create|run) [ -n "$bundle" ] || bundle=.; strip "$bundle/config.json" .process.capabilities ;;
  exec) [ -n "$process" ] && strip "$process" .capabilities ;;
esac
exec "$REAL_RUNC" "$@"
WRAP
chmod 755 "$WRAPPER.tmp"; mv "$WRAPPER.tmp" "$WRAPPER"

# 3. Register it as Docker's default runtime, keeping whatever daemon.json already holds.
mkdir -p /etc/docker
had_json=0; [[ -s $DAEMON_JSON ]] && had_json=1
((had_json)) || echo '{}' > "$DAEMON_JSON"
new=$(jq --arg n "$RUNTIME_NAME" --arg p "$WRAPPER" \
  '.runtimes[$n] = {path: $p} | ."default-runtime" = $n' "$DAEMON_JSON")
changed=0
if [[ $new != "$(jq . "$DAEMON_JSON")" ]]; then
  ((had_json)) && cp "$DAEMON_JSON" "$DAEMON_JSON.bak.$(date +%s)"
  printf '%s\n' "$new" > "$DAEMON_JSON"; changed=1
  log "updated $DAEMON_JSON"
fi

# 4. inotify limits (kind nodes run many inotify users: systemd, kubelet, containerd).
sysctl -qw fs.inotify.max_user_instances=8192 fs.inotify.max_user_watches=1048576
mkdir -p /etc/sysctl.d
printf 'fs.inotify.max_user_instances = 8192\nfs.inotify.max_user_watches = 1048576\n' \
  > /etc/sysctl.d/90-netpol-harness.conf

# 5. dockerd running with the new configuration.
docker_ok() { timeout 10 docker info >/dev/null 2>&1; }
running_pid=$(pgrep -x dockerd || true)
if [[ -n $running_pid && $changed == 1 ]]; then
  if command -v systemctl >/dev/null && systemctl is-active -q docker 2>/dev/null; then
    log "restarting docker (systemd)"; systemctl restart docker
  else
    log "reloading dockerd ($running_pid) for the new runtime"; kill -HUP "$running_pid"; sleep 2
  fi
fi
if [[ -z $(pgrep -x dockerd || true) ]]; then
  if command -v systemctl >/dev/null && [[ -d /run/systemd/system ]]; then
    systemctl enable --now docker
  else
    log "starting dockerd (log: /var/log/dockerd.log)"
    setsid nohup dockerd >>/var/log/dockerd.log 2>&1 < /dev/null &
  fi
fi
for _ in $(seq 60); do docker_ok && break; sleep 1; done
docker_ok || { log "docker info does not answer; see /var/log/dockerd.log"; exit 1; }
rt=$(docker info --format '{{.DefaultRuntime}}')
[[ $rt == "$RUNTIME_NAME" ]] || { log "default runtime is $rt, not $RUNTIME_NAME"; exit 1; }
log "ready: $(docker info --format 'server {{.ServerVersion}}, {{.Driver}}, cgroup v{{.CgroupVersion}}, runtime {{.DefaultRuntime}}')"
