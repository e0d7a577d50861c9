import { main } from './program.js';
import { installers } from './installers.js';
import { quietOnClosedPipe } from './pipes.js';

const stdout = quietOnClosedPipe(process.stdout);
const stderr = quietOnClosedPipe(process.stderr);

const io = {
  out: (s: string) => stdout.write(s + '\n'),
  err: (s: string) => stderr.write(s + '\n'),
  colorOut: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
};

process.exitCode = await main(process.argv.slice(2), io, installers);
