import { expect } from 'chai';
import type { ModelOutcome } from '../../model/outcome.js';
import type { ProbeResult } from '../../probe/types.js';
import type { Expectation } from '../../scenario/types.js';
import { liveAnswerOf, liveVerdictOf } from './live-answer.js';
import type { ProbePlan } from '../setup/targets.js';

const send = { kind: 'send', job: {} } as unknown as ProbePlan;

function observed(outcome: ModelOutcome, history: ModelOutcome[] = [outcome, outcome], flaky = false) {
  const result: ProbeResult = {
    outcome,
    detail: `said ${outcome}`,
    command: [],
    output: '<!DOCTYPE html>',
    attempts: 2,
    durationMs: 1,
    repro: '',
  };
  return { result, history, flaky };
}

describe('liveAnswerOf', () => {
  it('counts a block only when the baseline connected', () => {
    expect(liveAnswerOf(send, observed('blocked'), 'allowed')).to.deep.equal({
      outcome: 'blocked',
      flaky: false,
      reason: 'said blocked',
    });
    expect(liveAnswerOf(send, observed('blocked'), 'blocked')).to.deep.equal({
      outcome: 'inconclusive',
      flaky: false,
      reason: 'blocked, but the same probe was blocked in the baseline (before any policy), so a block proves nothing',
    });
  });

  it('counts a refusal where the baseline connected as a block (a CNI that rejects denied connections), and says so', () => {
    expect(liveAnswerOf(send, observed('refused'), 'allowed')).to.deep.equal({
      outcome: 'blocked',
      flaky: false,
      reason: 'blocked by rejection (refused, where the baseline connected): said refused',
    });
    expect(liveAnswerOf(send, observed('refused'), 'refused')).to.deep.equal({
      outcome: 'refused',
      flaky: false,
      reason: 'said refused',
    });
  });

  it('proves nothing with a refusal where the baseline never connected (kube-router rejecting traffic to an unreachable stand-in)', () => {
    expect(liveAnswerOf(send, observed('refused'), 'blocked')).to.deep.equal({
      outcome: 'inconclusive',
      flaky: false,
      reason:
        'refused, but the same probe was blocked in the baseline (before any policy): a CNI that rejects refuses what it denies, so a refusal proves nothing here',
    });
  });

  it('keeps probes not sent, failed probes and changing results apart', () => {
    expect(
      liveAnswerOf({ kind: 'not-sent', reason: 'example.com is outside the cluster', key: 'k' }, undefined, undefined),
    ).to.deep.equal({
      outcome: 'not-sent',
      flaky: false,
      reason: 'example.com is outside the cluster',
    });
    expect(liveAnswerOf(send, observed('check-failed'), 'allowed').reason).to.equal(
      'the probe itself failed: said check-failed',
    );
    expect(liveAnswerOf(send, observed('allowed', ['blocked', 'allowed'], true), 'allowed')).to.deep.equal({
      outcome: 'allowed',
      flaky: true,
      reason: 'the result changed between attempts: blocked → allowed',
    });
  });
});

describe('liveVerdictOf', () => {
  const e = {
    expected: ['allowed'],
    body: 'Welcome to nginx',
    provenance: { kind: 'documented', file: 'doc.txt', section: 'S' },
  } as unknown as Expectation;
  it('fails a connection whose body lacks the documented text', () => {
    const o = observed('allowed');
    o.result.bodyExcerpt = '<!DOCTYPE html>';
    expect(
      liveVerdictOf(e, { outcome: 'allowed', explanation: [] }, { outcome: 'allowed', flaky: false }, o.result),
    ).to.deep.equal({
      verdict: 'disagrees',
      reason: 'connected, but the body does not contain "Welcome to nginx" (got: <!DOCTYPE html>)',
    });
  });

  it('calls a derived expectation that spec and cluster agree against a derived contradiction, not a document defect', () => {
    const derived = { ...e, body: undefined, expected: ['blocked'], provenance: { kind: 'derived' } } as Expectation;
    const documented = { ...derived, provenance: e.provenance };
    const model = { outcome: 'allowed' as const, explanation: [] };
    const answer = { outcome: 'allowed' as const, flaky: false };
    expect(liveVerdictOf(derived, model, answer, undefined)).to.deep.equal({
      verdict: 'derived-contradiction',
      reason: "spec and cluster agree on allowed; the harness's derived expectation says blocked",
    });
    expect(liveVerdictOf(documented, model, answer, undefined).verdict).to.equal('document-defect');
  });
});
