#!/usr/bin/env bash
# Stand-ins for the images the documents use (offline/image-map.yaml maps their names to these),
# built from Debian packages (one debootstrap minbase rootfs, netpol-harness/debian-tools) and our
# own Go programs (offline/images/*/, standard library only):
#   netpol-harness/alpine     our wget (BusyBox's options and messages, `wget: download timed
#                             out`: Debian's busybox has no wget timeout), nc from netcat-openbsd
#                             (-z, -u, -w), busybox-static, curl, udpprobe; CMD sh
#   netpol-harness/busybox    the same rootfs, PATH led by our wget, then busybox's applets
#   netpol-harness/curl       curl; `-...` arguments are curl's, else the command runs
#   netpol-harness/netshoot   bash, curl, nc, dig/nslookup, ip, ping, our wget; CMD bash
#   netpol-harness/nginx      Debian's nginx, its default page on :80, in the foreground
#   netpol-harness/app-on-two-ports, netpol-harness/server   our Go programs (FROM debian-base)
# Each image is saved to $IMAGES. The pause image comes from stage 23.
. "$(dirname "$0")/../lib.sh"
. "$OFFLINE_DIR/image-lib.sh"
TEST_IMAGES_TAG=v1
SRC=$OFFLINE_DIR/images
TOOLS_ROOTFS_IMAGE=netpol-harness/debian-tools:$DEBIAN_SUITE
TOOLS_PACKAGES="busybox-static curl netcat-openbsd dnsutils bash iproute2 iputils-ping procps ca-certificates nginx"
names=(alpine busybox curl netshoot nginx app-on-two-ports server)
images=(); for n in "${names[@]}"; do images+=("netpol-harness/$n:$TEST_IMAGES_TAG"); done
TEST_IMAGE_INPUTS=$(cd "$SRC" && find . -type f ! -name '*.md' | sort | xargs sha256sum | sha256sum | cut -d' ' -f1)
stage_outputs_ok() { local i; for i in "${images[@]}"; do image_restore "$i" || return 1; done; }
stage_begin TEST_IMAGES_TAG DEBIAN_SUITE DEBIAN_MIRROR TOOLS_PACKAGES TEST_IMAGE_INPUTS
started=$SECONDS

base=netpol-harness/debian-base:$DEBIAN_SUITE
image_restore "$base" || die "run stage 30-rootfs first ($base is missing)"

# 1. The tools rootfs (rebuilt only when its package list changes).
rootfs_image "$TOOLS_ROOTFS_IMAGE" "$TOOLS_PACKAGES"

# 2. Our Go programs, static.
ctx=$CACHE/tmp/test-images
rm -rf "$ctx"; mkdir -p "$ctx"
for p in app-on-two-ports server udpprobe wget; do
  (cd "$SRC/$p" && go_build_static "$ctx" "" "" .)
done
cp "$SRC"/files/* "$ctx/"

build() { image_build "netpol-harness/$1:$TEST_IMAGES_TAG" "$ctx"; }  # build NAME : Dockerfile on stdin
label="LABEL org.opencontainers.image.source=netpol-harness-offline-build"
# Our wget in /usr/local/bin; nc is netcat-openbsd's (busybox nc has no -z).
build alpine <<DOCKERFILE
FROM $TOOLS_ROOTFS_IMAGE
COPY udpprobe /usr/local/bin/udpprobe
COPY wget /usr/local/bin/wget
$label
CMD ["/bin/sh"]
DOCKERFILE
build busybox <<DOCKERFILE
FROM $TOOLS_ROOTFS_IMAGE
RUN mkdir -p /opt/busybox/bin && /bin/busybox --install -s /opt/busybox/bin
COPY wget /usr/local/bin/wget
ENV PATH=/usr/local/bin:/opt/busybox/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin
$label
CMD ["sh"]
DOCKERFILE
build curl <<DOCKERFILE
FROM $TOOLS_ROOTFS_IMAGE
COPY curl-entrypoint /usr/local/bin/curl-entrypoint
COPY wget /usr/local/bin/wget
$label
ENTRYPOINT ["/usr/local/bin/curl-entrypoint"]
CMD ["curl"]
DOCKERFILE
build netshoot <<DOCKERFILE
FROM $TOOLS_ROOTFS_IMAGE
COPY udpprobe /usr/local/bin/udpprobe
COPY wget /usr/local/bin/wget
$label
CMD ["/bin/bash"]
DOCKERFILE
build nginx <<DOCKERFILE
FROM $TOOLS_ROOTFS_IMAGE
COPY nginx-default.conf /etc/nginx/sites-available/default
COPY wget /usr/local/bin/wget
RUN ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log \
 && nginx -t
EXPOSE 80
STOPSIGNAL SIGQUIT
$label
CMD ["nginx", "-g", "daemon off;"]
DOCKERFILE
build app-on-two-ports <<DOCKERFILE
FROM $base
COPY app-on-two-ports /usr/local/bin/app-on-two-ports
EXPOSE 8000 5000
$label
ENTRYPOINT ["/usr/local/bin/app-on-two-ports"]
DOCKERFILE
build server <<DOCKERFILE
FROM $base
COPY server /usr/local/bin/server
$label
ENTRYPOINT ["/usr/local/bin/server"]
DOCKERFILE

# 3. Every local image the map names exists.
while read -r image; do
  image_present "$image" || die "offline/image-map.yaml names $image, which this stage did not build"
done < <(sed -n 's/^ *"\{0,1\}[^#]*"\{0,1\}: *\(netpol-harness\/[^ #]*\).*/\1/p' "$OFFLINE_DIR/image-map.yaml" | sort -u)

image_save "${images[@]}"
rm -rf "$ctx"
log "test images built and saved in $((SECONDS - started)) s"
stage_done
