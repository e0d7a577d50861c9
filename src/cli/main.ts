import { main } from './program.js';
import { installers } from './installers.js';

const io = {
  out: (s: string) => process.stdout.write(s + '\n'),
  err: (s: string) => process.stderr.write(s + '\n'),
  colorOut: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
};

process.exitCode = await main(process.argv.slice(2), io, installers);
