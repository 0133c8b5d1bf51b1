/** A time of day on a 24-hour clock, without date or time zone. */
export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
}

const PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Parses a strict 'HH:MM' (00:00 to 23:59); null for anything else. */
export function parseTimeOfDay(text: string): TimeOfDay | null {
  const match = PATTERN.exec(text);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : null;
}
