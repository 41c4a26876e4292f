import fc from 'fast-check';
import { DEFAULT_CONFIG_DEFAULTS as DEFAULTS_BASE } from '../../config/config-defaults.js';
import type { Configuration } from '../v1/configuration.js';
import type { Revision } from '../v1/revision.js';
import type { Route } from '../v1/route.js';
import type { Service } from '../v1/service.js';
import type { DomainMapping } from '../v1beta1/domain-mapping.js';
import { validateService } from '../validation/service.js';
import { helloworldService, richService } from '../validation/testing/fixtures.js';
import type { DefaultingContext } from './context.js';
import { setConfigurationDefaults, setDomainMappingDefaults, setRevisionDefaults, setRouteDefaults, setServiceDefaults } from './index.js';

// Garbage goes through the same door as a typed object does at runtime: an unchecked webhook body.
const DEFAULTERS: readonly ((v: never, ctx?: DefaultingContext) => unknown)[] = [
  (v: Service, c) => setServiceDefaults(v, c),
  (v: Configuration, c) => setConfigurationDefaults(v, c),
  (v: Revision, c) => setRevisionDefaults(v, c),
  (v: Route, c) => setRouteDefaults(v, c),
  (v: DomainMapping, c) => setDomainMappingDefaults(v, c),
];

const contextArb: fc.Arbitrary<DefaultingContext> = fc.record(
  {
    original: fc.anything(),
    user: fc.string(),
    features: fc.constantFrom({}, { securePodDefaults: 'Enabled' as const }),
  },
  { requiredKeys: [] },
);

describe('defaulting', () => {
  test('never throws on arbitrary JSON-like values', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true }), contextArb, (value, ctx) => {
        for (const setDefaults of DEFAULTERS) setDefaults(value as never, ctx);
      }),
      { numRuns: 300 },
    );
  });

  test('never throws on Services with random parts replaced', () => {
    const keys = fc.constantFrom('metadata', 'spec', 'template', 'containers', 'traffic', 'readinessProbe', 'ports', 'volumeMounts', 'resources');
    fc.assert(
      fc.property(keys, fc.anything(), contextArb, (key, value, ctx) => {
        const replaced = JSON.parse(JSON.stringify(richService()), (k, v: unknown) => (k === key ? value : v)) as Service;
        setServiceDefaults(replaced, ctx);
      }),
      { numRuns: 300 },
    );
  });

  test.each([
    { name: 'helloworld', base: helloworldService },
    { name: 'a rich Service', base: richService },
  ])('keeps $name valid and is idempotent, whatever the defaults config', ({ base }) => {
    fc.assert(
      fc.property(
        fc.record({
          revisionTimeoutSeconds: fc.integer({ min: 1, max: 600 }),
          containerConcurrency: fc.integer({ min: 0, max: 1000 }),
          revisionIdleTimeoutSeconds: fc.integer({ min: 0, max: 600 }),
        }),
        fc.constantFrom('Disabled' as const, 'Enabled' as const, 'AllowRootBounded' as const),
        (partial, securePodDefaults) => {
          const ctx = {
            defaults: { ...DEFAULTS_BASE, ...partial, revisionResponseStartTimeoutSeconds: partial.revisionTimeoutSeconds },
            features: { securePodDefaults },
          };
          const once = setServiceDefaults(base() as unknown as Service, ctx);
          expect(validateService(once, ctx)).toEqual([]);
          expect(setServiceDefaults(once, ctx)).toEqual(once);
        },
      ),
      { numRuns: 100 },
    );
  });
});
