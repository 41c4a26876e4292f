import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ContainerLogs } from './container-logs.js';

test('the ring buffer keeps the newest lines within its bytes, per run, joined across chunks', () => {
  const logs = new ContainerLogs({ maxBytes: 20, now: () => 0 });
  logs.startRun(0);
  logs.write('stdout', 'one\ntw');
  logs.write('stdout', 'o\r\n');
  logs.write('stderr', 'three\n');
  expect(logs.read().map((l) => l.text)).toEqual(['one', 'two', 'three']);
  logs.write('stdout', 'a-long-line\nlast');
  logs.flush();
  expect(logs.read().map((l) => l.text)).toEqual(['a-long-line', 'last']);
  expect(logs.read({ tailLines: 1 }).map((l) => l.text)).toEqual(['last']);

  logs.startRun(1);
  logs.write('stdout', 'second run\n');
  expect(logs.read().map((l) => l.text)).toEqual(['second run']);
  expect(logs.read({ previous: true }).map((l) => l.text)).toEqual(['last']);
  expect(logs.tail(80, 4)).toBe(' run');
});

test('with a directory, each run is also written to <run>.log and followers see every line', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'knot-logs-'));
  const logs = new ContainerLogs({ maxBytes: 1024, dir, now: () => Date.UTC(2024, 0, 1) });
  const followed: string[] = [];
  logs.follow((l) => followed.push(l.text));
  logs.startRun(0);
  logs.write('stdout', 'hello\n');
  logs.startRun(1);
  logs.write('stderr', 'again\n');
  logs.close();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(followed).toEqual(['hello', 'again']);
  expect(fs.readFileSync(path.join(dir, '0.log'), 'utf8')).toBe('2024-01-01T00:00:00.000Z stdout hello\n');
  expect(fs.readFileSync(path.join(dir, '1.log'), 'utf8')).toBe('2024-01-01T00:00:00.000Z stderr again\n');
  fs.rmSync(dir, { recursive: true });
});
