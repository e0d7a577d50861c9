/** Seeded mutations of scenario files, for the fuzz test: the mistakes people and tools make. */

/** A small deterministic PRNG (mulberry32): the same seed gives the same mutants on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type MutationKind = 'delete-lines' | 'type-swap' | 'unknown-key' | 'truncate' | 'duplicate-key' | 'random-bytes';
export const MUTATION_KINDS: readonly MutationKind[] = [
  'delete-lines',
  'type-swap',
  'unknown-key',
  'truncate',
  'duplicate-key',
  'random-bytes',
];

export interface Mutant {
  kind: MutationKind;
  /** What was done, to reproduce a failure by hand. */
  description: string;
  bytes: Uint8Array;
}

const SWAPS = [
  '[]',
  '{}',
  '~',
  '42',
  'true',
  '"text"',
  '[a, b]',
  '{ k: v }',
  '-1',
  '3.5',
  '*nowhere',
  '&a',
  '|',
  "'unterminated",
];

/** One mutant of `text` of the given kind. */
export function mutate(text: string, kind: MutationKind, random: () => number): Mutant {
  const pick = (n: number) => Math.floor(random() * n);
  const lines = text.split('\n');
  const at = pick(lines.length);
  const join = (ls: string[]) => new TextEncoder().encode(ls.join('\n'));
  switch (kind) {
    case 'delete-lines': {
      const count = 1 + pick(4);
      return {
        kind,
        description: `deleted lines ${at + 1}-${at + count}`,
        bytes: join([...lines.slice(0, at), ...lines.slice(at + count)]),
      };
    }
    case 'type-swap': {
      const keyed = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*(- )?[A-Za-z][\w-]*:\s*\S/.test(l));
      const [line, i] = keyed[pick(keyed.length)] ?? [lines[at] ?? '', at];
      const swap = SWAPS[pick(SWAPS.length)] as string;
      const swapped = line.replace(/^(\s*(?:- )?[A-Za-z][\w-]*:\s*).*$/, `$1${swap}`);
      return {
        kind,
        description: `line ${i + 1}: value replaced by ${swap}`,
        bytes: join(lines.map((l, j) => (j === i ? swapped : l))),
      };
    }
    case 'unknown-key': {
      const indent = /^(\s*)/.exec(lines[at] ?? '')?.[1] ?? '';
      return {
        kind,
        description: `line ${at + 1}: inserted "${indent}colour: blue"`,
        bytes: join([...lines.slice(0, at), `${indent}colour: blue`, ...lines.slice(at)]),
      };
    }
    case 'truncate': {
      const bytes = new TextEncoder().encode(text);
      const cut = pick(bytes.length);
      return { kind, description: `truncated at byte ${cut}`, bytes: bytes.slice(0, cut) };
    }
    case 'duplicate-key': {
      const keyed = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[A-Za-z][\w-]*:/.test(l));
      const [line, i] = keyed[pick(keyed.length)] ?? [lines[at] ?? '', at];
      return {
        kind,
        description: `line ${i + 1} repeated`,
        bytes: join([...lines.slice(0, i + 1), line, ...lines.slice(i + 1)]),
      };
    }
    case 'random-bytes': {
      const bytes = new TextEncoder().encode(text);
      const offset = pick(bytes.length + 1);
      const noise = Uint8Array.from({ length: 1 + pick(16) }, () => pick(256));
      const out = new Uint8Array(bytes.length + noise.length);
      out.set(bytes.subarray(0, offset), 0);
      out.set(noise, offset);
      out.set(bytes.subarray(offset), offset + noise.length);
      return { kind, description: `${noise.length} random bytes at byte ${offset}`, bytes: out };
    }
  }
}
