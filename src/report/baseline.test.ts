import { expect } from 'chai';
import { identityKey, parseBaseline, type BaselineEntry } from './baseline.js';

const entry = (verdict: BaselineEntry['verdict']): BaselineEntry => ({
  verdict,
  scenario: 'a',
  step: 'apply',
  stepIndex: 1,
  from: 'client',
  to: 'pod/db:80',
  port: 80,
  protocol: 'TCP',
  tool: 'nc',
});

describe('baseline file', () => {
  it('keys a probe by scenario, step index, source, target, port, protocol, tool and family; not by verdict or step name', () => {
    const e = entry('flaky');
    expect(identityKey(e)).to.equal(identityKey({ ...entry('document-defect'), step: 'renamed' }));
    for (const change of [
      { stepIndex: 2 },
      { from: 'other' },
      { port: 81 },
      { protocol: 'UDP' },
      { tool: 'wget' },
      { family: 'ipv6' as const },
    ])
      expect(identityKey({ ...e, ...change })).to.not.equal(identityKey(e));
    expect(identityKey({ scenario: 'a', step: 's', stepIndex: 1, request: 'kubectl get pods' })).to.not.equal(
      identityKey({ scenario: 'a', policy: 'p' }),
    );
  });

  it('is refused when it is not one, naming the file and the entry', () => {
    const at = (text: string) => {
      try {
        parseBaseline('known.json', text);
      } catch (err) {
        return (err as Error).message;
      }
      return 'no error';
    };
    expect(at('{')).to.match(/^known\.json: not JSON: /);
    expect(at('{"entries": []}')).to.equal(
      'known.json: kind: not a baseline: expected {"kind": "netpol-harness-baseline", "version": 1, "entries": […]}, as --write-baseline writes',
    );
    expect(
      at(
        JSON.stringify({
          kind: 'netpol-harness-baseline',
          version: 1,
          entries: [{ verdict: 'pass', scenario: 'a' }, { ...entry('flaky'), port: '80' }, 3],
        }),
      ),
    ).to.equal(
      [
        'known.json: entries[0].verdict: must be one of enforcement-mismatch, document-defect, derived-contradiction, disagrees, flaky, inconclusive, not-sent, api-contradicted, rejected, got "pass"',
        'known.json: entries[1].port: must be a number',
        'known.json: entries[2]: must be an object',
      ].join('\n'),
    );
  });
});
