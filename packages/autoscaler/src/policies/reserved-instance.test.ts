import { RESERVE_ORIGINAL_RESOURCES_ANNOTATION_KEY } from '@knot/api';
import { deployment, USER_RESOURCES } from '../reconciler/testing/pa-fixtures.js';
import { fromReserve, isReserved, toReserve } from './reserved-instance.js';

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
