import { resolveDefaultingContext } from './context.js';
import type { Draft } from './context.js';
import { setUserInfo } from './user-info.js';

const C = 'serving.knative.dev/creator';
const U = 'serving.knative.dev/lastModifier';

function run(object: Draft, user: string | undefined, original?: unknown): unknown {
  const out = structuredClone(object);
  setUserInfo(out, resolveDefaultingContext({ user, original }));
  return (out.metadata as Draft | undefined)?.annotations;
}

describe('setUserInfo', () => {
  const obj = (spec: unknown, annotations?: Record<string, string>) => ({ metadata: { name: 'a', ...(annotations ? { annotations } : {}) }, spec });

  test.each([
    { name: 'create records both', object: obj({ x: 1 }), user: 'alice', original: undefined, want: { [C]: 'alice', [U]: 'alice' } },
    { name: 'no user, nothing recorded', object: obj({ x: 1 }), user: undefined, original: undefined, want: undefined },
    { name: 'update with a new spec', object: obj({ x: 2 }, { [C]: 'alice', [U]: 'alice' }), user: 'bob', original: obj({ x: 1 }), want: { [C]: 'alice', [U]: 'bob' } },
    { name: 'update without a spec change', object: obj({ x: 1 }, { [C]: 'alice', [U]: 'alice' }), user: 'bob', original: obj({ x: 1 }), want: { [C]: 'alice', [U]: 'alice' } },
  ])('$name', ({ object, user, original, want }) => {
    expect(run(object, user, original)).toEqual(want);
  });
});
