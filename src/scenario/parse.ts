import { InputError, type Problem } from '../problems.js';
import { convertScenario } from './convert.js';
import type { ReadPolicyFile } from './convert-context.js';
import { decodeScenario } from './decode.js';
import type { Scenario } from './types.js';
import { validateScenario } from './validate.js';
import { withWorld } from './world-file.js';

export type { ReadPolicyFile } from './convert-context.js';

/**
 * Parses one scenario file's text. Throws InputError with every problem found, sorted by line.
 *
 * Three stages: decode (decode.ts: the YAML text, checked against the schema, to a RawScenario that
 * knows where each field is written; with `world:`, the world file's parts in their place, world-file.ts), convert (convert.ts: the raw data to a typed Scenario, one
 * converter a part) and validate (validate.ts: the rules between the parts).
 */
export function parseScenario(file: string, text: string, readPolicyFile: ReadPolicyFile): Scenario {
  const decoded = decodeScenario(file, text);
  const { document, raw, worldFile } = withWorld(decoded.document, decoded.raw, readPolicyFile);
  const converted = convertScenario(document, raw, readPolicyFile);
  const scenario: Scenario = worldFile ? { ...converted.scenario, world: worldFile } : converted.scenario;
  const { podAddresses } = converted;
  validateScenario(scenario, raw, podAddresses, (path, message) => document.report(path, message));
  if (document.problems.length > 0) throw new InputError(sortProblems(document.problems));
  return scenario;
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}
