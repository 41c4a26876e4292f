import { DEFAULT_CONFIG_AUTOSCALER, type Condition, type ReachabilityType } from '@knot/api';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { rev } from '../testing/revision-fixtures.js';
import { makePodAutoscaler, reachability } from './make-pa.js';

const failed = (type: string): Condition => ({ type, status: 'False', reason: 'ExitCode1' });
const deployment = (replicas: number, readyReplicas = 0): Deployment => ({ spec: { replicas, selector: {}, template: {} }, status: { readyReplicas } });

describe('makePodAutoscaler', () => {
  test('a defaulted revision gets the PodAutoscaler Knative makes', () => {
    expect(makePodAutoscaler(rev({ routingState: 'active' }), undefined, DEFAULT_CONFIG_AUTOSCALER)).toEqual({
      apiVersion: 'autoscaling.internal.knative.dev/v1alpha1',
      kind: 'PodAutoscaler',
      metadata: {
        name: 'hello-00001',
        namespace: 'default',
        labels: {
          'serving.knative.dev/configuration': 'hello',
          'serving.knative.dev/configurationGeneration': '1',
          'serving.knative.dev/configurationUID': 'cfg-hello',
          'serving.knative.dev/service': 'hello',
          'serving.knative.dev/serviceUID': 'svc-hello',
          'serving.knative.dev/revision': 'hello-00001',
          'serving.knative.dev/revisionUID': 'rev-hello-00001',
          app: 'hello-00001',
        },
        annotations: { 'autoscaling.knative.dev/class': 'kpa.autoscaling.knative.dev' },
        ownerReferences: [{ apiVersion: 'serving.knative.dev/v1', kind: 'Revision', name: 'hello-00001', uid: 'rev-hello-00001', controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'hello-00001-deployment' },
        protocolType: 'http1',
        reachability: 'Reachable',
      },
    });
  });

  test.each<{ name: string; annotations: Record<string, string>; config: object; want: Record<string, string> }>([
    { name: 'the class from config-autoscaler', annotations: {}, config: { podAutoscalerClass: 'hpa.autoscaling.knative.dev' }, want: { 'autoscaling.knative.dev/class': 'hpa.autoscaling.knative.dev' } },
    {
      name: 'the revision’s class and metric are kept',
      annotations: { 'autoscaling.knative.dev/class': 'hpa.autoscaling.knative.dev', 'autoscaling.knative.dev/metric': 'cpu', 'autoscaling.knative.dev/target': '70' },
      config: {},
      want: { 'autoscaling.knative.dev/class': 'hpa.autoscaling.knative.dev', 'autoscaling.knative.dev/metric': 'cpu', 'autoscaling.knative.dev/target': '70' },
    },
    { name: 'routing bookkeeping is left out', annotations: { 'serving.knative.dev/routes': 'hello', 'serving.knative.dev/lastPinned': '1' }, config: {}, want: { 'autoscaling.knative.dev/class': 'kpa.autoscaling.knative.dev' } },
  ])('annotations: $name', ({ annotations, config, want }) => {
    expect(makePodAutoscaler(rev({ annotations }), undefined, { ...DEFAULT_CONFIG_AUTOSCALER, ...config }).metadata?.annotations).toEqual(want);
  });

  test('concurrency and protocol come from the spec', () => {
    const r = rev({ spec: { containerConcurrency: 5, containers: [{ name: 'u', image: 'i', ports: [{ name: 'h2c', containerPort: 9000 }] }] } });
    expect(makePodAutoscaler(r, undefined, DEFAULT_CONFIG_AUTOSCALER).spec).toEqual({
      containerConcurrency: 5,
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'hello-00001-deployment' },
      protocolType: 'h2c',
    });
  });
});

describe('reachability', () => {
  test.each<{ name: string; routingState?: string; conditions?: Condition[]; deployment?: Deployment; want: ReachabilityType }>([
    { name: 'active', routingState: 'active', want: 'Reachable' },
    { name: 'reserve', routingState: 'reserve', want: 'Unreachable' },
    { name: 'pending', routingState: 'pending', want: '' },
    { name: 'unset', routingState: '', want: '' },
    { name: 'a crashing active revision with no ready pod', routingState: 'active', conditions: [failed('ContainerHealthy')], deployment: deployment(1), want: 'Unreachable' },
    { name: 'failed resources with no ready pod', routingState: 'active', conditions: [failed('ResourcesAvailable')], deployment: deployment(1), want: 'Unreachable' },
    { name: 'a failure while some pod is ready', routingState: 'active', conditions: [failed('ContainerHealthy')], deployment: deployment(2, 1), want: 'Reachable' },
    { name: 'a failure at zero replicas', routingState: 'active', conditions: [failed('ContainerHealthy')], deployment: deployment(0), want: 'Reachable' },
    { name: 'a failure without a deployment', routingState: 'active', conditions: [failed('ContainerHealthy')], want: 'Reachable' },
    { name: 'Active False is no failure', routingState: 'active', conditions: [failed('Active')], deployment: deployment(1), want: 'Reachable' },
  ])('$name', ({ routingState, conditions, deployment: d, want }) => {
    const r = rev({ routingState, status: conditions ? { conditions } : undefined });
    expect(reachability(r, d)).toBe(want);
  });
});
