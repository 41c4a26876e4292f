// knot version
import { readFileSync } from 'node:fs';
import type { Command } from './command.js';

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export const versionCommand: Command = {
  name: 'version',
  summary: "print knot's version",
  run(ctx) {
    ctx.out(`knot ${version()}`);
    return Promise.resolve(0);
  },
};
