import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { EnvironmentError } from '../errors.js';
import { parseSha256Sums, verifyChecksums } from './calico-checksums.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('calico checksums', () => {
  it('parses sha256sum lines (text and binary mode)', () => {
    expect(parseSha256Sums(`${sha('a')}  calico.yaml\n${sha('b')} *crds.yaml\n\n`)).to.deep.equal([
      { sha256: sha('a'), file: 'calico.yaml' },
      { sha256: sha('b'), file: 'crds.yaml' },
    ]);
  });

  it('accepts matching files and names each mismatch', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nph-sums-'));
    writeFileSync(join(dir, 'calico.yaml'), 'a');
    writeFileSync(join(dir, 'crds.yaml'), 'changed');
    writeFileSync(join(dir, 'SHA256SUMS'), `${sha('a')}  calico.yaml\n`);
    expect(verifyChecksums(dir)).to.have.length(1);
    writeFileSync(
      join(dir, 'SHA256SUMS'),
      `${sha('a')}  calico.yaml\n${sha('b')}  crds.yaml\n${sha('c')}  gone.yaml\n`,
    );
    let err: unknown;
    try {
      verifyChecksums(dir);
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(EnvironmentError);
    expect((err as Error).message).to.equal(
      `Calico manifests do not match ${join(dir, 'SHA256SUMS')}:\n  crds.yaml: sha256 ${sha('changed')}, SHA256SUMS says ${sha('b')}\n  gone.yaml: missing`,
    );
    expect((err as EnvironmentError).hint).to.equal(
      `if the change is intended: bash ${basename(dir)}/verify.sh --update`,
    );
  });

  it("passes on the repository's own calico/, kube-router/ and bridge-no-policy/", () => {
    expect(verifyChecksums(join(process.cwd(), 'calico')).map((e) => e.file)).to.deep.equal([
      'calico.yaml',
      'crds.yaml',
    ]);
    expect(
      verifyChecksums(join(process.cwd(), 'kube-router'), 'SHA256SUMS', 'kube-router files').map((e) => e.file),
    ).to.deep.equal(['kube-router.yaml', 'versions.env']);
    expect(
      verifyChecksums(join(process.cwd(), 'bridge-no-policy'), 'SHA256SUMS', 'bridge files').map((e) => e.file),
    ).to.deep.equal(['bridge-no-policy.yaml']);
  });
});
