// Added to kube-network-policies at build time by offline/stages/57-kube-network-policies.sh;
// not part of upstream. The stage writes the package clause.
//
// This kernel has no CONFIG_NFT_QUEUE, so the native nftables "queue" expression is refused. It
// does have nft_compat and the xtables NFQUEUE target, which hand a packet to the same netfilter
// queue with the same verdict code (NF_QUEUE_NR(num), plus the bypass flag): nft itself lists the
// rule as "queue num N bypass". Only the netlink encoding of the rule differs.

import (
	"encoding/binary"

	"github.com/google/nftables/expr"
	"github.com/google/nftables/xt"
)

// NFQ_FLAG_BYPASS of linux/netfilter/xt_NFQUEUE.h: accept the packet when no program listens.
const nfqFlagBypass = 0x01

// nfqueueTarget is the xtables NFQUEUE target, revision 3 (struct xt_NFQ_info_v3: queuenum,
// queues_total, flags, each a native-endian uint16), queueing to one queue.
func nfqueueTarget(num uint16, bypass bool) *expr.Target {
	info := make(xt.Unknown, 6)
	binary.NativeEndian.PutUint16(info[0:], num)
	binary.NativeEndian.PutUint16(info[2:], 1)
	if bypass {
		binary.NativeEndian.PutUint16(info[4:], nfqFlagBypass)
	}
	return &expr.Target{Name: "NFQUEUE", Rev: 3, Info: &info}
}
