import type { LiveRecord } from '../engine/types.js';

/** What the comparison reads of a live record. */
export type LiveCell = Pick<LiveRecord, 'stepIndex' | 'protocol'> & {
  expectation: Pick<LiveRecord['expectation'], 'from' | 'target'>;
  model: Pick<LiveRecord['model'], 'destination'>;
  live: Pick<LiveRecord['live'], 'sent' | 'outcome'>;
};

export interface CellComparison {
  /** `frontend/client -> default/web:80 TCP via service`. */
  cell: string;
  original: string;
  captured: string;
}

export interface LiveComparison {
  same: CellComparison[];
  different: CellComparison[];
  /** Cells probed in only one of the two runs (different targets: a document's probes vs the matrix). */
  onlyOriginal: number;
  onlyCaptured: number;
}

/**
 * A cell of the last step, named by what it reaches: the source pod, the destination pod and port
 * after service translation (the model's `destination`), the protocol, and whether it went through
 * a service. Sent probes only; a cell the model sends nowhere (DNS failure, no such port) has no key.
 */
function cellsOfLastStep(records: readonly LiveCell[]): Map<string, string> {
  const last = Math.max(-1, ...records.map((r) => r.stepIndex));
  const cells = new Map<string, string>();
  for (const r of records) {
    if (r.stepIndex !== last || !r.live.sent || !r.model.destination) continue;
    const via = r.expectation.target.kind === 'pod' || r.expectation.target.kind === 'ip' ? 'direct' : 'via service';
    cells.set(
      `${r.expectation.from.namespace}/${r.expectation.from.name} -> ${r.model.destination} ${r.protocol} ${via}`,
      r.live.outcome,
    );
  }
  return cells;
}

/** The live answers of an original run and of its captured file's run, cell by cell, in the last step of each. Pure. */
export function compareLiveRuns(original: readonly LiveCell[], captured: readonly LiveCell[]): LiveComparison {
  const a = cellsOfLastStep(original);
  const b = cellsOfLastStep(captured);
  const out: LiveComparison = { same: [], different: [], onlyOriginal: 0, onlyCaptured: 0 };
  for (const [cell, outcome] of [...a].sort(([x], [y]) => x.localeCompare(y))) {
    const other = b.get(cell);
    if (other === undefined) out.onlyOriginal++;
    else (other === outcome ? out.same : out.different).push({ cell, original: outcome, captured: other });
  }
  out.onlyCaptured = [...b.keys()].filter((k) => !a.has(k)).length;
  return out;
}
