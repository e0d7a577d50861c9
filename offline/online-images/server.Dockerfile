# The generic server for the pulled path (offline/online-images/build.sh).
FROM scratch
COPY server /usr/local/bin/server
LABEL org.opencontainers.image.source=netpol-harness-online-build
ENTRYPOINT ["/usr/local/bin/server"]
