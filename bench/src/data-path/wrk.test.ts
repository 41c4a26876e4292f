import { wrkOutput, wrkReport } from '../testing/reports.js';
import { errorCount, parseWrkOutput, requestsPerSecond, wrkArgs } from './wrk.js';

describe('parseWrkOutput', () => {
  test('reads the report line among wrk’s own output', () => {
    const report = wrkReport(20_000, { p50: 120, p90: 300, p99: 900 }, { status: 2 });
    expect(parseWrkOutput(wrkOutput(report))).toEqual(report);
  });

  test.each([
    { name: 'no report line', out: 'Running 1s test\n20000 requests in 1.00s\n', code: 'wrk-no-report', says: 'no WRK_JSON line' },
    { name: 'truncated JSON', out: 'WRK_JSON {"requests":1,\n', code: 'wrk-bad-report', says: 'not JSON' },
    { name: 'a missing latency field', out: `WRK_JSON ${JSON.stringify({ ...wrkReport(1), latencyUs: { p50: 1 } })}\n`, code: 'wrk-bad-report', says: 'latencyUs.min' },
    { name: 'a negative count', out: `WRK_JSON ${JSON.stringify({ ...wrkReport(1), requests: -1 })}\n`, code: 'wrk-bad-report', says: 'requests is -1' },
    { name: 'errors not an object', out: `WRK_JSON ${JSON.stringify({ ...wrkReport(1), errors: 3 })}\n`, code: 'wrk-bad-report', says: 'errors. is not an object' },
  ])('$name is a named error', ({ out, code, says }) => {
    let caught: unknown;
    try {
      parseWrkOutput(out);
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ code });
    expect((caught as Error).message).toContain(says);
  });
});

test('requests per second and errors from a report', () => {
  const report = { ...wrkReport(0, { p50: 100 }, { connect: 1, read: 2, write: 3, status: 4, timeout: 5 }), requests: 30_000, durationUs: 3_000_000 };
  expect(requestsPerSecond(report)).toBe(10_000);
  expect(errorCount(report)).toBe(15);
  expect(requestsPerSecond({ ...report, durationUs: 0 })).toBe(0);
});

test('wrk arguments carry the connections, the duration, the script and every header', () => {
  const args = wrkArgs({ url: 'http://127.0.0.1:8080/', connections: 64, threads: 1, durationSeconds: 3, headers: { Host: 'hello.default.example.com', 'Knative-Serving-Revision': 'hello-00001' } }, '/x/report.lua');
  expect(args).toEqual(['-t', '1', '-c', '64', '-d', '3s', '--timeout', '5s', '-s', '/x/report.lua', '-H', 'Host: hello.default.example.com', '-H', 'Knative-Serving-Revision: hello-00001', 'http://127.0.0.1:8080/']);
});
