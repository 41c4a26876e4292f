import { execFile } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { runCli, version } from './cli.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await runCli(argv, { stdout, stderr, env: {}, cwd: process.cwd() });
  return { code, out, err };
}

test.each([
  { name: 'version', argv: ['version'], code: 0, out: /^knot \d+\.\d+\.\d+\n$/ },
  { name: 'no command prints usage', argv: [], code: 0, out: /^knot: .*\n\nUsage: knot <command>/ },
  { name: '--help', argv: ['--help'], code: 0, out: /Commands:/ },
])('$name', async ({ argv, code, out }) => {
  const got = await run(...argv);
  expect(got.code).toBe(code);
  expect(got.out).toMatch(out);
});

test('an unknown command exits 2 and names it', async () => {
  const got = await run('frobnicate');
  expect(got.code).toBe(2);
  expect(got.err).toMatch(/unknown command "frobnicate"/);
});

test('the bin runs from the TypeScript sources with no build', async () => {
  const bin = new URL('../bin/knot.js', import.meta.url).pathname;
  const { stdout } = await promisify(execFile)(process.execPath, [bin, 'version']);
  expect(stdout).toBe(`knot ${version()}\n`);
});
