#!/usr/bin/env node
// The knot command. In a clone of the repository it runs from the TypeScript
// sources (no build step after `npm ci`); an installed package runs its build.
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { URL } from 'node:url';

const source = new URL('../src/main.ts', import.meta.url);
if (existsSync(source)) {
  register('./source-hooks.js', import.meta.url);
  await import(source.href);
} else {
  await import(new URL('../dist/main.js', import.meta.url).href);
}
