// sleeper: every request takes a while (?ms=N, default 1000), so a little load
// makes the autoscaler add pods. It reports the pod that answered.
import http from 'node:http';
import os from 'node:os';

const port = Number(process.env.PORT ?? 8080);
const MAX_MS = 60_000;

const server = http.createServer((req, res) => {
  const asked = Number(new URL(req.url ?? '/', 'http://sleeper').searchParams.get('ms') ?? 1000);
  if (!Number.isFinite(asked) || asked < 0 || asked > MAX_MS) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end(`ms must be a number from 0 to ${MAX_MS}\n`);
    return;
  }
  setTimeout(() => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`slept ${asked} ms in ${os.hostname()}\n`);
  }, asked);
});
server.listen(port, () => console.log(`sleeper listening on ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
