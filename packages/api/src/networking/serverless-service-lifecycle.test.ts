import type { Condition } from '../duck/condition.js';
import type { ServerlessService } from './serverless-service.js';
import {
  isServerlessServiceReady,
  manageServerlessServiceStatus,
  serverlessServiceProxyFor,
  type ServerlessServiceStatusManager,
} from './serverless-service-lifecycle.js';

const T0 = Date.UTC(2024, 0, 1);
type Brief = Pick<Condition, 'type' | 'status' | 'severity' | 'reason' | 'message'>;

const newSKS = (): ServerlessService => ({
  metadata: { name: 'hello-00001', generation: 1 },
  spec: { mode: 'Serve', objectRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'hello-00001-deployment' }, protocolType: 'http1' },
});

function run(steps: (m: ServerlessServiceStatusManager) => void): Brief[] {
  const sks = newSKS();
  let t = T0;
  const m = manageServerlessServiceStatus(sks, { now: () => (t += 1000) });
  m.initializeConditions();
  steps(m);
  return (sks.status?.conditions ?? []).map(({ type, status, severity, reason, message }) => ({
    type,
    status,
    ...(severity ? { severity } : {}),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  }));
}

const cond = (type: string, status: Condition['status'], reason?: string, message?: string, severity?: Condition['severity']): Brief => ({
  type,
  status,
  ...(severity ? { severity } : {}),
  ...(reason ? { reason } : {}),
  ...(message ? { message } : {}),
});
const activator = (status: 'True' | 'False') => cond('ActivatorEndpointsPopulated', status, 'ActivatorEndpointsPopulated', 'Revision is backed by Activator', 'Info');

describe('ServerlessService conditions', () => {
  test.each<{ name: string; steps: (m: ServerlessServiceStatusManager) => void; want: Brief[] }>([
    {
      name: 'a new SKS is Unknown',
      steps: () => {},
      want: [cond('EndpointsPopulated', 'Unknown'), cond('Ready', 'Unknown')],
    },
    {
      name: 'ready pods make it Ready',
      steps: (m) => m.markEndpointsReady(),
      want: [cond('EndpointsPopulated', 'True'), cond('Ready', 'True')],
    },
    {
      name: 'no healthy backends keeps it Unknown with the reason',
      steps: (m) => {
        m.markEndpointsReady();
        m.markEndpointsNotReady('NoHealthyBackends');
      },
      want: [cond('EndpointsPopulated', 'Unknown', 'NoHealthyBackends', 'K8s Service is not ready'), cond('Ready', 'Unknown', 'NoHealthyBackends', 'K8s Service is not ready')],
    },
    {
      name: 'a service owned by someone else fails it',
      steps: (m) => m.markEndpointsNotOwned('Service', 'hello-00001-private'),
      want: [
        cond('EndpointsPopulated', 'False', 'NotOwned', 'Resource hello-00001-private of type Service is not owned by SKS'),
        cond('Ready', 'False', 'NotOwned', 'Resource hello-00001-private of type Service is not owned by SKS'),
      ],
    },
    {
      name: 'the activator in the path is informational and leaves Ready alone',
      steps: (m) => {
        m.markEndpointsReady();
        m.markActivatorEndpointsPopulated();
      },
      want: [activator('True'), cond('EndpointsPopulated', 'True'), cond('Ready', 'True')],
    },
    {
      name: 'the activator leaving the path is False, still informational',
      steps: (m) => {
        m.markActivatorEndpointsPopulated();
        m.markActivatorEndpointsRemoved();
        m.markEndpointsReady();
      },
      want: [activator('False'), cond('EndpointsPopulated', 'True'), cond('Ready', 'True')],
    },
  ])('$name', ({ steps, want }) => {
    expect(run(steps)).toEqual(want);
  });
});

describe('isServerlessServiceReady', () => {
  const ready = (generation: number, observed: number, status: Condition['status']): ServerlessService => ({
    ...newSKS(),
    metadata: { name: 'x', generation },
    status: { observedGeneration: observed, conditions: [{ type: 'Ready', status }] },
  });

  test.each([
    { name: 'Ready and observed', sks: ready(2, 2, 'True'), want: true },
    { name: 'Ready but an older generation', sks: ready(2, 1, 'True'), want: false },
    { name: 'not Ready', sks: ready(1, 1, 'Unknown'), want: false },
    { name: 'no status', sks: newSKS(), want: false },
  ])('$name', ({ sks, want }) => {
    expect(isServerlessServiceReady(sks)).toBe(want);
  });
});

describe('serverlessServiceProxyFor', () => {
  const since = '2024-01-01T00:00:00Z';
  test.each([
    { name: 'time since the activator entered the path', status: 'True' as const, now: T0 + 30_000, want: 30_000 },
    { name: 'zero when the activator is out of the path', status: 'False' as const, now: T0 + 30_000, want: 0 },
    { name: 'never negative on a clock behind the condition', status: 'True' as const, now: T0 - 5_000, want: 0 },
  ])('$name', ({ status, now, want }) => {
    const conditions: Condition[] = [{ type: 'ActivatorEndpointsPopulated', status, severity: 'Info', lastTransitionTime: since }];
    expect(serverlessServiceProxyFor({ conditions }, now)).toBe(want);
  });

  test('zero without the condition', () => {
    expect(serverlessServiceProxyFor(undefined, T0)).toBe(0);
  });
});
