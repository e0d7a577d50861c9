import { expect } from 'chai';
import { runWithExeca, type RunCommand } from '../cluster/program-runner.js';
import { OutsideAwareTransport, splitTimedStderr, timedCommand } from './outside-transport.js';
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
      const nonce = /NPHTIME (\w+)/.exec(args[4] ?? '')?.[1];
      // the stand-in's shell reports its clock around the tool (docker exec strips the final newline)
      return {
        exitCode: 0,
        stdout: '',
        stderr: `Connection to 192.168.0.4 443 port [tcp/https] succeeded!\n\nNPHTIME ${nonce} 5000.25 5000.27`,
      };
    };
    const t = new OutsideAwareTransport(inner, docker);
    const argv = ['nc', '-vz', '-w', '2', '192.168.0.4', '443'];
    const outside = await t.run({ namespace: '(outside)', pod: 'nph-r1-office', container: '' }, argv, 2);
    expect(calls).to.have.length(1);
    expect(calls[0]?.slice(0, 4)).to.deep.equal(['exec', 'nph-r1-office', 'sh', '-c']);
    expect(calls[0]?.slice(5)).to.deep.equal(['sh', ...argv]);
    expect(outside.ok && [outside.result.exitCode, outside.via, outside.note]).to.deep.equal([
      0,
      'exec',
      'sent from outside the cluster by docker exec',
    ]);
    expect(outside.ok && outside.result.stderr).to.equal('Connection to 192.168.0.4 443 port [tcp/https] succeeded!');
    expect(outside.ok && outside.result.toolMs).to.equal(20);
    expect(outside.ok && outside.result.toolStartedMs).to.not.equal(undefined);
    const inCluster = await t.run({ namespace: 'ns', pod: 'c', container: 'c' }, ['true'], 2);
    expect(inCluster.ok && inCluster.result.stdout).to.equal('in-cluster');
    expect(calls).to.have.length(1);
  });

  it('times the command in a real shell and gives back its exit code, stdout and stderr unchanged', async () => {
    const argv = ['sh', '-c', 'echo out; printf "err\\nNPHTIME abc 1.00 2.00" >&2; sleep 0.2; exit 3'];
    const [file, ...args] = timedCommand(argv, 'n0nce');
    const r = await runWithExeca(file as string, args);
    expect(r.exitCode).to.equal(3);
    expect(r.stdout).to.equal('out');
    const split = splitTimedStderr(r.stderr, 'n0nce');
    // a line that looks like the marker, but without this call's nonce, is the tool's own
    expect(split.stderr).to.equal('err\nNPHTIME abc 1.00 2.00');
    expect(split.toolMs).to.be.within(150, 2000);
    expect(split.startCs).to.be.a('number');
  });

  it('keeps stderr as it came when the timing line is missing or not of this call', () => {
    expect(splitTimedStderr('killed', 'n1')).to.deep.equal({ stderr: 'killed' });
    expect(splitTimedStderr('x\nNPHTIME n2 1.00 2.00', 'n1')).to.deep.equal({ stderr: 'x\nNPHTIME n2 1.00 2.00' });
    expect(splitTimedStderr('\nNPHTIME n1 1.00 2.50', 'n1')).to.deep.equal({ stderr: '', startCs: 100, toolMs: 1500 });
  });
});
