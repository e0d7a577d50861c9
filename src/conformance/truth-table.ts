/**
 * The e2e suite's way of writing what it expects: a table over every ordered pair of the test's
 * pods, true (connected) by default, edited by a few operations. Written here from the suite's
 * documented semantics (a peer with no namespace or no pod name matches any), not from its code.
 */

/** `x/a`: namespace x, pod a. */
export type PodRef = string;

/** Matches pods by namespace and/or name; an absent field matches every pod. */
export interface PeerMatch {
  ns?: string;
  pod?: string;
}

export interface Cell {
  from: PodRef;
  to: PodRef;
  connected: boolean;
}

function split(ref: PodRef): { ns: string; pod: string } {
  const [ns, pod, extra] = ref.split('/');
  if (!ns || !pod || extra !== undefined) throw new Error(`"${ref}" is not NAMESPACE/POD`);
  return { ns, pod };
}

function matches(m: PeerMatch, ref: PodRef): boolean {
  const { ns, pod } = split(ref);
  return (m.ns === undefined || m.ns === ns) && (m.pod === undefined || m.pod === pod);
}

export class TruthTable {
  private readonly values = new Map<string, boolean>();

  constructor(
    readonly pods: readonly PodRef[],
    defaultConnected = true,
  ) {
    for (const from of pods) for (const to of pods) this.values.set(TruthTable.key(from, to), defaultConnected);
  }

  private static key(from: PodRef, to: PodRef): string {
    return `${from} ${to}`;
  }

  private set(from: PodRef, to: PodRef, connected: boolean): void {
    const key = TruthTable.key(from, to);
    if (!this.values.has(key))
      throw new Error(`${from} -> ${to}: not a pair of this table's pods (${this.pods.join(', ')})`);
    this.values.set(key, connected);
  }

  /** One pair. */
  expect(from: PodRef, to: PodRef, connected: boolean): this {
    this.set(from, to, connected);
    return this;
  }

  /** Every pair whose source matches `from` and whose destination matches `to`. */
  expectPeer(from: PeerMatch, to: PeerMatch, connected: boolean): this {
    for (const f of this.pods)
      if (matches(from, f)) for (const t of this.pods) if (matches(to, t)) this.set(f, t, connected);
    return this;
  }

  /** Everything into `pod`. */
  allIngress(pod: PodRef, connected: boolean): this {
    for (const f of this.pods) this.set(f, pod, connected);
    return this;
  }

  /** Everything out of `pod`. */
  allEgress(pod: PodRef, connected: boolean): this {
    for (const t of this.pods) this.set(pod, t, connected);
    return this;
  }

  get(from: PodRef, to: PodRef): boolean {
    const v = this.values.get(TruthTable.key(from, to));
    if (v === undefined) throw new Error(`${from} -> ${to}: not in the table`);
    return v;
  }

  /**
   * Every pair in the pods' order, a pod to itself left out: the suite ignores loopback, whose
   * effect the spec leaves open (kubernetes/kubernetes#95879).
   */
  cells(): Cell[] {
    const out: Cell[] = [];
    for (const from of this.pods)
      for (const to of this.pods) if (from !== to) out.push({ from, to, connected: this.get(from, to) });
    return out;
  }
}

export function namespaceOf(ref: PodRef): string {
  return split(ref).ns;
}

export function podNameOf(ref: PodRef): string {
  return split(ref).pod;
}
