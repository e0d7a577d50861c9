import type { EnvironmentReport } from '../engine/environment/environment-watch.js';
import type { ScenarioRun } from '../engine/types.js';
import { describeShape, shapeProperties, type ClusterShape } from '../cluster/shape.js';
import { EXIT } from '../errors.js';
import { annotationsOn, gateAnnotations } from './annotations.js';
import { stdoutReport } from './stdout-report.js';
import { renderHtmlReport } from './html.js';
import { apiJunitCase, renderJunit } from './junit.js';
import { renderApiSummaryLine, renderLiveScenario, renderLiveSummary, explainRecord } from './live-console.js';
import { renderEnvironmentConsole } from './live-environment.js';
import { apiRecordJson, liveRunJson, runHeaderJson } from './live-json.js';
import { renderLiveMarkdown } from './live-markdown.js';
import { isFailure, summarizeLive } from './live-summary.js';
import { nodePairCounts, renderNodePairsLine } from './node-pairs.js';
import { renderFamilyLines } from './families.js';
import { recordsJsonl, type ApiRecordJson, type ShardSetFields } from './record-json.js';
import { renderBaseline } from './baseline.js';
import { DEFAULT_FAIL_ON } from './fail-on.js';
import { baselineEntries, judge, renderGate, renderGateMarkdown, type Gate } from './gate.js';
import { colors } from './table.js';
import { terminalText } from '../terminal-text.js';
import { writeOutput } from './write-output.js';

/** Where a run's reports go: files, or `-` for stdout (one at most); and what fails the run. */
export interface LiveReportOptions {
  json?: string;
  junit?: string;
  markdown?: string;
  html?: string;
  color: boolean;
  /** What exits 1 (`--fail-on`, `--baseline`); run's default classes when absent. */
  gate?: Gate;
  /** Write this run's outcomes that did not pass here (`--write-baseline`). */
  writeBaseline?: string;
  /** The run set, shard and corpus the JSON header names (what `merge` checks). */
  shardSet?: Omit<ShardSetFields, 'harnessVersion' | 'partial'>;
}

/** stdout for results, stderr for the rest. */
export interface ReportIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** What a run's reports are made of (a LiveSession's completed run has it all). */
export interface ReportableRun {
  runs: ScenarioRun[];
  runId: string;
  durationMs: number;
  environment?: EnvironmentReport;
  shape?: ClusterShape;
}

/**
 * Prints and writes the reports; returns the exit code (DESIGN.md: 0 pass, 1 something the gate
 * fails on (`--fail-on`, not in `--baseline`), 3 environment: a scenario that could not run, or a
 * fault of what enforcement depends on).
 */
export function reportRuns(run: ReportableRun, opts: LiveReportOptions, io: ReportIo): number {
  const { runs, runId, durationMs, environment, shape } = run;
  const c = colors(opts.color);
  // stdout is for results: when a report goes there (`-`), it goes alone; the console report and annotations go to stderr.
  const sink = stdoutReport(opts) ? io.err : io.out;
  // Names and messages reach the terminal with their control characters escaped; the colours are the report's own.
  const show = (text: string) => sink(terminalText(text, opts.color));
  const toStdout = (text: string) => io.out(text.replace(/\n$/, ''));
  if (environment) show(renderEnvironmentConsole(environment, runs, c) + '\n');
  for (const r of runs) show(renderLiveScenario(r, c) + '\n');
  const summary = summarizeLive(runs, durationMs);
  const records = runs.flatMap((r) => r.records);
  const failed = records.filter((r) => isFailure(r.verdict.verdict));
  if (failed.length) {
    show(c.bold(`not passing (${failed.length}):`));
    for (const r of failed) show(`  ${r.scenario} / ${r.step}\n${explainRecord(r, c).join('\n')}`);
    show('');
  }
  if (shape) show(`cluster: ${describeShape(shape)}`);
  show(renderLiveSummary(summary, c));
  const json = liveRunJson(runs, runId);
  const pairs = nodePairCounts(json);
  const pairsLine = renderNodePairsLine(pairs);
  if (pairsLine) show(pairsLine);
  for (const line of renderFamilyLines(records)) show(line);
  const api = runs.flatMap((r) => (r.apiRecords ?? []).map((a) => ({ run: r, a })));
  const apiContradicted = api.filter((x) => x.a.verdict !== 'pass').length;
  if (api.length) show(renderApiSummaryLine(api.length, apiContradicted, c));
  const apiJson = api.map((x) => apiRecordJson(x.run, x.a) as ApiRecordJson);
  const gated = { records: json, api: apiJson };
  const gate = judge(gated, opts.gate ?? { failOn: DEFAULT_FAIL_ON.run });
  for (const line of renderGate(gate, c)) show(line);
  if (annotationsOn())
    for (const a of gateAnnotations({
      records: json,
      api: apiJson,
      gate,
      ...(opts.gate?.baseline ? { baseline: opts.gate.baseline } : {}),
    }))
      show(a);
  if (opts.json)
    writeOutput(
      opts.json,
      JSON.stringify(runHeaderJson(runId, shape, opts.shardSet)) +
        '\n' +
        recordsJsonl(json) +
        apiJson.map((a) => JSON.stringify(a) + '\n').join(''),
      toStdout,
    );
  if (opts.writeBaseline) {
    const entries = baselineEntries(gated);
    writeOutput(opts.writeBaseline, renderBaseline(entries), toStdout);
    io.err(`wrote ${entries.length} baseline entries to ${opts.writeBaseline}`);
  }
  if (opts.junit) {
    const cases = records.map((record) => ({
      record,
      line: record.expectation.line,
      details: [
        `live: ${record.live.outcome}${record.live.reason ? ` (${record.live.reason})` : ''}`,
        ...(record.live.result?.repro ? [`repro: ${record.live.result.repro}`] : []),
      ],
      ...(record.live.result ? { seconds: record.live.result.durationMs / 1000 } : {}),
    }));
    const apiCases = apiJson.map(apiJunitCase);
    writeOutput(
      opts.junit,
      renderJunit(`netpol-harness run ${runId}`, [...cases, ...apiCases], shape ? shapeProperties(shape) : []),
      toStdout,
    );
  }
  if (opts.markdown)
    writeOutput(
      opts.markdown,
      renderLiveMarkdown(runs, summary, environment, shape, pairs) + renderGateMarkdown(gate),
      toStdout,
    );
  if (opts.html)
    writeOutput(
      opts.html,
      renderHtmlReport(json, {
        title: `netpol-harness run ${runId}`,
        generated: new Date().toISOString(),
        ...(shape ? { cluster: describeShape(shape) } : {}),
      }),
      toStdout,
    );
  if (runs.some((r) => r.error !== undefined) || (environment?.faults.length ?? 0) > 0) return EXIT.environment;
  return gate.failing.length ? EXIT.failed : EXIT.ok;
}
