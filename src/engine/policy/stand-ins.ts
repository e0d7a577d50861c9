import { cidrContainsIp, isValidCidr } from '../../model/cidr.js';
import { hostCidr } from '../../model/ip-address.js';
import { isObject, rulePeers, type Json } from './policy-peers.js';

/**
 * Documented addresses outside the cluster and the stand-in that answers for each on this machine:
 * documented IP → the stand-in's IP on the cluster's Docker network.
 */
export type StandIns = ReadonlyMap<string, string>;

function matches(block: { cidr: string; except: string[] }, ip: string): boolean {
  return (
    isValidCidr(block.cidr) &&
    cidrContainsIp(block.cidr, ip) &&
    !block.except.some((e) => isValidCidr(e) && cidrContainsIp(e, ip))
  );
}

/**
 * Rewrites a policy's ipBlocks so that each stand-in is matched exactly where its documented
 * address is, and each policy keeps its meaning for the addresses the scenario probes:
 *   documented address matched, stand-in not: the stand-in's /32 (IPv6: /128) joins the same rule as a peer
 *     of its own (beside the ipBlock, so selectors in the rule are untouched);
 *   documented address not matched, stand-in matched (a wide cidr, or the stand-in in an except
 *     the documented one is not in): the stand-in's /32 joins the block's except.
 * Blocks are left as written otherwise. Changes the manifest in place; returns what it did.
 */
export function rewriteIpBlocks(manifest: Json, standIns: StandIns): string[] {
  const notes: string[] = [];
  for (const { rulesKey, index: r, peers } of rulePeers(manifest.spec)) {
    const added: Json[] = [];
    for (const peer of peers) {
      if (!isObject(peer) || !isObject(peer.ipBlock) || typeof peer.ipBlock.cidr !== 'string') continue;
      const block = peer.ipBlock;
      const except = Array.isArray(block.except) ? block.except.filter((e): e is string => typeof e === 'string') : [];
      for (const [documented, standIn] of standIns) {
        const want = matches({ cidr: block.cidr as string, except }, documented);
        const has = matches({ cidr: block.cidr as string, except }, standIn);
        const own = hostCidr(standIn);
        if (want && !has && !added.some((a) => (a.ipBlock as Json).cidr === own)) {
          added.push({ ipBlock: { cidr: own } });
          notes.push(
            `${rulesKey}[${r}]: ${own} (stand-in for ${documented}, inside ${block.cidr as string}) added as a peer`,
          );
        } else if (!want && has) {
          except.push(own);
          block.except = except;
          notes.push(
            `${rulesKey}[${r}]: ${own} (stand-in for ${documented}, outside what ${block.cidr as string} admits) added to its except`,
          );
        }
      }
    }
    peers.push(...added);
  }
  return notes;
}
