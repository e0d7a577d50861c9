// Runs a program (kind, docker, kubectl) as a child process, bounded by a timeout: exit code and output
// back, a missing program thrown as CommandNotFoundError.
import { execa } from 'execa';

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Also copy the command's stderr to ours as it runs (kind's own progress lines). */
  streamStderr?: boolean;
  timeoutMs?: number;
}

/** Runs a program; a non-zero exit is returned, a missing program throws CommandNotFoundError. */
export type RunCommand = (file: string, args: string[], options?: RunOptions) => Promise<CommandResult>;

export class CommandNotFoundError extends Error {
  constructor(readonly file: string) {
    super(`${file}: command not found`);
    this.name = 'CommandNotFoundError';
  }
}

export const runWithExeca: RunCommand = async (file, args, options = {}) => {
  const result = await execa(file, args, {
    reject: false,
    stdin: 'ignore',
    stderr: options.streamStderr ? ['pipe', 'inherit'] : 'pipe',
    ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
  });
  if ((result as { code?: string }).code === 'ENOENT') throw new CommandNotFoundError(file);
  if (result.timedOut)
    return {
      exitCode: -1,
      stdout: String(result.stdout ?? ''),
      stderr: `${file} timed out after ${options.timeoutMs} ms`,
    };
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
};

/** `kind create cluster …` as one pasteable line. */
export function commandLine(file: string, args: string[]): string {
  return [file, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** The last lines of a command's output, for error messages. */
export function tail(text: string, lines = 15): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
