import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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
import { EnvironmentError, EXIT } from '../errors.js';
import { escapeUnprintable } from '../scenario/excerpt.js';
import { OutputPathError } from './output-path-error.js';
import { terminalText } from './terminal-text.js';
import { FlagError } from './flag-error.js';
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

/** Why a report could not be written where it was asked to go: the path's fault (exit 2). */
const PATH_FAULTS: Record<string, string> = {
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'a part of the path is a file, not a directory',
  ENOENT: 'no such directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links (a loop?)',
};

/** Why a report could not be written: the machine's fault (exit 3). */
const DISK_FAULTS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EFBIG: 'file too large',
};

function writeError(file: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const where = `cannot write ${escapeUnprintable(file)}`;
  const pathFault = code ? PATH_FAULTS[code] : undefined;
  if (pathFault) return new OutputPathError(`${where}: ${pathFault} (${code})`);
  const diskFault = code ? DISK_FAULTS[code] : undefined;
  const why = diskFault ?? escapeUnprintable(err instanceof Error ? err.message : String(err));
  return new EnvironmentError(`${where}: ${why}${diskFault ? ` (${code})` : ''}`);
}

/** `mkdir -p`, one folder at a time: Node's recursive mkdir retries forever where mkdir says ENOENT of a folder that exists (/proc). */
function makeFolder(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d) && dirname(d) !== d; d = dirname(d)) missing.push(d);
  for (const d of missing.reverse()) mkdirSync(d);
}

/**
 * Writes a report to `file` (its folder made if missing), or to stdout when `file` is `-`. A path
 * that cannot take it (a directory, no permission) is an OutputPathError (exit 2), a full disk or
 * an I/O error an EnvironmentError (exit 3); both name the file and the error code.
 */
export function writeOutput(
  file: string,
  text: string,
  stdout: (s: string) => void = (s) => void process.stdout.write(s),
): void {
  if (file === '-') {
    stdout(text);
    return;
  }
  try {
    makeFolder(dirname(file));
    writeFileSync(file, text);
  } catch (err) {
    throw writeError(file, err);
  }
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
