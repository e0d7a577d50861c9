import { readSeedLines } from '../reachability/seed-lines.js';
import { checkScenario, type ScenarioCheck } from '../reachability/check.js';
import { mistakeConfirmations, type MistakeConfirmation } from '../reachability/annotated-findings.js';
import { findingsOf, type Finding } from '../reachability/findings.js';
import { harnessReadingsOf } from '../reachability/harness-reading.js';
import { parseRecordsJsonl } from '../report/record-json.js';
import { InputError } from '../problems.js';
import { readFileSync } from 'node:fs';
import {
  LEGEND,
  renderFindings,
  renderScenario,
  renderSummary,
  summarize,
  type CheckSummary,
} from '../report/check-console.js';
import { renderFindingsMarkdown } from '../report/findings-markdown.js';
import { probeJson } from '../report/json.js';
import { renderJunit } from '../report/junit.js';
import { checkHtml } from '../report/check-html.js';
import { annotationsOn, gateAnnotations } from '../report/annotations.js';
import { stdoutReport } from '../report/stdout-report.js';
import { renderRecordsMarkdown } from '../report/records-markdown.js';
import { colors } from '../report/table.js';
import { loadScenarios } from '../scenario/load.js';
import { EXIT } from '../errors.js';
import { terminalText } from '../terminal-text.js';
import { writeOutput } from '../report/write-output.js';

export { writeOutput };
import { DEFAULT_CLUSTER_FACTS, type ClusterFacts } from '../model/types.js';
import { selectShard, type Shard } from './shard.js';
import { corpusFingerprint, type CorpusFingerprint } from '../scenario/fingerprint.js';
import type { ManifestIdentity } from '../report/baseline.js';
import { renderBaseline } from '../report/baseline.js';
import { DEFAULT_FAIL_ON, FAIL_CLASSES, type FailClass } from '../report/fail-on.js';
import { baselineEntries, judge, renderGate, renderGateMarkdown, type Gate } from '../report/gate.js';
import { VERSION } from '../harness-version.js';

export interface CheckOptions {
  facts?: ClusterFacts;
  json?: string;
  junit?: string;
  html?: string;
  markdown?: string;
  quiet?: boolean;
  color: boolean;
  strict?: boolean;
  /** Only this part of the corpus (`--shard i/n`). */
  shard?: Shard;
  /** With --shard: the run set the JSON header names (`--run-set`). */
  runSet?: string;
  /** What fails the check (`--fail-on`, `--baseline`); check's default when absent. --strict adds to it. */
  gate?: Gate;
  /** Write the outcomes that did not pass here (`--write-baseline`). */
  writeBaseline?: string;
}

export interface CorpusCheck {
  checks: ScenarioCheck[];
  findings: Finding[];
  confirmations: MistakeConfirmation[];
  summary: CheckSummary;
  /** Which shard was checked, when only one was. */
  shardNote?: string;
  /** With a shard: the whole corpus's fingerprint (what merge checks the shards by). */
  corpus?: CorpusFingerprint;
}

export function checkCorpus(paths: string[], facts: ClusterFacts = DEFAULT_CLUSTER_FACTS, shard?: Shard): CorpusCheck {
  const corpus = loadScenarios(paths);
  const { scenarios, note } = selectShard(corpus, shard);
  const checks = scenarios.map((s) => checkScenario(s, facts));
  const findings = checks.flatMap(findingsOf);
  return {
    checks,
    findings,
    confirmations: checks.flatMap(mistakeConfirmations),
    summary: summarize(checks, findings),
    ...(note ? { shardNote: note } : {}),
    ...(shard ? { corpus: corpusFingerprint(corpus) } : {}),
  };
}

/** The manifests the API server would reject, applied or not (what `rejected` fails on). */
export function rejectedManifests(checks: readonly ScenarioCheck[]): ManifestIdentity[] {
  return checks.flatMap((c) =>
    c.scenario.policies.flatMap((p) =>
      p.documents.flatMap((d) =>
        d.accepted ? [] : [{ scenario: c.scenario.name, policy: p.id, ...(d.name ? { name: d.name } : {}) }],
      ),
    ),
  );
}

/** The gate's baseline, for annotations that put known outcomes after new ones. */
export function baselineOf(gate: Gate): { baseline?: NonNullable<Gate['baseline']> } {
  return gate.baseline ? { baseline: gate.baseline } : {};
}

/** `netpol-harness check`: every scenario on the model alone. Returns the exit code. */
export function runCheck(
  paths: string[],
  opts: CheckOptions,
  out: (s: string) => void,
  err: (s: string) => void = out,
  verbose: (s: string) => void = () => undefined,
): number {
  // stdout is for results: when a report goes there, it goes alone, and the console report goes to stderr.
  const sink = stdoutReport(opts) ? err : out;
  // Names come from the input and may hold control characters: the report shows them escaped.
  const show = (s: string) => sink(terminalText(s, opts.color));
  const started = performance.now();
  const { checks, findings, summary, confirmations, shardNote, corpus } = checkCorpus(paths, opts.facts, opts.shard);
  verbose(
    `checked ${checks.length} scenarios (${checks.reduce((n, c) => n + c.records.length, 0)} probes) in ${Math.round(performance.now() - started)} ms`,
  );
  const c = colors(opts.color);
  if (!opts.quiet) {
    show(LEGEND);
    for (const check of checks) show('\n' + renderScenario(check, c));
    show('');
  }
  show(renderFindings(findings, c));
  if (confirmations.length)
    show(
      `deliberate mistakes of the documents that behave as the documents say: ${confirmations.map((m) => `${m.scenario}/${m.policy}`).join(', ')}`,
    );
  show('');
  if (shardNote) show(shardNote);
  show(renderSummary(summary, c));
  const records = checks.flatMap((x) => x.records);
  const json = records.map((r) => probeJson(r));
  // A manifest the API server would reject is a finding whether or not a probe depends on it; --strict fails on it.
  const rejected = rejectedManifests(checks);
  const gated = { records: json, rejected };
  const asked = opts.gate ?? { failOn: DEFAULT_FAIL_ON.check };
  // --strict: also what the spec leaves undefined, and manifests the API server would reject.
  const strict: readonly FailClass[] = opts.strict ? ['inconclusive', 'rejected'] : [];
  const gate = judge(gated, {
    ...asked,
    failOn: FAIL_CLASSES.filter((k) => asked.failOn.includes(k) || strict.includes(k)),
  });
  if (opts.strict && rejected.length + summary.inconclusive > 0)
    show(
      `strict: ${rejected.length} rejected manifest${rejected.length === 1 ? '' : 's'} and ${summary.inconclusive} probe${summary.inconclusive === 1 ? '' : 's'} undefined by the spec count as failures`,
    );
  for (const line of renderGate(gate, c)) show(line);
  if (annotationsOn()) for (const a of gateAnnotations({ records: json, gate, ...baselineOf(asked) })) sink(a);
  const toStdout = (text: string) => out(text.replace(/\n$/, ''));
  // With --shard the file starts with a header, so merge can tell the shards are of one corpus and all there.
  const header = opts.shard
    ? JSON.stringify({
        kind: 'check',
        ...(opts.runSet ? { runSet: opts.runSet } : {}),
        shard: `${opts.shard.index}/${opts.shard.count}`,
        ...(corpus ? { corpus } : {}),
        harnessVersion: VERSION,
      }) + '\n'
    : '';
  if (opts.json) writeOutput(opts.json, header + json.map((r) => JSON.stringify(r)).join('\n') + '\n', toStdout);
  if (opts.writeBaseline) {
    const entries = baselineEntries(gated);
    writeOutput(opts.writeBaseline, renderBaseline(entries), toStdout);
    err(`wrote ${entries.length} baseline entries to ${opts.writeBaseline}`);
  }
  if (opts.markdown)
    writeOutput(
      opts.markdown,
      renderRecordsMarkdown('netpol-harness check', json) + renderGateMarkdown(gate),
      toStdout,
    );
  if (opts.junit)
    writeOutput(
      opts.junit,
      renderJunit(
        'netpol-harness check',
        records.map((record) => ({ record, line: record.expectation.line })),
      ),
      toStdout,
    );
  if (opts.html) writeOutput(opts.html, checkHtml(records, findings, new Date()), toStdout);
  return gate.failing.length > 0 ? EXIT.failed : EXIT.ok;
}

function readLiveFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new InputError([{ file, line: 0, column: 0, path: '', message: `cannot read: ${why}` }]);
  }
}

/**
 * The findings as Markdown (docs/findings.md): from the model, what the cluster did from a recorded
 * live run's records when given (`--live FILE`, as `run --json` writes them).
 */
export function findingsMarkdown(
  paths: string[],
  liveFile?: string,
): { md: string; findings: number; scenarios: number } {
  const { checks, findings, summary, confirmations } = checkCorpus(paths);
  const live = liveFile ? { file: liveFile, records: parseRecordsJsonl(liveFile, readLiveFile(liveFile)) } : undefined;
  const md = renderFindingsMarkdown(
    findings,
    summary,
    confirmations,
    live,
    checks.flatMap(harnessReadingsOf),
    readSeedLines(),
  );
  return { md, findings: findings.length, scenarios: summary.scenarios };
}

/** `netpol-harness findings`: writes the findings as Markdown. */
export function runFindings(
  paths: string[],
  outFile: string | undefined,
  out: (s: string) => void,
  liveFile?: string,
): number {
  const { md, findings, scenarios } = findingsMarkdown(paths, liveFile);
  const summary = { scenarios };
  if (outFile) {
    writeOutput(outFile, md);
    out(`wrote ${outFile}: ${findings} findings from ${summary.scenarios} scenarios`);
  } else out(md);
  return EXIT.ok;
}
