import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusFingerprint, fingerprintOf } from './fingerprint.js';
import { loadScenarios } from './load.js';

const GOOD = readFileSync('src/cli/testdata/good/ok.yaml', 'utf8');
const POLICY = / {4}manifest: \|\n( {6}.*\n)+/.exec(GOOD)?.[0] ?? '';

/** ok.yaml with its policy in a file of its own (`file: policies/allow-ok.yaml`), in a new folder. */
function corpusWithPolicyFile(policyText: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'nph-fingerprint-'));
  writeFileSync(join(dir, 'ok.yaml'), GOOD.replace(POLICY, '    file: policies/allow-ok.yaml\n'));
  mkdirSync(join(dir, 'policies'));
  writeFileSync(join(dir, 'policies', 'allow-ok.yaml'), policyText);
  return dir;
}

describe('corpus fingerprint', () => {
  it('depends on what the files say, not on their names or order', () => {
    const a = fingerprintOf(['one', 'two'], 2);
    expect(fingerprintOf(['two', 'one'], 2)).to.deep.equal(a);
    expect(fingerprintOf(['one', 'two!'], 2).sha256).to.not.equal(a.sha256);
    expect(a.sha256).to.match(/^[0-9a-f]{64}$/);
  });

  it('covers each scenario file and the policy files it reads, each once', () => {
    const manifest = POLICY.split('\n')
      .slice(1)
      .map((l) => l.slice(6))
      .join('\n');
    const dir = corpusWithPolicyFile(manifest);
    const scenarios = loadScenarios([dir]);
    const read: string[] = [];
    const f = corpusFingerprint(scenarios, (file) => (read.push(file), readFileSync(file, 'utf8')));
    expect(f.scenarios).to.equal(1);
    expect(read.map((file) => file.slice(file.lastIndexOf('/') + 1))).to.deep.equal(['ok.yaml', 'allow-ok.yaml']);
    // Another policy file, the same scenario file: another corpus.
    const other = corpusWithPolicyFile(manifest.replace('app: ok', 'app: okay'));
    expect(corpusFingerprint(loadScenarios([other])).sha256).to.not.equal(f.sha256);
    expect(corpusFingerprint(loadScenarios([dir]))).to.deep.equal(f);
  });

  it('is the same for the same corpus named another way', () => {
    expect(corpusFingerprint(loadScenarios(['./scenarios/']))).to.deep.equal(
      corpusFingerprint(loadScenarios(['scenarios'])),
    );
  });
});
