import { FlagError } from '../errors.js';
import type { PortSpec } from './flow-set.js';

/** `--ports` asks every pod of every other pod on each port: this many at most, so a diff stays quick. */
export const MAX_PORTS = 1024;

const ITEM = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp))?$/i;

/**
 * `--ports` as written: a comma list of PORT, FROM-TO and either with /tcp or /udp (TCP when none
 * is given), such as `80,443,53/udp,8000-8010`. A bad value exits 2 naming the flag. Pure.
 */
export function parsePortList(value: string, flag = '--ports'): PortSpec[] {
  const fail = (why: string): never => {
    throw new FlagError(
      flag,
      value,
      `${why}; write a comma list of PORT, FROM-TO or either with /tcp or /udp, such as 80,443,53/udp,8000-8010`,
    );
  };
  const out = new Map<string, PortSpec>();
  for (const raw of value.split(',')) {
    const item = raw.trim();
    if (!item) fail('an empty item');
    const m = ITEM.exec(item);
    if (!m) fail(`"${item}" is no port`);
    const [, a, b, proto] = m as RegExpExecArray;
    const from = Number(a);
    const to = b === undefined ? from : Number(b);
    for (const p of [from, to]) if (p < 1 || p > 65535) fail(`port ${p} in "${item}" is not in 1-65535`);
    if (to < from) fail(`the range "${item}" ends before it starts`);
    if (to - from + 1 > MAX_PORTS) fail(`the range "${item}" holds ${to - from + 1} ports, more than ${MAX_PORTS}`);
    const protocol = proto?.toLowerCase() === 'udp' ? 'UDP' : 'TCP';
    for (let port = from; port <= to; port++) out.set(`${port}/${protocol}`, { port, protocol });
    if (out.size > MAX_PORTS) fail(`${out.size} ports in all, more than ${MAX_PORTS}`);
  }
  return [...out.values()];
}
