/**
 * Holm's step-down correction for testing many metrics at once: controls the chance of calling
 * *any* unchanged metric changed (the family-wise error rate) at α, under any dependence between
 * the tests (startup and its phases are correlated), and is uniformly more powerful than
 * Bonferroni. Returns adjusted p-values (compare each with α), as statsmodels' multipletests
 * (method 'holm'): sorted ascending, p_(i)·(m − i + 1), made monotone, capped at 1.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, p * (m - rank)));
    adjusted[i] = running;
  });
  return adjusted;
}
