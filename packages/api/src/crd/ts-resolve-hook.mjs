// Lets `node` run the TypeScript sources directly (npm run crds): Node strips the
// types, and this hook maps the `./x.js` imports our sources use (TypeScript's
// nodenext convention) to the `./x.ts` files that exist before any build.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (err) {
      const relativeJs = /^\.\.?\//.test(specifier) && specifier.endsWith('.js');
      if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !relativeJs) throw err;
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
  },
});
