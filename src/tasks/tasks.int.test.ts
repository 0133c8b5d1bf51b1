import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { eventsOf } from '../../test/helpers/ledger-fixture.ts';
import type { Database } from '../store/database.ts';
import { AppError } from '../core/errors.ts';
import { createTasksForActions } from './create-tasks.ts';
import { completeTask, type CompleteTaskInput } from './complete-task.ts';
import { listTasks } from './list-tasks.ts';
import type { TaskView } from './task-view.ts';
import { at, customer, run, seed, taskState } from './tasks.fixture.ts';

/*
 * Day 2026-03-10 (Tuesday): C1, C2, C4, C5 get the "calls" step (e-mail + call task),
 * C3 the "late" hand-over (hand-over task + notice to the sales owner). Then every outcome.
 */
for (const backend of BACKENDS) {
  describe(`tasks: creation and outcomes (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let companyId: number;
    const byCustomer = new Map<string, TaskView[]>();
    const task = (code: string, kind = 'call_task') => {
      const found = byCustomer.get(code)?.find((t) => t.kind === kind);
      assert.ok(found, `no ${kind} for ${code}`);
      return found;
    };
    const complete = (id: number, over: Omit<CompleteTaskInput, 'id'>) =>
      completeTask(database.db, { id, now: at('2026-03-10'), ...over });
    const refused = async (call: () => Promise<unknown>, code: string, problems: string[]) => {
      const before = await taskState(database);
      await assert.rejects(call, (e: unknown) => {
        assert.ok(e instanceof AppError, String(e));
        assert.equal(e.code, code, e.message);
        assert.deepEqual(
          e.problems.map((p) => `${p.field}: ${p.value}`),
          problems,
        );
        return true;
      });
      assert.equal(await taskState(database), before);
    };

    before(async () => {
      database = await backend.open();
      companyId = await seed(
        database,
        [
          customer('C1', 'Un SARL', '+33100000001', 'Alice', 'Bob', 'calls'),
          customer('C2', 'Deux SARL', '+33100000002', '', '', 'calls'),
          customer('C3', 'Trois SARL', '+33100000003', 'Alice', 'Sam', 'late'),
          customer('C4', 'Quatre SARL', '+33100000004', 'Alice', '', 'calls'),
          customer('C5', 'Cinq SARL', '+33100000005', 'Carla', '', 'calls'),
        ],
        [
          'C1,Paul Payable,accounts_payable,paul@un.example,+33611111111',
          'C1,Bea Buyer,buyer,bea@un.example,+33622222222',
          'C4,Quentin,accounts_payable,q@quatre.example,+33644444444',
        ],
        [
          'C1,F1,invoice,2026-02-01,2026-03-05,EUR,100.00,100.00',
          'C2,G1,invoice,2026-02-01,2026-03-05,EUR,200.00,200.00',
          'C2,G2,invoice,2026-02-01,2026-03-05,EUR,20.00,20.00',
          'C3,H1,invoice,2026-02-01,2026-03-05,EUR,300.00,300.00',
          'C4,K1,invoice,2026-02-01,2026-03-05,EUR,400.00,400.00',
          'C5,L1,invoice,2026-02-01,2026-03-05,EUR,500.00,500.00',
        ],
      );
      const report = await run(database, '2026-03-10');
      assert.equal(report.actions.length, 5);
    });
    after(async () => database?.close());

    it('creates the tasks of the day once: role, assignee, due date, call script, contact', async () => {
      const first = await createTasksForActions(database.db, companyId, '2026-03-10');
      assert.equal(first.taskIds.length, 6);
      assert.deepEqual([first.fromActions, first.fromBrokenPromises, first.cancelled], [6, 0, 0]);
      const again = await createTasksForActions(database.db, companyId, '2026-03-10');
      assert.deepEqual(again, { taskIds: [], fromActions: 0, fromBrokenPromises: 0, cancelled: 0 });
      const [parallelA, parallelB] = await Promise.all([
        createTasksForActions(database.db, companyId, '2026-03-11'),
        createTasksForActions(database.db, companyId, '2026-03-11'),
      ]);
      assert.equal(parallelA.taskIds.length + parallelB.taskIds.length, 0);

      const tasks = await listTasks(database.db, { state: 'all' });
      assert.equal(tasks.length, 6);
      for (const t of tasks) byCustomer.set(t.customer, [...(byCustomer.get(t.customer) ?? []), t]);
      const brief = (t: TaskView) => [
        t.kind,
        t.assigneeRole,
        t.assignee,
        t.dueDate,
        t.template,
        t.state,
      ];
      assert.deepEqual(brief(task('C1')), [
        'call_task',
        'collector',
        'Alice',
        '2026-03-10',
        'level1_call',
        'open',
      ]);
      assert.deepEqual(task('C1').contact, { name: 'Paul Payable', phone: '+33611111111' });
      assert.equal(task('C1').title, 'Call Un SARL: Call for a promise');
      // No collector recorded, no contact: the customer's own number.
      assert.equal(task('C2').assignee, null);
      assert.deepEqual(task('C2').contact, { name: null, phone: '+33100000002' });
      assert.deepEqual(brief(task('C3', 'handover')), [
        'handover',
        'credit_manager',
        null,
        '2026-03-10',
        'handover_task',
        'open',
      ]);
      assert.deepEqual(brief(task('C3', 'notify_internal')), [
        'notify_internal',
        'sales_owner',
        'Sam',
        '2026-03-10',
        'formal_notice_notify',
        'open',
      ]);
      assert.equal(task('C3', 'handover').contact, null);
      // Each creation is in the customer's timeline.
      assert.deepEqual(
        (await eventsOf(database, 'C1')).filter((e) => e.startsWith('TASK_')),
        [
          `TASK_CREATED: call task #${task('C1').id} for the collector Alice, due 2026-03-10, script level1_call: Call Un SARL: Call for a promise`,
        ],
      );
    });

    it('lists by assignee, role and state', async () => {
      const alice = await listTasks(database.db, { assignee: 'alice' });
      assert.deepEqual(
        alice.map((t) => t.customer),
        ['C1', 'C3', 'C4'].filter((c) => c !== 'C3'),
      );
      const sales = await listTasks(database.db, { role: 'sales_owner' });
      assert.deepEqual(
        sales.map((t) => `${t.customer} ${t.kind}`),
        ['C3 notify_internal'],
      );
      await assert.rejects(
        listTasks(database.db, { state: 'late', role: 'boss' }),
        (e: unknown) =>
          e instanceof AppError &&
          e.code === 'INVALID_INPUT' &&
          e.problems.map((p) => p.field).join() === 'state,role',
      );
    });

    it('promise: records the promise, a pending written confirmation and the events', async () => {
      const id = task('C1').id;
      const r = await complete(id, {
        outcome: 'promise',
        date: '2026-03-20',
        amount: '100.00',
        items: ['F1'],
        note: 'AP will pay on the 20th',
      });
      assert.equal(r.task.state, 'done');
      assert.equal(r.task.outcome, 'promise');
      assert.equal(r.task.completedOn, '2026-03-10');
      assert.deepEqual(
        [r.promise?.promisedDate, r.promise?.amountMinor, r.promise?.items, r.promise?.status],
        ['2026-03-20', 10000, ['F1'], 'open'],
      );
      assert.equal(r.task.promiseId, r.promise?.id);
      const confirmation = await database.db
        .selectFrom('promise_confirmations')
        .selectAll()
        .where('id', '=', r.confirmationId!)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [
          confirmation.promise_id,
          confirmation.task_id,
          confirmation.template_code,
          confirmation.state,
        ],
        [r.promise?.id, id, 'promise_confirmation_email', 'pending'],
      );
      const events = await eventsOf(database, 'C1');
      assert.deepEqual(events.slice(-3), [
        `PROMISE_ADDED: promise #${r.promise?.id} to pay 100.00 EUR by 2026-03-20 (items F1)`,
        `TASK_COMPLETED: call task #${id} done: promise #${r.promise?.id} to pay 100.00 EUR by 2026-03-20 (items F1) (AP will pay on the 20th)`,
        `PROMISE_CONFIRMATION_DUE: promise #${r.promise?.id} to confirm in writing (promise_confirmation_email): 100.00 EUR by 2026-03-20 (items F1)`,
      ]);
    });

    it('refuses a done task, an unknown id, and a wrong outcome for the kind, changing nothing', async () => {
      await refused(() => complete(task('C1').id, { outcome: 'no_answer' }), 'INVALID_INPUT', [
        `id: ${task('C1').id}`,
      ]);
      await refused(() => complete(99999, { outcome: 'no_answer' }), 'NOT_FOUND', ['id: 99999']);
      await refused(
        () =>
          complete(task('C3', 'notify_internal').id, { outcome: 'promise', date: '2026-03-20' }),
        'INVALID_INPUT',
        ['outcome: promise'],
      );
      await refused(
        () => completeTask(database.db, { id: 'abc', outcome: 'done' }),
        'INVALID_INPUT',
        ['id: abc'],
      );
    });

    it('reports every problem of a promise at once, with the fields that do not apply', async () => {
      await refused(
        () =>
          complete(task('C5').id, {
            outcome: 'promise',
            date: '2026-02-30',
            amount: '12.345',
            items: ['F1'],
            item: 'L1',
          }),
        'INVALID_INPUT',
        ['item: L1', 'date: 2026-02-30', 'amount: 12.345', 'items: F1'],
      );
      await refused(() => complete(task('C5').id, { outcome: 'promise' }), 'INVALID_INPUT', [
        'date: ',
        'amount: ',
      ]);
      await refused(() => complete(task('C5').id, { outcome: 'paid_already' }), 'INVALID_INPUT', [
        'note: ',
      ]);
      await refused(() => complete(task('C5').id, { outcome: 'call_back' }), 'INVALID_INPUT', [
        'outcome: call_back',
      ]);
    });

    it('paid_already keeps the note', async () => {
      const r = await complete(task('C5').id, {
        outcome: 'paid-already',
        note: 'paid by transfer on 2026-03-08, ref 4411',
      });
      assert.equal(r.task.outcome, 'paid_already');
      assert.equal(r.task.note, 'paid by transfer on 2026-03-08, ref 4411');
      assert.deepEqual((await eventsOf(database, 'C5')).slice(-1), [
        `TASK_COMPLETED: call task #${r.task.id} done: the customer says it is paid: paid by transfer on 2026-03-08, ref 4411`,
      ]);
    });

    it('wrong_contact flags the phone of the contact called', async () => {
      const r = await complete(task('C4').id, {
        outcome: 'wrong_contact',
        note: 'Quentin left the company',
      });
      assert.equal(r.task.outcome, 'wrong_contact');
      const quentin = await database.db
        .selectFrom('contacts')
        .select(['phone_invalid_at', 'phone_invalid_reason'])
        .where('name', '=', 'Quentin')
        .executeTakeFirstOrThrow();
      assert.ok(quentin.phone_invalid_at instanceof Date);
      assert.equal(quentin.phone_invalid_reason, 'Quentin left the company');
      assert.deepEqual((await eventsOf(database, 'C4')).slice(-2), [
        `TASK_COMPLETED: call task #${r.task.id} done: wrong contact: Quentin left the company`,
        'CONTACT_FLAGGED: phone +33644444444 of Quentin (accounts_payable) flagged wrong: Quentin left the company',
      ]);
    });

    it('no_answer: the next call on the next business day — Friday → Monday, and past a public holiday', async () => {
      const friday = await completeTask(database.db, {
        id: task('C2').id,
        outcome: 'no_answer',
        now: at('2026-03-13'),
      });
      const second = friday.followUp!;
      assert.deepEqual(
        [second.dueDate, second.attempt, second.previousTaskId, second.state, second.template],
        ['2026-03-16', 2, task('C2').id, 'open', 'level1_call'],
      );
      assert.equal(second.actionId, task('C2').actionId);
      // Wednesday 13 May 2026, the eve of Ascension Day (a public holiday in France).
      const eve = await completeTask(database.db, {
        id: second.id,
        outcome: 'no_answer',
        note: 'voicemail',
        now: at('2026-05-13'),
      });
      assert.deepEqual([eve.followUp?.dueDate, eve.followUp?.attempt], ['2026-05-15', 3]);
      assert.match(
        (await eventsOf(database, 'C2')).at(-2)!,
        new RegExp(
          `^TASK_COMPLETED: call task #${second.id} done: no answer; next call #${eve.followUp?.id} on 2026-05-15 \\(voicemail\\)$`,
        ),
      );
      // Creating the day's tasks again adds nothing: the follow-ups are apart.
      const again = await createTasksForActions(database.db, companyId, '2026-03-10');
      assert.equal(again.taskIds.length, 0);
      byCustomer.set('C2', [eve.followUp!]);
    });

    it("dispute: opens the dispute on the customer's invoice; another customer's is refused", async () => {
      const id = task('C2').id;
      await refused(
        () => complete(id, { outcome: 'dispute', item: 'F1', reason: '' }),
        'INVALID_INPUT',
        ['item: F1', 'reason: '],
      );
      await refused(() => complete(id, { outcome: 'dispute', reason: 'x' }), 'INVALID_INPUT', [
        'item: ',
      ]);
      const r = await complete(id, {
        outcome: 'dispute',
        item: 'G1',
        reason: 'goods damaged on delivery',
      });
      assert.deepEqual(
        [r.task.outcome, r.task.item, r.dispute?.disputed, r.dispute?.disputeReason],
        ['dispute', 'G1', true, 'goods damaged on delivery'],
      );
      const events = await eventsOf(database, 'C2');
      assert.deepEqual(events.slice(-2), [
        'DISPUTE_OPENED: G1 disputed: goods damaged on delivery',
        `TASK_COMPLETED: call task #${id} done: G1 disputed: goods damaged on delivery`,
      ]);
    });

    it('other tasks complete with done', async () => {
      const r = await complete(task('C3', 'handover').id, {
        outcome: 'done',
        note: 'file sent to the agency',
      });
      assert.deepEqual(
        [r.task.state, r.task.outcome, r.task.note],
        ['done', 'done', 'file sent to the agency'],
      );
      const open = await listTasks(database.db, {});
      assert.deepEqual(
        open.map((t) => `${t.customer} ${t.kind}`),
        ['C3 notify_internal'],
      );
    });
  });
}
