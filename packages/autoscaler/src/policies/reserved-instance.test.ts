import { RESERVE_ORIGINAL_RESOURCES_ANNOTATION_KEY } from '@knot/api';
import { deployment, USER_RESOURCES } from '../reconciler/testing/pa-fixtures.js';
import { fromReserve, isReserved, parseReserveResources, ReserveResourcesError, toReserve } from './reserved-instance.js';

describe('parseReserveResources', () => {
  test('reads resource=quantity pairs', () => {
    expect(parseReserveResources('cpu=100m, memory=128Mi,nvidia.com/gpu=0')).toEqual({ cpu: '100m', memory: '128Mi', 'nvidia.com/gpu': '0' });
  });

  test.each([
    { name: 'an empty value', value: ' , ', problem: 'names no resource' },
    { name: 'a missing quantity', value: 'cpu', problem: 'invalid quantity "" for cpu' },
    { name: 'a bad quantity', value: 'cpu=lots', problem: 'invalid quantity "lots" for cpu' },
    { name: 'a negative quantity', value: 'memory=-1Gi', problem: 'invalid quantity "-1Gi"' },
    { name: 'a bad name', value: 'CPU!=1', problem: 'invalid resource name "CPU!"' },
    { name: 'a repeated name', value: 'cpu=1,cpu=2', problem: 'cpu given twice' },
  ])('refuses $name', ({ value, problem }) => {
    expect(() => parseReserveResources(value)).toThrow(ReserveResourcesError);
    expect(() => parseReserveResources(value)).toThrow(problem);
  });
});

describe('switching the Deployment', () => {
  const small = { cpu: '100m', memory: '128Mi' };

  test('to the reserve and back restores the serving container exactly, leaving queue-proxy alone', () => {
    const normal = deployment(3);
    const reserved = toReserve(normal, small);
    expect(isReserved(reserved)).toBe(true);
    expect(reserved.spec?.replicas).toBe(1);
    expect(reserved.spec?.template.spec?.containers).toEqual([
      { name: 'user-container', image: 'app', resources: { requests: small, limits: small } },
      { name: 'queue-proxy', image: 'qp' },
    ]);
    expect(JSON.parse(reserved.metadata?.annotations?.[RESERVE_ORIGINAL_RESOURCES_ANNOTATION_KEY] ?? '')).toEqual(USER_RESOURCES);
    expect(fromReserve(reserved, 3)).toEqual(normal);
  });

  test('a second switch to the reserve keeps the first saved resources', () => {
    const once = toReserve(deployment(1), small);
    expect(toReserve(once, { cpu: '50m' }).metadata?.annotations).toEqual(once.metadata?.annotations);
  });

  test('a container without resources gets none back', () => {
    const bare = deployment(1, { resources: {} });
    const back = fromReserve(toReserve(bare, small), 2);
    expect(back.spec?.template.spec?.containers[0]).toEqual({ name: 'user-container', image: 'app' });
    expect(isReserved(back)).toBe(false);
  });
});
