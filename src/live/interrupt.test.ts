import { EventEmitter } from 'node:events';
import { expect } from 'chai';
import { InterruptCoordinator } from './interrupt.js';

function coordinator() {
  const signals = new EventEmitter();
  const exits: number[] = [];
  let exited: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (exited = resolve));
  const c = new InterruptCoordinator(
    (code) => {
      exits.push(code);
      exited();
    },
    signals as unknown as Pick<NodeJS.Process, 'on' | 'off'>,
  );
  return { c, signals, exits, done };
}

describe('InterruptCoordinator', () => {
  it('runs every registered cleanup on Ctrl-C and exits 130 only once all have finished', async () => {
    const { c, signals, exits, done } = coordinator();
    const log: string[] = [];
    const slow = c.register(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        log.push('run cleaned');
      },
      () => undefined,
    );
    c.register(
      async () => {
        log.push('preflight cleaned');
      },
      () => undefined,
    );
    signals.emit('SIGINT');
    signals.emit('SIGINT');
    expect(slow.fired()).to.equal(true);
    await done;
    expect(log).to.deep.equal(['preflight cleaned', 'run cleaned']);
    expect(exits).to.deep.equal([130]);
  });

  it('leaves out a disposed handler, and listens only while one is registered', async () => {
    const { c, signals, exits, done } = coordinator();
    const log: string[] = [];
    const first = c.register(
      async () => void log.push('first'),
      () => undefined,
    );
    expect(signals.listenerCount('SIGINT')).to.equal(1);
    first.dispose();
    expect(signals.listenerCount('SIGINT')).to.equal(0);
    c.register(
      async () => void log.push('second'),
      () => undefined,
    );
    signals.emit('SIGINT');
    await done;
    expect(log).to.deep.equal(['second']);
    expect(exits).to.deep.equal([130]);
  });

  it('says when a cleanup fails, and still exits once the others are done', async () => {
    const { c, signals, exits, done } = coordinator();
    const errors: string[] = [];
    c.register(
      async () => {
        throw new Error('namespace x: forbidden');
      },
      (s) => errors.push(s),
    );
    signals.emit('SIGINT');
    await done;
    expect(errors).to.deep.equal(['cleanup failed: namespace x: forbidden']);
    expect(exits).to.deep.equal([130]);
  });
});
