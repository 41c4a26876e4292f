// Module hooks that let Node run knot's workspace sources directly: workspace
// packages resolve through their `@knot/source` export condition to .ts files,
// relative `./x.js` imports find `./x.ts`, and TypeScript is compiled on load
// with swc (the compiler the tests use).
import { existsSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';

/** @type {import('@swc/core') | undefined} */
let swc;

export async function resolve(specifier, context, next) {
  const conditions = [...new Set(['@knot/source', ...context.conditions])];
  try {
    return await next(specifier, { ...context, conditions });
  } catch (err) {
    if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
      const ts = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
      if (existsSync(fileURLToPath(ts))) return { url: ts.href, shortCircuit: true, format: 'module' };
    }
    throw err;
  }
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts') || !url.startsWith('file:')) return next(url, context);
  swc ??= await import('@swc/core');
  const file = fileURLToPath(url);
  const { code } = await swc.transformFile(file, {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2023', keepClassNames: true },
    module: { type: 'es6' },
    sourceMaps: 'inline',
    swcrc: false,
  });
  return { format: 'module', source: code, shortCircuit: true };
}
