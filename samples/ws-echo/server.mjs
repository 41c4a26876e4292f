// ws-echo: a websocket echo. Every message comes back as it was sent; a plain
// GET answers with how to connect.
import http from 'node:http';
import { WebSocketServer } from 'ws';

const port = Number(process.env.PORT ?? 8080);

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('ws-echo: open a websocket to this URL; every message is echoed back\n');
});
const wss = new WebSocketServer({ server });
wss.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
server.listen(port, () => console.log(`ws-echo listening on ${port}`));
process.on('SIGTERM', () => {
  for (const client of wss.clients) client.close(1001, 'going away');
  server.close(() => process.exit(0));
});
