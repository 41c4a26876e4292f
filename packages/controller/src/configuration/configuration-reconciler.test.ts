import { configurationConditionSet, serving, type Condition, type Configuration, type ConfigurationStatus } from '@knot/api';
import { ApiError } from '@knot/runtime';
import { runTableTest, type TableRow } from '@knot/runtime/testing';
import { T0, configuration, readyCondition, revision, withStatus } from '../testing/fixtures.js';
import { ConfigurationReconciler } from './configuration-reconciler.js';

const KEY = 'default/hello';

function status(opts: { gen?: number; created?: string; ready?: string; cond?: Condition }): ConfigurationStatus {
  return {
    observedGeneration: opts.gen ?? 1,
    ...(opts.created ? { latestCreatedRevisionName: opts.created } : {}),
    ...(opts.ready ? { latestReadyRevisionName: opts.ready } : {}),
    conditions: [opts.cond ?? { type: 'Ready', status: 'Unknown', lastTransitionTime: T0 }],
  };
}
const readyTrue: Condition = readyCondition('True');
const failed = (rev: string, message: string): Condition => readyCondition('False', 'RevisionFailed', `Revision "${rev}" failed with message: ${message}.`);
const creationFailed = (message: string): Condition => readyCondition('False', 'RevisionFailed', `Revision creation failed with message: ${message}.`);

const gen1 = configuration('hello');
const gen2 = configuration('hello', { generation: 2, image: 'ghcr.io/knot/hello:2' });
const rev1 = revision(gen1);
const rev2 = revision(gen2);
const ready1 = revision(gen1, { ready: 'True' });
const byo = configuration('hello', { revisionName: 'hello-blue' });

const rows: TableRow[] = [
  {
    name: 'first reconcile stamps hello-00001 and waits for it',
    key: KEY,
    objects: [gen1],
    wantCreates: [rev1],
    wantStatusUpdates: [withStatus(gen1, status({ created: 'hello-00001' }))],
    wantEvents: ['Normal Created Created Revision "hello-00001"'],
  },
  {
    name: 'steady state while the revision is not ready writes nothing',
    key: KEY,
    objects: [withStatus(gen1, status({ created: 'hello-00001' })), rev1],
  },
  {
    name: 'the revision becoming ready makes it latestReady and the configuration Ready',
    key: KEY,
    objects: [withStatus(gen1, status({ created: 'hello-00001' })), ready1],
    wantStatusUpdates: [withStatus(gen1, status({ created: 'hello-00001', ready: 'hello-00001', cond: readyTrue }))],
    wantEvents: ['Normal ConfigurationReady Configuration becomes ready', 'Normal LatestReadyUpdate LatestReadyRevisionName updated to "hello-00001"'],
  },
  {
    name: 'steady state when ready writes nothing',
    key: KEY,
    objects: [withStatus(gen1, status({ created: 'hello-00001', ready: 'hello-00001', cond: readyTrue })), ready1],
  },
  {
    name: 'a new generation stamps hello-00002 and keeps serving hello-00001 as latestReady',
    key: KEY,
    objects: [withStatus(gen2, status({ created: 'hello-00001', ready: 'hello-00001', cond: readyTrue })), ready1],
    wantCreates: [rev2],
    wantStatusUpdates: [withStatus(gen2, status({ gen: 2, created: 'hello-00002', ready: 'hello-00001' }))],
    wantEvents: ['Normal Created Created Revision "hello-00002"'],
  },
  {
    name: 'the existing revision is found by its generation label, whatever its name',
    key: KEY,
    objects: [withStatus(gen1, status({})), revision(gen1, { name: 'hello-legacy-name' })],
    wantStatusUpdates: [withStatus(gen1, status({ created: 'hello-legacy-name' }))],
  },
  {
    name: 'latestReady advances to the new revision once it is ready',
    key: KEY,
    objects: [withStatus(gen2, status({ gen: 2, created: 'hello-00002', ready: 'hello-00001' })), ready1, revision(gen2, { ready: 'True' })],
    wantStatusUpdates: [withStatus(gen2, status({ gen: 2, created: 'hello-00002', ready: 'hello-00002', cond: readyTrue }))],
    wantEvents: ['Normal LatestReadyUpdate LatestReadyRevisionName updated to "hello-00002"'],
  },
  {
    name: 'a failed new revision fails the configuration but never becomes latestReady',
    key: KEY,
    objects: [withStatus(gen2, status({ gen: 2, created: 'hello-00002', ready: 'hello-00001' })), ready1, revision(gen2, { ready: 'False', reason: 'ContainerMissing', message: 'Unable to fetch image "ghcr.io/knot/hello:2"' })],
    wantStatusUpdates: [withStatus(gen2, status({ gen: 2, created: 'hello-00002', ready: 'hello-00001', cond: failed('hello-00002', 'Unable to fetch image "ghcr.io/knot/hello:2"') }))],
    wantEvents: ['Warning LatestCreatedFailed Latest created revision "hello-00002" has failed'],
  },
  {
    name: 'a failure already reported is not reported again',
    key: KEY,
    objects: [
      withStatus(gen2, status({ gen: 2, created: 'hello-00002', ready: 'hello-00001', cond: failed('hello-00002', 'boom') })),
      ready1,
      revision(gen2, { ready: 'False', reason: 'ExitCode1', message: 'boom' }),
    ],
  },
  {
    name: 'a first revision that fails leaves latestReady empty',
    key: KEY,
    objects: [withStatus(gen1, status({ created: 'hello-00001' })), revision(gen1, { ready: 'False', message: 'crash loop' })],
    wantStatusUpdates: [withStatus(gen1, status({ created: 'hello-00001', cond: failed('hello-00001', 'crash loop') }))],
    wantEvents: ['Warning LatestCreatedFailed Latest created revision "hello-00001" has failed'],
  },
  {
    name: 'the latest ready revision failing later is LatestReadyFailed',
    key: KEY,
    objects: [withStatus(gen1, status({ created: 'hello-00001', ready: 'hello-00001', cond: readyTrue })), revision(gen1, { ready: 'False', message: 'evicted' })],
    wantStatusUpdates: [withStatus(gen1, status({ created: 'hello-00001', ready: 'hello-00001', cond: failed('hello-00001', 'evicted') }))],
    wantEvents: ['Warning LatestReadyFailed Latest ready revision "hello-00001" has failed'],
  },
  {
    name: 'latestReady skips a ready revision older than the current latestReady',
    key: KEY,
    objects: [
      withStatus(configuration('hello', { generation: 3 }), status({ gen: 3, created: 'hello-00003', ready: 'hello-00002' })),
      ready1,
      revision(gen2, { ready: 'False', message: 'crash' }),
      revision(configuration('hello', { generation: 3 })),
    ],
  },
  {
    name: 'a bring-your-own name is used for the new revision',
    key: KEY,
    objects: [byo],
    wantCreates: [{ ...revision(byo, { name: 'hello-blue' }), metadata: { ...revision(byo, { name: 'hello-blue' }).metadata, name: 'hello-blue' } }],
    wantStatusUpdates: [withStatus(byo, status({ created: 'hello-blue' }))],
    wantEvents: ['Normal Created Created Revision "hello-blue"'],
  },
  {
    name: 'a bring-your-own name taken by another configuration is RevisionFailed and nothing is created',
    key: KEY,
    objects: [byo, revision(configuration('other'), { name: 'hello-blue' })],
    wantStatusUpdates: [withStatus(byo, status({ cond: creationFailed('revisions.serving.knative.dev "hello-blue" already exists') }))],
  },
  {
    name: 'a bring-your-own name of an older generation with another spec is RevisionFailed',
    key: KEY,
    objects: [
      configuration('hello', { generation: 2, revisionName: 'hello-blue', image: 'ghcr.io/knot/hello:2' }),
      revision(byo, { name: 'hello-blue' }),
    ],
    wantStatusUpdates: [
      withStatus(configuration('hello', { generation: 2, revisionName: 'hello-blue', image: 'ghcr.io/knot/hello:2' }), status({ gen: 2, cond: creationFailed('revisions.serving.knative.dev "hello-blue" already exists') })),
    ],
  },
  {
    name: 'a bring-your-own name of an older generation with the same spec is reused',
    key: KEY,
    objects: [configuration('hello', { generation: 2, revisionName: 'hello-blue' }), revision(byo, { name: 'hello-blue', ready: 'True' })],
    wantStatusUpdates: [withStatus(configuration('hello', { generation: 2, revisionName: 'hello-blue' }), status({ gen: 2, created: 'hello-blue', ready: 'hello-blue', cond: readyTrue }))],
    wantEvents: ['Normal ConfigurationReady Configuration becomes ready', 'Normal LatestReadyUpdate LatestReadyRevisionName updated to "hello-blue"'],
  },
  {
    name: 'a failed create is reported on the configuration and retried',
    key: KEY,
    objects: [gen1],
    induceFailures: [{ verb: 'create', resource: 'revisions.serving.knative.dev', error: new ApiError('Forbidden', 'quota exceeded') }],
    wantCreates: [rev1],
    wantStatusUpdates: [withStatus(gen1, status({ cond: creationFailed('quota exceeded') }))],
    wantEvents: ['Warning CreationFailed Failed to create Revision: quota exceeded', 'Warning InternalError failed to create Revision: quota exceeded'],
    wantErr: true,
  },
  {
    name: 'a name taken between the cache read and the create is retried without marking the configuration',
    key: KEY,
    objects: [gen1],
    induceFailures: [{ verb: 'create', resource: 'revisions.serving.knative.dev', error: new ApiError('AlreadyExists', 'revisions.serving.knative.dev "hello-00001" already exists') }],
    wantCreates: [rev1],
    wantStatusUpdates: [withStatus(gen1, status({ cond: { type: 'Ready', status: 'Unknown', reason: 'NewObservedGenFailure', message: 'unsuccessfully observed a new generation', lastTransitionTime: T0 } }))],
    wantEvents: ['Warning InternalError failed to create Revision: revisions.serving.knative.dev "hello-00001" already exists'],
    wantErr: true,
  },
  {
    name: 'a status write conflict is retried on a fresh read and the revision still becomes latestReady',
    key: KEY,
    objects: [withStatus(gen1, status({ created: 'hello-00001' })), ready1],
    induceFailures: [{ verb: 'updateStatus', resource: 'configurations.serving.knative.dev', error: new ApiError('Conflict', 'the object has been modified') }],
    wantStatusUpdates: [
      withStatus(gen1, status({ created: 'hello-00001', ready: 'hello-00001', cond: readyTrue })),
      withStatus(gen1, status({ created: 'hello-00001', ready: 'hello-00001', cond: readyTrue })),
    ],
    wantEvents: ['Normal ConfigurationReady Configuration becomes ready', 'Normal LatestReadyUpdate LatestReadyRevisionName updated to "hello-00001"'],
  },
  {
    name: 'status write conflicts that outlast the retries are returned for a requeue, without a Warning event',
    key: KEY,
    objects: [withStatus(gen1, status({ created: 'hello-00001' })), ready1],
    induceFailures: [{ verb: 'updateStatus', resource: 'configurations.serving.knative.dev', error: new ApiError('Conflict', 'the object has been modified'), times: 5 }],
    wantStatusUpdates: Array.from({ length: 5 }, () => withStatus(gen1, status({ created: 'hello-00001', ready: 'hello-00001', cond: readyTrue }))),
    wantEvents: ['Normal ConfigurationReady Configuration becomes ready', 'Normal LatestReadyUpdate LatestReadyRevisionName updated to "hello-00001"'],
    wantErr: 'Conflict',
  },
  {
    name: 'a failed first revision that recovers takes the configuration from False to Ready',
    key: KEY,
    objects: [withStatus(gen1, status({ created: 'hello-00001', cond: failed('hello-00001', 'crash loop') })), ready1],
    wantStatusUpdates: [withStatus(gen1, status({ created: 'hello-00001', ready: 'hello-00001', cond: readyTrue }))],
    wantEvents: ['Normal ConfigurationReady Configuration becomes ready', 'Normal LatestReadyUpdate LatestReadyRevisionName updated to "hello-00001"'],
  },
];

describe('ConfigurationReconciler', () => {
  runTableTest<Configuration>(rows, ({ client, informers }) => new ConfigurationReconciler({ client, revisions: informers.listerFor(serving.revisions) }), {
    resource: serving.configurations,
    conditionSet: configurationConditionSet,
  });
});
