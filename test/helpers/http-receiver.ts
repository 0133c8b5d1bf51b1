import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The raw body, exactly as received. */
  readonly body: Buffer;
}

/** What the receiver answers: a status and body, after an optional delay (ms). */
export interface Reply {
  readonly status: number;
  readonly body?: string | undefined;
  readonly delayMs?: number | undefined;
}

export interface Receiver {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** Replaces how requests are answered (default 200 "ok"). */
  answer(reply: (request: ReceivedRequest) => Reply): void;
  close(): Promise<void>;
}

/** A real HTTP server on loopback (port 0) that records every request. */
export async function startReceiver(): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  let reply: (request: ReceivedRequest) => Reply = () => ({ status: 200, body: 'ok' });
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(request);
      const r = reply(request);
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(r.status, { 'content-type': 'text/plain' });
        res.end(r.body ?? '');
      };
      if (r.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          send();
        }, r.delayMs);
        timers.add(timer);
      } else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer(next) {
      reply = next;
    },
    close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
