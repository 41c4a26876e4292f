import type { KubeObject } from '@knot/api';
import { controllerOf, isControlledBy, joinListAnnotation, listAnnotation, newControllerRef, semanticEqual } from './index.js';

const parent: KubeObject = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'hello', namespace: 'ns', uid: 'u-1' } };

describe('owner references', () => {
  test('a controller ref names the owner and blocks its deletion', () => {
    expect(newControllerRef(parent)).toEqual({ apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'hello', uid: 'u-1', controller: true, blockOwnerDeletion: true });
  });

  test.each([
    { name: 'controlled by the owner', refs: [newControllerRef(parent)], want: true },
    { name: 'same name, other uid (a recreated owner)', refs: [{ ...newControllerRef(parent), uid: 'u-2' }], want: false },
    { name: 'owned but not controlled', refs: [{ ...newControllerRef(parent), controller: false }], want: false },
    { name: 'no owner', refs: [], want: false },
  ])('$name', ({ refs, want }) => {
    const child: KubeObject = { metadata: { name: 'c', ownerReferences: refs } };
    expect(isControlledBy(child, parent)).toBe(want);
    expect(controllerOf(child) !== undefined).toBe(refs.some((r) => r.controller));
  });
});

describe('semanticEqual', () => {
  test.each([
    { name: 'absent and empty list', a: { x: 1 }, b: { x: 1, l: [] }, want: true },
    { name: 'absent and empty map', a: { m: {} }, b: {}, want: true },
    { name: 'null and absent', a: { v: null }, b: {}, want: true },
    { name: 'different scalar', a: { x: 1 }, b: { x: 2 }, want: false },
    { name: 'nested difference', a: { s: { c: [{ image: 'a' }] } }, b: { s: { c: [{ image: 'b' }] } }, want: false },
    { name: 'list order matters', a: [1, 2], b: [2, 1], want: false },
    { name: 'string and number differ', a: { x: '1' }, b: { x: 1 }, want: false },
  ])('$name', ({ a, b, want }) => {
    expect(semanticEqual(a, b)).toBe(want);
    expect(semanticEqual(b, a)).toBe(want);
  });
});

describe('list annotations', () => {
  test.each([
    { name: 'absent', anns: undefined, want: [] },
    { name: 'empty', anns: { k: '' }, want: [] },
    { name: 'several', anns: { k: 'b,a' }, want: ['a', 'b'] },
  ])('$name', ({ anns, want }) => {
    expect([...listAnnotation(anns, 'k')].sort()).toEqual(want);
  });

  test('joins sorted', () => expect(joinListAnnotation(new Set(['web', 'api']))).toBe('api,web'));
});
