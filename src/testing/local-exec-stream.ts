// An ExecStream over a local child process, so tests can run the real probe agent with the
// machine's own /bin/sh instead of a container.
import { spawn } from 'node:child_process';
import type { ExecStream } from '../kube/types.js';

export interface LocalExecStream extends ExecStream {
  /** Kills the process (a container that died, a pod that was deleted). */
  kill(): void;
  readonly pid: number | undefined;
}

export function localExecStream(command: string[], env: NodeJS.ProcessEnv = process.env): LocalExecStream {
  const [file, ...args] = command;
  const child = spawn(file as string, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
  const ended = new Promise<{ exitCode?: number; reason: string }>((resolve) => {
    child.on('exit', (code, signal) =>
      resolve(
        code === null
          ? { reason: `killed by ${signal}` }
          : { exitCode: code, reason: `the command exited with code ${code}` },
      ),
    );
    child.on('error', (err) => resolve({ reason: `could not start: ${err.message}` }));
  });
  child.stdin.on('error', () => {});
  return {
    write: (data) => {
      if (child.stdin.writable) child.stdin.write(data);
    },
    onStdout: (l) => child.stdout.on('data', (c: Buffer) => l(c)),
    onStderr: (l) => child.stderr.on('data', (c: Buffer) => l(c)),
    ended,
    close: () => child.stdin.end(),
    kill: () => child.kill('SIGKILL'),
    pid: child.pid,
  };
}
