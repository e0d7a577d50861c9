import { expect } from 'chai';
import { InvalidArgumentError } from 'commander';
import { FlagError } from '../errors.js';
import { defaultRunSet, parseRunSet } from './shard.js';

describe('--run-set', () => {
  it('defaults to $NETPOL_HARNESS_RUN_SET, else on GitHub Actions to the workflow run, else to none', () => {
    expect(
      defaultRunSet({ NETPOL_HARNESS_RUN_SET: 'nightly-7', GITHUB_ACTIONS: 'true', GITHUB_RUN_ID: '42' }),
    ).to.equal('nightly-7');
    expect(defaultRunSet({ GITHUB_ACTIONS: 'true', GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '2' })).to.equal(
      'github-42',
    );
    expect(defaultRunSet({ GITHUB_RUN_ID: '42' })).to.equal(undefined);
    expect(defaultRunSet({})).to.equal(undefined);
  });

  it('takes letters, digits and a few marks', () => {
    expect(parseRunSet('gh:org/repo@42+1')).to.equal('gh:org/repo@42+1');
    for (const bad of ['', '-x', 'a b', 'x'.repeat(129), 'a\nb'])
      expect(() => parseRunSet(bad)).to.throw(InvalidArgumentError);
    expect(() => defaultRunSet({ NETPOL_HARNESS_RUN_SET: 'a b' }))
      .to.throw(FlagError)
      .with.property('message')
      .that.match(/^option NETPOL_HARNESS_RUN_SET: invalid value "a b": expected letters/);
  });
});
