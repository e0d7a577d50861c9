import { expect } from 'chai';
import { liveVerdict } from './verdict.js';

describe('liveVerdict', () => {
  it('never shows a probe that was not sent as an answer, even where the model would agree', () => {
    expect(
      liveVerdict(['no-such-port'], 'no-such-port', {
        outcome: 'not-sent',
        flaky: false,
        reason: 'service default/web exposes 80/TCP, not 81/TCP',
      }),
    ).to.deep.equal({
      verdict: 'not-sent',
      reason: 'not sent: service default/web exposes 80/TCP, not 81/TCP',
    });
  });

  it('follows the verdict table for answers the cluster gave', () => {
    expect(liveVerdict(['allowed'], 'allowed', { outcome: 'allowed', flaky: false })).to.deep.equal({
      verdict: 'pass',
      reason: 'document, spec and cluster agree',
    });
    expect(liveVerdict(['blocked'], 'allowed', { outcome: 'allowed', flaky: false })).to.deep.equal({
      verdict: 'document-defect',
      reason: 'spec and cluster agree on allowed; the document says blocked',
    });
    expect(liveVerdict(['blocked'], 'blocked', { outcome: 'allowed', flaky: false })).to.deep.equal({
      verdict: 'enforcement-mismatch',
      reason: 'the spec says blocked, the cluster did allowed',
    });
  });
});
