// A port that is free now on 127.0.0.1, for a listener a test starts later (a child process,
// the runner's receiver). Another process may take it meanwhile; tests that need certainty
// bind port 0 themselves.
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      if (address === null || typeof address === 'string') {
        probe.close(() => reject(new Error('the probe got no TCP port')));
        return;
      }
      probe.close(() => resolve(address.port));
    });
  });
}
