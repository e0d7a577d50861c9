import { expect } from 'chai';
import { spawn } from 'node:child_process';

describe('cli: a reader that closes the pipe early (check | head)', function () {
  this.timeout(60_000);

  it("ends quietly with the command's own exit code, no EPIPE stack trace", async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'check', 'scenarios', '--no-color'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).to.equal('');
    expect(code).to.equal(1); // the corpus has documented disagreements
  });
});
