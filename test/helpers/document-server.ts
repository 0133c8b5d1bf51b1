import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on loopback (port 0) standing in for an ERP's document store:
 *   /ok.pdf /ok2.pdf …  any path ending in .pdf not listed below: the PDF, application/pdf
 *   /octet.pdf          the PDF as application/octet-stream (still a PDF)
 *   /missing.pdf        404
 *   /page.pdf           an HTML page with status 200 (a login page, say)
 *   /big.pdf            `bigBytes` of a PDF, chunked without Content-Length
 *   /slow.pdf           the PDF after `slowMs`
 *   /busy.pdf           503
 *   /flaky.pdf          503 the first `flakyFailures` times, then the PDF
 *   /redirect.pdf       302 to /ok2.pdf
 *   /redirect-ftp.pdf   302 to ftp://…
 * Requests are counted by path.
 */
export interface DocumentServer {
  readonly url: string;
  readonly hits: Map<string, number>;
  close(): Promise<void>;
}

export async function startDocumentServer(
  pdf: Buffer,
  options: { bigBytes?: number; slowMs?: number; flakyFailures?: number } = {},
): Promise<DocumentServer> {
  const hits = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const sendPdf = (res: ServerResponse, type = 'application/pdf') => {
    res.writeHead(200, { 'content-type': type, 'content-length': pdf.length });
    res.end(pdf);
  };
  const server = createServer((req, res) => {
    res.on('error', () => {});
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    switch (path) {
      case '/octet.pdf':
        return sendPdf(res, 'application/octet-stream');
      case '/missing.pdf':
        res.writeHead(404, { 'content-type': 'text/plain' });
        return res.end('not found');
      case '/page.pdf':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end('<!doctype html><title>Sign in</title><form>…</form>');
      case '/busy.pdf':
        res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '60' });
        return res.end('busy');
      case '/flaky.pdf':
        if (n <= (options.flakyFailures ?? 1)) {
          res.writeHead(503, { 'content-type': 'text/plain' });
          return res.end('busy');
        }
        return sendPdf(res);
      case '/redirect.pdf':
        res.writeHead(302, { location: '/ok2.pdf' });
        return res.end();
      case '/redirect-ftp.pdf':
        res.writeHead(302, { location: 'ftp://files.example/invoice.pdf' });
        return res.end();
      case '/slow.pdf': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) sendPdf(res);
        }, options.slowMs ?? 5000);
        timers.add(timer);
        return;
      }
      case '/big.pdf': {
        res.writeHead(200, { 'content-type': 'application/pdf' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        pdf.copy(chunk, 0, 0, 5);
        let left = options.bigBytes ?? 8_000_000;
        const pump = () => {
          while (left > 0 && !res.destroyed) {
            left -= chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        return pump();
      }
      default:
        if (path.endsWith('.pdf')) return sendPdf(res);
        res.writeHead(404);
        return res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
