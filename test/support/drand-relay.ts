import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback drand HTTP relay serving chain info at /info and recorded rounds at /public/<round> (404 otherwise). */
export async function startDrandRelay(info: unknown, rounds: Array<{ round: number }>) {
  const byRound = new Map(rounds.map((r) => [r.round, r]));
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const round = /^\/public\/(\d+)$/.exec(path);
    const body = path === '/info' ? info : round ? byRound.get(Number(round[1])) : undefined;
    if (body === undefined) {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
