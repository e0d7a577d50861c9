import type { Problem } from '../problems.js';
import type { RecordJson } from './record-json.js';

const FAILING: readonly string[] = [
  'disagrees',
  'document-defect',
  'derived-contradiction',
  'enforcement-mismatch',
  'flaky',
];

/** Whether to print GitHub workflow commands: GitHub Actions sets GITHUB_ACTIONS=true in every step. */
export function annotationsOn(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.GITHUB_ACTIONS) && env.GITHUB_ACTIONS !== 'false';
}

/** A workflow command's message: %, CR and LF escaped, so a message of several lines stays one command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: also , and : escaped. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface AnnotationPlace {
  file: string;
  line?: number;
  col?: number;
  title?: string;
}

/** `::error file=…,line=…,title=…::message`: GitHub shows it on that line of the pull request. */
export function annotation(level: 'error' | 'warning', at: AnnotationPlace, message: string): string {
  const props = [`file=${escapeProperty(at.file)}`];
  if (at.line && at.line > 0) props.push(`line=${at.line}`);
  if (at.col && at.col > 0) props.push(`col=${at.col}`);
  if (at.title) props.push(`title=${escapeProperty(at.title)}`);
  return `::${level} ${props.join(',')}::${escapeData(message)}`;
}

/**
 * One error per probe whose verdict fails, on the expectation's line, with the model's explanation.
 * With a gate (`failsGate`), only what fails it is an error; other probes that did not pass are warnings.
 */
export function recordAnnotations(records: readonly RecordJson[], failsGate?: (r: RecordJson) => boolean): string[] {
  return records
    .filter((r) => FAILING.includes(r.verdict) || failsGate?.(r))
    .map((r) => {
      const live = r.live !== undefined ? `, the cluster did ${r.live}` : '';
      const lines = [
        `${r.from} → ${r.to} (${r.tool}) in step "${r.step}": document ${r.documented.join(' or ')}, model ${r.model}${live}: ${r.reason}`,
        ...r.explanation,
      ];
      if (r.repro) lines.push(`repro: ${r.repro}`);
      return annotation(
        failsGate && !failsGate(r) ? 'warning' : 'error',
        { file: r.scenarioFile, line: r.line, title: `netpol-harness ${r.verdict}: ${r.scenario}` },
        lines.join('\n'),
      );
    });
}

/** One error per bad-input problem, on its line and column. */
export function problemAnnotations(problems: readonly Problem[]): string[] {
  return problems.map((p) =>
    annotation(
      'error',
      { file: p.file, line: p.line, col: p.column, title: 'netpol-harness: bad input' },
      p.path ? `${p.path}: ${p.message}` : p.message,
    ),
  );
}
