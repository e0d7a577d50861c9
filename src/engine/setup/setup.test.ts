import { expect } from 'chai';
import { FakeKubeClient } from '../../testing/fake-kube.js';
import { waitForServiceAccounts, type SetupOptions } from './setup.js';
import type { Clock } from '../stabilize/stabilize.js';

function fakeClock(): Clock & { waited: number } {
  let now = 0;
  const clock = {
    waited: 0,
    nowMs: () => now,
    waitMs: async (ms: number) => {
      now += ms;
      clock.waited += ms;
    },
  };
  return clock;
}

const opts: SetupOptions = {
  runId: 'r1',
  images: { images: {} } as never,
  offline: true,
  podReadyTimeoutSeconds: 5,
  pollIntervalMs: 1000,
};

describe('engine: waiting for the default service account', () => {
  it('returns at once when every namespace has it', async () => {
    const kube = new FakeKubeClient();
    await kube.createNamespace('a', {});
    const clock = fakeClock();
    await waitForServiceAccounts(kube, ['a'], opts, clock);
    expect(clock.waited).to.equal(0);
  });

  it('polls while the controller manager catches up', async () => {
    const kube = new FakeKubeClient();
    await kube.createNamespace('a', {});
    await kube.createNamespace('b', {});
    kube.serviceAccountDelays.set('b', 2);
    const clock = fakeClock();
    await waitForServiceAccounts(kube, ['a', 'b'], opts, clock);
    expect(clock.waited).to.equal(2000);
  });

  it('gives up at the deadline, naming the namespace and the likely cause', async () => {
    const kube = new FakeKubeClient();
    await kube.createNamespace('slow', {});
    kube.serviceAccountDelays.set('slow', 99);
    let message = '';
    await waitForServiceAccounts(kube, ['slow'], opts, fakeClock()).catch((e: Error) => (message = e.message));
    expect(message).to.equal(
      "namespace slow got no default service account within 5 s: is the cluster's controller manager running?",
    );
  });
});
