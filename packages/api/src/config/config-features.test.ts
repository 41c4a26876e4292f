import { DEFAULT_CONFIG_FEATURES, FEATURE_FLAG_KEYS, parseConfigFeatures } from './config-features.js';

test('empty data gives Knative defaults', () => {
  const features = parseConfigFeatures({});
  expect(features).toEqual(DEFAULT_CONFIG_FEATURES);
  expect(features).toMatchObject({
    multiContainer: 'Enabled',
    podSpecVolumesEmptyDir: 'Enabled',
    podSpecAffinity: 'Disabled',
    podSpecFieldRef: 'Disabled',
    tagHeaderBasedRouting: 'Disabled',
    autoDetectHTTP2: 'Disabled',
    queueProxyMountPodInfo: 'Disabled',
    securePodDefaults: 'Disabled',
  });
  expect(Object.keys(features)).toHaveLength(33);
});

test.each(Object.entries(FEATURE_FLAG_KEYS).map(([field, [key]]) => ({ field, key })))('$key sets $field', ({ field, key }) => {
  expect(parseConfigFeatures({ [key]: 'allowed' })).toEqual({ ...DEFAULT_CONFIG_FEATURES, [field]: 'Allowed' });
  expect(parseConfigFeatures({ [key]: 'ENABLED' })).toMatchObject({ [field]: 'Enabled' });
});

test.each([
  { name: 'AllowRootBounded', raw: 'allowrootbounded', want: 'AllowRootBounded' },
  { name: 'Enabled', raw: 'Enabled', want: 'Enabled' },
  { name: 'Allowed is not a secure-pod-defaults value', raw: 'Allowed', want: 'Disabled' },
])('secure-pod-defaults: $name', ({ raw, want }) => {
  expect(parseConfigFeatures({ 'secure-pod-defaults': raw }).securePodDefaults).toBe(want);
});

test('an unknown flag value keeps the default, as in Knative', () => {
  expect(parseConfigFeatures({ 'multi-container': 'maybe', 'tag-header-based-routing': 'on' })).toEqual(DEFAULT_CONFIG_FEATURES);
});
