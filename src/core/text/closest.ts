/**
 * Edit distance between two strings (insertions, deletions and substitutions cost 1),
 * counted on UTF-16 code units. Two rows of the classic table: O(|a|·|b|) time, O(|b|) space.
 */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate nearest to `word` (case-insensitive), or undefined when none is near
 * enough to be a likely typo: at most `maxDistance` edits, by default a third of the
 * longer word (at least 2). Ties go to the earlier candidate. Failing that, a candidate
 * that starts with the word (of 3 characters or more) is taken: "call" → "call_task".
 */
export function closest(
  word: string,
  candidates: Iterable<string>,
  maxDistance?: number,
): string | undefined {
  const lower = word.toLowerCase();
  const list = [...candidates];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of list) {
    const distance = levenshtein(lower, candidate.toLowerCase());
    const limit =
      maxDistance ?? Math.max(2, Math.floor(Math.max(word.length, candidate.length) / 3));
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined && maxDistance === undefined && lower.length >= 3) {
    for (const candidate of list) {
      if (candidate.toLowerCase().startsWith(lower)) return candidate;
    }
  }
  return best;
}

/** `' (did you mean "x"?)'` when a candidate is close to `word`, '' otherwise. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closest(word, candidates);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}
