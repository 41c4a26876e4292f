/**
 * Formats a condition message the way Go's fmt.Sprintf does for the verbs
 * Knative reconcilers use (%s %v %d %q %w %%), so messages match Knative's.
 * With no arguments the format is returned unchanged, so text containing `%`
 * (an error message, say) passes through.
 */
export function formatMessage(format: string, args: readonly unknown[]): string {
  if (args.length === 0) return format;
  let next = 0;
  return format.replace(/%([%svdqwt])/g, (_match, verb: string) => {
    if (verb === '%') return '%';
    if (next >= args.length) return `%!${verb}(MISSING)`;
    const arg = args[next++];
    return verb === 'q' ? JSON.stringify(stringify(arg)) : stringify(arg);
  });
}

function stringify(arg: unknown): string {
  switch (typeof arg) {
    case 'string':
      return arg;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(arg);
    case 'undefined':
      return '<nil>';
    case 'symbol':
      return arg.toString();
    case 'function':
      return arg.name || 'function';
    default:
      if (arg === null) return '<nil>';
      if (arg instanceof Error) return arg.message;
      try {
        return JSON.stringify(arg);
      } catch {
        return Object.prototype.toString.call(arg);
      }
  }
}
