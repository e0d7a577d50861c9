# The probe client for the pulled path (offline/online-images/build.sh). Offline, stage 60 builds
# the same tools from a debootstrap rootfs instead.
ARG BASE=debian:bookworm-slim
FROM ${BASE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      busybox-static curl netcat-openbsd dnsutils ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY udpprobe wget /usr/local/bin/
LABEL org.opencontainers.image.source=netpol-harness-online-build
CMD ["/bin/sh"]
