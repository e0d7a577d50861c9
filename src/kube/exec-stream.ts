import { PassThrough, Writable } from 'node:stream';
import type { Exec, V1Status } from '@kubernetes/client-node';
import { errorText } from './api-error.js';
import { exitCodeOf, type ExecStatus } from './exec-status.js';
import type { ExecStream, ObjectRef } from './types.js';

type ExecLike = Pick<Exec, 'exec'>;

class Forward extends Writable {
  private listener: ((chunk: Buffer) => void) | undefined;
  private early: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    const copy = Buffer.from(chunk);
    if (this.listener) this.listener(copy);
    else this.early.push(copy);
    done();
  }
  listen(listener: (chunk: Buffer) => void): void {
    this.listener = listener;
    for (const c of this.early.splice(0)) listener(c);
  }
}

/**
 * Opens one exec websocket with stdin, stdout and stderr, and keeps it open: the long-lived
 * counterpart of execInPod. `ended` settles when the command reports its status, the socket
 * closes, or it errors; it never rejects.
 */
export async function openExecStream(
  exec: ExecLike,
  ref: ObjectRef,
  container: string,
  command: string[],
): Promise<ExecStream> {
  const stdin = new PassThrough();
  const stdout = new Forward();
  const stderr = new Forward();
  let settle: (v: { exitCode?: number; reason: string }) => void = () => {};
  let settled = false;
  const ended = new Promise<{ exitCode?: number; reason: string }>((resolve) => {
    settle = (v) => {
      if (settled) return;
      settled = true;
      resolve(v);
    };
  });
  const onStatus = (status: V1Status): void => {
    const code = exitCodeOf(status as ExecStatus);
    settle(
      code === undefined
        ? { reason: `exec failed: ${status.message ?? 'no exit status'}` }
        : { exitCode: code, reason: `the command exited with code ${code}` },
    );
  };
  let ws;
  try {
    ws = await exec.exec(ref.namespace, ref.name, container, command, stdout, stderr, stdin, false, onStatus);
  } catch (err) {
    throw new Error(`unable to exec in pod ${ref.namespace}/${ref.name} -c ${container}: ${errorText(err)}`, {
      cause: err,
    });
  }
  const socket = ws;
  socket.on('close', () => settle({ reason: 'the exec stream closed' }));
  socket.on('error', (err: unknown) => settle({ reason: `the exec stream failed: ${errorText(err)}` }));
  return {
    write: (data) => {
      if (!settled) stdin.write(data);
    },
    onStdout: (l) => stdout.listen(l),
    onStderr: (l) => stderr.listen(l),
    ended,
    close: () => {
      stdin.end();
      socket.close();
      settle({ reason: 'closed by the harness' });
    },
  };
}
