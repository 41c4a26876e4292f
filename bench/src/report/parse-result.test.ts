import { dataPathResult } from '../testing/reports.js';
import { parseResult } from './parse-result.js';

const good = dataPathResult();
const tryParse = (value: unknown) => {
  try {
    parseResult(typeof value === 'string' ? value : JSON.stringify(value), 'x.json');
    return undefined;
  } catch (err) {
    return err as Error & { code: string };
  }
};

test('a result written by the benchmark reads back unchanged', () => {
  expect(parseResult(JSON.stringify(good), 'data-path.json')).toEqual(JSON.parse(JSON.stringify(good)));
});

test.each([
  { name: 'not JSON', value: '{"benchmark":', says: 'x.json is not JSON' },
  { name: 'an array', value: [], says: 'x.json must be an object' },
  { name: 'no benchmark name', value: { ...good, benchmark: 3 }, says: 'benchmark must be a string' },
  { name: 'cores missing', value: { ...good, machine: {} }, says: 'machine.cores must be a number' },
  { name: 'a load average in words', value: { ...good, machine: { ...good.machine, loadAverageAtStart: 'high' } }, says: 'machine.loadAverageAtStart must be a number' },
  { name: 'a target with an unknown unit', value: { ...good, targets: [{ ...good.targets[0], unit: 'parsecs' }] }, says: 'targets[0].unit must be ms, x or MB' },
  { name: 'a target whose pass is a string', value: { ...good, targets: [{ ...good.targets[0], pass: 'yes' }] }, says: 'targets[0].pass must be true, false or null' },
  { name: 'a measured path without latency', value: { ...good, paths: [{ ...good.paths[0], latency: undefined }] }, says: 'paths[0].latency must be an object' },
  { name: 'a hop with a text delta', value: { ...good, hops: [{ ...good.hops[0], addedP50Ms: '0.1' }] }, says: 'hops[0].addedP50Ms must be a number' },
  { name: 'memory without idle RSS', value: { ...good, memory: [{ process: 'gateway' }] }, says: 'memory[0].idleRssMb must be a number' },
  { name: 'CPU per request in words', value: { ...good, memory: [{ process: 'gateway', idleRssMb: 1, cpuUsPerRequest: 'lots' }] }, says: 'memory[0].cpuUsPerRequest must be a number' },
  { name: 'the method missing', value: { ...good, method: undefined }, says: 'method must be an object' },
])('$name is a named error', ({ value, says }) => {
  const err = tryParse(value);
  expect(err?.code).toBe('bad-result');
  expect(err?.message).toContain(says);
});
