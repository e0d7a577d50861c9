import { REPORT_FILE_LIMIT } from '../compare/records.js';
import type { Command } from 'commander';
import { Option } from 'commander';
import { readBoundedText } from '../bounded-file.js';
import { EXIT } from '../errors.js';
import { annotationsOn, gateAnnotations } from '../report/annotations.js';
import { stdoutReport } from '../report/stdout-report.js';
import { renderHtmlReport } from '../report/html.js';
import { apiJunitCase, renderJunit } from '../report/junit.js';
import { shapeProperties, type ClusterShape } from '../cluster/shape.js';
import {
  isLive,
  parseRecordsJsonl,
  recordsJsonl,
  type ApiRecordJson,
  type HeaderJson,
  type RecordJson,
} from '../report/record-json.js';
import { renderBaseline } from '../report/baseline.js';
import { DEFAULT_FAIL_ON } from '../report/fail-on.js';
import { baselineEntries, judge, renderGate, renderGateMarkdown } from '../report/gate.js';
import { checkShardSet } from '../report/shard-set.js';
import { addGateOptions, gateFromFlags, readBaselineFile, type GateFlags } from './gate-options.js';
import { renderRecordsMarkdown } from '../report/records-markdown.js';
import { renderFailingRecords, renderRecordsSummary } from '../report/records-summary.js';
import { renderApiSummaryLine } from '../report/live-console.js';
import { colors } from '../report/table.js';
import { InputError, type Problem } from '../problems.js';
import { writeOutput } from './check-command.js';
import type { CommandInstaller, Io } from './program.js';

/** A --json report of a run or check: about 900 bytes a probe, so some 290,000 probes. */

export interface MergeOptions extends GateFlags {
  json?: string;
  junit?: string;
  markdown?: string;
  html?: string;
  color: boolean;
  /** Merge what is there: missing shards, or shards of different runs or corpora, are noted as "partial", not refused. */
  allowPartial?: boolean;
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

/**
 * The header of the merged --json: what one whole run of the same run set writes (no shard), with
 * the shards' run ids, and why it is partial. Check files get none: a whole check writes none.
 */
export function mergedHeader(headers: readonly HeaderJson[], partial: readonly string[]): HeaderJson | undefined {
  const first = headers[0];
  if (first?.kind !== 'run') return undefined;
  const shapes = new Set(headers.map((h) => JSON.stringify(h.shape ?? null)));
  return {
    kind: 'run',
    runId: headers.map((h) => String(h.runId ?? '')).join(' '),
    ...(first.runSet !== undefined ? { runSet: first.runSet } : {}),
    ...(first.corpus ? { corpus: first.corpus } : {}),
    ...(first.harnessVersion !== undefined ? { harnessVersion: first.harnessVersion } : {}),
    ...(first.shape && shapes.size === 1 ? { shape: first.shape } : {}),
    mergedFrom: headers.map((h) => h.shard ?? 'whole'),
    ...(partial.length ? { partial: [...partial] } : {}),
  };
}

/** `netpol-harness merge FILES…`: joins the --json files of shards and writes every report from them. */
export function runMerge(files: string[], opts: MergeOptions, io: Io): number {
  // Bad --fail-on or --baseline, two reports to stdout: exit 2 before the files are read.
  gateFromFlags({ ...opts, baseline: undefined }, 'merge');
  // stdout is for results: when a report goes there, it goes alone; the console report and annotations go to stderr.
  const show = stdoutReport(opts) ? io.err : io.out;
  const toStdout = (text: string) => io.out(text.replace(/\n$/, ''));
  const baseline = opts.baseline !== undefined ? readBaselineFile(opts.baseline) : undefined;
  const problems: Problem[] = [];
  const parts: { file: string; records: RecordJson[]; headers: HeaderJson[] }[] = [];
  const api: ApiRecordJson[] = [];
  for (const file of files) {
    const read = readBoundedText(file, REPORT_FILE_LIMIT);
    if (!read.ok) {
      problems.push({ file, line: 0, column: 0, path: '', message: read.message });
      continue;
    }
    const text = read.text;
    try {
      const headers: HeaderJson[] = [];
      parts.push({ file, records: parseRecordsJsonl(file, text, api, headers), headers });
    } catch (err) {
      if (err instanceof InputError) problems.push(...err.problems);
      else throw err;
    }
  }
  if (problems.length) throw new InputError(problems);
  // Whether the files are one run's shards, every one there once: before the records are joined.
  const set = checkShardSet(
    parts.map((p) => ({ ...p, check: p.records.length > 0 && !isLive(p.records) })),
    opts.allowPartial,
  );
  if (set.duplicates.length || set.refusals.length)
    throw new InputError([
      ...set.duplicates,
      ...set.refusals.map((p) => ({ ...p, message: `${p.message} (--allow-partial merges them anyway)` })),
    ]);
  const records = mergeRecords(parts);
  for (const w of set.warnings) io.err(`warning: ${w}`);
  for (const p of parts)
    io.err(`${p.file}: ${p.records.length} records, ${new Set(p.records.map((r) => r.scenario)).size} scenarios`);
  const c = colors(opts.color);
  const partial = set.partial.length ? `partial (--allow-partial): ${set.partial.join('; ')}` : undefined;
  if (partial) show(c.yellow(partial));
  const bad = renderFailingRecords(records, c);
  if (bad.length) show([c.bold(`not passing (${bad.length}):`), ...bad, ''].join('\n'));
  show(renderRecordsSummary(records, c));
  const apiContradicted = api.filter((a) => a.verdict !== 'pass').length;
  if (api.length) show(renderApiSummaryLine(api.length, apiContradicted, c));
  // What fails: as the command that wrote the files would (check or run), unless --fail-on says.
  const command = isLive(records) || api.length ? 'run' : 'check';
  const gated = { records, api };
  const gate = judge(gated, {
    ...gateFromFlags({ ...opts, baseline: undefined }, 'merge', DEFAULT_FAIL_ON[command]),
    ...(baseline ? { baseline } : {}),
  });
  for (const line of renderGate(gate, c)) show(line);
  if (annotationsOn())
    for (const a of gateAnnotations({ records, api, gate, ...(baseline ? { baseline } : {}) })) show(a);
  const title = mergedTitle(records);
  // As run --json writes them: the header, the probe records, then the API expectations' (in scenario order).
  const apiInOrder = inScenarioOrder(api, (a) => a);
  const header = mergedHeader(
    parts.flatMap((p) => p.headers.slice(0, 1)),
    set.partial,
  );
  if (opts.json)
    writeOutput(
      opts.json,
      (header ? JSON.stringify(header) + '\n' : '') + recordsJsonl(records) + recordsJsonl(apiInOrder),
      toStdout,
    );
  if (opts.writeBaseline) {
    const entries = baselineEntries(gated);
    writeOutput(opts.writeBaseline, renderBaseline(entries), toStdout);
    io.err(`wrote ${entries.length} baseline entries to ${opts.writeBaseline}`);
  }
  if (opts.junit)
    writeOutput(
      opts.junit,
      renderJunit(
        title,
        [...records.map(junitCase), ...apiInOrder.map(apiJunitCase)],
        header?.kind === 'run' && header.shape ? shapeProperties(header.shape as unknown as ClusterShape) : [],
      ),
      toStdout,
    );
  if (opts.markdown)
    writeOutput(
      opts.markdown,
      (partial ? `> **Partial** (--allow-partial): ${set.partial.join('; ')}\n\n` : '') +
        renderRecordsMarkdown(title, records) +
        renderGateMarkdown(gate),
      toStdout,
    );
  if (opts.html)
    writeOutput(
      opts.html,
      renderHtmlReport(records, {
        title: `${partial ? 'PARTIAL: ' : ''}${title} (merged from ${files.length} files)`,
        generated: new Date().toISOString(),
      }),
      toStdout,
    );
  return gate.failing.length ? EXIT.failed : EXIT.ok;
}

/** A JUnit case as check and run write it: live details and the repro line in the failure body. */
function junitCase(r: RecordJson) {
  const record = { ...r, verdict: { verdict: r.verdict, reason: r.reason }, model: { explanation: r.explanation } };
  if (r.live === undefined) return { record, line: r.line };
  return {
    record,
    line: r.line,
    details: [`live: ${r.live}${r.liveReason ? ` (${r.liveReason})` : ''}`, ...(r.repro ? [`repro: ${r.repro}`] : [])],
    ...(r.durationMs !== undefined ? { seconds: r.durationMs / 1000 } : {}),
  };
}

export const installMergeCommand: CommandInstaller = (program: Command, io: Io, setExit: (code: number) => void) => {
  const merge = program
    .command('merge')
    .description('join the --json files of several shards (check or run --shard i/n) into one report set')
    .argument('<files...>', 'JSON-lines files written by check --json or run --json')
    .option('--json <file>', "write the merged records (JSON lines; '-': stdout, and the report goes to stderr)")
    .option('--junit <file>', "write JUnit XML ('-': stdout)")
    .option('--markdown <file>', "write a Markdown summary (CI job summary; '-': stdout)")
    .option('--html <file>', "write a self-contained HTML report ('-': stdout)")
    .option(
      '--allow-partial',
      'merge even when a shard is missing or the files are of different run sets, corpora or harness versions; the reports then say "partial" at the top (a shard given twice is still refused)',
    )
    .addOption(new Option('--no-color', 'no colours').default(io.colorOut));
  addGateOptions(merge, 'merge').action((files: string[], opts: MergeOptions) => {
    setExit(runMerge(files, opts, io));
  });
};
