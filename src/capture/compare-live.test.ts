import { expect } from 'chai';
import { compareLiveRuns, type LiveCell } from './compare-live.js';

function cell(
  stepIndex: number,
  from: string,
  target: LiveCell['expectation']['target'],
  destination: string | undefined,
  outcome: LiveCell['live']['outcome'],
  sent = true,
): LiveCell {
  const [namespace, name] = from.split('/') as [string, string];
  return {
    stepIndex,
    protocol: 'TCP',
    expectation: { from: { namespace, name }, target },
    model: { destination },
    live: { sent, outcome },
  };
}

describe('compareLiveRuns', () => {
  it('matches the last steps cell by cell, by source, destination pod and port, and path', () => {
    const original = [
      cell(0, 'default/a', { kind: 'host', host: 'web' }, 'default/web:80', 'allowed'),
      cell(1, 'default/a', { kind: 'host', host: 'web' }, 'default/web:80', 'blocked'),
      cell(1, 'default/b', { kind: 'pod', pod: 'web', namespace: 'default' }, 'default/web:80', 'allowed'),
      cell(1, 'default/c', { kind: 'host', host: 'example.com' }, undefined, 'not-sent', false),
    ];
    const captured = [
      cell(1, 'default/a', { kind: 'service-ip', service: 'web', namespace: 'default' }, 'default/web:80', 'blocked'),
      cell(1, 'default/b', { kind: 'pod', pod: 'web', namespace: 'default' }, 'default/web:80', 'blocked'),
      cell(1, 'default/b', { kind: 'service-ip', service: 'web', namespace: 'default' }, 'default/web:80', 'blocked'),
    ];
    expect(compareLiveRuns(original, captured)).to.deep.equal({
      same: [{ cell: 'default/a -> default/web:80 TCP via service', original: 'blocked', captured: 'blocked' }],
      different: [{ cell: 'default/b -> default/web:80 TCP direct', original: 'allowed', captured: 'blocked' }],
      onlyOriginal: 0,
      onlyCaptured: 1,
    });
  });
});
