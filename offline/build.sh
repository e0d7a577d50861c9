#!/usr/bin/env bash
# Build everything a kind cluster with Calico needs, without any container registry:
# runs offline/stages/NN-name.sh in numeric order. See --help.
set -euo pipefail
OFFLINE_DIR=$(cd "$(dirname "$0")" && pwd)
CACHE=${NETPOL_HARNESS_CACHE:-/var/cache/netpol-harness}

usage() {
  cat <<USAGE
usage: offline/build.sh [--check] [--force] [--only PATTERN] [--from NN] [--no-docker-setup]

Builds, from Debian packages and Go modules only, the kind node image
netpol-harness/kind-node:<K8S_VERSION> (Kubernetes, containerd, runc, crun, CNI plugins and the
control-plane images preloaded), the Calico images and manifest, the kube-router image
(up --cni kube-router), the kube-network-policies image (up --cni kube-network-policies), and the
test images.
Pins are in offline/versions.env (and calico/versions.env).

Each stage (offline/stages/NN-name.sh) is skipped when its stamp in \$CACHE/stamps matches
a hash of its script and the pins it uses, so a warm run takes minutes and changing a pin
rebuilds only the stages that use it. Images are also kept as docker-save tars in
\$CACHE/images and loaded from there into a fresh docker instead of being rebuilt.

  --check            report which stages are up to date; build nothing (exit 1 if any is not)
  --force            rebuild every selected stage regardless of stamps
  --only PATTERN     run only stages whose name matches the shell pattern (e.g. '2*')
  --from NN          start at stage number NN
  --no-docker-setup  do not run offline/docker-setup.sh first
  -h, --help         this text

Cache: \$NETPOL_HARNESS_CACHE (now $CACHE): Go module and build caches, binaries,
image tars, stamps, and one log per stage in \$CACHE/logs/.
Requires root (docker, debootstrap) and about 30 GB free disk.
USAGE
}

check=0 force=0 only='*' from=0 setup=1
while (($#)); do
  case $1 in
    --check) check=1 ;;
    --force) force=1 ;;
    --only) only=$2; shift ;;
    --from) from=$((10#$2)); shift ;;
    --no-docker-setup) setup=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "build.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

mkdir -p "$CACHE/logs"
stages=()
for s in "$OFFLINE_DIR"/stages/[0-9][0-9]-*.sh; do
  name=$(basename "$s" .sh)
  num=$((10#${name%%-*}))
  # shellcheck disable=SC2053
  [[ $name == $only && $num -ge $from ]] && stages+=("$s")
done
((${#stages[@]})) || { echo "build.sh: no stage selected" >&2; exit 2; }

if ((check)); then
  missing=0
  for s in "${stages[@]}"; do
    name=$(basename "$s" .sh)
    if STAGE_CHECK=1 bash "$s" >/dev/null 2>&1; then
      printf '✓ %-28s up to date\n' "$name"
    else
      printf '· %-28s to build\n' "$name"; missing=1
    fi
  done
  exit $missing
fi

if ((setup)); then
  printf '▶ docker setup …\n' >&2
  "$OFFLINE_DIR/docker-setup.sh" >"$CACHE/logs/00-docker-setup.log" 2>&1 \
    || { printf '✗ docker setup failed, log at %s\n' "$CACHE/logs/00-docker-setup.log" >&2; tail -5 "$CACHE/logs/00-docker-setup.log" >&2; exit 1; }
  printf '✓ docker setup (%s)\n' "$(tail -1 "$CACHE/logs/00-docker-setup.log" | sed 's/^docker-setup: //')" >&2
fi

total=$SECONDS
for s in "${stages[@]}"; do
  name=$(basename "$s" .sh)
  logf=$CACHE/logs/$name.log
  printf '▶ stage %s …\n' "$name" >&2
  t0=$SECONDS
  if FORCE=$force bash "$s" >"$logf" 2>&1; then
    if grep -q '^  up to date' "$logf"; then
      printf '✓ stage %s (up to date, %d s)\n' "$name" $((SECONDS - t0)) >&2
    else
      printf '✓ stage %s (%d s)\n' "$name" $((SECONDS - t0)) >&2
    fi
  else
    rc=$?
    reason=$(grep -E 'error|Error|ERROR|failed|FAIL' "$logf" | tail -1 | cut -c1-200)
    printf '✗ stage %s failed (exit %d): %s, log at %s\n' "$name" "$rc" "${reason:-see log}" "$logf" >&2
    tail -15 "$logf" | sed 's/^/    /' >&2
    exit 1
  fi
done
printf 'all %d stages done in %d s\n' "${#stages[@]}" $((SECONDS - total)) >&2
