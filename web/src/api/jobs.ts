import { ApiError, getCsrfToken } from './client.ts';

/** A job of GET /api/jobs/ID (docs/api.md, "Jobs"). */
export interface Job {
  readonly id: number;
  readonly kind: 'import' | 'run';
  readonly state: 'running' | 'done' | 'failed';
  readonly phase: string;
  readonly done: number;
  readonly total: number | null;
  readonly percent: number | null;
  readonly params: Record<string, unknown>;
  readonly result: Record<string, unknown> | null;
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly problems: readonly {
      readonly row?: number;
      readonly field: string;
      readonly value?: string;
      readonly expected: string;
    }[];
  } | null;
  readonly startedBy: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

export interface JobProgress {
  readonly phase: string;
  readonly done: number;
  readonly total: number | null;
  readonly percent: number | null;
}

export interface Started {
  readonly job: Job;
  readonly followToken: string;
}

/** Starts a job: POST with a JSON body or a file's bytes; answers the job and its follow token. */
export async function startJob(path: string, body: File | object): Promise<Started> {
  const file = body instanceof File;
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      'content-type': file ? body.type || 'application/octet-stream' : 'application/json',
      'x-csrf-token': getCsrfToken() ?? '',
    },
    body: file ? body : JSON.stringify(body),
  }).catch((error: unknown) => {
    throw new ApiError(0, 'NETWORK', `the server did not answer (${String(error)})`);
  });
  const data: unknown = await response.json().catch(() => null);
  if (response.status !== 202) {
    const error = (data as { error?: { code?: string; message?: string; issues?: [] } })?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? response.statusText,
      error?.issues ?? [],
    );
  }
  return data as Started;
}

/**
 * Follows a job's server-sent events until it ends: calls `onProgress` as it works, answers
 * the job as it ended. The follow token lets the server answer without its database, which
 * the job itself may be holding (the embedded database has one session).
 */
export async function followJob(
  started: Started,
  onProgress: (progress: JobProgress) => void,
): Promise<Job> {
  const response = await fetch(`/api/jobs/${started.job.id}/events`, {
    credentials: 'same-origin',
    headers: { accept: 'text/event-stream', 'x-relance-job-token': started.followToken },
  });
  if (!response.ok || !response.body) {
    throw new ApiError(response.status, `HTTP_${response.status}`, response.statusText);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const name = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!name || !data) continue;
      if (name === 'progress') onProgress(JSON.parse(data) as JobProgress);
      if (name === 'end') {
        void reader.cancel();
        return JSON.parse(data) as Job;
      }
    }
  }
  throw new ApiError(0, 'NETWORK', 'the server stopped sending the progress of the job');
}

/** The job's error as an ApiError, for the forms' error notes. */
export function jobError(job: Job): ApiError {
  const e = job.error ?? { code: 'INTERNAL', message: 'the job failed', problems: [] };
  return new ApiError(
    0,
    e.code,
    e.message,
    e.problems.map((p) => ({
      field: p.row !== undefined ? `row ${p.row} · ${p.field}` : p.field,
      ...(p.value !== undefined ? { value: p.value } : {}),
      expected: p.expected,
    })),
  );
}
