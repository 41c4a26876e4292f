import type { ServerlessService } from '@knot/api';
import type { EndpointSubset } from 'kubernetes-types/core/v1.js';
import { filterSubsetPorts, readyAddressCount, subsetEndpoints } from './make-endpoints.js';

const sks = (protocolType: 'http1' | 'h2c'): ServerlessService => ({
  metadata: { namespace: 'ns', name: 'hello-00001' },
  spec: { objectRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' }, protocolType },
});

const ports = [
  { name: 'http', port: 8012 },
  { name: 'http2', port: 8013 },
  { name: 'https', port: 8112 },
  { name: 'metrics', port: 9090 },
];
const addr = (...ips: string[]) => ips.map((ip) => ({ ip }));

describe('filterSubsetPorts', () => {
  test.each([
    { name: 'HTTP/1 keeps 8012 and 8112', protocol: 'http1' as const, want: [8012, 8112] },
    { name: 'h2c keeps 8013 and 8112', protocol: 'h2c' as const, want: [8013, 8112] },
  ])('$name', ({ protocol, want }) => {
    const got = filterSubsetPorts(sks(protocol), [{ addresses: addr('10.0.0.1'), ports }]);
    expect(got?.[0]?.ports?.map((p) => p.port)).toEqual(want);
    expect(got?.[0]?.addresses).toEqual(addr('10.0.0.1'));
  });

  test.each([
    { name: 'HTTP/1 keeps http and https by name', protocol: 'http1' as const, want: [40001, 40003] },
    { name: 'h2c keeps http2 and https by name', protocol: 'h2c' as const, want: [40002, 40003] },
  ])('pods with their own port numbers, as in local mode: $name', ({ protocol, want }) => {
    const local = [{ name: 'http', port: 40001 }, { name: 'http2', port: 40002 }, { name: 'https', port: 40003 }, { name: 'http-autometric', port: 40004 }];
    expect(filterSubsetPorts(sks(protocol), [{ addresses: addr('127.0.0.1'), ports: local }])?.[0]?.ports?.map((p) => p.port)).toEqual(want);
  });

  test('no subsets stay absent', () => {
    expect(filterSubsetPorts(sks('http1'), [])).toBeUndefined();
    expect(filterSubsetPorts(sks('http1'), undefined)).toBeUndefined();
  });

  test('the input is not changed', () => {
    const input: EndpointSubset[] = [{ addresses: addr('10.0.0.1'), ports }];
    filterSubsetPorts(sks('http1'), input);
    expect(input[0]?.ports).toHaveLength(4);
  });
});

describe('readyAddressCount', () => {
  test.each([
    { name: 'no endpoints object', eps: undefined, want: 0 },
    { name: 'not-ready addresses do not count', eps: { metadata: {}, subsets: [{ notReadyAddresses: addr('1.1.1.1') }] }, want: 0 },
    { name: 'ready addresses over every subset', eps: { metadata: {}, subsets: [{ addresses: addr('1.1.1.1', '1.1.1.2') }, { addresses: addr('1.1.1.3') }] }, want: 3 },
  ])('$name', ({ eps, want }) => {
    expect(readyAddressCount(eps)).toBe(want);
  });
});

describe('subsetEndpoints', () => {
  const subsets: EndpointSubset[] = [
    { addresses: addr('10.0.0.1', '10.0.0.2'), ports },
    { addresses: addr('10.0.0.3', '10.0.0.4', '10.0.0.5'), notReadyAddresses: addr('10.0.0.9'), ports },
  ];

  test.each([
    { name: 'zero means all', n: 0, want: ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5'] },
    { name: 'n at or above the count means all', n: 7, want: ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5'] },
    { name: 'two chosen by hash of the target, empty subsets dropped', n: 2, want: ['10.0.0.4', '10.0.0.5'] },
  ])('$name', ({ n, want }) => {
    const got = subsetEndpoints(subsets, 'hello-00001', n) ?? [];
    expect(got.flatMap((s) => (s.addresses ?? []).map((a) => a.ip))).toEqual(want);
    expect(got.every((s) => (s.addresses ?? []).length > 0)).toBe(true);
  });

  test('a subset that keeps an address keeps its ports and not-ready addresses', () => {
    const got = subsetEndpoints(subsets, 'hello-00001', 2);
    expect(got).toEqual([{ addresses: addr('10.0.0.4', '10.0.0.5'), notReadyAddresses: addr('10.0.0.9'), ports }]);
  });
});
