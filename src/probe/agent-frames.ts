// Decoding the agent's stdout into frames (see agent-script.ts). Pure and incremental: chunks
// arrive split anywhere, frames are whole lines; a line that is not a frame of this session (a
// stray message, another nonce) is kept as noise, never taken for a reply.
import { FRAME_MARK } from './agent-script.js';

export type AgentFrame =
  | { kind: 'ready'; pid: number }
  /** stdout/stderr undefined: sent before as chunks (`+` in the line). */
  | {
      kind: 'reply';
      id: number;
      exitCode: number;
      toolMs?: number;
      /** When the command started: the container's uptime, in hundredths of a second. */
      startCs?: number;
      stdout: Buffer | undefined;
      stderr: Buffer | undefined;
    }
  | { kind: 'chunk'; id: number; stream: 'stdout' | 'stderr'; data: Buffer };

/** A line longer than this without a newline is not a frame; it is dropped as noise. */
export const MAX_FRAME_LINE_BYTES = 1024 * 1024;

function decodeHex(field: string): Buffer | undefined {
  if (field === '-') return Buffer.alloc(0);
  if (field === '') return undefined;
  if (field.length % 2 !== 0 || !/^[0-9a-f]*$/.test(field)) return undefined;
  return Buffer.from(field, 'hex');
}

function wholeNumber(field: string | undefined): number | undefined {
  return field !== undefined && /^[0-9]{1,15}$/.test(field) ? Number(field) : undefined;
}

/** One line (without its newline) as a frame of the session with this nonce, or undefined. */
export function parseFrameLine(line: string, nonce: string): AgentFrame | undefined {
  const f = line.split(' ');
  if (f[0] !== FRAME_MARK || f[1] !== nonce) return undefined;
  if (f[2] === 'READY' && f.length === 4) {
    const pid = wholeNumber(f[3]);
    return pid === undefined ? undefined : { kind: 'ready', pid };
  }
  if (f[2] === 'R' && f.length === 9) {
    const id = wholeNumber(f[3]);
    const exitCode = wholeNumber(f[4]);
    const toolMs = f[5] === '-' ? undefined : wholeNumber(f[5]);
    const startCs = f[6] === '-' ? undefined : wholeNumber(f[6]);
    const stdout = f[7] === '+' ? undefined : decodeHex(f[7] as string);
    const stderr = f[8] === '+' ? undefined : decodeHex(f[8] as string);
    if (
      id === undefined ||
      exitCode === undefined ||
      (f[5] !== '-' && toolMs === undefined) ||
      (f[6] !== '-' && startCs === undefined) ||
      (!stdout && f[7] !== '+') ||
      (!stderr && f[8] !== '+')
    )
      return undefined;
    return {
      kind: 'reply',
      id,
      exitCode,
      ...(toolMs === undefined ? {} : { toolMs }),
      ...(startCs === undefined ? {} : { startCs }),
      stdout,
      stderr,
    };
  }
  if (f[2] === 'C' && f.length === 6 && (f[4] === 'o' || f[4] === 'e')) {
    const id = wholeNumber(f[3]);
    const data = decodeHex(f[5] as string);
    if (id === undefined || !data || data.length === 0) return undefined;
    return { kind: 'chunk', id, stream: f[4] === 'o' ? 'stdout' : 'stderr', data };
  }
  return undefined;
}

export class FrameDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private dropping = false;
  /** Lines that were not frames of this session (kept short, for diagnostics). */
  readonly noise: string[] = [];

  constructor(private readonly nonce: string) {}

  /** Feeds a chunk of stdout; returns the frames completed by it, in order. */
  feed(chunk: Buffer): AgentFrame[] {
    const frames: AgentFrame[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, nl);
      start = nl + 1;
      if (this.dropping) {
        this.dropping = false;
        continue;
      }
      const line = Buffer.concat([...this.pending, piece]).toString('latin1');
      this.pending = [];
      this.pendingBytes = 0;
      const frame = parseFrameLine(line, this.nonce);
      if (frame) frames.push(frame);
      else if (line.length > 0) this.keepNoise(line);
    }
    const rest = chunk.subarray(start);
    if (rest.length > 0 && !this.dropping) {
      this.pending.push(Buffer.from(rest));
      this.pendingBytes += rest.length;
      if (this.pendingBytes > MAX_FRAME_LINE_BYTES) {
        this.keepNoise(`(a line of over ${MAX_FRAME_LINE_BYTES} bytes without a newline)`);
        this.pending = [];
        this.pendingBytes = 0;
        this.dropping = true;
      }
    }
    return frames;
  }

  private keepNoise(line: string): void {
    if (this.noise.length < 20) this.noise.push(line.length > 200 ? `${line.slice(0, 200)}…` : line);
  }
}
