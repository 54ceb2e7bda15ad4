/**
 * Reading sysbench 1.0's report (`sysbench … run`). Each reader returns null when the figure is
 * not in the text, so the caller can fail the sample with the output's tail. The formats were
 * captured from sysbench 1.0.20 (test/fixtures/sysbench/).
 */

const number = (text: string, re: RegExp): number | null => {
  const m = re.exec(text);
  const value = m ? Number(m[1]) : NaN;
  return Number.isFinite(value) ? value : null;
};

/** "events per second:  3431.28" (cpu test). */
export const eventsPerSecond = (text: string): number | null => number(text, /events per second:\s+([0-9.]+)/);

/** "total time:                          0.5817s". */
export const totalTimeS = (text: string): number | null => number(text, /total time:\s+([0-9.]+)s/);

/** "total number of events:              2000". */
export const totalEvents = (text: string): number | null => number(text, /total number of events:\s+([0-9]+)/);

/** "2048.00 MiB transferred (43522.15 MiB/sec)" (memory test). */
export const mibPerSecond = (text: string): number | null => number(text, /MiB transferred \(([0-9.]+) MiB\/sec\)/);
