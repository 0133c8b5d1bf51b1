/**
 * Progress of long work (an import, a dunning run): which phase it is in and how far, as
 * counted by the work itself. Pure: the shell decides when to read the clock.
 */
export interface JobProgress {
  /** `start`, then the work's own phases (an import: validate, load; a run: recheck, plan, holds). */
  readonly phase: string;
  readonly done: number;
  /** Null while the work does not know its size yet. */
  readonly total: number | null;
}

export const JOB_START: JobProgress = { phase: 'start', done: 0, total: null };

/** Whole percent of the current phase, or null when the size is unknown. */
export function percentOf(progress: JobProgress): number | null {
  if (progress.total === null) return null;
  if (progress.total === 0) return 100;
  return Math.min(100, Math.floor((progress.done * 100) / progress.total));
}

/**
 * Whether a new progress report is worth sending on (to followers, to the database): always
 * when the phase changes, else not more often than every `everyMs`. Keeps a run of a million
 * rows from writing a million updates.
 */
export function worthReporting(
  last: { readonly progress: JobProgress; readonly atMs: number } | null,
  next: JobProgress,
  nowMs: number,
  everyMs: number,
): boolean {
  if (last === null) return true;
  if (last.progress.phase !== next.phase) return true;
  if (last.progress.done === next.done && last.progress.total === next.total) return false;
  if (next.total !== null && next.done >= next.total) return true;
  return nowMs - last.atMs >= everyMs;
}
