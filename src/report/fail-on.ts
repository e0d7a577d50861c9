import { FlagError } from '../errors.js';

/**
 * What can make a command exit 1: the probes' verdicts other than pass, an API expectation the
 * cluster answered otherwise (`api-contradicted`), and a manifest the API server would reject
 * (`rejected`, check only).
 */
export const FAIL_CLASSES = [
  'enforcement-mismatch',
  'document-defect',
  'derived-contradiction',
  'disagrees',
  'flaky',
  'inconclusive',
  'not-sent',
  'api-contradicted',
  'rejected',
] as const;
export type FailClass = (typeof FAIL_CLASSES)[number];

/**
 * The commands that judge verdicts. merge takes run's classes (a check's are among them, but for
 * `rejected`: manifests are not in the --json records), and judges check files by check's default.
 */
export type GateCommand = 'check' | 'run';

/** The classes each command can produce, in report order. */
export const CLASSES_OF: Record<GateCommand, readonly FailClass[]> = {
  check: ['disagrees', 'inconclusive', 'rejected'],
  run: [
    'enforcement-mismatch',
    'document-defect',
    'derived-contradiction',
    'disagrees',
    'flaky',
    'inconclusive',
    'not-sent',
    'api-contradicted',
  ],
};

/**
 * What fails when `--fail-on` is not given. check: the document disagrees with the spec. run: the
 * cluster does not do what the spec says, or gave changing answers, or the API answered otherwise.
 * A run's document-defect (spec and cluster agree, the document is wrong) is check's disagreement,
 * kept in the corpus on purpose (docs/findings.md), so a run does not fail on it by default; nor
 * on a derived-contradiction (the same on a derived expectation: check's derived disagreement).
 */
export const DEFAULT_FAIL_ON: Record<GateCommand, readonly FailClass[]> = {
  check: ['disagrees'],
  run: ['enforcement-mismatch', 'disagrees', 'flaky', 'api-contradicted'],
};

/** `--fail-on`'s help text for a command: the classes it takes and its default. */
export function failOnHelp(command: GateCommand | 'merge'): string {
  const known = CLASSES_OF[command === 'merge' ? 'run' : command];
  const dflt =
    command === 'merge'
      ? `as the command that wrote the files: check ${DEFAULT_FAIL_ON.check.join(',')}; run ${DEFAULT_FAIL_ON.run.join(',')}`
      : DEFAULT_FAIL_ON[command].join(',');
  return `exit 1 when any of these occurs (a comma list of ${known.join(', ')}; or all, none, default; default: ${dflt})`;
}

/**
 * The classes `--fail-on` names for `command` (merge: run's), in report order. `all` is every
 * class the command can produce, `none` nothing, `default` its default; they combine with names
 * (`default,document-defect`). An unknown name is a FlagError listing the valid ones.
 */
export function parseFailOn(value: string, command: GateCommand | 'merge', dflt?: readonly FailClass[]): FailClass[] {
  const known = CLASSES_OF[command === 'merge' ? 'run' : command];
  const words = value
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
  const expected = `expected a comma list of ${known.join(', ')}, or all, none, default`;
  if (words.length === 0) throw new FlagError('--fail-on', value, expected);
  const picked = new Set<FailClass>();
  for (const w of words) {
    if (w === 'none') continue;
    if (w === 'all') for (const c of known) picked.add(c);
    else if (w === 'default')
      for (const c of dflt ?? (command === 'merge' ? DEFAULT_FAIL_ON.run : DEFAULT_FAIL_ON[command])) picked.add(c);
    else if ((known as readonly string[]).includes(w)) picked.add(w as FailClass);
    else {
      const elsewhere = (FAIL_CLASSES as readonly string[]).includes(w) ? ` (${w} does not occur in ${command})` : '';
      throw new FlagError('--fail-on', value, `${expected}${elsewhere}`);
    }
  }
  if (words.includes('none') && picked.size > 0)
    throw new FlagError('--fail-on', value, 'none cannot be combined with classes');
  return FAIL_CLASSES.filter((c) => picked.has(c));
}
