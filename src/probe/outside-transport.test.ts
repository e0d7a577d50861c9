import { expect } from 'chai';
import type { RunCommand } from '../cluster/run-command.js';
import { OutsideAwareTransport } from './outside-transport.js';
import type { CommandTransport, Delivery } from './transport.js';

describe('OutsideAwareTransport', () => {
  const inner: CommandTransport = {
    mode: 'session',
    run: async (): Promise<Delivery> => ({
      ok: true,
      result: { exitCode: 0, stdout: 'in-cluster', stderr: '', durationMs: 1 },
      attempts: 1,
      via: 'session',
    }),
    release: async () => undefined,
    close: async () => undefined,
  };

  it('sends probes of outside sources by docker exec in their container, others through the cluster', async () => {
    const calls: string[][] = [];
    const docker: RunCommand = async (_file, args) => {
      calls.push(args);
      return { exitCode: 0, stdout: 'Connection to 192.168.0.4 443 port [tcp/https] succeeded!\n', stderr: '' };
    };
    const t = new OutsideAwareTransport(inner, docker);
    const outside = await t.run(
      { namespace: '(outside)', pod: 'nph-r1-office', container: '' },
      ['nc', '-vz', '-w', '2', '192.168.0.4', '443'],
      2,
    );
    expect(calls).to.deep.equal([['exec', 'nph-r1-office', 'nc', '-vz', '-w', '2', '192.168.0.4', '443']]);
    expect(outside.ok && [outside.result.exitCode, outside.via, outside.note]).to.deep.equal([
      0,
      'exec',
      'sent from outside the cluster by docker exec',
    ]);
    const inCluster = await t.run({ namespace: 'ns', pod: 'c', container: 'c' }, ['true'], 2);
    expect(inCluster.ok && inCluster.result.stdout).to.equal('in-cluster');
    expect(calls).to.have.length(1);
  });
});
