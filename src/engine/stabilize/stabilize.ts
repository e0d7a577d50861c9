import { isIP } from 'node:net';
import type { ModelOutcome } from '../../model/outcome.js';
import { UPTIME_TICK_MS } from '../../probe/clock-offset.js';
import type { ProbeJob, ProbeResult, ProbeRunner } from '../../probe/types.js';
import { debugLog } from '../../debug-log.js';

export interface StabilizeOptions {
  /** Give up waiting for a cell to settle after this long; a cell still changing then is flaky. */
  deadlineSeconds: number;
  /** A cell that keeps an outcome the model does not expect settles once it has held it this long. */
  settleSeconds: number;
  /** A cell still changing is probed again this often (also the resolution of the enforcement time). */
  intervalMs: number;
  /**
   * Probes of one cell in flight at once, so that a probe waiting out its timeout does not hide
   * when the cell opens up. A cell waiting to be blocked keeps at most two in flight: the first
   * probe that hangs is already the witness, and more would only wait alongside it.
   */
  maxInFlightPerCell: number;
  /** What the model expects per job key: a cell that shows it twice in a row has settled. */
  expected?: ReadonlyMap<string, ModelOutcome>;
}

export interface Clock {
  nowMs(): number;
  waitMs(ms: number): Promise<void>;
}

export const realClock: Clock = {
  nowMs: () => Date.now(),
  waitMs: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** When a step's changes took effect, as far as the probes can tell: after `lowerMs`, by `upperMs` (from the change). */
export interface Enforcement {
  upperMs: number;
  lowerMs: number;
  /** The cell whose change came last. */
  key: string;
}

export interface StableResults {
  /** The last result per job key, with the attempts of every probe of the cell summed. */
  final: Map<string, ProbeResult>;
  /** Outcomes per job key in the order the probes were sent. */
  history: Map<string, ModelOutcome[]>;
  /** Every cell settled before the deadline. */
  stable: boolean;
  /** Probes sent, all cells together. */
  probes: number;
  flaky: Set<string>;
  /** With a change and the outcomes before it: when the cells that changed took their final outcome. */
  enforcement?: Enforcement;
}

export interface ChangeContext {
  /** When the step's first change was sent to the API server (clock time). */
  atMs: number;
  /** Each cell's final outcome before the change. */
  before: ReadonlyMap<string, ModelOutcome>;
}

/** Outcomes in which every packet the tool sent was dropped (a connect or a name lookup): its first packet already met the policy. */
const ALL_DROPPED: ReadonlySet<ModelOutcome> = new Set(['blocked', 'dns-failure']);

interface Sample {
  launchedMs: number;
  /** Left the runner's queue (the concurrency limit) and really started. */
  started: boolean;
  /** When the probe really started (it may have queued behind the concurrency limit). */
  startMs?: number;
  result?: ProbeResult;
  endMs?: number;
  confirming: boolean;
}

interface Cell {
  job: ProbeJob;
  samples: Sample[];
  inFlight: number;
  settled: boolean;
  /** The confirmation probe sent once every cell had settled. */
  confirmation?: Sample;
}

/** When the probe really started, or, until that is known, when it was launched. */
function startOf(sample: Sample): number {
  return sample.startMs ?? sample.launchedMs;
}

/** When the probe's answer came back, or, until it has, when it was launched. */
function endOf(sample: Sample): number {
  return sample.endMs ?? sample.launchedMs;
}

/** The outcomes of the samples answered so far, in send order, up to the first still in flight. */
function answeredOutcomes(cell: Cell): ModelOutcome[] {
  const out: ModelOutcome[] = [];
  for (const s of cell.samples) {
    if (!s.result) break;
    out.push(s.result.outcome);
  }
  return out;
}

/** The last run of equal outcomes among the answered samples: its outcome, length and first sample. */
function lastRun(cell: Cell): { outcome: ModelOutcome; length: number; first: Sample } | undefined {
  const outcomes = answeredOutcomes(cell);
  const last = outcomes[outcomes.length - 1];
  if (last === undefined) return undefined;
  let i = outcomes.length - 1;
  while (i > 0 && outcomes[i - 1] === last) i--;
  return { outcome: last, length: outcomes.length - i, first: cell.samples[i] as Sample };
}

/**
 * A cell expecting every packet dropped needs no more than two probes hanging at once: the second
 * starts while the first waits out its timeout, so two in a row take one timeout and an interval.
 * Otherwise overlapping probes only serve to time a change: a cell the model expects to keep its
 * outcome (every cell of the baseline; after a change, a cell whose expected outcome is the one it
 * had before) has nothing to time, and answers quickly: one probe at a time.
 */
function inFlightLimit(cell: Cell, opts: StabilizeOptions, change: ChangeContext | undefined): number {
  const expected = opts.expected?.get(cell.job.key);
  if (expected === undefined) return opts.maxInFlightPerCell;
  if (ALL_DROPPED.has(expected)) return Math.min(2, opts.maxInFlightPerCell);
  if (!change) return 1;
  const before = change.before.get(cell.job.key);
  return before !== undefined && answersModel(expected, before) ? 1 : opts.maxInFlightPerCell;
}

/**
 * A cell that has shown the same outcome for this long (not the model's, or it would have settled)
 * is probed once a second from then on: enforcement comes within seconds, so it is most likely
 * waiting out the settle time, and the resolution it still gets is reported with the measurement.
 */
const SLOW_AFTER_MS = 5000;
const SLOW_INTERVAL_MS = 1000;

function intervalOf(cell: Cell, opts: StabilizeOptions, nowMs: number): number {
  const run = lastRun(cell);
  const since = run ? startOf(run.first) : nowMs;
  return nowMs - since >= SLOW_AFTER_MS ? Math.max(opts.intervalMs, SLOW_INTERVAL_MS) : opts.intervalMs;
}

/** The model's outcome, or a refusal where it says blocked: a CNI may reject what a policy denies (see REJECTED). */
export function answersModel(expected: ModelOutcome | undefined, outcome: ModelOutcome): boolean {
  return expected === outcome || (expected === 'blocked' && outcome === 'refused');
}

/**
 * A cell settles on the model's outcome seen twice in a row, or on another outcome held for the
 * settle time; except a cell the change should flip that still shows its outcome from before the
 * change: a CNI may take its time to enforce (kube-router took over 10 s on a loaded machine), and
 * "it never changed" is only said at the deadline.
 */
function isSettled(cell: Cell, opts: StabilizeOptions, nowMs: number, change: ChangeContext | undefined): boolean {
  const run = lastRun(cell);
  if (!run || run.length < 2) return false;
  const expected = opts.expected?.get(cell.job.key);
  if (answersModel(expected, run.outcome)) return true;
  const before = change?.before.get(cell.job.key);
  if (expected !== undefined && before !== undefined && !answersModel(expected, before) && run.outcome === before)
    return false;
  return nowMs - startOf(run.first) >= opts.settleSeconds * 1000;
}

/**
 * Probes every cell, then re-probes only the cells that can still change, every `intervalMs`
 * (overlapping probes, so a blocked probe's timeout does not slow the measurement), until each
 * shows the model's outcome twice in a row or has held another outcome for `settleSeconds`. Then
 * one confirmation probe of every cell last seen before the latest cell took its final outcome
 * gives the final result (a cell whose confirmation differs goes back to probing). Stops at the
 * deadline.
 */
const debug = debugLog('stabilise');

export async function probeUntilStable(
  runner: ProbeRunner,
  jobs: readonly ProbeJob[],
  opts: StabilizeOptions,
  clock: Clock = realClock,
  change?: ChangeContext,
  /** Stops sending (what is in flight is awaited): the step failed while its probes ran. */
  signal?: AbortSignal,
): Promise<StableResults> {
  if (jobs.length === 0) return { final: new Map(), history: new Map(), stable: true, probes: 0, flaky: new Set() };
  const start = clock.nowMs();
  const cells: Cell[] = jobs.map((job) => ({ job, samples: [], inFlight: 0, settled: false }));
  const inFlight = new Set<Promise<void>>();
  let probes = 0;

  const launch = (cell: Cell, confirming = false): void => {
    const sample: Sample = { launchedMs: clock.nowMs(), started: false, confirming };
    cell.samples.push(sample);
    if (confirming) cell.confirmation = sample;
    cell.inFlight++;
    probes++;
    const p = runner
      .run([cell.job], () => (sample.started = true))
      .then(([result]) => {
        const doneMs = clock.nowMs();
        const r = result as ProbeResult;
        sample.result = r;
        sample.endMs = doneMs;
        sample.startMs = Math.max(sample.launchedMs, doneMs - r.durationMs);
        cell.inFlight--;
      });
    const tracked = p.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };

  debug(
    '%d cells: probing until each settles (every %d ms, %d in flight a cell at most, deadline %d s)%s',
    cells.length,
    opts.intervalMs,
    opts.maxInFlightPerCell,
    opts.deadlineSeconds,
    change ? ', timed from a change' : '',
  );
  cells.forEach((c) => launch(c));
  let confirming: Cell[] | undefined;
  let stable = false;
  for (;;) {
    await Promise.race([
      clock.waitMs(opts.intervalMs),
      ...(inFlight.size && cells.every((c) => c.settled) ? [Promise.race(inFlight)] : []),
    ]);
    const now = clock.nowMs();
    for (const cell of cells) if (!cell.settled) cell.settled = isSettled(cell, opts, now, change);
    if (cells.every((c) => c.settled)) {
      if (!confirming) {
        confirming = cellsToConfirm(cells);
        if (confirming.length === 0) {
          stable = true;
          break;
        }
        debug(
          '%d cells settled after %d probes; %d probed once more to confirm',
          cells.length,
          probes,
          confirming.length,
        );
        confirming.forEach((c) => launch(c, true));
        continue;
      }
      if (confirming.every((c) => c.confirmation?.result)) {
        const changed = confirming.filter((c) => c.confirmation?.result?.outcome !== lastRunBeforeConfirmation(c));
        if (changed.length === 0) {
          stable = true;
          break;
        }
        // The confirmation saw a change: those cells go back to probing, then confirm again.
        debug('the confirmation saw %d cells change: probing them again', changed.length);
        for (const c of changed) c.settled = false;
        confirming = undefined;
      }
    }
    if (now - start >= opts.deadlineSeconds * 1000 || signal?.aborted) break;
    for (const cell of cells) {
      if (cell.settled || cell.inFlight >= inFlightLimit(cell, opts, change)) continue;
      const last = cell.samples[cell.samples.length - 1];
      // A probe still waiting for a free slot measures nothing yet: queue no second one behind it.
      if (last && !last.result && !last.started) continue;
      if (!last || now - last.launchedMs >= intervalOf(cell, opts, now)) launch(cell);
    }
  }
  // Once every cell is stable, probes still in flight (a blocked one waits out its timeout) are
  // not waited for: they finish on their own, and what they say comes too late to count. At the
  // deadline (or when stopped) the last answers are all there is: they are waited for.
  debug(
    '%d cells %s after %d ms and %d probes (%d still in flight)',
    cells.length,
    stable ? 'stable' : signal?.aborted ? 'stopped' : 'NOT stable at the deadline',
    clock.nowMs() - start,
    probes,
    inFlight.size,
  );
  if (stable) for (const p of inFlight) p.catch(() => undefined);
  else await Promise.all([...inFlight]);
  return resultsOf(cells, stable, probes, change);
}

/**
 * The cells whose final outcome was last seen before the latest moment any cell was seen taking
 * its final outcome: they could have changed since, unseen. Every other cell was watched in its
 * final state after that moment already.
 */
function cellsToConfirm(cells: Cell[]): Cell[] {
  const runs = cells.map((c) => ({ c, samples: finalRunSamples(c) }));
  const latestTurn = Math.max(...runs.map((r) => r.samples[0]?.launchedMs ?? 0));
  return runs.filter((r) => !r.samples.some((s) => s.launchedMs >= latestTurn)).map((r) => r.c);
}

/** The answered samples of the cell's last run of equal outcomes, in send order. */
function finalRunSamples(cell: Cell): Sample[] {
  const run = lastRun(cell);
  if (!run) return [];
  const answered = cell.samples.filter((s) => s.result);
  return answered.slice(answered.indexOf(run.first));
}

function lastRunBeforeConfirmation(cell: Cell): ModelOutcome | undefined {
  const answered = cell.samples.filter((s) => s.result && s !== cell.confirmation);
  return answered[answered.length - 1]?.result?.outcome;
}

function resultsOf(cells: Cell[], stable: boolean, probes: number, change: ChangeContext | undefined): StableResults {
  const final = new Map<string, ProbeResult>();
  const history = new Map<string, ModelOutcome[]>();
  const flaky = new Set<string>();
  for (const cell of cells) {
    const answered = cell.samples.filter((s): s is Sample & { result: ProbeResult } => s.result !== undefined);
    const last = answered[answered.length - 1];
    if (!last) continue;
    const attempts = answered.reduce((n, s) => n + s.result.attempts, 0);
    final.set(cell.job.key, { ...last.result, attempts });
    history.set(
      cell.job.key,
      answered.map((s) => s.result.outcome),
    );
    const prev = answered[answered.length - 2];
    if (!stable && !cell.settled && prev && prev.result.outcome !== last.result.outcome) flaky.add(cell.job.key);
  }
  const enforcement = change ? enforcementOf(cells, change) : undefined;
  return { final, history, stable, probes, flaky, ...(enforcement ? { enforcement } : {}) };
}

/** The resolution of the tool's run time the agent reports (/proc/uptime, in hundredths of a second). */
export const TOOL_CLOCK_TICK_MS = UPTIME_TICK_MS;

/** A TCP client sends its first retry a second after its first try (Linux's initial RTO). */
const FIRST_RETRY_MS = 1000;

/**
 * When the probe's tool started, as bounds in this clock. A probe session places it from the
 * container's own clock (calibrated by the session's quickest round trip), so the bounds do not
 * widen when a request or a reply is slow on its way; otherwise: after the probe left, and no
 * later than its end minus what the tool ran (the agent's clock may report a tick too much).
 */
function toolStartOf(sample: Sample): { earliestMs: number; latestMs: number } {
  const end = endOf(sample);
  const r = sample.result;
  const byTiming = {
    earliestMs: startOf(sample),
    latestMs: r?.toolMs === undefined ? end : end - Math.max(0, r.toolMs - TOOL_CLOCK_TICK_MS),
  };
  const placed = r?.toolStartedMs;
  if (!placed) return byTiming;
  return {
    earliestMs: Math.max(byTiming.earliestMs, placed.earliestMs),
    latestMs: Math.min(byTiming.latestMs, placed.latestMs),
  };
}

/**
 * The latest moment at which this probe's evidence was produced, timed inside the container where
 * the transport can tell: when every attempt was dropped, the tool's start (its first packet
 * already met the policy); when it answered within a second, its first try did, so its start too;
 * otherwise a later retry may be what got through, so only its end is safe.
 */
function witnessMs(sample: Sample): number {
  const end = endOf(sample);
  const r = sample.result;
  if (!r || r.toolMs === undefined) return end;
  return ALL_DROPPED.has(r.outcome) || r.toolMs < FIRST_RETRY_MS ? toolStartOf(sample).latestMs : end;
}

/**
 * The latest moment at which this probe is known to have met the state from before a change that
 * flips its cell; undefined when it tells nothing. Two cases, both timed in the container:
 * - a TCP connect that saw the old outcome, every packet dropped, waiting out a timeout of at least
 *   two seconds: its retry a second after its first try (or its first try, if a name lookup
 *   delayed it that long) was dropped too, so the old state still held a second after it started;
 * - a TCP connect to an address (no name lookup to take the time) that answered, but only after a
 *   second: its first try was dropped, so the old state held when it started.
 * Without them, a change that allows a connection was bracketed only to a second: the probes sent
 * just before it connect on their retry, and the last one that saw no connection started a second
 * earlier.
 */
function oldStateSeenMs(sample: Sample, job: ProbeJob, before: ModelOutcome): number | undefined {
  const start = toolStartOf(sample).earliestMs;
  const r = sample.result;
  if (!r) return undefined;
  if (r.outcome === before) {
    const waitedOut =
      before === 'blocked' &&
      job.protocol === 'TCP' &&
      job.timeoutSeconds * 1000 >= 2 * FIRST_RETRY_MS &&
      r.toolMs !== undefined &&
      r.toolMs >= job.timeoutSeconds * 1000 - TOOL_CLOCK_TICK_MS;
    return waitedOut ? start + FIRST_RETRY_MS : start;
  }
  const retried =
    before === 'blocked' &&
    r.outcome === 'allowed' &&
    job.protocol === 'TCP' &&
    isIP(job.host) !== 0 &&
    r.toolMs !== undefined &&
    r.toolMs >= FIRST_RETRY_MS + TOOL_CLOCK_TICK_MS;
  return retried ? start : undefined;
}

/**
 * For each cell whose final outcome differs from its outcome before the change: every probe of
 * its final run of equal outcomes saw the change (upper bound: the earliest witness time among
 * them), the probe before that run did not (lower bound: when it started, which is before its
 * packets left; or the latest moment any probe is known to have met the state from before).
 * Both are safe whatever the transport's latency; the step's enforcement is the latest such cell.
 */
function enforcementOf(cells: Cell[], change: ChangeContext): Enforcement | undefined {
  let latest: Enforcement | undefined;
  for (const cell of cells) {
    const before = change.before.get(cell.job.key);
    const answered = cell.samples.filter((s) => s.result).sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0));
    const finalOutcome = answered[answered.length - 1]?.result?.outcome;
    if (before === undefined || finalOutcome === undefined || finalOutcome === before) continue;
    let i = answered.length - 1;
    while (i > 0 && answered[i - 1]?.result?.outcome === finalOutcome) i--;
    const upperAtMs = Math.min(...answered.slice(i).map(witnessMs));
    const upperMs = Math.max(0, upperAtMs - change.atMs);
    const previous = answered[i - 1];
    // Evidence of the old state after the new one was seen contradicts it (a connect slow for
    // another reason than the policy): it is left out, not allowed to narrow the bracket.
    const oldStateSeen = answered
      .map((s) => oldStateSeenMs(s, cell.job, before))
      .filter((t): t is number => t !== undefined && t <= upperAtMs);
    const lowerAtMs = Math.max(previous ? startOf(previous) : change.atMs, ...oldStateSeen);
    const lowerMs = Math.min(upperMs, Math.max(0, lowerAtMs - change.atMs));
    if (!latest || upperMs > latest.upperMs) latest = { upperMs, lowerMs, key: cell.job.key };
  }
  return latest;
}
