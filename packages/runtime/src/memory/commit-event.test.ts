import { isApiError } from '../errors.js';
import { applyCommits, type CommitEvent, parseCommitEvent } from './commit-event.js';
import { MemoryStore } from './memory-store.js';
import { widget, widgets } from './test-fixtures.js';

const resource = { group: 'example.dev', version: 'v1', kind: 'Widget', plural: 'widgets', namespaced: true, hasStatus: true };
const good = { type: 'ADDED', resourceVersion: '3', resource, object: { metadata: { name: 'a', namespace: 'default', uid: 'u1', resourceVersion: '3' } } };

describe('parseCommitEvent', () => {
  test('reads back what the store hands out', async () => {
    const events: CommitEvent[] = [];
    const store = new MemoryStore({ onCommit: (e) => events.push(e) });
    await store.create(widgets, widget('a'));
    const parsed = events.map((e) => parseCommitEvent(JSON.parse(JSON.stringify(e))));
    expect(parsed).toEqual(events);
  });

  test.each([
    { name: 'not an object', value: [], path: '$' },
    { name: 'unknown type', value: { ...good, type: 'BOOKMARK' }, path: 'type' },
    { name: 'resourceVersion zero', value: { ...good, resourceVersion: '0' }, path: 'resourceVersion' },
    { name: 'resourceVersion a number', value: { ...good, resourceVersion: 3 }, path: 'resourceVersion' },
    { name: 'resource without plural', value: { ...good, resource: { ...resource, plural: '' } }, path: 'resource.plural' },
    { name: 'object without uid', value: { ...good, object: { metadata: { name: 'a', namespace: 'default', resourceVersion: '3' } } }, path: 'object.metadata.uid' },
    { name: 'namespaced object without namespace', value: { ...good, object: { metadata: { name: 'a', uid: 'u', resourceVersion: '3' } } }, path: 'object.metadata.namespace' },
    { name: 'object from another version', value: { ...good, object: { metadata: { ...good.object.metadata, resourceVersion: '2' } } }, path: 'object.metadata.resourceVersion' },
  ])('rejects $name, naming $path', ({ value, path }) => {
    let caught: unknown;
    try {
      parseCommitEvent(value);
    } catch (err) {
      caught = err;
    }
    expect(isApiError(caught, 'BadRequest')).toBe(true);
    const prefix = `invalid commit event: ${path}: `;
    expect((caught as Error).message.slice(0, prefix.length)).toBe(prefix);
  });
});

describe('applyCommits', () => {
  test('skips events the dump already holds and keeps its version when nothing is newer', () => {
    const dump = { resourceVersion: '5', kinds: [] };
    const event = parseCommitEvent(good);
    expect(applyCommits(dump, [event])).toEqual(dump);
    const later = parseCommitEvent({ ...good, resourceVersion: '6', object: { metadata: { ...good.object.metadata, resourceVersion: '6' } } });
    expect(applyCommits(dump, [event, later])).toEqual({ resourceVersion: '6', kinds: [{ resource, items: [later.object] }] });
  });

  test('a DELETED event removes the object and drops a kind left empty', () => {
    const added = parseCommitEvent({ ...good, resourceVersion: '1', object: { metadata: { ...good.object.metadata, resourceVersion: '1' } } });
    const deleted = parseCommitEvent({ ...good, type: 'DELETED', resourceVersion: '2', object: { metadata: { ...good.object.metadata, resourceVersion: '2' } } });
    expect(applyCommits({ resourceVersion: '0', kinds: [] }, [added, deleted])).toEqual({ resourceVersion: '2', kinds: [] });
  });
});
