import { checkScenario, type ScenarioCheck } from '../reachability/check.js';
import { mistakeConfirmations, type MistakeConfirmation } from '../reachability/annotated-findings.js';
import { findingsOf, type Finding } from '../reachability/findings.js';
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
import { annotationsOn, recordAnnotations } from '../report/annotations.js';
import { renderRecordsMarkdown } from '../report/records-markdown.js';
import { colors } from '../report/table.js';
import { loadScenarios } from '../scenario/load.js';
import { EXIT } from '../errors.js';
import { terminalText } from './terminal-text.js';
import { FlagError } from '../errors.js';
import { writeOutput } from '../report/write-output.js';

export { writeOutput };
import { DEFAULT_CLUSTER_FACTS, type ClusterFacts } from '../model/types.js';
import { selectShard, type Shard } from './shard.js';

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
}

export interface CorpusCheck {
  checks: ScenarioCheck[];
  findings: Finding[];
  confirmations: MistakeConfirmation[];
  summary: CheckSummary;
  /** Which shard was checked, when only one was. */
  shardNote?: string;
}

export function checkCorpus(paths: string[], facts: ClusterFacts = DEFAULT_CLUSTER_FACTS, shard?: Shard): CorpusCheck {
  const { scenarios, note } = selectShard(loadScenarios(paths), shard);
  const checks = scenarios.map((s) => checkScenario(s, facts));
  const findings = checks.flatMap(findingsOf);
  return {
    checks,
    findings,
    confirmations: checks.flatMap(mistakeConfirmations),
    summary: summarize(checks, findings),
    ...(note ? { shardNote: note } : {}),
  };
}

/** `netpol-harness check`: every scenario on the model alone. Returns the exit code. */
export function runCheck(
  paths: string[],
  opts: CheckOptions,
  out: (s: string) => void,
  err: (s: string) => void = out,
  verbose: (s: string) => void = () => undefined,
): number {
  if (opts.json === '-' && opts.junit === '-')
    throw new FlagError('--junit', '-', 'only one report can go to stdout (--json - is already there)');
  // stdout is for results: when a report goes there, the human-readable report goes to stderr.
  const sink = opts.json === '-' || opts.junit === '-' ? err : out;
  // Names come from the input and may hold control characters: the report shows them escaped.
  const show = (s: string) => sink(terminalText(s, opts.color));
  const started = performance.now();
  const { checks, findings, summary, confirmations, shardNote } = checkCorpus(paths, opts.facts, opts.shard);
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
  if (annotationsOn()) for (const a of recordAnnotations(json)) out(a);
  const toStdout = (text: string) => out(text.replace(/\n$/, ''));
  if (opts.json) writeOutput(opts.json, json.map((r) => JSON.stringify(r)).join('\n') + '\n', toStdout);
  if (opts.markdown) writeOutput(opts.markdown, renderRecordsMarkdown('netpol-harness check', json), toStdout);
  if (opts.junit)
    writeOutput(
      opts.junit,
      renderJunit(
        'netpol-harness check',
        records.map((record) => ({ record })),
      ),
      toStdout,
    );
  if (opts.html) writeOutput(opts.html, checkHtml(records, findings, new Date()), toStdout);
  // A manifest the API server would reject is a finding whether or not a probe depends on it; --strict fails on it.
  const rejected = findings.filter((f) => f.kind === 'manifest-rejected').length;
  if (opts.strict && rejected + summary.inconclusive > 0)
    show(
      `strict: ${rejected} rejected manifest${rejected === 1 ? '' : 's'} and ${summary.inconclusive} probe${summary.inconclusive === 1 ? '' : 's'} undefined by the spec count as failures`,
    );
  const failed =
    summary.disagreements + summary.derivedDisagreements + (opts.strict ? summary.inconclusive + rejected : 0);
  return failed > 0 ? EXIT.failed : EXIT.ok;
}

/** `netpol-harness findings`: writes the findings as Markdown. */
export function runFindings(paths: string[], outFile: string | undefined, out: (s: string) => void): number {
  const { findings, summary, confirmations } = checkCorpus(paths);
  const md = renderFindingsMarkdown(findings, summary, confirmations);
  if (outFile) {
    writeOutput(outFile, md);
    out(`wrote ${outFile}: ${findings.length} findings from ${summary.scenarios} scenarios`);
  } else out(md);
  return EXIT.ok;
}
