/**
 * Poll a cheap condition until it holds or time runs out. The interval starts at 1 ms and backs
 * off, so short teardowns are timed finely without a busy loop that would steal CPU from the
 * instances being measured.
 */
export async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  let interval = 1;
  while (!condition()) {
    if (performance.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, interval));
    interval = Math.min(interval * 2, 50);
  }
  return true;
}
