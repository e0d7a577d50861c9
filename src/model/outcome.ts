/** What a probe can end in. Never a bare boolean (DESIGN.md, "Outcome classes"). */
export type OutcomeClass = 'allowed' | 'blocked' | 'refused' | 'dns-failure' | 'no-such-port' | 'check-failed';

export const OUTCOME_CLASSES: readonly OutcomeClass[] = [
  'allowed',
  'blocked',
  'refused',
  'dns-failure',
  'no-such-port',
  'check-failed',
];

/** The model's answer: an outcome class, or `undefined` where the spec leaves it to the implementation. */
export type ModelOutcome = OutcomeClass | 'undefined';

/** One-character marks for truth tables, in the spirit of the e2e suite's `.`/`X`. */
export const OUTCOME_MARK: Record<ModelOutcome, string> = {
  allowed: '.',
  blocked: 'X',
  refused: 'R',
  'dns-failure': 'D',
  'no-such-port': 'P',
  'check-failed': '!',
  undefined: '?',
};
