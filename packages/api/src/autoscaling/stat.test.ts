import { formatStatPrometheus, parseStat, parseStatMessages, StatParseError, type Stat } from './stat.js';

const stat: Stat = {
  podName: 'hello-00001-deployment-abc',
  averageConcurrentRequests: 2.5,
  averageProxiedConcurrentRequests: 1,
  requestCount: 10,
  proxiedRequestCount: 4,
  processUptime: 12.5,
  timestamp: 1_700_000_000_000,
};

function parseError(fn: () => unknown): StatParseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatParseError) return e;
    throw e;
  }
  throw new Error('expected a StatParseError');
}

describe('parseStat', () => {
  it('keeps exactly the stat fields of a valid stat', () => {
    expect(parseStat({ ...stat, extra: 'dropped' })).toEqual(stat);
  });

  it.each([
    { name: 'not an object', input: 'x', paths: [''] },
    { name: 'missing pod name', input: { ...stat, podName: '' }, paths: ['podName'] },
    { name: 'negative count', input: { ...stat, requestCount: -1 }, paths: ['requestCount'] },
    { name: 'NaN and string fields', input: { ...stat, averageConcurrentRequests: Number.NaN, timestamp: '1' }, paths: ['averageConcurrentRequests', 'timestamp'] },
  ])('refuses $name, naming the fields', ({ input, paths }) => {
    const err = parseError(() => parseStat(input));
    expect(err.code).toBe('ERR_BAD_STAT');
    expect(err.errors.map((e) => e.path)).toEqual(paths);
  });
});

describe('parseStatMessages', () => {
  it('reads a frame of messages', () => {
    const frame = [{ key: { namespace: 'default', name: 'hello-00001' }, stat }];
    expect(parseStatMessages(JSON.parse(JSON.stringify(frame)))).toEqual(frame);
  });

  it('names the index and field of each bad message', () => {
    const err = parseError(() => parseStatMessages([{ key: { namespace: 'default', name: 'ok' }, stat }, { key: { name: 'x' }, stat: { ...stat, podName: 3 } }, 7]));
    expect(err.errors.map((e) => e.path)).toEqual(['[1].key', '[1].stat.podName', '[2]']);
  });

  it('refuses a frame that is not an array', () => {
    expect(parseError(() => parseStatMessages({ key: {} })).message).toMatch(/array/);
  });
});

describe('formatStatPrometheus', () => {
  it("uses Knative queue-proxy's metric names with the pod label, escaping it", () => {
    const text = formatStatPrometheus({ ...stat, podName: 'p"\\' });
    expect(text).toContain('queue_requests_per_second{destination_pod="p\\"\\\\"} 10\n');
    expect(text).toContain('queue_average_concurrent_requests{destination_pod="p\\"\\\\"} 2.5\n');
    expect(text).toContain('queue_proxied_operations_per_second{destination_pod="p\\"\\\\"} 4\n');
    expect(text).toContain('process_uptime{destination_pod="p\\"\\\\"} 12.5\n');
  });
});
