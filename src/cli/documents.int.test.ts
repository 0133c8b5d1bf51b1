import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { relance } from '../../test/helpers/cli.ts';
import { csv, tempDir, writeFile } from '../../test/helpers/files.ts';
import { needsPoppler, pdfPageCount, pdfPageTexts, pdfText } from '../../test/helpers/pdf.ts';
import { openDatabase } from '../store/database.ts';

const dir = tempDir('relance-documents-cli-');
const dataDir = join(dir, 'data');
const env = { RELANCE_DATA_DIR: dataDir, DATABASE_URL: '', RELANCE_RATES_FILE: '' };
const run = (args: string[]) => relance(args, env, dir);
const ok = (args: string[]) => {
  const r = run(args);
  assert.equal(r.code, 0, `relance ${args.join(' ')}\n${r.stderr}`);
  return r;
};

/** Asserts that the strings appear in this order in the text (spaces squashed). */
function inOrder(text: string, parts: readonly string[]): void {
  const flat = text.replace(/\s+/g, ' ');
  let at = -1;
  for (const part of parts) {
    const next = flat.indexOf(part, at + 1);
    assert.ok(next > at, `"${part}" should come after the previous part\n${flat}`);
    at = next;
  }
}

async function documentCount(): Promise<number> {
  const database = await openDatabase({ dataDir, purpose: 'test' });
  try {
    const rows = await database.db.selectFrom('documents').select('id').execute();
    return rows.length;
  } finally {
    await database.close();
  }
}

describe('relance company, template, preview and letters (embedded database)', needsPoppler, () => {
  it('sets up a company, its profile and a ledger', () => {
    ok([
      'init',
      '--company',
      'LUM',
      '--name',
      'Lumière Outils SAS',
      '--country',
      'FR',
      '--currency',
      'EUR',
      '--timezone',
      'Europe/Paris',
      '--locale',
      'fr-FR',
    ]);
    const bad = run([
      'company',
      'set',
      '--email',
      'credit@',
      '--iban',
      'FR76 1234',
      '--letter-window',
      'c5',
    ]);
    assert.equal(bad.code, 3);
    assert.match(bad.stderr, /the company profile was not changed: 3 problems/);
    assert.match(bad.stderr, /email: got "credit@"/);
    assert.match(bad.stderr, /iban: got "FR76 1234", expected an IBAN with valid check digits/);
    assert.match(bad.stderr, /letterWindow: got "c5", expected one of din5008b, fr-c56/);
    const before = JSON.parse(ok(['company', 'show', '--json']).stdout) as { email: null };
    assert.equal(before.email, null);
    ok([
      'company',
      'set',
      '--address',
      '12 rue de la Paix',
      '--postal-code',
      '75002',
      '--city',
      'Paris',
      '--email',
      'credit@lumiere.example',
      '--iban',
      'FR7630006000011234567890189',
      '--bic',
      'AGRIFRPP',
      '--vat-number',
      'FR12123456789',
      '--signature-name',
      'Claire Martin',
      '--signature-title',
      'Responsable crédit',
    ]);
    const profile = JSON.parse(ok(['company', 'show', '--json']).stdout) as Record<string, unknown>;
    assert.equal(profile.iban, 'FR76 3000 6000 0112 3456 7890 189');
    assert.equal(profile.window, 'fr-c56');
    ok([
      'import',
      'customers',
      writeFile(
        dir,
        'customers.csv',
        csv(
          'code,name,country,language,currency,email,address_line1,postal_code,city,scenario',
          'FRN,Boulangerie Bélanger SARL,FR,fr,EUR,,3 rue des Lilas,69003,Lyon,letters',
          'DEU,Müller Werkzeuge GmbH,DE,de,EUR,,Hauptstraße 5,10115,Berlin,letters',
          'NOADR,Sans Adresse SARL,FR,fr,EUR,ap@noadr.example,,,,letters',
        ),
      ),
      '--as-of',
      '2024-11-15',
    ]);
    ok([
      'import',
      'items',
      writeFile(
        dir,
        'items.csv',
        csv(
          'customer,number,type,issue_date,due_date,currency,amount,open_amount',
          'FRN,F-2024-001,invoice,2024-08-31,2024-09-30,EUR,10000.00,10000.00',
          'FRN,F-2024-007,invoice,2024-11-01,2024-12-01,EUR,250.00,250.00',
          'DEU,R-1,invoice,2024-08-31,2024-09-30,EUR,2000.00,2000.00',
          'NOADR,X-1,invoice,2024-09-01,2024-10-01,EUR,100.00,100.00',
        ),
      ),
      '--as-of',
      '2024-11-15',
    ]);
  });

  it('template export, edit, import: a new version; a scenario may name the company’s own code', () => {
    const out = join(dir, 'notice.yaml');
    ok(['template', 'export', 'formal_notice_letter', '--lang', 'fr', '--out', out]);
    const template = parse(readFileSync(out, 'utf8')) as { code: string; body: string };
    template.code = 'notice_letter';
    template.body = template.body.replace(
      '#Salutation',
      '#Salutation\n\nDossier suivi par #CollectorName.',
    );
    const edited = writeFile(dir, 'notice-edited.yaml', stringify(template));
    assert.match(
      ok(['template', 'import', edited]).stdout,
      /notice_letter \(fr\): version 1 saved/,
    );
    assert.match(
      ok(['template', 'import', edited]).stdout,
      /notice_letter \(fr\): no change, still version 1/,
    );
    const list = JSON.parse(ok(['template', 'list', '--json']).stdout) as {
      code: string;
      version: number;
    }[];
    assert.deepEqual(
      list.filter((t) => t.code === 'notice_letter').map((t) => t.version),
      [1],
    );
    const broken = writeFile(
      dir,
      'broken.json',
      JSON.stringify([{ ...template, body: '#Salutaton\n' }]),
    );
    const refused = run(['template', 'import', broken]);
    assert.equal(refused.code, 3);
    assert.match(refused.stderr, /did you mean "#Salutation"/);
    const scenario = (code: string, template: string) =>
      writeFile(
        dir,
        `${code}.yaml`,
        stringify({
          code,
          name: code,
          steps: [
            {
              id: 'formal_notice',
              name: 'Mise en demeure',
              kind: 'formal_notice',
              offsetDays: 1,
              deadlineDays: 8,
              actions: [{ kind: 'letter', template, registered: true }],
            },
          ],
        }),
      );
    ok(['scenario', 'import', scenario('letters', 'notice_letter')]);
    const unknown = run(['scenario', 'import', scenario('other', 'notice_leter')]);
    assert.equal(unknown.code, 3);
    assert.match(unknown.stderr, /notice_leter/);
  });

  it('preview renders a formal notice as a PDF, in order, and stores nothing', async () => {
    const out = join(dir, 'notice.pdf');
    const r = ok([
      'preview',
      '--customer',
      'FRN',
      '--step',
      'formal_notice',
      '--as-of',
      '2024-11-15',
      '--out',
      out,
    ]);
    assert.match(
      r.stdout,
      /FRN · letters\/formal_notice · notice_letter \(fr, version 1\) · EUR as of 2024-11-15/,
    );
    assert.match(
      r.stdout,
      new RegExp(
        `written to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(pdf, \\d page\\(s\\)\\)`,
      ),
    );
    const pdf = readFileSync(out);
    const text = pdfText(pdf);
    inOrder(text, [
      'Lumière Outils SAS',
      'Notre référence : FRN',
      'Boulangerie Bélanger SARL',
      '69003 Lyon',
      'Mise en demeure de payer',
      'Lettre recommandée avec accusé de réception',
      'Dossier suivi par Claire Martin.',
      'F-2024-001',
      'Principal échu 10 000,00 €',
      '179,59 €',
      '40,00 €',
      'Total réclamé 10 219,59 €',
      '27 novembre 2024',
      'Claire Martin',
    ]);
    assert.ok(!text.includes('F-2024-007'), 'an item not yet due is not in the formal notice');
    assert.match(text, /IBAN FR76 3000 6000 0112 3456 7890 189 · BIC AGRIFRPP/);
    assert.match(
      pdfPageTexts(pdf).at(-1)!,
      new RegExp(`${pdfPageCount(pdf)}/${pdfPageCount(pdf)}`),
    );
    assert.equal(await documentCount(), 0);
  });

  it('preview as HTML and Markdown, in another language; a letter without address is refused', () => {
    const html = join(dir, 'notice.html');
    ok([
      'preview',
      '--customer',
      'FRN',
      '--step',
      'formal_notice',
      '--as-of',
      '2024-11-15',
      '--out',
      html,
    ]);
    assert.match(readFileSync(html, 'utf8'), /<html lang="fr-FR">[\s\S]*10\u202f219,59\u00a0€/);
    const md = join(dir, 'notice.md');
    const r = ok([
      'preview',
      '--customer',
      'FRN',
      '--step',
      'formal_notice',
      '--lang',
      'de',
      '--as-of',
      '2024-11-15',
      '--out',
      md,
      '--json',
    ]);
    const out = JSON.parse(r.stdout) as { template: { language: string }; fallback: string | null };
    assert.deepEqual(out.template.language, 'fr');
    assert.equal(
      out.fallback,
      'notice_letter has no de version: written in fr (the company language)',
    );
    assert.match(
      readFileSync(md, 'utf8'),
      /^Subject: Mise en demeure de payer\n\n\*\*Lettre recommandée/,
    );
    const none = run([
      'preview',
      '--customer',
      'NOADR',
      '--step',
      'formal_notice',
      '--out',
      join(dir, 'x.pdf'),
    ]);
    assert.equal(none.code, 3);
    assert.match(none.stderr, /customer NOADR has no postal address: the letter is not produced/);
    assert.ok(!existsSync(join(dir, 'x.pdf')));
    const bad = run([
      'preview',
      '--customer',
      'FRN',
      '--step',
      'formal_notise',
      '--out',
      join(dir, 'y.pdf'),
    ]);
    assert.equal(bad.code, 4);
    assert.match(bad.stderr, /did you mean "formal_notice"/);
  });

  it('letters batch: every letter of the run on odd pages, then the registered list', async () => {
    const plan = JSON.parse(ok(['run', '--as-of', '2024-11-15', '--force', '--json']).stdout) as {
      runId: number;
      actions: { customer: string }[];
    };
    assert.deepEqual(plan.actions.map((a) => a.customer).sort(), ['DEU', 'FRN']);
    const out = join(dir, 'batch.pdf');
    const r = ok(['letters', 'batch', String(plan.runId), '--out', out, '--json']);
    const map = JSON.parse(r.stdout) as {
      totalPages: number;
      letters: { firstPage: number; registered: boolean }[];
      registeredList: { firstPage: number };
      documents: { documentId: number }[];
    };
    assert.deepEqual(
      map.letters.map((l) => l.firstPage % 2),
      [1, 1],
    );
    assert.ok(map.letters.every((l) => l.registered));
    const pdf = readFileSync(out);
    assert.equal(pdfPageCount(pdf), map.totalPages);
    const pages = pdfPageTexts(pdf);
    assert.match(pages[map.letters[0]!.firstPage - 1]!, /Müller Werkzeuge GmbH/);
    // notice_letter exists in French only: the German customer gets it in the company language.
    assert.match(pages[map.letters[0]!.firstPage - 1]!, /Notre référence : DEU-/);
    assert.match(pages[map.letters[1]!.firstPage - 1]!, /Boulangerie Bélanger SARL/);
    inOrder(pages[map.registeredList.firstPage - 1]!, [
      'Lettres recommandées (2)',
      'Müller Werkzeuge GmbH',
      'Boulangerie Bélanger SARL',
    ]);
    assert.equal(await documentCount(), 2);
    const again = JSON.parse(
      ok(['letters', 'batch', String(plan.runId), '--out', out, '--json']).stdout,
    ) as typeof map;
    assert.deepEqual(again.documents, map.documents);
    assert.equal(await documentCount(), 2);
    const listed = JSON.parse(ok(['document', 'list', '--customer', 'FRN', '--json']).stdout) as {
      id: number;
      kind: string;
      sha256: string;
    }[];
    assert.deepEqual(
      listed.map((d) => d.kind),
      ['letter'],
    );
    const file = join(dir, 'stored.pdf');
    const got = ok(['document', 'get', String(listed[0]!.id), '--out', file]);
    assert.match(got.stdout, new RegExp(`sha256 ${listed[0]!.sha256} \\(matches\\)`));
    assert.match(pdfText(readFileSync(file)), /Boulangerie Bélanger SARL/);
  });
});
