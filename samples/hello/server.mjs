// hello: answers every request with a greeting. Knative runs it with PORT set;
// TARGET names who is greeted.
import http from 'node:http';

const port = Number(process.env.PORT ?? 8080);
const target = process.env.TARGET ?? 'World';
const revision = process.env.K_REVISION ?? 'local';

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`Hello ${target}! (${revision})\n`);
});
server.listen(port, () => console.log(`hello listening on ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
