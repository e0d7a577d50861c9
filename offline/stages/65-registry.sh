#!/usr/bin/env bash
# The local OCI registry offline/mirror.sh runs as the kind clusters' mirror
# (netpol-harness-mirror on the kind network): distribution's registry (cmd/registry) from the Go
# module proxy (`go install …@REGISTRY_VERSION`: distribution's own go.mod and dependency
# versions, the module checked against REGISTRY_MODULE_SUM; static, CGO_ENABLED=0), on
# netpol-harness/debian-base (stage 30), with our configuration: filesystem storage in
# /var/lib/registry, plain HTTP on :5000, an access-log line on stdout for every request (so
# `docker logs netpol-harness-mirror` shows every pull), no auth, no deletes, no proxying, no
# tracing exporter. Image netpol-harness/registry:REGISTRY_VERSION, saved to $IMAGES.
. "$(dirname "$0")/../lib.sh"
. "$OFFLINE_DIR/image-lib.sh"

REG_MODULE=github.com/distribution/distribution/v3
REG_OUT=$OUT/registry-$REGISTRY_VERSION
REGISTRY_IMAGE=netpol-harness/registry:$REGISTRY_VERSION
stage_outputs_ok() { [[ -x $REG_OUT/bin/registry ]] && image_restore "$REGISTRY_IMAGE"; }
stage_begin REGISTRY_VERSION REGISTRY_MODULE_SUM DEBIAN_SUITE GO_TOOLCHAIN
started=$SECONDS

base=netpol-harness/debian-base:$DEBIAN_SUITE
image_restore "$base" || die "run stage 30-rootfs first ($base is missing)"

# 1. The module is the one pinned.
sum=$(cd /tmp && go mod download -json "$REG_MODULE@$REGISTRY_VERSION" | sed -n 's/^[[:space:]]*"Sum": "\(.*\)",*$/\1/p')
[[ $sum == "$REGISTRY_MODULE_SUM" ]] \
  || die "$REG_MODULE@$REGISTRY_VERSION has sum '$sum', offline/versions.env pins '$REGISTRY_MODULE_SUM'"
log "distribution $REGISTRY_VERSION: module sum $sum matches the pin"

# 2. The binary (upstream's cmd/registry with every storage driver it links; we use filesystem).
tmp=$REG_OUT/bin.tmp
rm -rf "$tmp"; mkdir -p "$tmp"
log "building $REG_MODULE/cmd/registry@$REGISTRY_VERSION (go install, modules from the proxy)"
t0=$SECONDS
(cd /tmp && GOBIN=$tmp CGO_ENABLED=0 "${NICE[@]}" go install -trimpath -ldflags "-s -w \
  -X $REG_MODULE/version.version=$REGISTRY_VERSION" "$REG_MODULE/cmd/registry@$REGISTRY_VERSION")
file "$tmp/registry" 2>/dev/null | grep -q 'statically linked' || log "warning: registry is not static"
rm -rf "$REG_OUT/bin"; mv "$tmp" "$REG_OUT/bin"
log "registry binary in $REG_OUT/bin ($((SECONDS - t0)) s, $(du -h "$REG_OUT/bin/registry" | cut -f1))"

# 3. The image.
ctx=$CACHE/tmp/registry-image
rm -rf "$ctx"; mkdir -p "$ctx"
cp "$REG_OUT/bin/registry" "$ctx/"
# log.accesslog: distribution writes one combined-log line per request to stdout (its own log
# goes to stderr). No debug listener, no http.secret needed for one instance.
cat > "$ctx/config.yml" <<'CONFIG'
version: 0.1
log:
  level: info
  formatter: text
  accesslog:
    disabled: false
  fields:
    service: netpol-harness-mirror
storage:
  filesystem:
    rootdirectory: /var/lib/registry
  cache:
    blobdescriptor: inmemory
  delete:
    enabled: false
  redirect:
    disable: true
http:
  addr: :5000
  headers:
    X-Content-Type-Options: [nosniff]
health:
  storagedriver:
    enabled: true
    interval: 30s
    threshold: 3
CONFIG
image_build "$REGISTRY_IMAGE" "$ctx" <<DOCKERFILE
FROM $base
COPY registry /usr/local/bin/registry
COPY config.yml /etc/distribution/config.yml
RUN mkdir -p /var/lib/registry
VOLUME /var/lib/registry
EXPOSE 5000
# distribution exports traces through OpenTelemetry's autoexport, OTLP to localhost by default:
# none here.
ENV OTEL_TRACES_EXPORTER=none
LABEL org.opencontainers.image.version=$REGISTRY_VERSION org.opencontainers.image.source=netpol-harness-offline-build
ENTRYPOINT ["/usr/local/bin/registry"]
CMD ["serve", "/etc/distribution/config.yml"]
DOCKERFILE

# 4. Smoke checks: the version; a throw-away instance answers /v2/ and logs the request on stdout.
docker run --rm "$REGISTRY_IMAGE" --version | grep -q "$REGISTRY_VERSION" \
  || die "registry --version in $REGISTRY_IMAGE does not name $REGISTRY_VERSION"
smoke=netpol-harness-registry-smoke-$$
trap 'docker rm -f "$smoke" >/dev/null 2>&1 || true' EXIT
docker run -d --name "$smoke" -p 127.0.0.1::5000 "$REGISTRY_IMAGE" >/dev/null
port=$(docker port "$smoke" 5000/tcp | head -1); port=${port##*:}
ok=0
for _ in $(seq 1 50); do
  if [[ $(curl --noproxy '*' -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v2/") == 200 ]]; then ok=1; break; fi
  sleep 0.2
done
((ok)) || { docker logs "$smoke" 2>&1 | tail -20 >&2; die "$REGISTRY_IMAGE did not answer GET /v2/ with 200"; }
sleep 0.5
docker logs "$smoke" 2>/dev/null | grep -q '"GET /v2/ HTTP' \
  || { docker logs "$smoke" 2>&1 | tail -20 >&2; die "$REGISTRY_IMAGE logged no access line for GET /v2/ on stdout"; }
docker rm -f "$smoke" >/dev/null; trap - EXIT
log "smoke: GET /v2/ answered 200 and was logged on stdout"

image_save "$REGISTRY_IMAGE"
rm -rf "$ctx"
log "registry image $REGISTRY_IMAGE ($((SECONDS - started)) s)"
stage_done
