import { Command } from 'commander';
import { DEFAULT_COMPANY, ensureCompany } from '../../store/companies.ts';
import { withDatabase } from '../open.ts';

export function initCommand(): Command {
  return new Command('init')
    .description('create the database (if needed) and a company')
    .option('--company <code>', 'company code', DEFAULT_COMPANY.code)
    .option('--name <name>', 'legal name', DEFAULT_COMPANY.name)
    .option('--country <code>', 'ISO 3166 country', DEFAULT_COMPANY.country)
    .option('--currency <code>', 'ISO 4217 currency', DEFAULT_COMPANY.currency)
    .option('--timezone <zone>', 'IANA time zone', DEFAULT_COMPANY.timezone)
    .option('--locale <locale>', 'BCP 47 locale for documents', DEFAULT_COMPANY.locale)
    .action(
      async (o: {
        company: string;
        name: string;
        country: string;
        currency: string;
        timezone: string;
        locale: string;
      }) => {
        await withDatabase('relance init', async (database) => {
          const company = await ensureCompany(database.db, {
            code: o.company,
            name: o.name,
            country: o.country.toUpperCase(),
            currency: o.currency.toUpperCase(),
            timezone: o.timezone,
            locale: o.locale,
          });
          process.stdout.write(
            `database ready at ${database.location} (${database.backend}); company ${company.code} — ${company.name}\n`,
          );
        });
      },
    );
}

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('apply pending database migrations (start-up does this too)')
    .action(async () => {
      await withDatabase('relance migrate', async (database) => {
        process.stdout.write(
          `database at ${database.location} (${database.backend}) is up to date\n`,
        );
      });
    });
}
