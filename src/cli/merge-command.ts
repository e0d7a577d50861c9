import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import { EXIT } from '../errors.js';
import { annotationsOn, recordAnnotations } from '../report/annotations.js';
import { renderHtmlReport } from '../report/html.js';
import { apiJunitCase, renderJunit } from '../report/junit.js';
import { isLive, parseRecordsJsonl, recordsJsonl, type ApiRecordJson, type RecordJson } from '../report/record-json.js';
import { renderRecordsMarkdown } from '../report/records-markdown.js';
import { failing, renderFailingRecords, renderRecordsSummary } from '../report/records-summary.js';
import { renderApiSummaryLine } from '../report/live-console.js';
import { colors } from '../report/table.js';
import { InputError, type Problem } from '../problems.js';
import { writeOutput } from './check-command.js';
import type { CommandInstaller, Io } from './program.js';

export interface MergeOptions {
  json?: string;
  junit?: string;
  markdown?: string;
  html?: string;
  color: boolean;
}

/**
 * The records of several shards as one set, in corpus order (by scenario file), each scenario's
 * records in the order its shard wrote them. A scenario found in two files, or check records
 * mixed with live ones, is bad input.
 */
export function mergeRecords(parts: readonly { file: string; records: readonly RecordJson[] }[]): RecordJson[] {
  const owner = new Map<string, string>();
  const byScenario = new Map<string, RecordJson[]>();
  const problems: Problem[] = [];
  for (const { file, records } of parts) {
    for (const r of records) {
      const first = owner.get(r.scenario);
      if (first === undefined) owner.set(r.scenario, file);
      else if (first !== file) {
        problems.push({
          file,
          line: 0,
          column: 0,
          path: '',
          message: `scenario "${r.scenario}" is also in ${first}: merge joins disjoint shards`,
        });
        owner.set(r.scenario, file);
        continue;
      }
      byScenario.set(r.scenario, [...(byScenario.get(r.scenario) ?? []), r]);
    }
  }
  const kinds = new Set(parts.filter((p) => p.records.length).map((p) => (isLive(p.records) ? 'run' : 'check')));
  if (kinds.size > 1)
    problems.push({
      file: parts.map((p) => p.file).join(' '),
      line: 0,
      column: 0,
      path: '',
      message: 'these files mix check records and live run records',
    });
  if (problems.length) throw new InputError(problems);
  return inScenarioOrder([...byScenario.values()], (rs) => rs[0] ?? {}).flat();
}

/** Items in the order of their scenario's file, then name: the order one whole run writes them in. */
function inScenarioOrder<T>(items: T[], scenarioOf: (item: T) => { scenarioFile?: unknown; scenario?: string }): T[] {
  const key = (item: T) => `${String(scenarioOf(item).scenarioFile ?? '')}\u0000${scenarioOf(item).scenario ?? ''}`;
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** What --junit names the suite set: as check or run would, so a merge and one whole run agree. */
export function mergedTitle(records: readonly RecordJson[]): string {
  if (!isLive(records)) return 'netpol-harness check';
  const runs = [...new Set(records.map((r) => (r.runId ?? '').replace(/-[0-9a-z]+$/, '')))].filter(Boolean);
  return `netpol-harness run ${runs.join(' ')}`.trimEnd();
}

/** `netpol-harness merge FILES…`: joins the --json files of shards and writes every report from them. */
export function runMerge(files: string[], opts: MergeOptions, io: Io): number {
  const problems: Problem[] = [];
  const parts: { file: string; records: RecordJson[] }[] = [];
  const api: ApiRecordJson[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      problems.push({
        file,
        line: 0,
        column: 0,
        path: '',
        message: `cannot read: ${err instanceof Error ? err.message : String(err)}`,
      });
      continue;
    }
    try {
      parts.push({ file, records: parseRecordsJsonl(file, text, api) });
    } catch (err) {
      if (err instanceof InputError) problems.push(...err.problems);
      else throw err;
    }
  }
  if (problems.length) throw new InputError(problems);
  const records = mergeRecords(parts);
  for (const p of parts)
    io.err(`${p.file}: ${p.records.length} records, ${new Set(p.records.map((r) => r.scenario)).size} scenarios`);
  const c = colors(opts.color);
  const bad = renderFailingRecords(records, c);
  if (bad.length) io.out([c.bold(`not passing (${bad.length}):`), ...bad, ''].join('\n'));
  io.out(renderRecordsSummary(records, c));
  const apiContradicted = api.filter((a) => a.verdict !== 'pass').length;
  if (api.length) io.out(renderApiSummaryLine(api.length, apiContradicted, c));
  if (annotationsOn()) for (const a of recordAnnotations(records)) io.out(a);
  const title = mergedTitle(records);
  // As run --json writes them: the probe records, then the API expectations' (in scenario order).
  const apiInOrder = inScenarioOrder(api, (a) => a);
  if (opts.json) writeOutput(opts.json, recordsJsonl(records) + recordsJsonl(apiInOrder));
  if (opts.junit)
    writeOutput(opts.junit, renderJunit(title, [...records.map(junitCase), ...apiInOrder.map(apiJunitCase)]));
  if (opts.markdown) writeOutput(opts.markdown, renderRecordsMarkdown(title, records));
  if (opts.html)
    writeOutput(
      opts.html,
      renderHtmlReport(records, {
        title: `${title} (merged from ${files.length} files)`,
        generated: new Date().toISOString(),
      }),
    );
  return records.some(failing) || apiContradicted ? EXIT.failed : EXIT.ok;
}

/** A JUnit case as check and run write it: live details and the repro line in the failure body. */
function junitCase(r: RecordJson) {
  const record = { ...r, verdict: { verdict: r.verdict, reason: r.reason }, model: { explanation: r.explanation } };
  if (r.live === undefined) return { record };
  return {
    record,
    details: [`live: ${r.live}${r.liveReason ? ` (${r.liveReason})` : ''}`, ...(r.repro ? [`repro: ${r.repro}`] : [])],
    ...(r.durationMs !== undefined ? { seconds: r.durationMs / 1000 } : {}),
  };
}

export const installMergeCommand: CommandInstaller = (program: Command, io: Io, setExit: (code: number) => void) => {
  program
    .command('merge')
    .description('join the --json files of several shards (check or run --shard i/n) into one report set')
    .argument('<files...>', 'JSON-lines files written by check --json or run --json')
    .option('--json <file>', 'write the merged records (JSON lines)')
    .option('--junit <file>', 'write JUnit XML')
    .option('--markdown <file>', 'write a Markdown summary (CI job summary)')
    .option('--html <file>', 'write a self-contained HTML report')
    .addOption(new Option('--no-color', 'no colours').default(io.colorOut))
    .action((files: string[], opts: MergeOptions) => {
      setExit(runMerge(files, opts, io));
    });
};
