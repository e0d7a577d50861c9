import { expect } from 'chai';
import type { Expectation } from '../../scenario/types.js';
import { updateDisputes, withDisputes } from './disputes.js';
import type { PolicyChange } from '../types.js';

const apply = (id: string, accepted: boolean, modelDiffers?: string): PolicyChange => ({
  policyId: id,
  action: 'apply',
  namespace: 'r-default',
  name: 'web',
  result: accepted ? { accepted: true, operation: 'configured' } : { accepted: false, status: 422, message: 'invalid' },
  ...(modelDiffers ? { modelDiffers } : {}),
});

describe('updateDisputes', () => {
  const disputed = updateDisputes(new Map(), [
    apply('v2', false, "the API server rejected web; the model's validator accepts it"),
  ]);

  it('records a policy the API server and the model judged differently', () => {
    expect([...disputed]).to.deep.equal([
      ['r-default/web', "policy web (v2): the API server rejected web; the model's validator accepts it"],
    ]);
  });

  it('keeps the dispute through a version both reject (each keeps what it had)', () => {
    expect(updateDisputes(disputed, [apply('v3', false)]).size).to.equal(1);
  });

  it('settles it with a version both accept, or a delete', () => {
    expect(updateDisputes(disputed, [apply('v4', true)]).size).to.equal(0);
    expect(
      updateDisputes(disputed, [
        { policyId: 'v1', action: 'delete', namespace: 'r-default', name: 'web', result: { accepted: true } },
      ]).size,
    ).to.equal(0);
  });
});

describe('withDisputes', () => {
  const mapping = new Map([
    ['default', 'r-default'],
    ['other', 'r-other'],
  ]);
  const disputes = new Map([['r-default/web', 'policy web (v2): why']]);
  const e = (fromNs: string) =>
    ({ from: { name: 'c', namespace: fromNs }, target: { kind: 'host', host: 'x' } }) as unknown as Expectation;
  const mismatch = {
    verdict: 'enforcement-mismatch' as const,
    reason: 'the spec says blocked, the cluster did allowed',
  };
  const inconclusive = {
    verdict: 'inconclusive',
    reason:
      "the cluster and the model hold different policies here (policy web (v2): why), so the model's answer says nothing about the cluster's enforcement",
  };

  it('makes a record whose source or destination is in the disputed namespace inconclusive', () => {
    expect(
      withDisputes(mismatch, e('default'), { outcome: 'blocked', explanation: [] }, mapping, disputes),
    ).to.deep.equal(inconclusive);
    expect(
      withDisputes(
        mismatch,
        e('other'),
        { outcome: 'blocked', explanation: [], destination: 'default/web:80' },
        mapping,
        disputes,
      ),
    ).to.deep.equal(inconclusive);
  });

  it('leaves other namespaces, and probes not sent, alone', () => {
    expect(
      withDisputes(
        mismatch,
        e('other'),
        { outcome: 'blocked', explanation: [], destination: 'other/db:80' },
        mapping,
        disputes,
      ),
    ).to.deep.equal(mismatch);
    const notSent = { verdict: 'not-sent' as const, reason: 'not sent: example.com is outside the cluster' };
    expect(
      withDisputes(notSent, e('default'), { outcome: 'undefined', explanation: [] }, mapping, disputes),
    ).to.deep.equal(notSent);
  });
});
