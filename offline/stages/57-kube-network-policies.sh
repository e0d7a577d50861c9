#!/usr/bin/env bash
# kube-network-policies (kube-network-policies/versions.env), the program that enforces
# NetworkPolicy and ClusterNetworkPolicy v1alpha2 (cmd/kube-network-policies/npa-v1alpha2), built
# from the module the Go module proxy serves, with its own go.mod and go.sum (every module checked
# against the checksum database; static, CGO_ENABLED=0) and two changes for this kernel
# (kube-network-policies/README.md): the rules that send packets to the netfilter queue use the
# xtables NFQUEUE target instead of the native "queue" expression, and the rule that lets later
# packets of an accepted connection pass tests the connection's state without its label. The image is
# the binary on netpol-harness/debian-base (it runs no other program) and is saved to $IMAGES.
. "$(dirname "$0")/../lib.sh"
. "$REPO_DIR/kube-network-policies/versions.env"
. "$OFFLINE_DIR/image-lib.sh"

KNP_OUT=$OUT/kube-network-policies-$KNP_VERSION
KNP_MODULE=sigs.k8s.io/kube-network-policies
KNP_TARGET_FILE=$REPO_DIR/kube-network-policies/nfqueue-target.go
KNP_TARGET_SUM=$(sha256sum "$KNP_TARGET_FILE" | cut -d' ' -f1)
BASE_IMAGE=netpol-harness/debian-base:$DEBIAN_SUITE
stage_outputs_ok() { [[ -x $KNP_OUT/bin/kube-network-policies ]] && image_restore "$KNP_IMAGE"; }
stage_begin KNP_VERSION KNP_MODULE_SUM KNP_MODULE_TIME KNP_IMAGE KNP_TARGET_SUM DEBIAN_SUITE GO_TOOLCHAIN
started=$SECONDS

# 1. The module is the one pinned.
json=$(cd /tmp && go mod download -json "$KNP_MODULE@$KNP_VERSION")
sum=$(sed -n 's/^[[:space:]]*"Sum": "\(.*\)",*$/\1/p' <<<"$json")
dir=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p' <<<"$json")
[[ $sum == "$KNP_MODULE_SUM" ]] \
  || die "$KNP_MODULE@$KNP_VERSION has sum '$sum', kube-network-policies/versions.env pins '$KNP_MODULE_SUM'"
log "kube-network-policies $KNP_VERSION: module sum $sum matches the pin"

# 2. A writable copy of the module, changed in exactly two places.
src=$CACHE/src/kube-network-policies-$KNP_VERSION
rm -rf "$src"; mkdir -p "$(dirname "$src")"
cp -r "$dir" "$src"; chmod -R u+w "$src"
# pkg/dataplane/controller.go builds the queue statement twice, as four lines each:
#   queue := &expr.Queue{Num: uint16(c.config.QueueID)}
#   if c.config.FailOpen {
#   	queue.Flag = expr.QueueFlagBypass
#   }
ctl=$src/pkg/dataplane/controller.go
perl -0pi -e 's/queue := &expr\.Queue\{Num: uint16\(c\.config\.QueueID\)\}\n\tif c\.config\.FailOpen \{\n\t\tqueue\.Flag = expr\.QueueFlagBypass\n\t\}/queue := nfqueueTarget(uint16(c.config.QueueID), c.config.FailOpen)/g' "$ctl"
[[ $(grep -c 'queue := nfqueueTarget(' "$ctl") == 2 ]] || die "$ctl: expected 2 queue statements to change"
# pkg/dns/dnsagent.go queues DNS answers (for domainNames peers) once, always with bypass.
dns=$src/pkg/dns/dnsagent.go
perl -pi -e 's/&expr\.Queue\{Num: uint16\(n\.nfQueueID\), Flag: expr\.QueueFlagBypass\}/nfqueueTarget(uint16(n.nfQueueID), true)/' "$dns"
[[ $(grep -c 'nfqueueTarget(' "$dns") == 1 ]] || die "$dns: expected 1 queue statement to change"
# The fast path for established connections, "ct label 100 ct state established,related accept",
# loses its label test: the kernel here has no CONFIG_NETFILTER_NETLINK_GLUE_CT, so the label the
# agent sets with each accept verdict is never set, and without this every later packet of a
# connection (replies too) would be queued and judged as a new connection (README.md says more).
perl -0pi -e 's/\t+&expr\.Ct\{Register: 0x1, Key: expr\.CtKeyLABELS\},\n\t+&expr\.Bitwise\{SourceRegister: 0x1, DestRegister: 0x1, Len: 16, Mask: generateLabelMask\(c\.config\.CTLabelAccept\), Xor: make\(\[\]byte, 16\)\},\n\t+&expr\.Cmp\{Op: expr\.CmpOpNeq, Register: 0x1, Data: make\(\[\]byte, 16\)\},\n//' "$ctl"
[[ $(grep -c '{Register: 0x1, Key: expr.CtKeyLABELS}' "$ctl") == 0 ]] || die "$ctl: the established rule's label test is still there"
[[ $(grep -c 'SourceRegister: true, Key: expr.CtKeyLABELS' "$ctl") == 1 ]] || die "$ctl: the label-setting rule should be untouched"
if grep -rn 'expr\.Queue' "$src/pkg" "$src/cmd" --include='*.go' | grep -v '_test.go'; then
  die "a native queue statement is left (above)"
fi
{ echo 'package dataplane'; cat "$KNP_TARGET_FILE"; } >"$src/pkg/dataplane/nfqueue_target.go"
{ echo 'package dns'; cat "$KNP_TARGET_FILE"; } >"$src/pkg/dns/nfqueue_target.go"
log "queue statements changed to the xtables NFQUEUE target (2 in dataplane, 1 in dns); established rule without its label test"

# 3. The binary, from the module's own go.mod and go.sum.
tmp=$KNP_OUT/bin.tmp
rm -rf "$tmp"; mkdir -p "$tmp"
log "building kube-network-policies $KNP_VERSION npa-v1alpha2 (modules from the proxy)"
(cd "$src" && CGO_ENABLED=0 "${NICE[@]}" go build -mod=mod -trimpath -ldflags "-s -w" \
  -o "$tmp/kube-network-policies" ./cmd/kube-network-policies/npa-v1alpha2)
file "$tmp/kube-network-policies" 2>/dev/null | grep -q 'statically linked' || log "warning: kube-network-policies is not static"
rm -rf "$KNP_OUT/bin"; mv "$tmp" "$KNP_OUT/bin"
log "kube-network-policies binary in $KNP_OUT/bin ($((SECONDS - started)) s)"

# 4. The image.
image_restore "$BASE_IMAGE" || die "$BASE_IMAGE is missing: run stage 30 first"
ctx=$CACHE/tmp/kube-network-policies-image
rm -rf "$ctx"; mkdir -p "$ctx"
cp "$KNP_OUT/bin/kube-network-policies" "$ctx/"
image_build "$KNP_IMAGE" "$ctx" <<DOCKERFILE
FROM $BASE_IMAGE
COPY kube-network-policies /bin/netpol
LABEL org.opencontainers.image.version=$KNP_VERSION org.opencontainers.image.source=netpol-harness-offline-build
ENTRYPOINT ["/bin/netpol"]
DOCKERFILE

# 5. Smoke check: the program starts and knows its flags.
help=$(docker run --rm "$KNP_IMAGE" --help 2>&1 || true) # flag's --help exits 0 or 2
grep -q -- '-nfqueue-id' <<<"$help" \
  || die "$KNP_IMAGE: /bin/netpol --help does not list -nfqueue-id"

image_save "$KNP_IMAGE"
log "kube-network-policies image $KNP_IMAGE ($((SECONDS - started)) s)"
stage_done
