import { Command, CommanderError } from 'commander';
import { importCommand } from './commands/import.ts';
import { accountCommand } from './commands/account.ts';
import { initCommand, migrateCommand } from './commands/init.ts';
import { demoCommand } from './commands/demo.ts';
import { serveCommand } from './commands/serve.ts';
import { scenarioCommand } from './commands/scenario.ts';
import { runCommand } from './commands/run.ts';
import { promiseCommand } from './commands/promise.ts';
import { disputeCommand } from './commands/dispute.ts';
import { holdCommand } from './commands/hold.ts';
import { customerCommand } from './commands/customer.ts';
import { planCommand } from './commands/plan.ts';
import { penaltiesCommand } from './commands/penalties.ts';
import { ratesCommand } from './commands/rates.ts';
import { companyCommand } from './commands/company.ts';
import { templateCommand } from './commands/template.ts';
import { previewCommand } from './commands/preview.ts';
import { lettersCommand } from './commands/letters.ts';
import { inboundCommand } from './commands/inbound.ts';
import { documentCommand } from './commands/document.ts';
import { workerCommand } from './commands/worker.ts';
import { outboxCommand } from './commands/outbox.ts';
import { taskCommand } from './commands/task.ts';
import { webhookCommand } from './commands/webhook.ts';
import { userCommand } from './commands/user.ts';
import { tokenCommand } from './commands/token.ts';
import { exitCodeFor, EXIT } from './exit-codes.ts';
import { printError } from './output.ts';

export function buildProgram(): Command {
  const program = new Command('relance')
    .description('Relance — cash collection for companies that sell on credit')
    .version('0.1.0')
    .enablePositionalOptions()
    .showHelpAfterError()
    .exitOverride();
  for (const command of [
    initCommand(),
    migrateCommand(),
    importCommand(),
    demoCommand(),
    accountCommand(),
    scenarioCommand(),
    runCommand(),
    planCommand(),
    promiseCommand(),
    disputeCommand(),
    holdCommand(),
    customerCommand(),
    penaltiesCommand(),
    ratesCommand(),
    companyCommand(),
    templateCommand(),
    previewCommand(),
    lettersCommand(),
    inboundCommand(),
    documentCommand(),
    workerCommand(),
    outboxCommand(),
    taskCommand(),
    webhookCommand(),
    userCommand(),
    tokenCommand(),
    serveCommand(),
  ]) {
    program.addCommand(command.exitOverride().showHelpAfterError());
  }
  return program;
}

/** Runs the CLI; returns the process exit code (see README, "Exit codes"). */
export async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  try {
    await buildProgram().parseAsync([...argv]);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    printError(error, json);
    return exitCodeFor(error);
  }
}
