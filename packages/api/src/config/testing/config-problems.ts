// Test support for the config-map parsers' tests.
import { ConfigError } from '../parse.js';
import type { ConfigData } from '../parse.js';

/** What `parse` reports for `data`, one `key: message` a problem; empty when it parses. Other errors are rethrown. */
export function configProblems(parse: (data: ConfigData) => unknown, data: ConfigData): string[] {
  try {
    parse(data);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.errors.map((e) => `${e.path}: ${e.message}`);
  }
}
