import { expect } from 'chai';
import { PreflightGate } from './preflight-gate.js';

describe('PreflightGate', () => {
  it('is neither passed nor failed until the preflight answers', async () => {
    let answer: (passed: boolean) => void = () => undefined;
    const gate = new PreflightGate(new Promise<boolean>((resolve) => (answer = resolve)));
    expect(gate.failed).to.equal(false);
    answer(true);
    expect(await gate.passed()).to.equal(true);
    expect(gate.failed).to.equal(false);
  });

  it('has failed once the preflight said no, or threw', async () => {
    const no = new PreflightGate(Promise.resolve(false));
    expect(await no.passed()).to.equal(false);
    expect(no.failed).to.equal(true);
    const threw = new PreflightGate(Promise.reject(new Error('list pods: connection refused')));
    expect(await threw.passed()).to.equal(false);
    expect(threw.failed).to.equal(true);
  });
});
