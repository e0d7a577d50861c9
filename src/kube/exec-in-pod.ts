import { Writable } from 'node:stream';
import type { Exec, V1Status } from '@kubernetes/client-node';
import type { ExecResult, ObjectRef } from './types.js';
import { errorText } from './api-error.js';
import { exitCodeOf, type ExecStatus } from './exec-status.js';

/** The exec ran longer than its timeout; the websocket was closed. */
export class ExecTimeoutError extends Error {
  constructor(
    readonly ref: ObjectRef,
    readonly timeoutMs: number,
  ) {
    super(`exec in pod ${ref.namespace}/${ref.name} did not finish within ${timeoutMs} ms`);
    this.name = 'ExecTimeoutError';
  }
}

/** Exit code reported when the API server ran no command at all (e.g. executable not found). */
export const EXEC_NOT_STARTED_EXIT_CODE = -1;

class Collector extends Writable {
  private readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.chunks.push(Buffer.from(chunk));
    done();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

type ExecLike = Pick<Exec, 'exec'>;

/**
 * Runs a command over the exec websocket and collects stdout, stderr and the exit code from the
 * status channel. A non-zero exit is data; a status without an exit code (the command never ran)
 * gives EXEC_NOT_STARTED_EXIT_CODE with the server's message appended to stderr. Throws on a
 * transport failure or after timeoutMs (ExecTimeoutError).
 */
export async function execInPod(
  exec: ExecLike,
  ref: ObjectRef,
  container: string,
  command: string[],
  timeoutMs: number,
): Promise<ExecResult> {
  const started = Date.now();
  const stdout = new Collector();
  const stderr = new Collector();
  return await new Promise<ExecResult>((resolve, reject) => {
    let settled = false;
    let socket: { close(): void } | undefined;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const timer = setTimeout(() => {
      finish(() => reject(new ExecTimeoutError(ref, timeoutMs)));
      socket?.close();
    }, timeoutMs);
    const onStatus = (status: V1Status): void => {
      const code = exitCodeOf(status as ExecStatus);
      const extra = code === undefined ? `${status.message ?? 'exec failed'}` : '';
      finish(() =>
        resolve({
          exitCode: code ?? EXEC_NOT_STARTED_EXIT_CODE,
          stdout: stdout.text(),
          stderr: stderr.text() + (extra && stderr.text() ? '\n' : '') + extra,
          durationMs: Date.now() - started,
        }),
      );
    };
    exec
      .exec(ref.namespace, ref.name, container, command, stdout, stderr, null, false, onStatus)
      .then((ws) => {
        socket = ws;
        if (settled) ws.close();
        ws.on('close', () =>
          finish(() =>
            reject(new Error(`exec in pod ${ref.namespace}/${ref.name} closed before reporting an exit status`)),
          ),
        );
      })
      .catch((err: unknown) =>
        finish(() =>
          reject(new Error(`unable to exec in pod ${ref.namespace}/${ref.name}: ${errorText(err)}`, { cause: err })),
        ),
      );
  });
}
