#!/usr/bin/env bash
# A local OCI registry holding the images the offline build made, under their upstream names, as a
# mirror for kind clusters (container netpol-harness-mirror on the kind network). See --help.
set -euo pipefail
# shellcheck source=lib.sh
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

MIRROR=netpol-harness-mirror                       # container name, its host name on the kind network
MIRROR_PORT=${NETPOL_HARNESS_MIRROR_PORT:-5001}    # published on 127.0.0.1 for docker push
REGISTRY_IMAGE=netpol-harness/registry:$REGISTRY_VERSION
STORE=$CACHE/registry                              # /var/lib/registry in the container
HOST_URL=http://127.0.0.1:$MIRROR_PORT
DOC=$OFFLINE_DIR/mirror-images.md
LIST_SCRIPT=scripts/mirror-images.ts
ACCEPT='application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json'

usage() {
  cat <<USAGE
usage: offline/mirror.sh [start|fill|status|stop] [--list FILE] [-h|--help]

A local OCI registry (distribution $REGISTRY_VERSION, image $REGISTRY_IMAGE from stage
65-registry) that holds the images the offline build made under their upstream names, so that a
kind node's containerd can use it as a mirror: container $MIRROR on the docker
network "kind", reachable from kind nodes as http://$MIRROR:5000 and from this host as
$HOST_URL. An image named UPSTREAM is stored as repository <registry>/<repository>:
docker.io/library/nginx:latest is http://$MIRROR:5000/v2/docker.io/library/nginx/manifests/latest.

  start   build the image if it is missing (offline/build.sh --only '65-*'), create the docker
          network "kind" if it does not exist, run $MIRROR (no restart policy: after a
          Docker restart it stays stopped until started again, so it can never take the
          address a kind node had; storage $STORE, published on 127.0.0.1:$MIRROR_PORT) and
          wait until it answers
  fill    read lines "UPSTREAM_NAME<TAB>LOCAL_IMAGE" and push each LOCAL_IMAGE (docker load'ed
          from \$CACHE/images if docker lacks it) as UPSTREAM_NAME; then write
          offline/mirror-images.md (upstream name, local image, the manifest digest the mirror
          serves, read back with HEAD /v2/<repo>/manifests/<tag>)
  status  whether it runs, its addresses, how many repositories its catalog holds (exit 1 if it
          does not run or answer)
  stop    stop and remove the container; the stored images stay in $STORE
  (none)  start, then fill

The list for fill comes from --list FILE ('-' for stdin), else from stdin when stdin is a pipe or
a file, else from \`node --import tsx $LIST_SCRIPT\`. Empty lines and lines starting with # are
skipped. UPSTREAM_NAME should be fully qualified (docker.io/calico/node:v3.30.1); a short docker
name (nginx, calico/node:v3.30.1) is completed the way docker does. Digest references
(name@sha256:...) are refused: a rebuilt image never has upstream's digest.

Environment: NETPOL_HARNESS_CACHE (now $CACHE), NETPOL_HARNESS_MIRROR_PORT (now $MIRROR_PORT).
Progress goes to stderr; status to stdout.
USAGE
}

say() { printf 'mirror: %s\n' "$*" >&2; }
fail() { printf 'mirror: error: %s\n' "$*" >&2; exit 1; }
hcurl() { curl --noproxy '*' -sS --max-time 10 "$@"; }   # the mirror only, never a proxy

need_docker() {
  command -v docker >/dev/null || fail "docker is not installed (sudo bash offline/docker-setup.sh installs it)"
  docker info >/dev/null 2>&1 || fail "docker does not answer (not running, or no permission): start it with sudo bash offline/docker-setup.sh"
}

# mirror_state : running, exited, created, … or "absent"
mirror_state() {
  local s; s=$(docker inspect -f '{{.State.Status}}' "$MIRROR" 2>/dev/null) || s=''
  printf '%s\n' "${s:-absent}"
}
answers() { [[ $(hcurl -o /dev/null -w '%{http_code}' "$HOST_URL/v2/" 2>/dev/null) == 200 ]]; }

cmd_start() {
  need_docker
  if ! image_restore "$REGISTRY_IMAGE"; then
    say "$REGISTRY_IMAGE missing: building stage 65-registry (offline/build.sh --only '65-*')"
    "$OFFLINE_DIR/build.sh" --no-docker-setup --only '65-*' || fail "building $REGISTRY_IMAGE failed (see above)"
    image_present "$REGISTRY_IMAGE" || fail "stage 65-registry ran but docker has no $REGISTRY_IMAGE"
  fi
  if ! docker network inspect kind >/dev/null 2>&1; then
    say "creating docker network kind"
    docker network create kind >/dev/null || fail "docker network create kind failed"
  fi
  local state; state=$(mirror_state)
  if [[ $state == running ]]; then
    local image port net
    image=$(docker inspect -f '{{.Config.Image}}' "$MIRROR")
    port=$(docker port "$MIRROR" 5000/tcp 2>/dev/null | head -1)
    net=$(docker inspect -f '{{if index .NetworkSettings.Networks "kind"}}yes{{end}}' "$MIRROR")
    if [[ $image == "$REGISTRY_IMAGE" && $port == "127.0.0.1:$MIRROR_PORT" && $net == yes ]]; then
      say "$MIRROR already running"
    else
      say "$MIRROR runs $image on ${port:-no port}, $([[ $net == yes ]] && echo on || echo not on) network kind: recreating it"
      docker rm -f "$MIRROR" >/dev/null
      state=absent
    fi
  elif [[ $state != absent ]]; then
    # A stopped container may point at a kind network that was deleted and created again: run a
    # new one (the images are in $STORE, not in the container).
    say "$MIRROR is $state: recreating it"
    docker rm -f "$MIRROR" >/dev/null
    state=absent
  fi
  if [[ $state == absent ]]; then
    mkdir -p "$STORE"
    say "starting $MIRROR ($REGISTRY_IMAGE) on network kind, 127.0.0.1:$MIRROR_PORT, storage $STORE"
    # No restart policy: a container Docker restarts with itself may come back before a kind node
    # and take the node's address on the kind network, and kind clusters do not survive that.
    docker run -d --name "$MIRROR" --network kind --restart no \
      -p "127.0.0.1:$MIRROR_PORT:5000" -v "$STORE:/var/lib/registry" \
      --label netpol-harness.mirror=true "$REGISTRY_IMAGE" >/dev/null \
      || fail "docker run $MIRROR failed (is 127.0.0.1:$MIRROR_PORT in use? set NETPOL_HARNESS_MIRROR_PORT)"
  fi
  local i
  for i in $(seq 1 100); do
    answers && break
    [[ $(mirror_state) == running ]] || { docker logs --tail 20 "$MIRROR" >&2 || true; fail "$MIRROR exited (log above)"; }
    ((i < 100)) || { docker logs --tail 20 "$MIRROR" >&2 || true; fail "$MIRROR does not answer $HOST_URL/v2/ after 20 s"; }
    sleep 0.2
  done
  say "$MIRROR answers at $HOST_URL (host) and http://$MIRROR:5000 (kind network)"
}

# normalize NAME : prints "REPOSITORY TAG" for an image name, or fails with the reason.
normalize() {
  local name=$1 path tag last first
  [[ $name != *@* ]] || { echo "digest references cannot be mirrored (a rebuilt image has another digest): $name"; return 1; }
  last=${name##*/}
  if [[ $last == *:* ]]; then tag=${last##*:}; path=${name%:*}; else tag=latest; path=$name; fi
  first=${path%%/*}
  if [[ $path != */* ]]; then
    path=docker.io/library/$path
  elif [[ $first != *.* && $first != *:* && $first != localhost ]]; then
    path=docker.io/$path
  fi
  case ${path%%/*} in index.docker.io|registry-1.docker.io) path=docker.io/${path#*/} ;; esac
  [[ ${path%%/*} != *:* ]] || { echo "a registry with a port cannot be a repository path in the mirror: $name"; return 1; }
  local comp='[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*'
  [[ $path =~ ^$comp(/$comp)*$ ]] || { echo "not a valid repository name: $path (from $name)"; return 1; }
  [[ $tag =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || { echo "not a valid tag: $tag (from $name)"; return 1; }
  printf '%s %s\n' "$path" "$tag"
}

# manifest_head REPO REF : prints "HTTP_STATUS DIGEST" for HEAD /v2/REPO/manifests/REF.
manifest_head() {
  local h status digest
  h=$(hcurl -I -H "Accept: $ACCEPT" "$HOST_URL/v2/$1/manifests/$2") || { echo "000 -"; return; }
  status=$(printf '%s\n' "$h" | awk 'NR == 1 { print $2 }')
  digest=$(printf '%s\n' "$h" | tr -d '\r' | sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: *//p')
  printf '%s %s\n' "${status:-000}" "${digest:--}"
}

cmd_fill() {
  local list=$1
  need_docker
  answers || fail "$MIRROR does not answer at $HOST_URL: run bash offline/mirror.sh start"
  local tmp; tmp=$(mktemp); TMP_LIST=$tmp; trap 'rm -f "$TMP_LIST"' EXIT
  local source
  if [[ -n $list && $list != - ]]; then
    [[ -r $list ]] || fail "cannot read list $list"
    cp "$list" "$tmp"; source="list $list"
  elif [[ $list == - || -p /dev/stdin || -f /dev/stdin ]]; then
    cat > "$tmp"; source="a list on stdin"
  else
    [[ -f $REPO_DIR/$LIST_SCRIPT ]] || fail "no list on stdin and no $LIST_SCRIPT: pipe lines 'UPSTREAM<TAB>LOCAL' into fill, or use --list FILE"
    say "reading the image list from node --import tsx $LIST_SCRIPT"
    (cd "$REPO_DIR" && node --import tsx "$LIST_SCRIPT") > "$tmp" || fail "node --import tsx $LIST_SCRIPT failed"
    source="\`node --import tsx $LIST_SCRIPT\`"
  fi

  # 1. Parse and check everything before pushing anything.
  local -a ups=() locs=() repos=() tags=()
  local -A seen=()
  local errors=() n=0 line upstream local_image rest norm repo tag
  while IFS= read -r line || [[ -n $line ]]; do
    n=$((n + 1))
    line=${line%$'\r'}
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    IFS=$' \t' read -r upstream local_image rest <<<"$line"
    if [[ -z $local_image || -n $rest ]]; then
      errors+=("line $n: expected 'UPSTREAM_NAME<TAB>LOCAL_IMAGE', got: $line"); continue
    fi
    if ! norm=$(normalize "$upstream"); then errors+=("line $n: $norm"); continue; fi
    repo=${norm% *}; tag=${norm#* }
    if [[ -n ${seen[$repo:$tag]:-} ]]; then
      [[ ${seen[$repo:$tag]} == "$local_image" ]] && continue
      errors+=("line $n: $repo:$tag is listed twice, from ${seen[$repo:$tag]} and from $local_image"); continue
    fi
    seen[$repo:$tag]=$local_image
    if ! image_present "$local_image" && image_restore "$local_image"; then
      say "line $n: loaded $local_image from $(image_tar "$local_image")"
    elif ! image_present "$local_image"; then
      errors+=("line $n: $local_image is neither in docker nor in $(image_tar "$local_image") (build it with offline/build.sh)"); continue
    fi
    [[ $repo:$tag == "$upstream" ]] || say "line $n: $upstream taken as $repo:$tag"
    ups+=("$repo:$tag"); locs+=("$local_image"); repos+=("$repo"); tags+=("$tag")
  done < "$tmp"
  if ((${#errors[@]})); then
    printf 'mirror: error: %s\n' "${errors[@]}" >&2
    fail "${#errors[@]} bad line(s) in $source; nothing pushed"
  fi
  ((${#ups[@]})) || fail "no images in $source"
  say "${#ups[@]} image(s) from $source"

  # 2. Push each under its upstream name, then read its digest back from the registry.
  local i t0 target out pushed status digest total=$SECONDS
  local -a digests=()
  for i in "${!ups[@]}"; do
    t0=$SECONDS
    target=127.0.0.1:$MIRROR_PORT/${ups[$i]}
    docker tag "${locs[$i]}" "$target"
    if ! out=$(docker push "$target" 2>&1); then
      docker rmi "$target" >/dev/null 2>&1 || true
      printf '%s\n' "$out" | tail -5 >&2
      fail "docker push $target failed"
    fi
    docker rmi "$target" >/dev/null   # only the extra tag; the local image stays
    pushed=$(printf '%s\n' "$out" | sed -n 's/.*digest: \(sha256:[0-9a-f]*\).*/\1/p' | tail -1)
    read -r status digest < <(manifest_head "${repos[$i]}" "${tags[$i]}")
    [[ $status == 200 && $digest == sha256:* ]] \
      || fail "after the push, HEAD /v2/${repos[$i]}/manifests/${tags[$i]} answered $status (digest $digest)"
    [[ -z $pushed || $pushed == "$digest" ]] \
      || fail "${ups[$i]}: docker push reported $pushed but the mirror serves $digest"
    digests+=("$digest")
    say "${ups[$i]} ← ${locs[$i]}: $digest ($((SECONDS - t0)) s)"
  done

  # 3. The table.
  {
    printf '# Images in the local mirror\n\n'
    printf 'Written by `offline/mirror.sh fill` from %s; do not edit by hand.\n' "$source"
    printf 'The mirror (container `%s`, distribution %s, `offline/stages/65-registry.sh`) serves\n' "$MIRROR" "$REGISTRY_VERSION"
    printf 'each image under its upstream name as repository `<registry>/<repository>`:\n'
    printf '`docker.io/library/nginx:latest` is `http://%s:5000/v2/docker.io/library/nginx/manifests/latest`.\n' "$MIRROR"
    printf 'The digest is the one the mirror answers to a HEAD of that manifest (`Docker-Content-Digest`):\n'
    printf "the digest of our build, not upstream's.\n\n"
    printf '| upstream name | built from (local image) | manifest digest the mirror serves |\n'
    printf '|---|---|---|\n'
    for i in "${!ups[@]}"; do
      printf '| `%s` | `%s` | `%s` |\n' "${ups[$i]}" "${locs[$i]}" "${digests[$i]}"
    done | sort
  } > "$DOC.tmp"
  mv "$DOC.tmp" "$DOC"
  say "${#ups[@]} image(s) in the mirror in $((SECONDS - total)) s; table in ${DOC#"$REPO_DIR"/}"
}

cmd_status() {
  need_docker
  local state; state=$(mirror_state)
  if [[ $state != running ]]; then
    printf '%s: %s (start it with bash offline/mirror.sh start)\n' "$MIRROR" "$([[ $state == absent ]] && echo 'not created' || echo "$state")"
    return 1
  fi
  local image ip since port count
  image=$(docker inspect -f '{{.Config.Image}}' "$MIRROR")
  since=$(docker inspect -f '{{.State.StartedAt}}' "$MIRROR")
  ip=$(docker inspect -f '{{with index .NetworkSettings.Networks "kind"}}{{.IPAddress}}:5000{{with .GlobalIPv6Address}}, [{{.}}]:5000{{end}}{{end}}' "$MIRROR")
  port=$(docker port "$MIRROR" 5000/tcp 2>/dev/null | head -1)
  printf '%s: running (%s, started %s)\n' "$MIRROR" "$image" "${since%.*}"
  if [[ -n $ip ]]; then
    printf '  kind network: http://%s:5000 (%s)\n' "$MIRROR" "$ip"
  else
    printf '  kind network: not attached\n'
  fi
  printf '  host:         http://%s\n' "${port:-not published}"
  printf '  storage:      %s (%s)\n' "$STORE" "$(du -sh "$STORE" 2>/dev/null | cut -f1)"
  if ! count=$(hcurl "${port:+http://$port}/v2/_catalog?n=1000" | jq -e '.repositories | length' 2>/dev/null); then
    printf '  catalog:      no answer from http://%s/v2/_catalog\n' "${port:-?}"
    return 1
  fi
  printf '  catalog:      %s repositories\n' "$count"
}

cmd_stop() {
  need_docker
  if [[ $(mirror_state) == absent ]]; then say "$MIRROR is not there"; return 0; fi
  docker rm -f "$MIRROR" >/dev/null
  say "$MIRROR stopped and removed; the stored images stay in $STORE"
}

cmd='' list=''
while (($#)); do
  case $1 in
    start|fill|status|stop) [[ -z $cmd ]] || fail "one command at a time (got $cmd and $1)"; cmd=$1 ;;
    --list) (($# >= 2)) || fail "--list needs a file (or -)"; list=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) printf 'mirror: unknown argument %s (see --help)\n' "$1" >&2; exit 2 ;;
  esac
  shift
done
command -v curl >/dev/null || fail "curl is needed"

case ${cmd:-default} in
  start) cmd_start ;;
  fill) cmd_fill "$list" ;;
  status) command -v jq >/dev/null || fail "jq is needed"; cmd_status ;;
  stop) cmd_stop ;;
  default) cmd_start; cmd_fill "$list" ;;
esac
