import { expect } from 'chai';
import { EventEmitter } from 'node:events';
import type { Writable } from 'node:stream';
import type { Exec, V1Status } from '@kubernetes/client-node';
import { EXEC_NOT_STARTED_EXIT_CODE, ExecTimeoutError, execInPod } from './exec-in-pod.js';
import { exitCodeOf } from './exec-status.js';

const ref = { namespace: 'ns', name: 'client' };

class FakeSocket extends EventEmitter {
  closed = false;
  close(): void {
    this.closed = true;
    this.emit('close');
  }
}

/** An Exec stand-in: writes the given output and then the status, or nothing (to time out). */
function fakeExec(
  script: { stdout?: string; stderr?: string; status?: V1Status; fail?: Error },
  socket = new FakeSocket(),
): Pick<Exec, 'exec'> {
  return {
    exec: async (_ns, _pod, _c, _cmd, stdout: Writable | null, stderr: Writable | null, _in, _tty, onStatus) => {
      if (script.fail) throw script.fail;
      setImmediate(() => {
        if (script.stdout) stdout?.write(Buffer.from(script.stdout));
        if (script.stderr) stderr?.write(Buffer.from(script.stderr));
        if (script.status) {
          onStatus?.(script.status);
          socket.close();
        }
      });
      return socket as never;
    },
  };
}

describe('exitCodeOf', () => {
  const cases: [string, V1Status, number | undefined][] = [
    ['Success is 0', { status: 'Success' }, 0],
    [
      'NonZeroExitCode carries the code',
      { status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '137' }] } },
      137,
    ],
    [
      'a failure without exit code (command not found)',
      { status: 'Failure', reason: 'InternalError', message: 'executable file not found' },
      undefined,
    ],
  ];
  for (const [name, status, want] of cases) it(name, () => expect(exitCodeOf(status)).to.equal(want));
});

describe('execInPod', () => {
  it('collects stdout, stderr and a zero exit code', async () => {
    const r = await execInPod(
      fakeExec({ stdout: 'hello', stderr: 'warn', status: { status: 'Success' } }),
      ref,
      'c',
      ['echo'],
      1000,
    );
    expect(r).to.include({ exitCode: 0, stdout: 'hello', stderr: 'warn' });
    expect(r.durationMs).to.be.a('number');
  });

  it('returns a non-zero exit code as data', async () => {
    const status = {
      status: 'Failure',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '1' }] },
    };
    const r = await execInPod(fakeExec({ stderr: 'wget: download timed out', status }), ref, 'c', ['wget'], 1000);
    expect(r).to.include({ exitCode: 1, stderr: 'wget: download timed out' });
  });

  it('reports a command that never started with the server message', async () => {
    const r = await execInPod(
      fakeExec({ status: { status: 'Failure', message: 'exec: "nc": executable file not found in $PATH' } }),
      ref,
      'c',
      ['nc'],
      1000,
    );
    expect(r.exitCode).to.equal(EXEC_NOT_STARTED_EXIT_CODE);
    expect(r.stderr).to.equal('exec: "nc": executable file not found in $PATH');
  });

  it('times out, closes the socket and throws ExecTimeoutError', async () => {
    const socket = new FakeSocket();
    const err = await execInPod(fakeExec({}, socket), ref, 'c', ['sleep', '9'], 20).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(ExecTimeoutError);
    expect((err as Error).message).to.equal('exec in pod ns/client did not finish within 20 ms');
    expect(socket.closed).to.equal(true);
  });

  it('wraps a transport failure with the pod named', async () => {
    const err = await execInPod(fakeExec({ fail: new Error('connect ECONNREFUSED') }), ref, 'c', ['true'], 1000).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).to.equal('unable to exec in pod ns/client: connect ECONNREFUSED');
  });
});
