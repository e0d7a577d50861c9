/**
 * A stream whose reader may go away (`netpol-harness check | head`): once the pipe is closed
 * (EPIPE), further writes are dropped instead of ending in an unhandled error and a stack trace.
 * The command goes on (reports to files are still written) and exits with its own code.
 */
export function quietOnClosedPipe(stream: NodeJS.WritableStream): {
  write: (s: string) => void;
  closed: () => boolean;
} {
  let closed = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') closed = true;
    else throw err;
  });
  return {
    write: (s) => {
      if (!closed) stream.write(s);
    },
    closed: () => closed,
  };
}
