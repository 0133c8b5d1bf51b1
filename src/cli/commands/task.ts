import { Command, Option } from 'commander';
import { INTERNAL_ROLES } from '../../core/scenario/types.ts';
import { resolveCompany, todayIn } from '../../store/companies.ts';
import { createTasksForActions } from '../../tasks/create-tasks.ts';
import { completeTask } from '../../tasks/complete-task.ts';
import { listTasks, TASK_STATES } from '../../tasks/list-tasks.ts';
import { loadTaskViews, type TaskView } from '../../tasks/task-view.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';
import { parseDateOption } from '../options.ts';

const companyOption = () => new Option('--company <code>', 'company (default: the only one)');

export function taskCommand(): Command {
  const command = new Command('task').description(
    'tasks for people: calls, hand-overs and internal notices created by dunning actions',
  );
  command
    .command('list')
    .description('the worklist: tasks by due date (open ones unless --state)')
    .option('--assignee <name>', "only this person's tasks (collector or sales owner name)")
    .addOption(new Option('--role <role>', 'only tasks for this role').choices(INTERNAL_ROLES))
    .addOption(
      new Option('--state <state>', 'open (default), done, cancelled or all').choices(TASK_STATES),
    )
    .option('--customer <code>', "only this customer's tasks")
    .option('--due-by <date>', 'only tasks due on or before this date', parseDateOption)
    .addOption(companyOption())
    .option('--json', 'print JSON')
    .action(
      async (o: {
        assignee?: string;
        role?: string;
        state?: string;
        customer?: string;
        dueBy?: string;
        company?: string;
        json?: boolean;
      }) => {
        await withDatabase('relance task list', async ({ db }) => {
          const tasks = await listTasks(db, o);
          if (o.json) printJson(tasks);
          else if (tasks.length === 0) process.stdout.write('no task\n');
          else process.stdout.write(tasks.map(line).join(''));
        });
      },
    );

  command
    .command('create-for-run')
    .description(
      'create the tasks of the dunning actions up to a date (the run and the worker do it too); safe to repeat',
    )
    .option(
      '--as-of <date>',
      "business date (default: today in the company's time zone)",
      parseDateOption,
    )
    .addOption(companyOption())
    .option('--json', 'print JSON')
    .action(async (o: { asOf?: string; company?: string; json?: boolean }) => {
      await withDatabase('relance task create-for-run', async ({ db }) => {
        const company = await resolveCompany(db, o.company);
        const asOf = o.asOf ?? todayIn(company.timezone);
        const report = await createTasksForActions(db, company.id, asOf);
        const created = await loadTaskViews(db, report.taskIds);
        if (o.json) printJson({ asOf, company: company.code, ...report, tasks: created });
        else {
          process.stdout.write(
            `${created.length} task(s) created as of ${asOf} (${report.fromActions} from actions, ` +
              `${report.fromBrokenPromises} after broken promises); ${report.cancelled} cancelled\n` +
              created.map(line).join(''),
          );
        }
      });
    });

  command
    .command('complete')
    .description('complete a task with its outcome')
    .argument('<id>', 'task id (relance task list)')
    .requiredOption(
      '--outcome <outcome>',
      'call tasks: promise, dispute, paid_already, wrong_contact, no_answer; other tasks: done',
    )
    .option('--date <date>', 'promise: the promised payment date, YYYY-MM-DD')
    .option('--amount <amount>', 'promise: the amount promised, with a decimal point')
    .option('--currency <code>', "promise: currency (default: the task's)")
    .option(
      '--items <numbers>',
      'promise: invoices promised, comma-separated (default: the overdue balance)',
    )
    .option('--item <number>', 'dispute: the disputed invoice')
    .option('--reason <text>', 'dispute: the reason')
    .option('--note <text>', 'what was said (required for paid_already and wrong_contact)')
    .addOption(companyOption())
    .option('--json', 'print JSON')
    .action(
      async (
        id: string,
        o: {
          outcome: string;
          date?: string;
          amount?: string;
          currency?: string;
          items?: string;
          item?: string;
          reason?: string;
          note?: string;
          company?: string;
          json?: boolean;
        },
      ) => {
        await withDatabase('relance task complete', async ({ db }) => {
          const result = await completeTask(db, {
            ...o,
            id,
            items: o.items?.split(','),
          });
          if (o.json) printJson(result);
          else {
            const t = result.task;
            const out = [`task #${t.id} done (${t.outcome}): ${t.customer} — ${t.title}\n`];
            if (result.promise) {
              out.push(
                `  promise #${result.promise.id} recorded; written confirmation pending (#${result.confirmationId})\n`,
              );
            }
            if (result.dispute)
              out.push(`  ${result.dispute.item} disputed: ${result.dispute.disputeReason}\n`);
            if (result.followUp)
              out.push(`  next call: task #${result.followUp.id} on ${result.followUp.dueDate}\n`);
            process.stdout.write(out.join(''));
          }
        });
      },
    );
  // main.ts sets these on the command after its subcommands exist: set them on each too,
  // so that a usage error exits with 2 (not commander's 1) and shows the help.
  for (const sub of command.commands) sub.exitOverride().showHelpAfterError();
  return command;
}

function line(t: TaskView): string {
  const who = `${t.assigneeRole}${t.assignee ? ` ${t.assignee}` : ''}`;
  const call = t.contact
    ? ` · call ${[t.contact.name, t.contact.phone].filter(Boolean).join(' ')}`
    : '';
  const script = t.template ? ` · script ${t.template}` : '';
  const attempt = t.attempt > 1 ? ` · attempt ${t.attempt}` : '';
  const state = t.state === 'open' ? 'open' : `${t.state}${t.outcome ? ` (${t.outcome})` : ''}`;
  return `#${t.id} ${t.dueDate} ${t.customer} ${t.kind} ${who} ${state} — ${t.title}${call}${script}${attempt}\n`;
}
