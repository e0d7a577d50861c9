import { obj, str, type Schema } from './schema.js';
import type { RawRecordedFinding } from './raw.js';

/**
 * What a scenario says about the document beyond its probes: a policy the document shows as a
 * deliberate mistake, a setup step the document relies on but never shows, and defects of the
 * document's text that no probe can show. Each is cited (quote, section) and carries the change to
 * make in the document (`fix`).
 */

/** A policy the document shows on purpose as wrong ("❌ WRONG", "Common mistake"), and what it says is wrong with it. */
export interface Mistake {
  quote: string;
  says: string;
}

/** A step the scenario adds because the document relies on it without showing it (e.g. a namespace label). */
export interface Prerequisite {
  reason: string;
  fix?: string;
}

export type RecordedFindingKind =
  'prose-contradicts-manifest' | 'command-cannot-work' | 'incomplete-example' | 'step-after-delete' | 'out-of-date';

export const RECORDED_FINDING_KINDS: readonly RecordedFindingKind[] = [
  'prose-contradicts-manifest',
  'command-cannot-work',
  'incomplete-example',
  'step-after-delete',
  'out-of-date',
];

/** A defect of the document's text, recorded by the scenario's author: no probe can show it. */
export interface RecordedFinding {
  kind: RecordedFindingKind;
  file: string;
  section: string;
  /** The document's words. */
  quote: string;
  /** What is wrong with them, and the evidence. */
  says: string;
  /** What to change in the document. */
  fix: string;
  line: number;
}

export const mistakeSchema = obj({ quote: str(), says: str() }, ['quote', 'says']);

export const recordedFindingSchema = obj(
  { kind: str({ enum: RECORDED_FINDING_KINDS }), file: str(), section: str(), quote: str(), says: str(), fix: str() },
  ['kind', 'section', 'quote', 'says', 'fix'],
);

/** The fields steps gain: `prerequisite: true` with its `reason` (and an optional `fix`). */
export const prerequisiteStepFields = {
  prerequisite: { type: 'bool' },
  reason: str(),
  fix: str(),
} as const satisfies Record<string, Schema>;

export interface RawPrerequisiteStep {
  prerequisite?: boolean;
  reason?: string;
  fix?: string;
  apply?: string[];
  delete?: string[];
  label?: unknown[];
}

/**
 * Checks a step's prerequisite fields; `report(field, message)` records a problem. A prerequisite
 * step only sets up (labels): the document's own policy changes belong to steps of their own.
 */
export function prerequisiteOf(
  step: RawPrerequisiteStep,
  report: (field: string, message: string) => void,
): Prerequisite | undefined {
  if (!step.prerequisite) {
    if (step.reason !== undefined)
      report('reason', 'a step\'s reason says why it is a prerequisite: add "prerequisite: true" or drop it');
    if (step.fix !== undefined)
      report('fix', 'a step\'s fix belongs to a prerequisite step: add "prerequisite: true" or drop it');
    return undefined;
  }
  if (step.reason === undefined)
    report('prerequisite', 'a prerequisite step needs a "reason": what the document relies on without showing it');
  for (const key of ['apply', 'delete'] as const) {
    if ((step[key] ?? []).length > 0)
      report(key, `a prerequisite step only labels; ${key} the document's policies in a step of their own`);
  }
  if ((step.label ?? []).length === 0) report('prerequisite', 'a prerequisite step sets something up: give "label"');
  return { reason: step.reason ?? '', ...(step.fix !== undefined ? { fix: step.fix } : {}) };
}

export function recordedFindingOf(raw: RawRecordedFinding, documentFile: string, line: number): RecordedFinding {
  return {
    kind: raw.kind,
    file: raw.file ?? documentFile,
    section: raw.section,
    quote: raw.quote,
    says: raw.says,
    fix: raw.fix,
    line,
  };
}
