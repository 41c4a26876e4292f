import type { Condition } from '../../duck/condition.js';
import type { Service } from './service.js';
import { isServiceFailed, isServiceReady, manageServiceStatus, type ServiceStatusManager } from './service-lifecycle.js';

type Brief = Pick<Condition, 'type' | 'status' | 'reason' | 'message'>;
const cond = (type: string, status: Condition['status'], reason?: string, message?: string): Brief => ({ type, status, ...(reason ? { reason } : {}), ...(message ? { message } : {}) });

function run(steps: (m: ServiceStatusManager) => void) {
  const service: Service = { spec: { template: { spec: { containers: [] } } } };
  let t = Date.UTC(2024, 0, 1);
  const m = manageServiceStatus(service, { now: () => (t += 1000) });
  m.initializeConditions();
  steps(m);
  const { conditions, ...fields } = service.status ?? {};
  return { conditions: (conditions ?? []).map(({ type, status, reason, message }) => cond(type, status, reason, message)), fields };
}

const readyConfig = { latestCreatedRevisionName: 'hello-00001', latestReadyRevisionName: 'hello-00001', conditions: [{ type: 'Ready', status: 'True' as const }] };
const readyRoute = {
  url: 'http://hello.default.example.com',
  address: { url: 'http://hello.default.svc.cluster.local' },
  traffic: [{ revisionName: 'hello-00001', latestRevision: true, percent: 100 }],
  conditions: [{ type: 'Ready', status: 'True' as const }],
};

describe('Service conditions', () => {
  test.each<{ name: string; steps: (m: ServiceStatusManager) => void; want: Brief[]; fields?: object }>([
    {
      name: 'a new service is Unknown everywhere',
      steps: () => {},
      want: [cond('ConfigurationsReady', 'Unknown'), cond('Ready', 'Unknown'), cond('RoutesReady', 'Unknown')],
    },
    {
      name: 'a ready configuration and route make the service Ready and copy their fields',
      steps: (m) => {
        m.propagateConfigurationStatus(readyConfig);
        m.propagateRouteStatus(readyRoute);
      },
      want: [cond('ConfigurationsReady', 'True'), cond('Ready', 'True'), cond('RoutesReady', 'True')],
      fields: {
        latestCreatedRevisionName: 'hello-00001',
        latestReadyRevisionName: 'hello-00001',
        url: 'http://hello.default.example.com',
        address: { url: 'http://hello.default.svc.cluster.local' },
        traffic: [{ revisionName: 'hello-00001', latestRevision: true, percent: 100 }],
      },
    },
    {
      name: 'a failed configuration fails the service with its reason and message kept verbatim',
      steps: (m) => m.propagateConfigurationStatus({ latestCreatedRevisionName: 'hello-00001', conditions: [{ type: 'Ready', status: 'False', reason: 'RevisionFailed', message: 'Revision "hello-00001" failed with message: 100% broken.' }] }),
      want: [
        cond('ConfigurationsReady', 'False', 'RevisionFailed', 'Revision "hello-00001" failed with message: 100% broken.'),
        cond('Ready', 'False', 'RevisionFailed', 'Revision "hello-00001" failed with message: 100% broken.'),
        cond('RoutesReady', 'Unknown'),
      ],
      fields: { latestCreatedRevisionName: 'hello-00001' },
    },
    {
      name: 'a configuration without a Ready condition leaves ConfigurationsReady alone',
      steps: (m) => m.propagateConfigurationStatus({ latestCreatedRevisionName: 'hello-00001' }),
      want: [cond('ConfigurationsReady', 'Unknown'), cond('Ready', 'Unknown'), cond('RoutesReady', 'Unknown')],
      fields: { latestCreatedRevisionName: 'hello-00001' },
    },
    {
      name: 'an unknown route is mirrored with its reason',
      steps: (m) => m.propagateRouteStatus({ conditions: [{ type: 'Ready', status: 'Unknown', reason: 'RevisionMissing', message: 'Configuration "hello" is waiting for a Revision to become ready.' }] }),
      want: [
        cond('ConfigurationsReady', 'Unknown'),
        cond('Ready', 'Unknown', 'RevisionMissing', 'Configuration "hello" is waiting for a Revision to become ready.'),
        cond('RoutesReady', 'Unknown', 'RevisionMissing', 'Configuration "hello" is waiting for a Revision to become ready.'),
      ],
    },
    {
      name: 'a configuration owned by someone else is NotOwned',
      steps: (m) => m.markConfigurationNotOwned('hello'),
      want: [
        cond('ConfigurationsReady', 'False', 'NotOwned', 'There is an existing Configuration "hello" that we do not own.'),
        cond('Ready', 'False', 'NotOwned', 'There is an existing Configuration "hello" that we do not own.'),
        cond('RoutesReady', 'Unknown'),
      ],
    },
    {
      name: 'a route owned by someone else is NotOwned',
      steps: (m) => m.markRouteNotOwned('hello'),
      want: [
        cond('ConfigurationsReady', 'Unknown'),
        cond('Ready', 'False', 'NotOwned', 'There is an existing Route "hello" that we do not own.'),
        cond('RoutesReady', 'False', 'NotOwned', 'There is an existing Route "hello" that we do not own.'),
      ],
    },
    {
      name: 'children behind the spec are OutOfDate',
      steps: (m) => {
        m.propagateConfigurationStatus(readyConfig);
        m.propagateRouteStatus(readyRoute);
        m.markConfigurationNotReconciled();
        m.markRouteNotReconciled();
      },
      want: [
        cond('ConfigurationsReady', 'Unknown', 'OutOfDate', 'The Configuration is still working to reflect the latest desired specification.'),
        cond('Ready', 'Unknown', 'OutOfDate', 'The Route is still working to reflect the latest desired specification.'),
        cond('RoutesReady', 'Unknown', 'OutOfDate', 'The Route is still working to reflect the latest desired specification.'),
      ],
      fields: { ...readyConfig, ...readyRoute, conditions: undefined },
    },
    {
      name: 'a ready route whose traffic has not moved is TrafficNotMigrated',
      steps: (m) => {
        m.propagateConfigurationStatus(readyConfig);
        m.markRouteNotYetReady();
      },
      want: [
        cond('ConfigurationsReady', 'True'),
        cond('Ready', 'Unknown', 'TrafficNotMigrated', 'Traffic is not yet migrated to the latest revision.'),
        cond('RoutesReady', 'Unknown', 'TrafficNotMigrated', 'Traffic is not yet migrated to the latest revision.'),
      ],
      fields: { latestCreatedRevisionName: 'hello-00001', latestReadyRevisionName: 'hello-00001' },
    },
    {
      name: 'a taken revision name fails RoutesReady',
      steps: (m) => m.markRevisionNameTaken('hello-byo'),
      want: [
        cond('ConfigurationsReady', 'Unknown'),
        cond('Ready', 'False', 'RevisionNameTaken', 'The revision name "hello-byo" is taken by a conflicting Revision, so traffic will not be migrated'),
        cond('RoutesReady', 'False', 'RevisionNameTaken', 'The revision name "hello-byo" is taken by a conflicting Revision, so traffic will not be migrated'),
      ],
    },
  ])('$name', ({ steps, want, fields }) => {
    const got = run(steps);
    expect(got.conditions).toEqual(want);
    expect(JSON.parse(JSON.stringify(got.fields))).toEqual(JSON.parse(JSON.stringify(fields ?? {})));
  });

  test('propagation clears fields the child no longer reports', () => {
    const service: Service = { spec: { template: { spec: { containers: [] } } }, status: { url: 'http://old', latestReadyRevisionName: 'old-00001' } };
    const m = manageServiceStatus(service);
    m.propagateRouteStatus({});
    m.propagateConfigurationStatus({});
    expect(service.status?.url).toBeUndefined();
    expect(service.status?.latestReadyRevisionName).toBeUndefined();
  });
});

describe('Service readiness', () => {
  const svc = (generation: number, observedGeneration: number, status: Condition['status']): Service => ({
    metadata: { generation },
    spec: { template: { spec: { containers: [] } } },
    status: { observedGeneration, conditions: [{ type: 'Ready', status }] },
  });
  test.each([
    { name: 'observed and Ready', s: svc(1, 1, 'True'), ready: true, failed: false },
    { name: 'Ready for an older generation', s: svc(2, 1, 'True'), ready: false, failed: false },
    { name: 'observed and failed', s: svc(3, 3, 'False'), ready: false, failed: true },
    { name: 'Unknown', s: svc(1, 1, 'Unknown'), ready: false, failed: false },
  ])('$name', ({ s, ready, failed }) => {
    expect(isServiceReady(s)).toBe(ready);
    expect(isServiceFailed(s)).toBe(failed);
  });
});
