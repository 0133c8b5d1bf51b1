import { Command, InvalidArgumentError } from 'commander';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { missingCustomer } from '../../documents/build-context.ts';
import { documentHash, getDocument, listDocuments } from '../../store/documents.ts';
import { resolveCompany } from '../../store/companies.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';

/** `relance document list|get`: the documents stored for a customer, byte for byte. */
export function documentCommand(): Command {
  const command = new Command('document').description(
    'stored documents: what was rendered for a customer (docs/documents.md)',
  );
  command
    .command('list')
    .description("a customer's documents, newest first")
    .requiredOption('--customer <code>', 'customer code')
    .option('--company <code>', 'company (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (o: { customer: string; company?: string; json?: boolean }) => {
      await withDatabase('relance document list', async ({ db }) => {
        const company = await resolveCompany(db, o.company);
        const customer = await db
          .selectFrom('customers')
          .select('id')
          .where('company_id', '=', company.id)
          .where('code', '=', o.customer)
          .executeTakeFirst();
        if (!customer) throw missingCustomer(o.customer, company.code);
        const docs = (await listDocuments(db, customer.id)).map((d) => ({
          id: d.id,
          kind: d.kind,
          actionId: d.actionId,
          template: d.templateCode,
          language: d.language,
          templateVersion: d.templateVersion,
          mediaType: d.mediaType,
          subject: d.subject,
          sha256: d.sha256,
          createdAt: d.createdAt.toISOString(),
        }));
        if (o.json) printJson(docs);
        else {
          for (const d of docs) {
            process.stdout.write(
              `${d.id}\t${d.createdAt.slice(0, 10)}\t${d.kind}\t${d.template} (${d.language}, v${d.templateVersion})\t${d.subject ?? ''}\n`,
            );
          }
        }
      });
    });
  command
    .command('get')
    .description('write a stored document to a file (its content is checked against its hash)')
    .argument('<id>', 'document id', id)
    .requiredOption('--out <file>', 'where to write it')
    .option('--company <code>', 'company (default: the only one)')
    .action(async (documentId: number, o: { out: string; company?: string }) => {
      await withDatabase('relance document get', async ({ db }) => {
        const company = await resolveCompany(db, o.company);
        const doc = await getDocument(db, company.id, documentId);
        const content = doc.content ?? doc.contentText ?? '';
        const sha = documentHash(content);
        const path = resolve(o.out);
        await writeFile(path, content);
        process.stdout.write(
          `document ${doc.id} (${doc.kind}, ${doc.mediaType}) written to ${path}; sha256 ${sha}` +
            (sha === doc.sha256 ? ' (matches)\n' : ` (DOES NOT MATCH the stored ${doc.sha256})\n`),
        );
      });
    });
  for (const sub of command.commands) sub.exitOverride().showHelpAfterError();
  return command;
}

function id(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError(`got "${value}", expected a document id (1, 2, …)`);
  return n;
}
