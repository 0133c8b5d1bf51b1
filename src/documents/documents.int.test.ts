import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { needsPoppler, pdfPageTexts, pdfText } from '../../test/helpers/pdf.ts';
import type { Database } from '../store/database.ts';
import { AppError } from '../core/errors.ts';
import { resolveCompany } from '../store/companies.ts';
import { findActionDocument, getDocument, listDocuments } from '../store/documents.ts';
import type { OutboxRow } from '../delivery/composer.ts';
import { buildContext } from './build-context.ts';
import { composeAction } from './compose-action.ts';
import { templateComposer } from './template-composer.ts';
import { previewStep } from './preview.ts';
import { AS_OF, BIG_ITEMS, actionOf, runDay, seedDocuments } from './documents.fixture.ts';

/** Asserts that the strings appear in this order in the text. */
function inOrder(text: string, parts: readonly string[]): void {
  let at = -1;
  for (const part of parts) {
    const next = text.indexOf(part, at + 1);
    assert.ok(next > at, `"${part}" should come after the previous part\n${text}`);
    at = next;
  }
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

for (const backend of BACKENDS) {
  describe(`documents from the ledger (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    const rows = async (customer: string) => {
      const db = database.db;
      const company = await db.selectFrom('companies').selectAll().executeTakeFirstOrThrow();
      const c = await db
        .selectFrom('customers')
        .selectAll()
        .where('code', '=', customer)
        .executeTakeFirstOrThrow();
      return { company, customer: c };
    };
    const events = async (customer: string) =>
      (
        await database.db
          .selectFrom('timeline as t')
          .innerJoin('customers as c', 'c.id', 't.customer_id')
          .select(['t.code', 't.detail', 't.action_id'])
          .where('c.code', '=', customer)
          .where('t.code', 'in', ['DOCUMENT_RENDERED', 'TEMPLATE_FALLBACK'])
          .orderBy('t.id')
          .execute()
      ).map((e) => `${e.code}: ${e.detail}`);

    before(async () => {
      database = await backend.open();
      await seedDocuments(database);
      const report = await runDay(database);
      assert.deepEqual(report.actions.map((a) => `${a.customer}:${a.kinds.join('+')}`).sort(), [
        'BIG:letter',
        'FRN:letter',
        'MAIL:email+notify_internal',
        'NLD:email+notify_internal',
      ]);
      assert.deepEqual(
        report.skips.filter((s) => s.code === 'NO_CONTACT').map((s) => s.customer),
        ['NOADR'],
      );
    });
    after(() => database.close());

    it('builds the render context of an imported account', async () => {
      const { company, customer } = await rows('MAIL');
      const { context, locale, collectorEmail, salesOwnerEmail, postalLines } = await buildContext(
        database.db,
        {
          company,
          customer,
          currency: 'EUR',
          asOf: AS_OF,
          step: {
            id: 'l2',
            name: 'Level 2',
            kind: 'level_2',
            offsetDays: 1,
            actions: [],
            minDaysSincePrevious: 0,
            recipients: ['accounts_payable', 'buyer'],
            mode: 'auto',
            deadlineDays: 5,
            salesCheckDays: 2,
          },
        },
      );
      assert.equal(locale, 'fr-FR');
      assert.deepEqual(postalLines, ['5 rue Neuve', '33000 Bordeaux']);
      assert.deepEqual(
        {
          overdue: context.items.overdue.map((i) => i.number),
          notDue: context.items.notDue.map((i) => i.number),
          disputed: context.items.disputed.map((i) => `${i.number} (${i.disputeReason})`),
        },
        { overdue: ['M-1', 'AV-1'], notDue: ['M-2'], disputed: ['M-3 (Colis abîmé)'] },
      );
      // accounts_payable comes before buyer in the step's recipients.
      assert.deepEqual(context.contact, {
        name: 'Marie Payable',
        email: 'marie@mail.example',
        phone: '+33 5 56 00 00 00',
      });
      // A collector known by name only: the collection address stands in for the e-mail.
      assert.deepEqual(context.collector, {
        name: 'Claire Dubois',
        email: 'credit@lumiere.example',
        phone: '+33 1 23 45 67 89',
      });
      assert.equal(collectorEmail, undefined);
      assert.deepEqual(context.salesOwner, { name: 'Anne Petit', email: 'anne@lumiere.example' });
      assert.equal(salesOwnerEmail, 'anne@lumiere.example');
      assert.deepEqual(context.company.addressLines, [
        '12 rue de la Paix',
        '75002 Paris',
        'France',
      ]);
      assert.deepEqual(context.company.bankAccount, {
        iban: 'FR76 3000 6000 0112 3456 7890 189',
        bic: 'AGRIFRPP',
      });
      // Friday 15 November 2024 + 5 business days (11 November is not in the way).
      assert.equal(context.paymentDeadline, '2024-11-22');
      assert.equal(context.step?.objectionDeadline, '2024-11-19');
      assert.equal(context.penalties, undefined);
      assert.equal(context.links, undefined);
    });

    it('a customer without a collector is written to by the credit team', async () => {
      const { company, customer } = await rows('BIG');
      const { context } = await buildContext(database.db, {
        company,
        customer,
        currency: 'EUR',
        asOf: AS_OF,
      });
      assert.equal(context.collector.name, 'Service recouvrement');
      assert.equal(context.collector.email, 'credit@lumiere.example');
      assert.equal(context.items.overdue.length, BIG_ITEMS);
      assert.equal(context.paymentDeadline, '2024-11-27');
    });

    it('penalties count partial payments period by period (docs/penalties.md)', async () => {
      const { company, customer } = await rows('PART');
      const { context } = await buildContext(database.db, {
        company,
        customer,
        currency: 'EUR',
        asOf: '2025-08-20',
        penalties: true,
      });
      assert.equal(context.items.overdue[0]?.openMinor, 500_000);
      assert.equal(context.penalties?.interestMinor, 16_289);
      assert.equal(context.penalties?.compensationMinor, 4_000);
    });

    it(
      'a French formal notice carries the FR-2 figures, stored once with its event',
      needsPoppler,
      async () => {
        const id = await actionOf(database, 'FRN');
        const first = await composeAction(database.db, id, 'letter');
        assert.equal(first.created, true);
        const doc = first.document;
        assert.equal(doc.kind, 'letter');
        assert.equal(doc.mediaType, 'application/pdf');
        assert.deepEqual(
          [doc.templateCode, doc.language, doc.templateVersion],
          ['formal_notice_letter', 'fr', 0],
        );
        assert.match(doc.sha256, /^[0-9a-f]{64}$/);
        const text = squash(pdfText(doc.content!));
        inOrder(text, [
          'Lumière Outils SAS',
          'Notre référence : FRN-',
          'Boulangerie <script>alert(1)</script> SARL',
          '3 rue des Lilas',
          '69003 Lyon',
          'Mise en demeure de payer',
          'F-2024-001',
          '30/09/2024',
          '10 000,00 €',
          'Principal échu',
          'Intérêts de retard, 14,25 % l’an du 01/10/2024 au 15/11/2024 179,59 €',
          'Indemnité forfaitaire pour frais de recouvrement (1 × 40,00 €) 40,00 €',
          'Total réclamé 10 219,59 €',
          'au plus tard le 27 novembre 2024',
          'Julien Moreau',
        ]);
        assert.ok(text.includes('Paris, 15 novembre 2024'));
        const stored = doc.context as { render: { penalties: { interestMinor: number } } };
        assert.equal(stored.render.penalties.interestMinor, 17_959);
        const again = await composeAction(database.db, id, 'letter');
        assert.equal(again.created, false);
        assert.equal(again.document.id, doc.id);
        assert.deepEqual(again.document.content, doc.content);
        const seen = await events('FRN');
        assert.equal(seen.length, 1);
        assert.match(
          seen[0]!,
          new RegExp(
            `^DOCUMENT_RENDERED: document ${doc.id}: letter formal_notice_letter \\(fr, built-in\\)`,
          ),
        );
        const { customer } = await rows('FRN');
        assert.deepEqual(
          (await listDocuments(database.db, customer.id)).map((d) => d.id),
          [doc.id],
        );
      },
    );

    it('stored documents are immutable: UPDATE and DELETE are refused', async () => {
      const id = await actionOf(database, 'FRN');
      const doc = (await composeAction(database.db, id, 'letter')).document;
      await assert.rejects(
        sql`update documents set subject = 'changed' where id = ${doc.id}`.execute(database.db),
        /documents are immutable: UPDATE refused/,
      );
      await assert.rejects(
        sql`delete from documents where id = ${doc.id}`.execute(database.db),
        /documents are immutable: DELETE refused/,
      );
      const company = await resolveCompany(database.db, undefined);
      const read = await getDocument(database.db, company.id, doc.id);
      assert.equal(read.subject, doc.subject);
      assert.equal(read.sha256, doc.sha256);
    });

    it(
      'the e-mail composer: sender, reply-to, copy to the sales owner, statement attached',
      needsPoppler,
      async () => {
        const id = await actionOf(database, 'MAIL');
        const row = { action_id: id, recipient: 'marie@mail.example' } as OutboxRow;
        const email = await templateComposer()(database.db, row);
        assert.deepEqual(email.from, {
          name: 'Lumière Outils SAS',
          address: 'credit@lumiere.example',
        });
        assert.equal(email.replyTo, undefined); // the collector has no address of their own
        assert.deepEqual(email.to, [{ name: 'Marie Payable', address: 'marie@mail.example' }]);
        assert.deepEqual(email.cc, [{ name: 'Anne Petit', address: 'anne@lumiere.example' }]);
        // cleanSubject makes every space of a subject a plain one.
        assert.equal(email.subject, 'Compte MAIL : 450,00 € échus');
        assert.match(email.html, /Mail &amp; Fils, voici vos pièces échues/);
        assert.match(email.text, /M-3.*Colis abîmé/);
        assert.equal(email.attachments?.length, 1);
        const statement = email.attachments![0]!;
        assert.equal(statement.filename, 'statement-MAIL-EUR.pdf');
        inOrder(squash(pdfText(statement.content)), [
          'Relevé de compte MAIL',
          'M-1',
          '45 jours de retard',
          'M-3',
          'en litige',
          'AV-1 (avoir)',
          'M-2',
          'non échu',
          'Solde 950,00 €',
        ]);
        // A retry sends the very same message.
        const again = await templateComposer()(database.db, row);
        assert.equal(again.html, email.html);
        assert.deepEqual(again.attachments![0]!.content, statement.content);
      },
    );

    it(
      'HTML in customer data is escaped in the e-mail and shown as text in the PDF',
      needsPoppler,
      async () => {
        const html = await previewStep(database.db, {
          customer: 'FRN',
          step: 'formal_notice',
          asOf: AS_OF,
          format: 'html',
        });
        const page = String(html.content);
        assert.ok(!page.includes('<script>'), 'no raw <script> in the e-mail');
        assert.match(page, /Boulangerie &lt;script&gt;alert\(1\)&lt;\/script&gt; SARL/);
        const pdf = await previewStep(database.db, {
          customer: 'FRN',
          step: 'formal_notice',
          asOf: AS_OF,
          format: 'pdf',
        });
        assert.match(
          pdfText(pdf.content as Buffer),
          /Boulangerie <script>alert\(1\)<\/script> SARL/,
        );
      },
    );

    it('a language the templates lack falls back to the company language, in the timeline', async () => {
      const id = await actionOf(database, 'NLD');
      const { document } = await composeAction(database.db, id, 'email');
      assert.equal(document.language, 'fr');
      assert.equal(document.templateVersion, 1);
      assert.deepEqual(await events('NLD'), [
        `DOCUMENT_RENDERED: document ${document.id}: email account_mail (fr, version 1), sha256 ${document.sha256.slice(0, 12)}`,
        `TEMPLATE_FALLBACK: document ${document.id}: account_mail has no nl version: written in fr (the company language)`,
      ]);
    });

    it('a customer without a postal address gets no letter: a clear error, nothing stored', async () => {
      await assert.rejects(
        previewStep(database.db, {
          customer: 'NOADR',
          step: 'formal_notice',
          asOf: AS_OF,
          format: 'pdf',
        }),
        (e: unknown) => {
          assert.ok(e instanceof AppError);
          assert.equal(e.code, 'INVALID_INPUT');
          assert.equal(
            e.message,
            'customer NOADR has no postal address: the letter is not produced',
          );
          assert.deepEqual(
            e.problems.map((p) => p.field),
            ['customer.address'],
          );
          return true;
        },
      );
      const { customer } = await rows('NOADR');
      assert.deepEqual(await listDocuments(database.db, customer.id), []);
    });

    it(
      'an account of 400 items paginates with the table header on every page',
      needsPoppler,
      async () => {
        const id = await actionOf(database, 'BIG');
        const { document } = await composeAction(database.db, id, 'letter');
        const pages = pdfPageTexts(document.content!);
        assert.ok(pages.length >= 8, `${pages.length} pages`);
        const withRows = pages.filter((p) => /B-\d{4}/.test(p));
        assert.ok(withRows.length >= 7);
        for (const p of withRows) assert.match(p, /Pièce\s+Date\s+Échéance/);
        const numbers = pages.join('\n').match(/B-\d{4}/g) ?? [];
        assert.equal(new Set(numbers).size, BIG_ITEMS);
        pages.forEach((p, i) => assert.match(p, new RegExp(`${i + 1}/${pages.length}`)));
        assert.equal((document.context as { pageCount: number }).pageCount, pages.length);
        assert.ok(await findActionDocument(database.db, id, 'letter'));
      },
    );
  });
}
