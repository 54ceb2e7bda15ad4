/** `vmbench calibrate`: the harness's launch path against a lean native launcher, on this host. */
import { calibrate, type Calibration, type PathTiming } from '../../measure/calibrate.js';
import { isError } from '../../host/host-context.js';
import { prepareHost } from '../../runtimes/prepare-host.js';
import { EXIT, UserError } from '../exit-codes.js';
import { parseIntFlag } from '../cli-options.js';

const LABEL: Record<PathTiming['path'], string> = {
  lean: 'lean C launcher (reference)',
  native: 'vmbench, native launcher',
  node: 'vmbench, Node child_process',
};

const ms = (v: number): string => (v >= 10 ? v.toFixed(1) : v.toFixed(2));

function rows(title: string, list: PathTiming[]): string[] {
  const out = [title];
  for (const t of list) {
    const ci = t.ci95 ? `[95% CI ${ms(t.ci95[0])} … ${ms(t.ci95[1])}]` : '';
    const over =
      t.overMs === null
        ? ''
        : `  ${t.overMs >= 0 ? '+' : ''}${ms(t.overMs)} ms (${t.overPercent! >= 0 ? '+' : ''}${t.overPercent!.toFixed(0)} %) vs lean`;
    out.push(`  ${LABEL[t.path].padEnd(30)} median ${ms(t.medianMs).padStart(7)} ms ${ci.padEnd(26)}${over}`);
  }
  return out;
}

export function formatCalibration(c: Calibration): string {
  const lines = [`vmbench calibrate: ${c.iterations} launches per path, interleaved (launch → marker line, host CLOCK_MONOTONIC)`, ''];
  lines.push(...rows('Container start (unshare … /init container hello):', c.container), '');
  lines.push(...rows('Launch floor (static busybox echo):', c.floor), '');
  if (c.hyperfine) {
    lines.push(
      `hyperfine -N, same container command (launch → exit, ${c.hyperfine.runs} runs): median ${ms(c.hyperfine.medianMs)} ms, mean ${ms(c.hyperfine.meanMs)} ± ${ms(c.hyperfine.stddevMs)} ms`,
      '',
    );
  } else lines.push('hyperfine: not installed (apt-get install hyperfine for a third, independent figure)', '');
  const native = c.container.find((t) => t.path === 'native')!;
  const floor = c.floor.find((t) => t.path === 'native')!;
  const leanFloor = c.floor.find((t) => t.path === 'lean')!;
  lines.push(
    `Goal: native within ${ms(c.goal.allowedMs)} ms of lean (max of 5 % and 0.3 ms): ${c.goal.containerOk ? 'met' : 'NOT met'} (${native.overMs! >= 0 ? '+' : ''}${ms(native.overMs!)} ms);` +
      ` launch floor ≤ 0.6 ms: ${c.goal.floorOk ? 'met' : 'NOT met'} (${ms(floor.medianMs)} ms; the lean launcher's own floor on this host: ${ms(leanFloor.medianMs)} ms).`,
  );
  return lines.join('\n');
}

export async function calibrateCommand(flags: { iterations?: string; json?: boolean }): Promise<number> {
  const iterations = parseIntFlag('--iterations', flags.iterations, 3, 10_000) ?? 30;
  const host = await prepareHost({ specs: [], probe: false });
  if (!host.isRoot) throw new UserError('calibrate starts raw-namespace containers: run it as root', EXIT.environment);
  if (!host.tools.unshare) throw new UserError('calibrate needs unshare (util-linux)', EXIT.environment);
  if (isError(host.image) || isError(host.busybox))
    throw new UserError(`calibrate needs the guest image: ${isError(host.image) ? host.image.error : ''}`, EXIT.environment);
  process.stderr.write(`Timing ${iterations} launches per path (lean, native, node), interleaved…\n`);
  const result = await calibrate({
    unsharePath: host.tools.unshare.path,
    rootDir: host.image.rootDir,
    busyboxPath: host.busybox.path,
    iterations,
  });
  process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatCalibration(result)}\n`);
  return EXIT.ok;
}
