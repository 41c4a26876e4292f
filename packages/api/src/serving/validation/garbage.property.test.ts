// Validation is the webhook's first contact with user input: it must answer, never throw.
import fc from 'fast-check';
import { parseScaleSchedule } from '../../dataplane/scale-schedule.js';
import type { FieldError } from '../../field-error.js';
import type { ValidationContext } from './context.js';
import { validateConfiguration, validateDomainMapping, validateRevision, validateRoute, validateService } from './index.js';
import { helloworldService, podWith, richService, serviceWith } from './testing/fixtures.js';

const VALIDATORS: readonly [string, (v: unknown, ctx?: ValidationContext) => FieldError[]][] = [
  ['Service', validateService],
  ['Configuration', validateConfiguration],
  ['Revision', validateRevision],
  ['Route', validateRoute],
  ['DomainMapping', validateDomainMapping],
];

function assertWellFormed(errs: unknown): void {
  expect(Array.isArray(errs)).toBe(true);
  for (const e of errs as unknown[]) {
    expect(typeof (e as FieldError).path).toBe('string');
    expect(typeof (e as FieldError).message).toBe('string');
  }
}

function runAll(value: unknown, ctx?: ValidationContext): void {
  for (const [, validate] of VALIDATORS) assertWellFormed(validate(value, ctx));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Every path (as keys) to a value inside `v`, through plain objects and arrays only. */
function pathsOf(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((item, i) => pathsOf(item, [...prefix, i], out));
  else if (isPlainObject(v)) for (const [k, item] of Object.entries(v)) pathsOf(item, [...prefix, k], out);
  return out;
}

type Mutation = { at: number; kind: 'replace' | 'delete' | 'add'; key: string; value: unknown };

function mutate(base: Record<string, unknown>, mutations: readonly Mutation[]): unknown {
  let root: unknown = structuredClone(base);
  for (const m of mutations) {
    const paths = pathsOf(root);
    const path = paths[m.at % paths.length]!;
    if (path.length === 0) {
      root = m.kind === 'replace' ? m.value : root;
      continue;
    }
    let parent = root as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    const target = parent[last];
    if (m.kind === 'replace') parent[last] = m.value;
    else if (m.kind === 'delete') delete parent[last];
    else if (isPlainObject(target)) Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    else if (Array.isArray(target)) target.push(m.value);
  }
  return root;
}

const mutationArb = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace' as const, 'delete' as const, 'add' as const),
  key: fc.oneof(fc.string(), fc.constantFrom('name', 'image', 'ports', 'percent', 'tag', 'spec', 'metadata', '__proto__', 'toString')),
  value: fc.oneof(fc.anything({ withNullPrototype: true, withBigInt: true, withBoxedValues: true }), fc.jsonValue()),
});

const contextArb: fc.Arbitrary<ValidationContext | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({ original: fc.anything() }),
  fc.record({ original: fc.constantFrom(helloworldService(), richService()) }),
  fc.record({ features: fc.constant({ multiContainerProbing: 'Enabled' as const, podSpecInitContainers: 'Enabled' as const }) }),
);

describe('validation never throws', () => {
  test('on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBigInt: true, withBoxedValues: true, withSparseArray: true }), contextArb, (value, ctx) => {
        runAll(value, ctx);
      }),
      { numRuns: 300 },
    );
  });

  test('on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => runAll(value)), { numRuns: 300 });
  });

  test.each([
    { name: 'helloworld', base: helloworldService },
    { name: 'a rich Service', base: richService },
  ])('on random mutations of $name', ({ base }) => {
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 6 }), contextArb, (mutations, ctx) => {
        runAll(mutate(base(), mutations), ctx);
      }),
      { numRuns: 400 },
    );
  });

  test('the unmutated bases are valid, so mutations start from a clean slate', () => {
    expect(validateService(helloworldService())).toEqual([]);
    expect(validateService(richService())).toEqual([]);
  });
});

describe('scaling policy annotations never make validation throw', () => {
  const SCHEDULE = 'autoscaling.knative.dev/scale-schedule';
  const RESERVE = 'autoscaling.knative.dev/reserve-instance-resources';
  const window = fc.record(
    {
      schedule: fc.oneof(fc.constantFrom('0 9 * * 1-5', '*/5 * * * * *', '@weekly', '0 0 30 2 *', '99 * * * *', '* * *'), fc.string()),
      duration: fc.oneof(fc.constantFrom('9h', '1s', '999ms', '8784h', '-1h', '1e9h'), fc.string(), fc.double()),
      minScale: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)),
      timezone: fc.oneof(fc.constantFrom('UTC', 'Europe/Berlin', '+05:30', 'Mars/Olympus', ''), fc.string(), fc.integer()),
    },
    { requiredKeys: [] },
  );
  const schedule = fc.oneof(fc.string(), fc.json(), fc.array(fc.oneof(window, fc.jsonValue()), { maxLength: 40 }).map((w) => JSON.stringify(w)));
  const entry = fc.tuple(fc.oneof(fc.constantFrom('cpu', 'memory', 'hugepages-2Mi', 'nvidia.com/gpu', 'kubernetes.io/x'), fc.string()), fc.oneof(fc.constantFrom('100m', '1Gi', '-1', '1e3', ''), fc.string()));
  const reserve = fc.oneof(fc.string(), fc.array(entry, { maxLength: 6 }).map((kv) => kv.map(([k, v]) => `${k}=${v}`).join(',')));
  const others = fc.dictionary(fc.constantFrom('class', 'min-scale', 'minScale').map((k) => `autoscaling.knative.dev/${k}`), fc.constantFrom('kpa.autoscaling.knative.dev', 'hpa.autoscaling.knative.dev', 'x.example.com', '0', '3', 'x'));

  test('a schedule is refused exactly when the autoscaler could not read it, and every policy error names its annotation', () => {
    fc.assert(
      fc.property(fc.option(schedule, { nil: undefined }), fc.option(reserve, { nil: undefined }), others, (s, r, rest) => {
        const annotations: Record<string, string> = { ...rest, ...(s === undefined ? {} : { [SCHEDULE]: s }), ...(r === undefined ? {} : { [RESERVE]: r }) };
        const errs = validateService(serviceWith(podWith(), { annotations }));
        assertWellFormed(errs);
        assertWellFormed(validateRevision({ metadata: { name: 'hello-00001', annotations }, spec: podWith() }));
        const at = (key: string) => errs.filter((e) => e.path === `spec.template.metadata.annotations[${key}]`);
        let readable = true;
        try {
          if (s !== undefined) parseScaleSchedule(s);
        } catch {
          readable = false;
        }
        expect(at(SCHEDULE)).toHaveLength(readable ? 0 : 1);
        if (r === undefined) expect(at(RESERVE)).toHaveLength(0);
        for (const e of errs) expect(e.path.startsWith('spec.template.metadata.annotations[')).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
