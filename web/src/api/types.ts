/** The shapes of the API answers the UI reads (see /api/openapi.json). */

export interface User {
  readonly id: number;
  readonly email: string;
  readonly name: string | null;
  readonly role: string;
}

/** A user as GET /api/users lists it (admins only). */
export interface UserAccount {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly portfolioName: string | null;
  readonly disabledAt: string | null;
  readonly createdAt: string;
  readonly lastSignInAt?: string | null;
}

export interface SessionInfo {
  readonly kind: string;
  readonly user: User | null;
  readonly role: string;
  readonly csrfToken: string | null;
}

export interface CustomerRow {
  readonly code: string;
  readonly name: string;
  readonly country: string;
  readonly currency: string;
  readonly segment: string | null;
  readonly collector: string | null;
  readonly salesOwner: string | null;
  readonly status: string;
  readonly holdUntil: string | null;
  readonly balanceMinor: number;
  readonly overdueMinor: number;
  readonly oldestDue: string | null;
  readonly daysLate: number | null;
  readonly lastStep: string | null;
  readonly lastStepName: string | null;
  readonly lastActionOn: string | null;
  readonly lastActionState: string | null;
}

export interface CustomerPage {
  readonly asOf: string;
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly rows: CustomerRow[];
}

export interface Facets {
  readonly collectors: string[];
  readonly segments: string[];
  readonly steps: { id: string; name: string }[];
}

export type AgingBucket = 'current' | '1-30' | '31-60' | '61-90' | '91-120' | '120+';
export const AGING_BUCKETS: readonly AgingBucket[] = [
  'current',
  '1-30',
  '31-60',
  '61-90',
  '91-120',
  '120+',
];

export interface Balance {
  readonly currency: string;
  readonly balanceMinor: number;
  readonly overdueMinor: number;
  readonly notDueMinor: number;
  readonly creditNotesMinor: number;
  readonly unallocatedPaymentsMinor: number;
  readonly disputedMinor: number;
  readonly aging: Record<AgingBucket, number>;
  readonly openItemCount: number;
  readonly overdueItemCount: number;
  readonly maxDaysPastDue: number;
  readonly oldestOverdue: { number: string; dueDate: string; daysPastDue: number } | null;
}

export interface Item {
  readonly number: string;
  readonly type: 'invoice' | 'credit_note' | 'payment';
  readonly issueDate: string;
  readonly dueDate: string;
  readonly currency: string;
  readonly amountMinor: number;
  readonly openMinor: number;
  readonly disputed: boolean;
  readonly disputeReason: string | null;
  readonly poNumber: string | null;
  readonly documentUrl: string | null;
  readonly daysPastDue: number;
  readonly status: 'overdue' | 'not_due' | 'credit_note' | 'unallocated_payment';
  readonly bucket: AgingBucket | null;
}

export interface Account {
  readonly company: string;
  readonly asOf: string;
  readonly ledgerSyncedAt: string | null;
  readonly customer: {
    code: string;
    name: string;
    country: string;
    language: string;
    currency: string;
    status: string;
    segment: string | null;
    collector: string | null;
    creditLimitMinor: number | null;
  };
  readonly balances: Balance[];
  readonly items: Item[];
}

/** GET /api/customers/:code/credit-status (docs/credit-status.md), the part the UI reads. */
export interface CreditStatus {
  readonly status: 'ok' | 'on_hold' | 'blocked' | 'litigation' | 'excluded';
  readonly mayTakeOrders: boolean;
  readonly reason: { code: string; detail: string; since?: string };
  readonly customer: { code: string; status: string };
}

export interface Profile {
  readonly salesOwner: string | null;
  readonly scenario: string | null;
  readonly holdUntil: string | null;
  readonly holdReason: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly latestStep: { id: string; name: string; asOf: string; state: string } | null;
  readonly contacts: {
    name: string;
    role: string;
    email: string | null;
    phone: string | null;
    emailInvalid: boolean;
    phoneInvalid: boolean;
  }[];
}

export interface TimelineEntry {
  readonly id: number;
  readonly asOf: string;
  readonly at: string;
  readonly kind: 'action' | 'skip' | 'event';
  readonly code: string;
  readonly currency: string | null;
  readonly item: string | null;
  readonly step: string | null;
  readonly detail: string;
  readonly actionId: number | null;
  readonly documents: { id: number; kind: string }[];
}

export interface Timeline {
  readonly entries: TimelineEntry[];
  readonly nextBefore: number | null;
}

export interface Task {
  readonly id: number;
  readonly customer: string;
  readonly customerName: string;
  readonly kind: 'call_task' | 'handover' | 'notify_internal' | 'reply';
  readonly title: string;
  readonly state: 'open' | 'done' | 'cancelled';
  readonly dueDate: string;
  readonly assignee: string | null;
  readonly assigneeRole: string;
  readonly currency: string | null;
  readonly step: string | null;
  readonly actionId: number | null;
  readonly contact: { name: string | null; phone: string | null } | null;
  readonly attempt: number;
}

export interface TaskPage {
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly rows: Task[];
}

export interface WorkTask {
  readonly id: number;
  readonly kind: string;
  readonly title: string;
  readonly dueDate: string;
  readonly assigneeRole: string;
  readonly assignee: string | null;
  readonly customer: { code: string; name: string; status: string };
  readonly step: string | null;
  readonly currency: string;
  readonly overdueMinor: number;
  readonly daysLate: number;
  readonly score: number;
  readonly explanation: string;
}

export interface Worklist {
  readonly asOf: string;
  readonly total: number;
  readonly tasks: WorkTask[];
}

export interface PlannedAction {
  readonly id?: number;
  readonly customer: string;
  readonly currency: string;
  readonly step: string;
  readonly stepKind: string;
  readonly stepName: string;
  readonly kinds: readonly string[];
  readonly mode: string;
  readonly state?: string;
  readonly overdueMinor: number;
  readonly notDueMinor: number;
  readonly balanceMinor: number;
  readonly reasons: readonly string[];
}

export interface PlanSkip {
  readonly customer: string;
  readonly currency: string | null;
  readonly item?: string | null;
  readonly code: string;
  readonly detail: string;
}

export interface Plan {
  readonly asOf: string;
  readonly runId: number | null;
  readonly dryRun: boolean;
  readonly customers: number;
  readonly actions: PlannedAction[];
  readonly skips: PlanSkip[];
  readonly counts: { actions: number; skips: number; skipsByCode: Record<string, number> };
  readonly businessDay: boolean;
}

export interface RunSummary {
  readonly id: number;
  readonly asOf: string;
  readonly status: string;
  readonly customers: number;
  readonly actions: number;
  readonly skips: number;
  readonly actionsByState: Record<string, number>;
  readonly startedAt: string;
}

export interface Dashboard {
  readonly asOf: string;
  readonly currency: string;
  readonly aging: { bucket: AgingBucket; amountMinor: number }[];
  readonly trend: { month: string; overdueMinor: number }[];
  readonly promisedThisWeek: { count: number; amountMinor: number };
  readonly actionsByStep: { step: string; name?: string; count: number }[];
  readonly topOverdue: {
    code: string;
    name: string;
    overdueMinor: number;
    daysLate: number | null;
  }[];
}

export interface ScenarioSummary {
  readonly code: string;
  readonly name: string;
  readonly version: number;
  readonly steps: number;
  readonly catchUp: boolean;
  readonly savedAt: string | null;
}

export interface Template {
  readonly code: string;
  readonly kind: string;
  readonly language: string;
  readonly version: number;
  readonly name: string | null;
  readonly subject: string | null;
  readonly body: string;
  readonly savedAt: string | null;
}
