/**
 * The workloads' result parsers on real output, captured once on the reference machine
 * (test/fixtures/workload-output/: the raw console stream of each built-in workload, on the host
 * runtime and, for cpu, a q35 TCG guest's serial console with its CRLF line ends), fed through
 * the same collector the runner uses.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_WORKLOADS } from '../../../harness/workloads/builtin.js';
import { customWorkload, type CustomWorkloadSpec } from '../../../harness/workloads/custom.js';
import { OutputCollector, type CollectResult } from '../../../harness/workloads/output-collector.js';
import type { WorkloadOutput } from '../../../harness/workloads/definition.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/workload-output/${name}`, import.meta.url), 'latin1');

/** Feeds the text in uneven chunks (as a pipe delivers it), 1 ms apart on the host clock. */
async function collect(text: string, chunk = 97): Promise<CollectResult> {
  const c = new OutputCollector();
  let at = 1_000_000n;
  for (let i = 0; i < text.length; i += chunk) {
    c.onOutput(Buffer.from(text.slice(i, i + chunk), 'latin1'), (at += 1_000_000n), 'stdout');
  }
  c.onExit('exited with code 0');
  return c.wait(1000);
}

const values = (result: ReturnType<NonNullable<typeof BUILTIN_WORKLOADS.cpu>['parse']>): Record<string, number> => {
  expect(result.ok, JSON.stringify(result)).toBe(true);
  return result.ok ? Object.fromEntries(result.metrics.map((m) => [m.name, m.value])) : {};
};

describe('built-in workloads on captured output', () => {
  // Expected figures read from the same JSON with Python's json module (an independent reader).
  it.each([
    [
      'host',
      {
        randread_iops: 19915.042479,
        randread_p50_us: 38.144,
        randread_p99_us: 98.816,
        randwrite_iops: 13612.193903,
        randwrite_p50_us: 50.432,
        randwrite_p99_us: 173.056,
        seqread_mib_s: 707.6461763381958,
        seqwrite_mib_s: 1040.9795093536377,
      },
    ],
    [
      'qemu-q35',
      {
        randread_iops: 734.632684,
        randread_p50_us: 481.28,
        randread_p99_us: 8978.432,
        randwrite_iops: 1191.712431,
        randwrite_p50_us: 391.168,
        randwrite_p99_us: 7110.656,
        seqread_mib_s: 496.75486755371094,
        seqwrite_mib_s: 253.24675273895264,
      },
    ],
  ])('disk (%s): fio JSON, IOPS, clat p50/p99 in µs, MiB/s', async (where, expected) => {
    const done = await collect(fixture(`disk-${where}.txt`), where === 'host' ? 97 : 13);
    expect(done.state).toBe('done');
    const v = values(BUILTIN_WORKLOADS.disk!.parse(done.output));
    expect(Object.keys(v)).toEqual(Object.keys(expected));
    for (const [k, want] of Object.entries(expected)) expect(v[k], k).toBeCloseTo(want, 6);
  });

  // The rtt step's block is a real vmbench-echo client run against its server on 127.0.0.1
  // (captured 2026-12-03, after the UDP echo replaced ping), in the host stream captured before.
  it('network (host): iperf3 -J receiver bits/s both ways, UDP echo percentiles', async () => {
    const done = await collect(fixture('network-host.txt'), 97);
    const v = values(BUILTIN_WORKLOADS.network!.parse(done.output));
    const expected = { tx_gbit_s: 16.609964695294924, rx_gbit_s: 16.409803120833686, udp_rtt_p50_us: 63.995, udp_rtt_p99_us: 2358.43208 };
    expect(Object.keys(v)).toEqual(Object.keys(expected));
    for (const [k, want] of Object.entries(expected)) expect(v[k], k).toBeCloseTo(want, 4);
  });

  it('network (qemu-q35): iperf3 -J receiver bits/s both ways; without the echo step the sample fails and says why', async () => {
    // Captured before the UDP echo existed: its round-trip step is busybox ping's, which is not read.
    const parsed = BUILTIN_WORKLOADS.network!.parse((await collect(fixture('network-qemu-q35.txt'), 13)).output);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(/no udp_rtt_p50_us in the output of step rtt/);
  });

  it('network: lost probes and late replies are not timed (only "seq=N rtt_us=X" lines)', async () => {
    const { echoTimesUs, echoPercentileUs } = await import('../../../harness/workloads/echo-output.js');
    expect(echoTimesUs('seq=0 rtt_us=61.5\nvmbench-echo: send: x\nseq=2 rtt_us=70\nsent=3 received=2')).toEqual([61.5, 70]);
    expect(echoPercentileUs('seq=0 rtt_us=61.5\nsent=100 received=1', 50)).toBeNull(); // fewer than 10 replies
  });

  it('network: an iperf3 error in its JSON fails the sample with the output', async () => {
    const text = fixture('network-host.txt').replace(
      /"intervals":/,
      '"error": "unable to connect to server: Connection refused", "intervals":',
    );
    const parsed = BUILTIN_WORKLOADS.network!.parse((await collect(text)).output);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(/no tx_gbit_s in the output of step tx/);
  });

  it('network: an iperf3 test whose results could not be received is rerun whole (at most 3 times), and the report still reads', async () => {
    const { IPERF3_FUNCTION } = await import('../../../harness/workloads/network.js');
    const dir = mkdtempSync(join(tmpdir(), 'vmbench-iperf3-fake-'));
    try {
      // A fake iperf3: the first N calls print the error JSON under runsc, then a real report.
      const report = fixture('network-host.txt').match(/^\{[\s\S]*?^\}$/m)![0];
      writeFileSync(join(dir, 'report.json'), report);
      writeFileSync(
        join(dir, 'iperf3'),
        `#!/bin/sh\nn=$(cat ${dir}/count 2>/dev/null || echo 0); echo $((n+1)) > ${dir}/count\nif [ $n -lt $FAILS ]; then printf '{\\n "end": {\\n },\\n "error": "unable to receive results: Resource temporarily unavailable"\\n}\\n'; exit 1; fi\ncat ${dir}/report.json\n`,
        { mode: 0o755 },
      );
      const run = (fails: number): { out: string; calls: number } => {
        rmSync(join(dir, 'count'), { force: true });
        const out = execFileSync('sh', ['-c', `${IPERF3_FUNCTION.join('\n')}\niperf3_run -R; echo "rc=$?"`], {
          encoding: 'utf8',
          env: { PATH: `${dir}:/usr/bin:/bin`, FAILS: String(fails), VMBENCH_PEER: '127.0.0.1', VMBENCH_PORT: '1' },
        });
        return { out, calls: Number(readFileSync(join(dir, 'count'), 'utf8')) };
      };
      const twice = run(2);
      expect(twice.calls).toBe(3);
      expect(twice.out).toMatch(/^vmbench: iperf3 rerun 1: its results could not be received\nvmbench: iperf3 rerun 2: [^\n]*\n\{/);
      expect(twice.out).toMatch(/rc=0\n$/);
      const { iperf3Gbps } = await import('../../../harness/workloads/iperf3-output.js');
      expect(iperf3Gbps(twice.out)).toBeGreaterThan(1);
      const always = run(10);
      expect(always.calls).toBe(4); // the first try and 3 reruns, then the error stands
      expect(always.out).toContain('"error": "unable to receive results');
      expect(always.out).toMatch(/rc=1\n$/);
      expect(iperf3Gbps(always.out)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('disk: a job with an I/O error has no figures', async () => {
    const text = fixture('disk-host.txt').replace(/"error" : 0/, '"error" : 5');
    const parsed = BUILTIN_WORKLOADS.disk!.parse((await collect(text)).output);
    expect(parsed.ok).toBe(false);
  });

  it('cpu (host): events per second and wall time, 1 thread and every CPU', async () => {
    const done = await collect(fixture('cpu-host.txt'));
    expect(done.state).toBe('done');
    expect(values(BUILTIN_WORKLOADS.cpu!.parse(done.output))).toEqual({
      events_per_s_1t: 3208.99,
      wall_s_1t: 0.3104,
      events_per_s_nt: 6094.48,
      wall_s_nt: 0.3268,
    });
    expect(done.output.steps.get('all')?.fields.threads).toBe('2');
  });

  it('cpu (q35 guest under TCG): the serial console, boot lines and CRLF included', async () => {
    const done = await collect(fixture('cpu-qemu-q35.txt'), 13);
    expect(done.state).toBe('done');
    expect(values(BUILTIN_WORKLOADS.cpu!.parse(done.output))).toEqual({
      events_per_s_1t: 790.95,
      wall_s_1t: 1.2617,
      events_per_s_nt: 886.37,
      wall_s_nt: 1.125,
    });
  });

  it('memory: read and write MiB/s', async () => {
    const done = await collect(fixture('memory-host.txt'));
    expect(values(BUILTIN_WORKLOADS.memory!.parse(done.output))).toEqual({ read_mib_s: 22908.57, write_mib_s: 16565.16 });
  });

  it('syscall: ns per call from total time, events and calls per event', async () => {
    const done = await collect(fixture('syscall-host.txt'));
    const v = values(BUILTIN_WORKLOADS.syscall!.parse(done.output));
    expect(v.ns_per_call).toBeCloseTo(71.5, 6);
  });

  it('output cut short is not done, and says what it saw', async () => {
    const text = fixture('cpu-host.txt');
    const done = await collect(text.slice(0, text.indexOf('VMBENCH_STEP name=all')));
    expect(done.state).toBe('exited');
    if (done.state === 'exited') expect(done.reason).toContain('before the workload finished');
  });

  it('a done marker without the figures fails the sample with the output tail as its reason', async () => {
    const text = fixture('memory-host.txt').replace(/MiB transferred \([0-9.]+ MiB\/sec\)/g, 'MiB transferred (garbled)');
    const done = await collect(text);
    const parsed = BUILTIN_WORKLOADS.memory!.parse(done.output);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason).toContain('no read_mib_s in the output of step read');
      expect(parsed.reason).toContain('execution time (avg/stddev)'); // the step's last lines
    }
  });

  it('a failing sysbench (non-zero status) fails with the status', async () => {
    const text = fixture('syscall-host.txt').replace('VMBENCH_DONE status=0', 'VMBENCH_DONE status=127');
    const parsed = BUILTIN_WORKLOADS.syscall!.parse((await collect(text)).output);
    expect(parsed).toMatchObject({ ok: false });
    if (!parsed.ok) expect(parsed.reason).toContain('status 127');
  });
});

describe('custom workloads', () => {
  const spec: CustomWorkloadSpec = {
    name: 'mine',
    description: '',
    command: ['/usr/bin/mine', "it's"],
    binaries: [],
    files: [],
    inputBytes: 0,
    output: 'parse',
    timeLimitMs: 1000,
    metrics: [
      { name: 'score', unit: 'points', better: 'higher', regex: null },
      { name: 'speed', unit: 'MB/s', better: 'higher', regex: 'speed: ([0-9.]+) MB/s' },
    ],
  };
  const output = (lines: string[], status = 0): WorkloadOutput => ({ lines, steps: new Map(), status, elapsedMs: 1500 });

  it('reads key=value words and regex groups, and adds elapsed_s', () => {
    const parsed = customWorkload(spec).parse(output(['warming up', 'score=12 other=3', 'speed: 45.5 MB/s', 'score=14']));
    expect(parsed).toEqual({
      ok: true,
      metrics: [
        { name: 'elapsed_s', unit: 's', better: 'lower', value: 1.5 },
        { name: 'score', unit: 'points', better: 'higher', value: 14 },
        { name: 'speed', unit: 'MB/s', better: 'higher', value: 45.5 },
      ],
    });
  });

  it('a regex that never matches fails the sample, naming the metric and the output tail', () => {
    const parsed = customWorkload(spec).parse(output(['score=1', 'speed: fast']));
    expect(parsed).toMatchObject({ ok: false });
    if (!parsed.ok) expect(parsed.reason).toMatch(/metric speed: found no a match of .* in the output: score=1 \| speed: fast/);
  });

  it('puts the argv in the script as literal words (a quote stays a quote, nothing expands)', () => {
    const script = customWorkload({ ...spec, command: ['/usr/bin/mine', "it's", '$HOME', '*', '`x`'] }).script;
    expect(script).toContain(`'/usr/bin/mine' 'it'\\''s' '$HOME' '*' '\`x\`' || status=$?`);
  });
});

describe('the collector', () => {
  it('sets no time limit timer once the workload is done (nothing keeps the process alive)', async () => {
    const c = new OutputCollector();
    c.onOutput(Buffer.from('VMBENCH_READY uptime= kernel=x\nVMBENCH_STEP name=a\nok\nVMBENCH_DONE status=0\n'), 5n, 'stdout');
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const done = await c.wait(60_000);
    expect(done.state).toBe('done');
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBe(before);
  });

  it('times out a workload that never finishes, keeping what it printed', async () => {
    const c = new OutputCollector();
    c.onOutput(Buffer.from('VMBENCH_READY\nVMBENCH_STEP name=a\nworking\n'), 5n, 'stdout');
    const done = await c.wait(20);
    expect(done).toMatchObject({ state: 'timeout' });
    expect(done.output.lines).toEqual(['working']);
  });
});
