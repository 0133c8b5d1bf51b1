import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { eventsOf } from '../../test/helpers/ledger-fixture.ts';
import type { Database } from '../store/database.ts';
import { createTasksForActions } from './create-tasks.ts';
import { completeTask } from './complete-task.ts';
import { listTasks } from './list-tasks.ts';
import type { TaskView } from './task-view.ts';
import { at, customer, importItems, run, seed } from './tasks.fixture.ts';

/*
 * Across days, items due 2026-03-05:
 *   Tue 03-10  calls for P1 ("calls"), S1 ("single": one step only), X1 ("calls")
 *              P1 promises by phone to pay on 03-20, S1 on 03-12; X1 pays (import)
 *   Wed 03-11  P1 and S1 paused (PROMISE_PENDING); X1's action cancelled (PAID) → its task too
 *   Tue 03-17  S1's promise broken (grace 2 days): no step left → a call task from the event
 *   Mon 03-23  P1's promise broken → the next step with a call task: one task, not two
 */
for (const backend of BACKENDS) {
  describe(`tasks across runs (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let companyId: number;
    const tasksOf = async (code: string): Promise<TaskView[]> =>
      listTasks(database.db, { customer: code, state: 'all' });

    before(async () => {
      database = await backend.open();
      companyId = await seed(
        database,
        [
          customer('P1', 'Promise SARL', '+33100000011', 'Alice', '', 'calls'),
          customer('S1', 'Single SARL', '+33100000012', 'Alice', '', 'single'),
          customer('X1', 'Paid SARL', '+33100000013', 'Alice', '', 'calls'),
        ],
        [],
        [
          'P1,P-1,invoice,2026-02-01,2026-03-05,EUR,100.00,100.00',
          'S1,S-1,invoice,2026-02-01,2026-03-05,EUR,200.00,200.00',
          'X1,X-1,invoice,2026-02-01,2026-03-05,EUR,300.00,300.00',
        ],
      );
    });
    after(async () => database?.close());

    it('a promise taken on the phone pauses the next run (PROMISE_PENDING)', async () => {
      const day1 = await run(database, '2026-03-10');
      assert.deepEqual(day1.actions.map((a) => `${a.customer} ${a.kinds.join('+')}`).sort(), [
        'P1 email+call_task',
        'S1 email+call_task',
        'X1 email+call_task',
      ]);
      const created = await createTasksForActions(database.db, companyId, '2026-03-10');
      assert.equal(created.taskIds.length, 3);
      for (const [code, date] of [
        ['P1', '2026-03-20'],
        ['S1', '2026-03-12'],
      ] as const) {
        const [call] = await tasksOf(code);
        await completeTask(database.db, {
          id: call!.id,
          outcome: 'promise',
          date,
          amount: '50.00',
          now: at('2026-03-10'),
        });
      }
      await importItems(database, ['X1,X-1,invoice,2026-02-01,2026-03-05,EUR,300.00,0']);

      const day2 = await run(database, '2026-03-11');
      assert.deepEqual(day2.actions, []);
      const pending = day2.skips.filter((s) => s.code === 'PROMISE_PENDING').map((s) => s.customer);
      assert.deepEqual(pending.sort(), ['P1', 'S1']);
      assert.deepEqual(
        day2.cancelled.map((c) => `${c.customer} ${c.reason}`),
        ['X1 PAID'],
      );
    });

    it("cancels the open task of an action cancelled since, with the action's reason", async () => {
      const report = await createTasksForActions(database.db, companyId, '2026-03-11');
      assert.deepEqual(report, {
        taskIds: [],
        fromActions: 0,
        fromBrokenPromises: 0,
        cancelled: 1,
      });
      const [x] = await tasksOf('X1');
      assert.deepEqual([x?.state, x?.cancelReason], ['cancelled', 'PAID']);
      assert.match(
        (await eventsOf(database, 'X1')).at(-1)!,
        /^TASK_CANCELLED: call task #\d+ cancelled: its action was cancelled \(PAID\)$/,
      );
      const again = await createTasksForActions(database.db, companyId, '2026-03-11');
      assert.equal(again.cancelled, 0);
    });

    it('a broken promise with no step left gives the collector a call task, once', async () => {
      const day = await run(database, '2026-03-17');
      assert.deepEqual(
        day.events.filter((e) => e.kind === 'promise_broken').map((e) => e.customer),
        ['S1'],
      );
      assert.deepEqual(day.actions, []);
      const report = await createTasksForActions(database.db, companyId, '2026-03-17');
      assert.deepEqual([report.fromActions, report.fromBrokenPromises], [0, 1]);
      const [, call] = await tasksOf('S1');
      assert.deepEqual(
        [
          call?.kind,
          call?.assigneeRole,
          call?.assignee,
          call?.dueDate,
          call?.actionId,
          call?.state,
        ],
        ['call_task', 'collector', 'Alice', '2026-03-17', null, 'open'],
      );
      assert.match(
        call!.title,
        /^Call Single SARL: promise to pay broken \(promised for 2026-03-12/,
      );
      const again = await createTasksForActions(database.db, companyId, '2026-03-18');
      assert.equal(again.taskIds.length, 0);
    });

    it('a broken promise that resumes escalation brings one call task, with the step', async () => {
      const day = await run(database, '2026-03-23');
      const [action] = day.actions;
      assert.deepEqual(
        [action?.customer, action?.step, action?.reasons.includes('BROKEN_PROMISE')],
        ['P1', 'escalate', true],
      );
      const report = await createTasksForActions(database.db, companyId, '2026-03-23');
      assert.deepEqual([report.fromActions, report.fromBrokenPromises], [1, 0]);
      const calls = (await tasksOf('P1')).filter((t) => t.dueDate === '2026-03-23');
      assert.deepEqual(
        calls.map((t) => [t.kind, t.template, t.step, t.assignee]),
        [['call_task', 'level2_call', 'escalate', 'Alice']],
      );
    });
  });
}
