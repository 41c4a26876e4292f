import { GC_DISABLED, serving, type ConfigGC, type Route } from '@knot/api';
import { ApiError } from '@knot/runtime';
import { runTableTest, type TableEnv, type TableRow } from '@knot/runtime/testing';
import { RevisionGCReconciler } from './gc-reconciler.js';
import { configuration, gcConfig, HOUR, NOW, NS, revision } from './testing/gc-fixtures.js';

const KEY = `${NS}/hello`;
const latest = () => revision('hello-00004', { created: 1, state: 'active' });

const route = (spec: Route['spec']['traffic'], status: Route['spec']['traffic']): Route => ({
  apiVersion: 'serving.knative.dev/v1',
  kind: 'Route',
  metadata: { namespace: NS, name: 'hello' },
  spec: { traffic: spec },
  status: { traffic: status },
});

const deleted = (name: string) => ({ resource: 'revisions.serving.knative.dev', namespace: NS, name });

const rows: TableRow[] = [
  {
    name: 'stale reserve revisions are deleted, oldest first, each with an event',
    key: KEY,
    objects: [
      configuration({ ready: 'hello-00004', created: 'hello-00004' }),
      revision('hello-00001', { created: 100, active: 90 }),
      revision('hello-00002', { created: 80, active: 70 }),
      revision('hello-00003', { created: 60, active: 50 }),
      latest(),
    ],
    wantDeletes: [deleted('hello-00001'), deleted('hello-00002')],
    wantEvents: ['Normal Deleted Deleted Revision "hello-00001"', 'Normal Deleted Deleted Revision "hello-00002"'],
  },
  {
    name: 'nothing to collect yet: no writes, and a look again when the next revision ages out',
    key: KEY,
    objects: [configuration({ ready: 'hello-00004', created: 'hello-00004' }), revision('hello-00001', { created: 100, active: 10 }), revision('hello-00002', { created: 60, active: 5 }), latest()],
    wantRequeueAfter: 5 * HOUR,
  },
  {
    name: 'the clock passing the activity window makes the revision collectable',
    key: KEY,
    ctx: { advance: 5 * HOUR },
    objects: [configuration({ ready: 'hello-00004', created: 'hello-00004' }), revision('hello-00001', { created: 100, active: 10 }), revision('hello-00002', { created: 60, active: 5 }), latest()],
    wantDeletes: [deleted('hello-00001')],
    wantEvents: ['Normal Deleted Deleted Revision "hello-00001"'],
  },
  {
    name: 'revisions a route names in spec or status traffic are kept, whatever their label',
    key: KEY,
    objects: [
      configuration({ ready: 'hello-00004', created: 'hello-00004' }),
      revision('hello-00001', { created: 100, active: 90 }),
      revision('hello-00002', { created: 80, active: 70 }),
      revision('hello-00003', { created: 60, active: 50 }),
      latest(),
      route([{ revisionName: 'hello-00001', percent: 100 }], [{ revisionName: 'hello-00002', percent: 100 }]),
    ],
  },
  {
    name: 'a revision of another configuration is not considered',
    key: KEY,
    objects: [
      configuration({ ready: 'hello-00004', created: 'hello-00004' }),
      revision('hello-00003', { created: 60, active: 50 }),
      latest(),
      revision('other-00001', { created: 100, active: 90, configuration: 'other' }),
    ],
  },
  {
    name: 'max-non-active-revisions from config-gc deletes the least recently active',
    key: KEY,
    ctx: { gc: gcConfig({ minNonActiveRevisions: 0, maxNonActiveRevisions: 1 }) },
    objects: [
      configuration({ ready: 'hello-00004', created: 'hello-00004' }),
      revision('hello-00001', { created: 3, active: 2 }),
      revision('hello-00002', { created: 3, active: 3 }),
      revision('hello-00003', { created: 2, active: 1 }),
      latest(),
    ],
    wantDeletes: [deleted('hello-00002'), deleted('hello-00001')],
    wantEvents: ['Normal Deleted Deleted Revision "hello-00002"', 'Normal Deleted Deleted Revision "hello-00001"'],
    wantRequeueAfter: 46 * HOUR,
  },
  {
    name: 'every setting disabled: nothing is deleted',
    key: KEY,
    ctx: { gc: gcConfig({ retainSinceCreateTimeMs: GC_DISABLED, retainSinceLastActiveTimeMs: GC_DISABLED, maxNonActiveRevisions: GC_DISABLED, minNonActiveRevisions: 0 }) },
    objects: [configuration({ ready: 'hello-00004', created: 'hello-00004' }), revision('hello-00001', { created: 1000, active: 900 }), revision('hello-00002', { created: 800, active: 700 }), latest()],
  },
  {
    name: 'a failed delete is retried later; the other deletions still happen',
    key: KEY,
    objects: [
      configuration({ ready: 'hello-00004', created: 'hello-00004' }),
      revision('hello-00001', { created: 100, active: 90 }),
      revision('hello-00002', { created: 80, active: 70 }),
      revision('hello-00003', { created: 60, active: 50 }),
      latest(),
    ],
    induceFailures: [{ verb: 'delete', resource: 'revisions.serving.knative.dev', error: new ApiError('InternalError', 'inducing failure for delete revisions') }],
    wantDeletes: [deleted('hello-00001'), deleted('hello-00002')],
    wantEvents: ['Normal Deleted Deleted Revision "hello-00002"', 'Warning InternalError failed to delete revisions: hello-00001: inducing failure for delete revisions'],
    wantErr: 'RevisionGCFailed',
  },
];

function makeReconciler({ client, informers, clock, ctx }: TableEnv): RevisionGCReconciler {
  const advance = typeof ctx.advance === 'number' ? ctx.advance : 0;
  clock.advance(advance);
  const gc = (ctx.gc as ConfigGC | undefined) ?? gcConfig();
  return new RevisionGCReconciler({ client, revisions: informers.listerFor(serving.revisions), routes: informers.listerFor(serving.routes), config: () => gc });
}

describe('revision GC reconciler', () => {
  runTableTest(rows, makeReconciler, { resource: serving.configurations, now: NOW, skipStatusUpdates: true });
});
