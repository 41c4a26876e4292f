import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { version } from './cli.js';
import { knotHarness } from './testing/knot-harness.js';

test.each([
  { name: 'version', argv: ['version'], code: 0, out: /^knot \d+\.\d+\.\d+\n$/ },
  { name: '--version', argv: ['--version'], code: 0, out: /^knot \d+\.\d+\.\d+\n$/ },
  { name: 'no command prints usage', argv: [], code: 0, out: /^knot: .*\n\nUsage: knot <command>/ },
  { name: '--help', argv: ['--help'], code: 0, out: /Commands:\n {2}apply/ },
  { name: 'help for a command', argv: ['help', 'get'], code: 0, out: /^Usage: knot get KIND/ },
  { name: '--help after a command', argv: ['service', 'create', '--help'], code: 0, out: /--concurrency-limit N/ },
  { name: 'a group alone lists its commands', argv: ['service'], code: 0, out: /Commands:\n {2}create/ },
  { name: 'global flags before the command', argv: ['-n', 'team-a', 'version'], code: 0, out: /^knot / },
])('$name', async ({ argv, code, out }) => {
  const got = await knotHarness().run(argv);
  expect(got.code).toBe(code);
  expect(got.out).toMatch(out);
});

test.each([
  { name: 'an unknown command', argv: ['frobnicate'], err: /error: unknown command "frobnicate"\nRun 'knot --help' for usage\./ },
  { name: 'an unknown subcommand', argv: ['service', 'frob'], err: /unknown command "service frob"\nRun 'knot service --help'/ },
  { name: 'an unknown flag', argv: ['get', 'ksvc', '--bogus'], err: /error: unknown flag: --bogus\nRun 'knot get --help' for usage\./ },
  { name: 'a flag without its value', argv: ['get', 'ksvc', '-o'], err: /flag needs a value: -o, --output/ },
  { name: 'a bad output format', argv: ['get', 'ksvc', '-o', 'xml'], err: /--output: unknown format "xml"/ },
  { name: 'an unknown kind', argv: ['get', 'widgets'], err: /unknown resource type "widgets"/ },
  { name: 'a value on a boolean flag', argv: ['get', 'ksvc', '--all-namespaces=yes'], err: /flag takes no value: -A, --all-namespaces/ },
  { name: 'an empty namespace', argv: ['get', 'ksvc', '-n', ''], err: /--namespace: must not be empty/ },
  { name: 'a bad --tail', argv: ['logs', 'p', '--tail', 'ten'], err: /--tail: "ten" is not an integer/ },
  { name: 'help for an unknown command', argv: ['help', 'nope'], err: /unknown command "nope"/ },
])('$name exits 2 and names the problem', async ({ argv, err }) => {
  const got = await knotHarness().run(argv);
  expect(got.code).toBe(2);
  expect(got.err).toMatch(err);
});

test('--kubeconfig and --context reach the connection', async () => {
  const h = knotHarness();
  await h.run(['get', 'ksvc', '--kubeconfig', 'k.yaml', '--context', 'knot-dev']);
  expect(h.connects).toEqual([{ kubeconfig: 'k.yaml', context: 'knot-dev' }]);
});

test('the bin runs from the TypeScript sources with no build', async () => {
  const bin = new URL('../bin/knot.js', import.meta.url).pathname;
  const { stdout } = await promisify(execFile)(process.execPath, [bin, 'version']);
  expect(stdout).toBe(`knot ${version()}\n`);
});
