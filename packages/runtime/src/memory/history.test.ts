import fc from 'fast-check';
import { isApiError } from '../errors.js';
import { type StoreEvent, WatchHistory } from './history.js';

const event = (resourceVersion: number): StoreEvent => ({ resourceVersion, kind: 'widgets.example.dev', type: 'ADDED', object: { metadata: { name: `w${resourceVersion}` } } });

describe('WatchHistory', () => {
  test('keeps exactly the last `size` events, and older versions are Gone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 110 }), (size, count, from) => {
        const history = new WatchHistory(size);
        for (let rv = 1; rv <= count; rv++) history.record(event(rv));
        const floor = Math.max(0, count - size);
        let got: number[] | 'Gone';
        try {
          got = history.since(from).map((e) => e.resourceVersion);
        } catch (err) {
          if (!isApiError(err, 'Gone')) throw err;
          got = 'Gone';
        }
        const want = from < floor ? 'Gone' : Array.from({ length: Math.max(0, count - from) }, (_, i) => from + 1 + i);
        expect(got).toEqual(want);
        expect(history.length).toBe(Math.min(size, count));
      }),
    );
  });

  test('reset forgets events and moves the floor', () => {
    const history = new WatchHistory(5);
    for (let rv = 1; rv <= 3; rv++) history.record(event(rv));
    history.reset(10);
    expect(history.since(10)).toEqual([]);
    expect(() => history.since(9)).toThrow('too old resource version');
  });

  test('rejects a size that is not a positive integer', () => {
    expect(() => new WatchHistory(0)).toThrow('historySize');
  });
});
