// Whatever the command line, runCli resolves with an exit code and never throws.
// Ctrl-C is pressed before each run, so commands that wait or follow end at once.
import fc from 'fast-check';
import { serving } from '@knot/api';
import { COMMANDS } from './commands/index.js';
import { knotHarness } from './testing/knot-harness.js';

const words = [
  ...COMMANDS.flatMap((c) => [c.name, ...(c.subcommands ?? []).map((s) => s.name)]),
  'ksvc', 'rev', 'route', 'pods', 'svc', 'ksvc/hello', 'rev/hello-00001', 'hello', 'hello-00001', '-', '--',
  '-f', '-o', 'yaml', 'json', 'wide', 'name', '-n', 'default', '-A', '-l', 'a=b', '--image', 'img', '--env', 'A=1', 'A-',
  '--traffic', '@latest=100', '--tag', '@latest=x', '--port', 'h2c:8080', '--scale-min', '-1', '--no-wait', '--wait-timeout', '1',
  '--ref', 'ksvc:hello', '-c', 'user-container', '--tail', '3', '--help', '--bogus', '=', '%', '\u0000', '',
];

test('a bounded fuzz of argv always ends in 0, 1, 2 or 130', async () => {
  const h = knotHarness();
  await h.store.create(serving.services, { metadata: { name: 'hello', namespace: 'default' }, spec: { template: { spec: { containers: [{ name: 'user-container', image: 'img' }] } } } });
  const argv = fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 12 })), { maxLength: 8 });
  const seen = new Set<number>();
  await fc.assert(
    fc.asyncProperty(argv, async (args) => {
      // Waits end at once (there is no controller to make anything Ready): as if Ctrl-C came first.
      const run = await h.run(args, { stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fuzz}\n', signal: AbortSignal.abort() });
      expect([0, 1, 2, 130]).toContain(run.code);
      seen.add(run.code);
      if (run.code === 2) expect(run.err).toMatch(/^error: /);
    }),
    { numRuns: 300 },
  );
  // The generator reaches commands that run, not only usage errors.
  expect([...seen].sort()).toEqual(expect.arrayContaining([0, 2]));
});
