import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  attachmentRoom,
  formatMb,
  invoiceFileName,
  mayStartAsPdf,
  networkProblem,
  notPdfProblem,
  startsAsPdf,
  statusProblem,
  tooLargeProblem,
} from './invoice-pdf.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('invoice PDFs', () => {
  it('5xx, 408, 425 and 429 are temporary; other statuses permanent', () => {
    for (const s of [500, 502, 503, 504, 408, 425, 429]) {
      assert.equal(statusProblem(s).kind, 'temporary', String(s));
    }
    for (const s of [400, 401, 403, 404, 410, 451]) {
      assert.equal(statusProblem(s).kind, 'permanent', String(s));
    }
    assert.equal(statusProblem(404, 'Not Found').reason, 'the server answered 404 Not Found');
  });

  it('no such host is permanent; other network errors temporary', () => {
    assert.deepEqual(networkProblem('ENOTFOUND', 'docs.example'), {
      kind: 'permanent',
      reason: 'no such host: docs.example',
    });
    for (const code of ['EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'CERT_HAS_EXPIRED']) {
      assert.equal(networkProblem(code, 'h').kind, 'temporary', code);
    }
  });

  it('a PDF starts with %PDF-, whatever its declared type', () => {
    assert.equal(startsAsPdf(bytes('%PDF-1.7\n')), true);
    assert.equal(startsAsPdf(bytes('<!doctype html>')), false);
    assert.equal(startsAsPdf(bytes('%PDF')), false);
    assert.equal(mayStartAsPdf(bytes('%P')), true);
    assert.equal(mayStartAsPdf(bytes('<h')), false);
    assert.equal(mayStartAsPdf(bytes('%PDF-1.4 and more')), true);
    assert.match(notPdfProblem('text/html; charset=utf-8').reason, /not a PDF: text\/html,/);
    assert.match(notPdfProblem('application/PDF').reason, /declared application\/pdf, but/);
    assert.match(notPdfProblem(null).reason, /no content type/);
  });

  it('limits: the count first, then the total size', () => {
    const limits = { maxAttachments: 2, maxTotalBytes: 1000 };
    assert.equal(attachmentRoom({ count: 1, bytes: 500 }, 500, limits), undefined);
    assert.match(
      attachmentRoom({ count: 2, bytes: 0 }, 1, limits)?.reason ?? '',
      /at most 2 attachments/,
    );
    assert.match(
      attachmentRoom({ count: 1, bytes: 600 }, 401, limits)?.reason ?? '',
      /exceed 1 kB in all/,
    );
    assert.equal(
      tooLargeProblem(5_000_000, 6_250_000).reason,
      'larger than the limit of 5 MB (6.25 MB)',
    );
    assert.equal(formatMb(2_400), '2.4 kB');
  });

  it('file names keep letters, digits, dots and hyphens', () => {
    assert.equal(invoiceFileName('F-2026-001'), 'invoice-F-2026-001.pdf');
    assert.equal(invoiceFileName('F 1/2"x'), 'invoice-F_1_2_x.pdf');
  });
});
