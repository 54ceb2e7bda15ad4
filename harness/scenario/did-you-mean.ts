/** Suggestions for misspelt keys and values: `unknown key "iteration" (did you mean "iterations"?)`. */

const MAX_DISTANCE = 2;

/**
 * Optimal string alignment distance (Damerau–Levenshtein without repeated edits): a swapped pair
 * of letters, the most common typo ("q53" for "q35"), costs 1 instead of 2.
 */
export function editDistance(a: string, b: string): number {
  // Rows i-2, i-1 and i of the dynamic-programming table.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, before[j - 2]! + 1);
      }
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The closest candidate within MAX_DISTANCE edits, or one that starts with the value (or that the
 * value starts with); case is ignored since "Workload" for "workload" is a typo too.
 */
export function didYouMean(value: string, candidates: readonly string[]): string | undefined {
  const wanted = value.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const distance = editDistance(wanted, lower);
    const prefix = wanted.length >= 2 && (lower.startsWith(wanted) || wanted.startsWith(lower));
    if (distance > MAX_DISTANCE && !prefix) continue;
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  }
  return best?.candidate;
}

/** ` (did you mean "x"?)`, or '' when nothing is close. */
export function suggestion(value: string, candidates: readonly string[]): string {
  const match = didYouMean(value, candidates);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}
