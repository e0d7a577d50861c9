import type { Node } from 'yaml';
import { excerpt } from '../excerpt.js';
import { InputError, type PathSegment, type Problem } from '../problems.js';
import type { ReadPolicyFile } from './convert-context.js';
import { decodeWorld, ScenarioDocument } from './decode.js';
import type { RawScenario } from './raw.js';

/** The parts of a scenario a world file holds instead of it. */
export const WORLD_PARTS = ['namespaces', 'workloads', 'services'] as const;

const isWorldPart = (path: readonly PathSegment[]) => (WORLD_PARTS as readonly PathSegment[]).includes(path[0] ?? '');

/**
 * A scenario whose namespaces, pods and services come from its world file: a path under one of
 * those parts is the world file's (where it is written, where its problems are reported); every
 * other path is the scenario's.
 */
export class WorldedDocument extends ScenarioDocument {
  constructor(
    readonly scenario: ScenarioDocument,
    readonly world: ScenarioDocument,
  ) {
    super(scenario.src, scenario.root);
  }

  override get problems(): Problem[] {
    return [...this.scenario.problems, ...this.world.problems];
  }

  override node(path: readonly PathSegment[]): Node | null | undefined {
    return isWorldPart(path) ? this.world.node(path) : this.scenario.node(path);
  }

  override report(path: PathSegment[], message: string): void {
    if (isWorldPart(path)) this.world.report(path, message);
    else this.scenario.report(path, message);
  }

  override line(path: PathSegment[]): number {
    return isWorldPart(path) ? this.world.line(path) : this.scenario.line(path);
  }
}

/**
 * `world: FILE`: the world file read (relative to the scenario) and decoded, its parts in the
 * scenario's place. A scenario that names a world declares none of those parts itself. Throws
 * InputError (the scenario's problems and the world file's) when the file cannot be read or decoded.
 */
export function withWorld(
  document: ScenarioDocument,
  raw: RawScenario,
  readFile: ReadPolicyFile,
): { document: ScenarioDocument; raw: RawScenario; worldFile?: string } {
  if (raw.world === undefined) return { document, raw };
  const own = WORLD_PARTS.filter((part) => raw[part] !== undefined);
  if (own.length > 0)
    document.report(
      [own[0] as string],
      `this scenario names a world file (world: ${raw.world}), which holds its namespaces, workloads and services: declare them there, not here (${own.join(', ')})`,
    );
  const read = readFile(document.file, raw.world);
  if (!read) document.report(['world'], `cannot read world file "${excerpt(raw.world)}"`);
  else if ('problem' in read)
    document.report(
      ['world'],
      `world file "${excerpt(raw.world)}" is not usable: ${read.path}${read.problem.line > 0 ? `:${read.problem.line}:${read.problem.column}` : ''}: ${read.problem.message}`,
    );
  if (!read || 'problem' in read) throw new InputError(document.problems);
  let world;
  try {
    world = decodeWorld(read.path, read.text);
  } catch (err) {
    if (err instanceof InputError) throw new InputError([...document.problems, ...err.problems]);
    throw err;
  }
  const merged: RawScenario = { ...raw };
  for (const part of WORLD_PARTS) {
    if (world.raw[part] !== undefined) (merged as Record<string, unknown>)[part] = world.raw[part];
    else delete (merged as Record<string, unknown>)[part];
  }
  return { document: new WorldedDocument(document, world.document), raw: merged, worldFile: read.path };
}
