import { Command, Option } from 'commander';
import { ROLES } from '../../core/auth/roles.ts';
import { CLI_ACTOR } from '../../auth/audit.ts';
import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
  type TokenView,
} from '../../auth/api-tokens.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';

export function tokenCommand(): Command {
  const command = new Command('token').description(
    'API tokens for integrations (Authorization: Bearer …); stored hashed, shown once',
  );
  command
    .command('create')
    .description('create a token and print it once')
    .argument('<name>', 'what the token is for, e.g. "ERP sync"')
    .addOption(
      new Option('--role <role>', 'what the token may do').choices(ROLES).makeOptionMandatory(),
    )
    .option(
      '--user <email>',
      "act for this user (collector and sales tokens: the user's portfolio)",
    )
    .option('--json', 'print JSON (with the token)')
    .action(async (name: string, o: { role: string; user?: string; json?: boolean }) => {
      await withDatabase('relance token create', async ({ db }) => {
        const created = await createApiToken(db, { name, role: o.role, user: o.user }, CLI_ACTOR);
        if (o.json) printJson(created);
        else
          process.stdout.write(
            `token #${created.id} "${created.name}" (${created.role}) created:\n\n  ${created.token}\n\n` +
              'Copy it now: it is stored hashed and cannot be shown again.\n',
          );
      });
    });

  command
    .command('list')
    .description('the tokens, by prefix (never the secrets)')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      await withDatabase('relance token list', async ({ db }) => {
        const tokens = await listApiTokens(db);
        if (o.json) printJson(tokens);
        else if (tokens.length === 0) process.stdout.write('no API token\n');
        else process.stdout.write(tokens.map(line).join(''));
      });
    });

  command
    .command('revoke')
    .description('revoke a token: it stops working at once')
    .argument('<id>', 'token id (relance token list)')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { json?: boolean }) => {
      await withDatabase('relance token revoke', async ({ db }) => {
        const token = await revokeApiToken(db, id, CLI_ACTOR);
        if (o.json) printJson(token);
        else process.stdout.write(`revoked: ${line(token)}`);
      });
    });
  for (const sub of command.commands) sub.exitOverride().showHelpAfterError();
  return command;
}

function line(t: TokenView): string {
  const user = t.user ? ` for ${t.user}` : '';
  const used = t.lastUsedAt ? `last used ${t.lastUsedAt}` : 'never used';
  const state = t.revokedAt ? `revoked ${t.revokedAt}` : used;
  return `#${t.id} rl_${t.prefix}_… "${t.name}" ${t.role}${user} — ${state}\n`;
}
