import type { Condition } from '../../duck/condition.js';
import type { IngressStatus } from '../../networking/ingress.js';
import type { Route } from './route.js';
import { isRouteFailed, isRouteReady, manageRouteStatus, routeRolloutDuration, type RouteStatusManager } from './route-lifecycle.js';

const T0 = Date.UTC(2024, 0, 1);
type Brief = Pick<Condition, 'type' | 'status' | 'reason' | 'message'>;

function run(steps: (m: RouteStatusManager) => void): Brief[] {
  const route: Route = { spec: {} };
  let t = T0;
  const m = manageRouteStatus(route, { now: () => (t += 1000) });
  m.initializeConditions();
  steps(m);
  return (route.status?.conditions ?? []).map(({ type, status, reason, message }) => ({ type, status, ...(reason ? { reason } : {}), ...(message ? { message } : {}) }));
}

const cond = (type: string, status: Condition['status'], reason?: string, message?: string): Brief => ({ type, status, ...(reason ? { reason } : {}), ...(message ? { message } : {}) });

describe('Route conditions', () => {
  test.each<{ name: string; steps: (m: RouteStatusManager) => void; want: Brief[] }>([
    {
      name: 'a new route is Unknown everywhere',
      steps: () => {},
      want: [cond('AllTrafficAssigned', 'Unknown'), cond('CertificateProvisioned', 'Unknown'), cond('IngressReady', 'Unknown'), cond('Ready', 'Unknown')],
    },
    {
      name: 'traffic assigned, TLS off and a ready ingress make the route Ready',
      steps: (m) => {
        m.markTrafficAssigned();
        m.markTLSNotEnabled('external-domain-tls is not enabled');
        m.propagateIngressStatus({ conditions: [{ type: 'Ready', status: 'True' }] });
      },
      want: [
        cond('AllTrafficAssigned', 'True'),
        cond('CertificateProvisioned', 'True', 'TLSNotEnabled', 'external-domain-tls is not enabled'),
        cond('IngressReady', 'True'),
        cond('Ready', 'True'),
      ],
    },
    {
      name: 'a missing configuration is ConfigurationMissing',
      steps: (m) => m.markMissingTrafficTarget('Configuration', 'cfg'),
      want: [
        cond('AllTrafficAssigned', 'False', 'ConfigurationMissing', 'Configuration "cfg" referenced in traffic not found.'),
        cond('CertificateProvisioned', 'Unknown'),
        cond('IngressReady', 'Unknown'),
        cond('Ready', 'False', 'ConfigurationMissing', 'Configuration "cfg" referenced in traffic not found.'),
      ],
    },
    {
      name: 'a revision not ready yet keeps the route Unknown',
      steps: (m) => m.markRevisionNotReady('r-1'),
      want: [
        cond('AllTrafficAssigned', 'Unknown', 'RevisionMissing', 'Revision "r-1" is not yet ready.'),
        cond('CertificateProvisioned', 'Unknown'),
        cond('IngressReady', 'Unknown'),
        cond('Ready', 'Unknown', 'RevisionMissing', 'Revision "r-1" is not yet ready.'),
      ],
    },
    {
      name: 'a failed revision fails the route',
      steps: (m) => m.markRevisionFailed('r-1'),
      want: [
        cond('AllTrafficAssigned', 'False', 'RevisionMissing', 'Revision "r-1" failed to become ready.'),
        cond('CertificateProvisioned', 'Unknown'),
        cond('IngressReady', 'Unknown'),
        cond('Ready', 'False', 'RevisionMissing', 'Revision "r-1" failed to become ready.'),
      ],
    },
    {
      name: 'a configuration without a ready revision',
      steps: (m) => {
        m.markConfigurationNotReady('a');
        m.markConfigurationFailed('b');
      },
      want: [
        cond('AllTrafficAssigned', 'False', 'RevisionMissing', 'Configuration "b" does not have any ready Revision.'),
        cond('CertificateProvisioned', 'Unknown'),
        cond('IngressReady', 'Unknown'),
        cond('Ready', 'False', 'RevisionMissing', 'Configuration "b" does not have any ready Revision.'),
      ],
    },
    {
      name: 'a revision of another service',
      steps: (m) => m.markRevisionNotOwned('r-1', 'mine', 'theirs'),
      want: [
        cond('AllTrafficAssigned', 'False', 'RevisionNotOwned', 'Revision "r-1" belongs to Service "theirs", not Service "mine".'),
        cond('CertificateProvisioned', 'Unknown'),
        cond('IngressReady', 'Unknown'),
        cond('Ready', 'False', 'RevisionNotOwned', 'Revision "r-1" belongs to Service "theirs", not Service "mine".'),
      ],
    },
    {
      name: 'a placeholder service someone else owns',
      steps: (m) => {
        m.markTrafficAssigned();
        m.markServiceNotOwned('hello');
      },
      want: [
        cond('AllTrafficAssigned', 'True'),
        cond('CertificateProvisioned', 'Unknown'),
        cond('IngressReady', 'False', 'NotOwned', 'There is an existing placeholder Service "hello" that we do not own.'),
        cond('Ready', 'False', 'NotOwned', 'There is an existing placeholder Service "hello" that we do not own.'),
      ],
    },
    {
      name: 'a rollout in progress holds IngressReady Unknown',
      steps: (m) => {
        m.markTrafficAssigned();
        m.markTLSNotEnabled('x');
        m.propagateIngressStatus({ conditions: [{ type: 'Ready', status: 'True' }] });
        m.markIngressRolloutInProgress();
      },
      want: [
        cond('AllTrafficAssigned', 'True'),
        cond('CertificateProvisioned', 'True', 'TLSNotEnabled', 'x'),
        cond('IngressReady', 'Unknown', 'RolloutInProgress', 'A gradual rollout of the latest revision(s) is in progress.'),
        cond('Ready', 'Unknown', 'RolloutInProgress', 'A gradual rollout of the latest revision(s) is in progress.'),
      ],
    },
    {
      name: 'a traffic error of the domain template',
      steps: (m) => m.markRevisionTargetTrafficError('ErrorConfig', 'bad template'),
      want: [
        cond('AllTrafficAssigned', 'False', 'ErrorConfig', 'bad template'),
        cond('CertificateProvisioned', 'Unknown'),
        cond('IngressReady', 'Unknown'),
        cond('Ready', 'False', 'ErrorConfig', 'bad template'),
      ],
    },
  ])('$name', ({ steps, want }) => {
    expect(run(steps)).toEqual(want);
  });
});

describe('propagateIngressStatus', () => {
  test.each<{ name: string; ingress: IngressStatus | undefined; want: Brief }>([
    { name: 'no status yet', ingress: undefined, want: cond('IngressReady', 'Unknown', 'IngressNotConfigured', 'Ingress has not yet been reconciled.') },
    { name: 'no Ready condition', ingress: { conditions: [] }, want: cond('IngressReady', 'Unknown', 'IngressNotConfigured', 'Ingress has not yet been reconciled.') },
    { name: 'Ready True', ingress: { conditions: [{ type: 'Ready', status: 'True' }] }, want: cond('IngressReady', 'True') },
    {
      name: 'Ready False carries the reason',
      ingress: { conditions: [{ type: 'Ready', status: 'False', reason: 'Bad', message: '50% broken' }] },
      want: cond('IngressReady', 'False', 'Bad', '50% broken'),
    },
    {
      name: 'Ready Unknown carries the reason',
      ingress: { conditions: [{ type: 'Ready', status: 'Unknown', reason: 'Probing', message: 'not yet' }] },
      want: cond('IngressReady', 'Unknown', 'Probing', 'not yet'),
    },
  ])('$name', ({ ingress, want }) => {
    const got = run((m) => m.propagateIngressStatus(ingress));
    expect(got.find((c) => c.type === 'IngressReady')).toEqual(want);
  });
});

describe('route helpers', () => {
  const route = (generation: number, observedGeneration: number, ready: Condition['status']): Route => ({
    metadata: { generation },
    spec: {},
    status: { observedGeneration, conditions: [{ type: 'Ready', status: ready }] },
  });

  test.each([
    { name: 'ready and observed', r: route(2, 2, 'True'), ready: true, failed: false },
    { name: 'ready but stale', r: route(3, 2, 'True'), ready: false, failed: false },
    { name: 'failed and observed', r: route(1, 1, 'False'), ready: false, failed: true },
    { name: 'unknown', r: route(1, 1, 'Unknown'), ready: false, failed: false },
  ])('$name', ({ r, ready, failed }) => {
    expect(isRouteReady(r)).toBe(ready);
    expect(isRouteFailed(r)).toBe(failed);
  });

  test.each<{ name: string; annotations: Record<string, string> | undefined; want: number }>([
    { name: 'no annotation', annotations: undefined, want: 0 },
    { name: 'minutes', annotations: { 'serving.knative.dev/rollout-duration': '2m' }, want: 120_000 },
    { name: 'camelCase spelling', annotations: { 'serving.knative.dev/rolloutDuration': '90s' }, want: 90_000 },
    { name: 'garbage', annotations: { 'serving.knative.dev/rollout-duration': 'soon' }, want: 0 },
  ])('rollout duration: $name', ({ annotations, want }) => {
    expect(routeRolloutDuration({ metadata: { annotations }, spec: {} })).toBe(want);
  });
});
