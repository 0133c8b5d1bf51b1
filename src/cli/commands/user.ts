import { Command, Option } from 'commander';
import { ROLES } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import { CLI_ACTOR } from '../../auth/audit.ts';
import { createUser, disableUser, listUsers, type UserView } from '../../auth/users.ts';
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
        else process.stdout.write(users.map((u) => `#${u.id} ${line(u)}`).join(''));
      });
    });

  command
    .command('disable')
    .description('disable a user: their sessions end now, their API tokens stop working')
    .argument('<email>', "the user's e-mail")
    .option('--json', 'print JSON')
    .action(async (email: string, o: { json?: boolean }) => {
      await withDatabase('relance user disable', async ({ db }) => {
        const user = await disableUser(db, email, CLI_ACTOR);
        if (o.json) printJson(user);
        else process.stdout.write(`user #${user.id} disabled: ${line(user)}`);
      });
    });
  for (const sub of command.commands) sub.exitOverride().showHelpAfterError();
  return command;
}

function line(u: UserView): string {
  const portfolio = u.portfolioName ? ` (portfolio: ${u.portfolioName})` : '';
  const disabled = u.disabledAt ? ` — disabled ${u.disabledAt}` : '';
  return `${u.email} ${u.role} "${u.name}"${portfolio}${disabled}\n`;
}
