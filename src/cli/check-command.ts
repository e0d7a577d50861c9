import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkScenario, type ScenarioCheck } from '../reachability/check.js';
import { findingsOf, type Finding } from '../reachability/findings.js';
import { LEGEND, renderFindings, renderScenario, renderSummary, summarize, type CheckSummary } from '../report/check-console.js';
import { renderFindingsMarkdown } from '../report/findings-markdown.js';
import { probeJson } from '../report/json.js';
import { renderJunit } from '../report/junit.js';
import { checkHtml } from '../report/check-html.js';
import { annotationsOn, recordAnnotations } from '../report/annotations.js';
import { renderRecordsMarkdown } from '../report/records-markdown.js';
import { colors } from '../report/table.js';
import { loadScenarios } from '../scenario/load.js';
import { EXIT } from '../errors.js';
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
  summary: CheckSummary;
  /** Which shard was checked, when only one was. */
  shardNote?: string;
}

export function checkCorpus(paths: string[], facts: ClusterFacts = DEFAULT_CLUSTER_FACTS, shard?: Shard): CorpusCheck {
  const { scenarios, note } = selectShard(loadScenarios(paths), shard);
  const checks = scenarios.map((s) => checkScenario(s, facts));
  const findings = checks.flatMap(findingsOf);
  return { checks, findings, summary: summarize(checks, findings), ...(note ? { shardNote: note } : {}) };
}

export function writeOutput(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** `netpol-harness check`: every scenario on the model alone. Returns the exit code. */
export function runCheck(paths: string[], opts: CheckOptions, out: (s: string) => void): number {
  const { checks, findings, summary, shardNote } = checkCorpus(paths, opts.facts, opts.shard);
  const c = colors(opts.color);
  if (!opts.quiet) {
    out(LEGEND);
    for (const check of checks) out('\n' + renderScenario(check, c));
    out('');
  }
  out(renderFindings(findings, c));
  out('');
  if (shardNote) out(shardNote);
  out(renderSummary(summary, c));
  const records = checks.flatMap((x) => x.records);
  const json = records.map((r) => probeJson(r));
  if (annotationsOn()) for (const a of recordAnnotations(json)) out(a);
  if (opts.json) writeOutput(opts.json, json.map((r) => JSON.stringify(r)).join('\n') + '\n');
  if (opts.markdown) writeOutput(opts.markdown, renderRecordsMarkdown('netpol-harness check', json));
  if (opts.junit) writeOutput(opts.junit, renderJunit('netpol-harness check', records.map((record) => ({ record }))));
  if (opts.html) writeOutput(opts.html, checkHtml(records, findings, new Date()));
  const failed = summary.disagreements + summary.derivedDisagreements + (opts.strict ? summary.inconclusive : 0);
  return failed > 0 ? EXIT.failed : EXIT.ok;
}

/** `netpol-harness findings`: writes the findings as Markdown. */
export function runFindings(paths: string[], outFile: string | undefined, out: (s: string) => void): number {
  const { findings, summary } = checkCorpus(paths);
  const md = renderFindingsMarkdown(findings, summary);
  if (outFile) {
    writeOutput(outFile, md);
    out(`wrote ${outFile}: ${findings.length} findings from ${summary.scenarios} scenarios`);
  } else out(md);
  return EXIT.ok;
}
