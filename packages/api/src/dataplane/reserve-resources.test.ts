import { parseReserveResources } from './reserve-resources.js';

describe('parseReserveResources', () => {
  test.each([
    { name: 'cpu and memory', value: 'cpu=100m,memory=128Mi', want: { cpu: '100m', memory: '128Mi' } },
    { name: 'spaces and an empty entry', value: ' cpu = 1 , , memory=1Gi ', want: { cpu: '1', memory: '1Gi' } },
    { name: 'ephemeral storage', value: 'ephemeral-storage=1Gi', want: { 'ephemeral-storage': '1Gi' } },
    { name: 'huge pages', value: 'memory=64Mi,hugepages-2Mi=128Mi', want: { memory: '64Mi', 'hugepages-2Mi': '128Mi' } },
    { name: 'an extended resource', value: 'cpu=100m, memory=128Mi,nvidia.com/gpu=0', want: { cpu: '100m', memory: '128Mi', 'nvidia.com/gpu': '0' } },
    { name: 'exponent and decimal quantities', value: 'cpu=0.1,memory=1e8', want: { cpu: '0.1', memory: '1e8' } },
  ])('reads $name', ({ value, want }) => {
    expect(parseReserveResources(value)).toEqual(want);
  });

  test.each([
    { name: 'an empty value', value: '', detail: 'names no resource; want e.g. cpu=100m,memory=128Mi' },
    { name: 'only commas', value: ' , ', detail: 'names no resource' },
    { name: 'a missing quantity', value: 'cpu', detail: 'invalid quantity "" for cpu; want e.g. cpu=100m,memory=128Mi' },
    { name: 'an empty quantity', value: 'cpu=', detail: 'invalid quantity "" for cpu' },
    { name: 'a bad quantity', value: 'cpu=lots', detail: 'invalid quantity "lots" for cpu' },
    { name: 'a quantity with a bad suffix', value: 'memory=128MB', detail: 'invalid quantity "128MB" for memory' },
    { name: 'a negative quantity', value: 'memory=-1Gi', detail: 'invalid quantity "-1Gi" for memory' },
    { name: 'a key-value list with colons', value: 'cpu:100m', detail: 'invalid resource name "cpu:100m"' },
    { name: 'a name with bad characters', value: 'CPU!=1', detail: 'invalid resource name "CPU!": must be cpu, memory, ephemeral-storage, hugepages-<size> or an extended resource such as nvidia.com/gpu' },
    { name: 'an unknown resource name', value: 'gpu=1', detail: 'invalid resource name "gpu"' },
    { name: 'a misspelt standard name', value: 'cpus=1', detail: 'invalid resource name "cpus"' },
    { name: 'an unknown kubernetes.io name', value: 'kubernetes.io/cpu=1', detail: 'invalid resource name "kubernetes.io/cpu"' },
    { name: 'huge pages without a size', value: 'hugepages-=1Gi', detail: 'invalid resource name "hugepages-"' },
    { name: 'an empty name', value: '=1', detail: 'invalid resource name ""' },
    { name: 'a repeated name', value: 'cpu=1,cpu=2', detail: 'cpu given twice' },
  ])('refuses $name', ({ value, detail }) => {
    expect(() => parseReserveResources(value)).toThrow(expect.objectContaining({ name: 'ReserveResourcesError', code: 'ERR_BAD_RESERVE_RESOURCES', detail: expect.stringContaining(detail) as string }) as Error);
    expect(() => parseReserveResources(value)).toThrow(`autoscaling.knative.dev/reserve-instance-resources: ${detail}`);
  });
});
