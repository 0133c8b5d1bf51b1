import { Command, Option } from 'commander';
import { ROLES } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import { CLI_ACTOR } from '../../auth/audit.ts';
import type { UserChangeInput } from '../../core/auth/user-change.ts';
import { createUser, listUsers, updateUser, type UserView } from '../../auth/users.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';
import { readSecretFromStdin } from '../read-stdin.ts';

export function userCommand(): Command {
  const command = new Command('user').description(
    'people who sign in to the API and the workspace (docs/users-and-roles.md)',
  );
  command
    .command('add')
    .description('add a user; the password is read from stdin (never from the command line)')
    .argument('<email>', 'e-mail address, used to sign in (unique, any case)')
    .addOption(
      new Option('--role <role>', 'what the user may do').choices(ROLES).makeOptionMandatory(),
    )
    .requiredOption('--password-stdin', 'read the password from stdin (12 characters or more)')
    .option('--name <name>', 'display name (default: the part of the e-mail before @)')
    .option(
      '--collector <name>',
      "collector and sales roles: their name as written in the customers' collector (or sales_owner) column",
    )
    .option('--json', 'print JSON')
    .action(
      async (
        email: string,
        o: { role: string; name?: string; collector?: string; json?: boolean },
      ) => {
        const password = await readSecretFromStdin();
        if (password === '') {
          throw new AppError('INVALID_INPUT', 'no password on stdin', [
            {
              field: 'password',
              value: '',
              expected:
                'the password piped to stdin, e.g. printf %s "$PASSWORD" | relance user add …',
            },
          ]);
        }
        await withDatabase('relance user add', async ({ db }) => {
          const user = await createUser(
            db,
            { email, role: o.role, password, displayName: o.name, portfolioName: o.collector },
            CLI_ACTOR,
          );
          if (o.json) printJson(user);
          else process.stdout.write(`user #${user.id} added: ${line(user)}`);
        });
      },
    );

  command
    .command('list')
    .description('every user, disabled ones included')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      await withDatabase('relance user list', async ({ db }) => {
        const users = await listUsers(db);
        if (o.json) printJson(users);
        else if (users.length === 0)
          process.stdout.write(
            'no user yet: relance user add EMAIL --role admin --password-stdin\n',
          );
        else
          process.stdout.write(
            users
              .map((u) => {
                const seen = u.lastSignInAt ? ` — last sign-in ${u.lastSignInAt}` : '';
                return `#${u.id} ${line(u).trimEnd()}${seen}\n`;
              })
              .join(''),
          );
      });
    });

  command
    .command('set')
    .description(
      "change a user's role, name or portfolio: a new role or portfolio ends their sessions, a new role revokes their API tokens",
    )
    .argument('<email>', "the user's e-mail")
    .addOption(new Option('--role <role>', 'their new role').choices(ROLES))
    .option('--name <name>', 'their display name')
    .option(
      '--collector <name>',
      "collector and sales roles: their name as written in the customers' collector (or sales_owner) column",
    )
    .option('--no-collector', 'clear the portfolio name (for roles that have none)')
    .option('--json', 'print JSON')
    .action(
      async (
        email: string,
        o: { role?: string; name?: string; collector?: string | false; json?: boolean },
      ) => {
        if (o.role === undefined && o.name === undefined && o.collector === undefined) {
          throw new AppError('INVALID_INPUT', 'nothing to change', [
            {
              field: 'options',
              value: '',
              expected: '--role, --name, --collector or --no-collector',
            },
          ]);
        }
        await change('relance user set', email, o.json, {
          role: o.role,
          name: o.name,
          portfolioName: o.collector === false ? null : o.collector,
        });
      },
    );

  command
    .command('disable')
    .description(
      'disable a user: their sessions end now, their API tokens are revoked (never the last active admin)',
    )
    .argument('<email>', "the user's e-mail")
    .option('--json', 'print JSON')
    .action(async (email: string, o: { json?: boolean }) => {
      await change('relance user disable', email, o.json, { disabled: true });
    });

  command
    .command('enable')
    .description('enable a disabled user again: they can sign in with their password')
    .argument('<email>', "the user's e-mail")
    .option('--json', 'print JSON')
    .action(async (email: string, o: { json?: boolean }) => {
      await change('relance user enable', email, o.json, { disabled: false });
    });
  for (const sub of command.commands) sub.exitOverride().showHelpAfterError();
  return command;
}

async function change(
  what: string,
  email: string,
  json: boolean | undefined,
  input: UserChangeInput,
): Promise<void> {
  await withDatabase(what, async ({ db }) => {
    const r = await updateUser(db, { email }, input, CLI_ACTOR, { portfolioField: 'collector' });
    if (json) {
      printJson({
        ...r.user,
        changed: r.changed,
        sessionsEnded: r.sessionsEnded,
        tokensRevoked: r.tokensRevoked,
      });
      return;
    }
    const state = !r.changed
      ? 'unchanged'
      : input.disabled === true
        ? 'disabled'
        : input.disabled === false
          ? 'enabled'
          : 'changed';
    const ended = [
      r.sessionsEnded > 0 ? `${r.sessionsEnded} session(s) ended` : '',
      r.tokensRevoked > 0 ? `${r.tokensRevoked} API token(s) revoked` : '',
    ].filter(Boolean);
    process.stdout.write(
      `user #${r.user.id} ${state}: ${line(r.user).trimEnd()}${ended.length > 0 ? ` (${ended.join(', ')})` : ''}\n`,
    );
  });
}

function line(u: UserView): string {
  const portfolio = u.portfolioName ? ` (portfolio: ${u.portfolioName})` : '';
  const disabled = u.disabledAt ? ` — disabled ${u.disabledAt}` : '';
  return `${u.email} ${u.role} "${u.name}"${portfolio}${disabled}\n`;
}
