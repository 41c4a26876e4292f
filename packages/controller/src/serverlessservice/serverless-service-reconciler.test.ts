import { apps, core, networking, serverlessServiceConditionSet, type ServerlessService } from '@knot/api';
import { ApiError } from '@knot/runtime';
import { runTableTest, type TableEnv, type TableRow } from '@knot/runtime/testing';
import { ServerlessServiceReconciler } from './serverless-service-reconciler.js';
import {
  activatorEndpoints,
  deployment,
  failedFirstReconcile,
  NAME,
  noHealthyBackends,
  notOwned,
  NS,
  podEndpoints,
  privateService,
  publicEndpoints,
  publicService,
  serving,
  sks,
} from './testing/sks-fixtures.js';

const KEY = `${NS}/${NAME}`;
const PODS = ['10.1.0.1', '10.1.0.2'];
const ACTIVATORS = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5'];
/** What Knative's hash.ChooseSubset picks for `hello-00001` from ACTIVATORS. */
const TWO_ACTIVATORS = ['10.0.0.4', '10.0.0.5'];

/** Everything in place for a revision served by its pods. */
const steady = (extra: { sks?: ServerlessService; pods?: string[]; published?: string[] } = {}) => [
  extra.sks ?? sks({}, serving()),
  deployment(),
  privateService(),
  publicService(),
  podEndpoints(extra.pods ?? PODS),
  publicEndpoints(extra.published ?? PODS),
  activatorEndpoints(ACTIVATORS),
];

const rows: TableRow[] = [
  {
    name: 'first reconcile creates both services and publishes the pods',
    key: KEY,
    // Kubernetes fills the private service's Endpoints; here they exist already.
    objects: [sks(), deployment(), podEndpoints(PODS), activatorEndpoints(ACTIVATORS)],
    wantCreates: [privateService(), publicService(), publicEndpoints(PODS)],
    wantStatusUpdates: [sks({}, serving())],
  },
  {
    name: 'first reconcile before any pod is ready publishes the activators',
    key: KEY,
    objects: [sks(), deployment(), activatorEndpoints(ACTIVATORS)],
    wantCreates: [privateService(), publicService(), publicEndpoints(ACTIVATORS)],
    wantStatusUpdates: [sks({}, noHealthyBackends())],
  },
  {
    name: 'steady state in serve mode writes nothing',
    key: KEY,
    objects: steady(),
  },
  {
    name: 'serve mode copies a new pod into the public endpoints',
    key: KEY,
    objects: steady({ pods: [...PODS, '10.1.0.3'] }),
    wantUpdates: [publicEndpoints([...PODS, '10.1.0.3'])],
  },
  {
    name: 'serve mode keeps pods that are not ready yet as not ready',
    key: KEY,
    objects: steady({ pods: PODS }).map((o) => (o.kind === 'Endpoints' && o.metadata?.name === `${NAME}-private` ? podEndpoints(PODS, ['10.1.0.9']) : o)),
    wantUpdates: [publicEndpoints(PODS, { notReady: ['10.1.0.9'] })],
  },
  {
    name: 'proxy mode puts every activator in front of ready pods',
    key: KEY,
    objects: steady({ sks: sks({ mode: 'Proxy' }, serving()) }),
    wantUpdates: [publicEndpoints(ACTIVATORS)],
    wantStatusUpdates: [sks({ mode: 'Proxy' }, serving('True'))],
  },
  {
    name: 'proxy mode with numActivators publishes a consistent subset of the activators',
    key: KEY,
    objects: steady({ sks: sks({ mode: 'Proxy', numActivators: 2 }, serving('True')) }),
    wantUpdates: [publicEndpoints(TWO_ACTIVATORS)],
  },
  {
    name: 'numActivators at least the activator count publishes them all',
    key: KEY,
    objects: steady({ sks: sks({ mode: 'Proxy', numActivators: 5 }, serving('True')), published: ACTIVATORS }),
  },
  {
    name: 'serve mode with no ready pod falls back to the activators',
    key: KEY,
    objects: steady({ pods: [] }).map((o) => (o.kind === 'Endpoints' && o.metadata?.name === `${NAME}-private` ? podEndpoints([], ['10.1.0.1']) : o)),
    wantUpdates: [publicEndpoints(ACTIVATORS)],
    wantStatusUpdates: [sks({}, noHealthyBackends())],
  },
  {
    name: 'proxy mode with no activator keeps the pods in the public endpoints',
    key: KEY,
    objects: [sks({ mode: 'Proxy' }, serving('True')), deployment(), privateService(), publicService(), podEndpoints(PODS), publicEndpoints(PODS), activatorEndpoints([])],
  },
  {
    name: 'neither pods nor activators empties the public endpoints',
    key: KEY,
    objects: [sks({}, serving()), deployment(), privateService(), publicService(), podEndpoints([]), publicEndpoints(PODS)],
    wantUpdates: [publicEndpoints([])],
    wantStatusUpdates: [sks({}, noHealthyBackends())],
  },
  {
    name: 'a changed pod selector updates the private service',
    key: KEY,
    objects: steady().map((o) => (o.kind === 'Deployment' ? deployment({ 'serving.knative.dev/revisionUID': 'new-uid' }) : o)),
    wantUpdates: [privateService({ selector: { 'serving.knative.dev/revisionUID': 'new-uid' } })],
  },
  {
    name: "a user's change to the public service is reverted",
    key: KEY,
    objects: steady().map((o) => (o.kind === 'Service' && o.metadata?.name === NAME ? publicService({ ports: [{ name: 'http', port: 8080 }], selector: { app: 'x' } }) : o)),
    wantUpdates: [publicService()],
  },
  {
    name: 'a private service controlled by someone else fails the SKS',
    key: KEY,
    objects: [sks({}, serving()), deployment(), privateService({ stranger: true }), activatorEndpoints(ACTIVATORS)],
    wantStatusUpdates: [sks({}, notOwned('Service', `${NAME}-private`))],
    wantEvents: [`Warning InternalError SKS: ${NAME} does not own Service: ${NAME}-private`],
    wantErr: 'NotOwned',
  },
  {
    name: 'public endpoints controlled by someone else fail the SKS',
    key: KEY,
    objects: [sks({}, serving()), deployment(), privateService(), publicService(), podEndpoints(PODS), publicEndpoints(PODS, { stranger: true }), activatorEndpoints(ACTIVATORS)],
    wantStatusUpdates: [sks({}, notOwned('Endpoints', NAME))],
    wantEvents: [`Warning InternalError SKS: ${NAME} does not own Endpoints: ${NAME}`],
    wantErr: 'NotOwned',
  },
  {
    name: 'a missing deployment is an error and creates nothing',
    key: KEY,
    objects: [sks(), activatorEndpoints(ACTIVATORS)],
    wantStatusUpdates: [sks({}, failedFirstReconcile())],
    wantEvents: [`Warning InternalError error retrieving deployment selector spec: deployments.apps "${NAME}-deployment" not found`],
    wantErr: 'ScaleTargetNotFound',
  },
  {
    name: 'a failed endpoints update is an error naming the step',
    key: KEY,
    objects: steady({ pods: [...PODS, '10.1.0.3'] }),
    induceFailures: [{ verb: 'update', resource: 'endpoints', error: new ApiError('InternalError', 'inducing failure for update endpoints') }],
    wantUpdates: [publicEndpoints([...PODS, '10.1.0.3'])],
    wantEvents: ['Warning InternalError failed to update public K8s Endpoints: inducing failure for update endpoints'],
    wantErr: 'InternalError',
  },
  {
    name: 'a conflicting endpoints update is retried without an event',
    key: KEY,
    objects: steady({ pods: [...PODS, '10.1.0.3'] }),
    induceFailures: [{ verb: 'update', resource: 'endpoints', error: new ApiError('Conflict', 'the object has been modified') }],
    wantUpdates: [publicEndpoints([...PODS, '10.1.0.3'])],
    wantErr: 'Conflict',
  },
];

function makeReconciler({ client, informers }: TableEnv): ServerlessServiceReconciler {
  return new ServerlessServiceReconciler({
    client,
    services: informers.listerFor(core.services),
    endpoints: informers.listerFor(core.endpoints),
    deployments: informers.listerFor(apps.deployments),
  });
}

describe('ServerlessService reconciler', () => {
  runTableTest(rows, makeReconciler, { resource: networking.serverlessServices, conditionSet: serverlessServiceConditionSet });
});
