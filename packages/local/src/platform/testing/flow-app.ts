// The app behind the data-path flow tests, run as a revision's user container.
// GET / answers who served it; /sleep?ms=N answers after N ms with the most
// requests it ever held at once; an Upgrade to websocket echoes every message.
// START_DELAY_MS holds off listening, like an app that takes a while to boot.
export const FLOW_APP = `
const http = require('node:http');
const { WebSocketServer } = require(process.env.WS_MODULE);
let inFlight = 0;
let maxInFlight = 0;
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://app');
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  const answer = () => {
    inFlight--;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ pod: process.env.HOSTNAME, revision: process.env.K_REVISION, maxInFlight, headers: req.headers }));
  };
  if (url.pathname === '/sleep') setTimeout(answer, Number(url.searchParams.get('ms')));
  else answer();
});
const wss = new WebSocketServer({ server });
wss.on('connection', (ws) => ws.on('message', (data, binary) => ws.send(data, { binary })));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
setTimeout(() => server.listen(Number(process.env.PORT), '127.0.0.1'), Number(process.env.START_DELAY_MS ?? 0));
`;
