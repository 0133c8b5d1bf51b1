import PDFDocument from 'pdfkit';
import type { FontSet } from './fonts.ts';

export type Doc = InstanceType<typeof PDFDocument>;

/** Creation date written when none is given: the same input then gives the same bytes. */
export const FIXED_CREATION_DATE = new Date(Date.UTC(2000, 0, 1));

export interface DocumentMeta {
  readonly title: string;
  readonly author: string;
  /** Recorded in the PDF; defaults to FIXED_CREATION_DATE so that output is reproducible. */
  readonly createdAt?: Date;
  readonly lang?: string;
}

/**
 * An empty A4 document for letters: no page yet, pages buffered (page numbers are drawn
 * once a letter's length is known), our regular face as the default font (so pdfkit does
 * not load Helvetica's metrics for every document).
 */
export function newDocument(fonts: FontSet, meta: DocumentMeta): Doc {
  return new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    bufferPages: true,
    // pdfkit takes a parsed fontkit font here too; its types only list names.
    font: fonts.faces.regular.source as unknown as string,
    ...(meta.lang !== undefined ? { lang: meta.lang } : {}),
    info: {
      Title: meta.title,
      Author: meta.author,
      Creator: 'Relance',
      Producer: 'Relance (pdfkit)',
      CreationDate: meta.createdAt ?? FIXED_CREATION_DATE,
    },
  });
}

/**
 * Starts taking the document's bytes (call right after newDocument, so that pdfkit's stream
 * never holds the whole output) and resolves with them once `doc.end()` has been called —
 * or hands each chunk to `onData` and resolves with an empty buffer.
 */
export function collectOutput(doc: Doc, onData?: (chunk: Buffer) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => {
      if (onData) return onData(chunk);
      chunks.push(chunk);
      // pdfkit writes many tiny chunks: join them now and then to free their slabs.
      if (chunks.length >= 4096) chunks = [Buffer.concat(chunks)];
    });
    doc.on('end', () => resolve(onData ? Buffer.alloc(0) : Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** Lets the event loop run, so that pdfkit's stream hands over what it has buffered. */
export function drain(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
