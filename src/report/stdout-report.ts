import { FlagError } from '../errors.js';

/** The report flags that take a file or `-` (stdout). */
export interface ReportTargets {
  json?: string | undefined;
  junit?: string | undefined;
  markdown?: string | undefined;
  html?: string | undefined;
  writeBaseline?: string | undefined;
}

const FLAGS: readonly [keyof ReportTargets, string][] = [
  ['json', '--json'],
  ['junit', '--junit'],
  ['markdown', '--markdown'],
  ['html', '--html'],
  ['writeBaseline', '--write-baseline'],
];

/**
 * The one report that goes to stdout (`-`), by its flag, or undefined. Then stdout holds that
 * report alone, and everything else (the console report, annotations) goes to stderr. Two of them
 * asking for stdout is a FlagError (exit 2), before anything runs.
 */
export function stdoutReport(targets: ReportTargets): string | undefined {
  const asking = FLAGS.filter(([k]) => targets[k] === '-').map(([, flag]) => flag);
  if (asking.length > 1)
    throw new FlagError(
      asking[1] as string,
      '-',
      `only one report can go to stdout, and ${asking[0]} - is already there (write the other to a file)`,
    );
  return asking[0];
}
