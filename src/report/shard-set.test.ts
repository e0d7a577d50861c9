import { expect } from 'chai';
import { formatProblem } from '../problems.js';
import type { HeaderJson } from './record-json.js';
import { checkShardSet, type ShardFile } from './shard-set.js';

const CORPUS = { scenarios: 104, sha256: 'aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb' };

function shard(file: string, i: number | undefined, over: Partial<HeaderJson> = {}): ShardFile {
  const header: HeaderJson = {
    kind: 'run',
    runId: `r${i ?? 0}`,
    runSet: 'github-42',
    ...(i !== undefined ? { shard: `${i}/3` } : {}),
    corpus: CORPUS,
    harnessVersion: '0.1.0',
    ...over,
  } as HeaderJson;
  return { file, headers: [header] };
}

const refusals = (files: ShardFile[]) => checkShardSet(files).refusals.map(formatProblem);

describe('merge: the shards of one run, each once', () => {
  it('accepts every shard of one run set and corpus, in any order', () => {
    const r = checkShardSet([shard('s3', 3), shard('s1', 1), shard('s2', 2)]);
    expect(r).to.deep.equal({ refusals: [], partial: [], duplicates: [], warnings: [] });
    expect(checkShardSet([shard('whole', undefined)]).refusals).to.deep.equal([]);
  });

  const table: [string, ShardFile[], string[]][] = [
    ['a missing shard', [shard('s1', 1), shard('s3', 3)], ['s1 s3: shard 2/3 is missing; these are 1/3, 3/3']],
    ['a shard alone', [shard('s2', 2)], ['s2: shard 1/3, shard 3/3 are missing; these are 2/3']],
    [
      'shards of different run sets',
      [shard('s1', 1), shard('s2', 2, { runSet: 'github-43' }), shard('s3', 3)],
      [
        's2: run set github-43, but s1 is of run set github-42: shards of different runs (give every shard the same run --run-set)',
      ],
    ],
    [
      'shards of different corpus versions',
      [shard('s1', 1), shard('s2', 2), shard('s3', 3, { corpus: { scenarios: 105, sha256: 'cccccccccccccccc' } })],
      [
        's3: corpus cccccccccccc (105 scenarios), but s1 has corpus aaaaaaaaaaaa (104 scenarios): shards of different corpus versions',
      ],
    ],
    [
      'shards of different harness versions',
      [shard('s1', 1), shard('s2', 2, { harnessVersion: '0.2.0' }), shard('s3', 3)],
      ['s2: written by netpol-harness 0.2.0, but s1 by 0.1.0'],
    ],
    [
      'shards of different splits',
      [
        shard('s1', 1),
        shard('s2', 2),
        shard('s3', 3),
        { file: 'x', headers: [{ ...shard('x', 1).headers[0], shard: '1/4' } as HeaderJson] },
      ],
      ['x: shard 1/4, but s1 is shard 1/3: shards of different splits'],
    ],
    [
      'a whole run among shards',
      [shard('s1', 1), shard('s2', 2), shard('s3', 3), shard('whole', undefined)],
      ['whole: a whole run (written without --shard), not a shard: merge it alone'],
    ],
    [
      'files joined into one',
      [{ file: 'all', headers: [...shard('s1', 1).headers, ...shard('s2', 2).headers] }, shard('s3', 3)],
      [
        "all: holds 2 header lines (files joined?): give merge each shard's own file",
        'all s3: shard 2/3 is missing; these are 1/3, 3/3',
      ],
    ],
  ];
  for (const [name, files, want] of table)
    it(`refuses ${name}, naming the files`, () => {
      expect(refusals(files)).to.deep.equal(want);
    });

  it('refuses a shard given twice, even with --allow-partial', () => {
    const files = [shard('s1', 1), shard('s2', 2), shard('s2-again', 2), shard('s3', 3)];
    for (const allow of [false, true])
      expect(checkShardSet(files, allow).duplicates.map(formatProblem)).to.deep.equal([
        's2-again: shard 2/3 given twice (also s2)',
      ]);
  });

  it('--allow-partial: what it would refuse becomes the report’s partial notes', () => {
    const r = checkShardSet([shard('s1', 1), shard('s3', 3, { runSet: 'github-43' })], true);
    expect(r.refusals).to.deep.equal([]);
    expect(r.partial).to.deep.equal([
      's3: run set github-43, but s1 is of run set github-42: shards of different runs (give every shard the same run --run-set)',
      's1 s3: shard 2/3 is missing; these are 1/3, 3/3',
    ]);
  });

  it('reads run files written before headers with a warning, and checks nothing of them', () => {
    const r = checkShardSet([{ file: 'old.json', headers: [] }, shard('s1', 1)]);
    expect(r.refusals).to.deep.equal([]);
    expect(r.warnings).to.deep.equal([
      'old.json: no header line (written before netpol-harness recorded shards): its shard, run set and corpus are not checked',
    ]);
    expect(checkShardSet([{ file: 'whole-check.json', headers: [], check: true }]).warnings).to.deep.equal([]);
  });
});
