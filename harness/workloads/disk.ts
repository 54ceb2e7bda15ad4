/**
 * The `disk` workload: fio on the instance's own disk, a backing file of DISK_MIB on the host's
 * file system, reached the way each runtime reaches storage: a VM through virtio-blk (/dev/vda),
 * a container through a bind mount of the file, the host directly. One job file, the same bytes
 * everywhere (and the one a plain `fio` cross-check runs): direct I/O, synchronous reads and
 * writes one at a time (psync, queue depth 1, so latency is per operation), each job
 * time-bounded. fio expands ${VMBENCH_DISK} from the environment the runtime gives.
 */
import type { MetricDef, PerformanceWorkload } from './definition.js';
import { performanceScript, step } from './performance-script.js';
import { readSteps, type StepRead } from './read-steps.js';
import { fioClatUs, fioErrors, fioIops, fioMiBps, type FioDirection } from './fio-output.js';

export const DISK_MIB = 128;
export const FIO_JOB_SECONDS = 1.5;
export const FIO_JOB_FILE = 'disk.fio';

export const FIO_JOB = `; vmbench workload "disk": fio ${DISK_MIB} MiB, direct I/O, ${FIO_JOB_SECONDS} s per job, one after another
[global]
filename=\${VMBENCH_DISK}
size=${DISK_MIB}m
direct=1
ioengine=psync
iodepth=1
runtime=${FIO_JOB_SECONDS * 1000}ms
time_based=1
percentile_list=50:99
stonewall

[randread]
rw=randread
bs=4k

[randwrite]
rw=randwrite
bs=4k

[seqread]
rw=read
bs=1m

[seqwrite]
rw=write
bs=1m
`;

const m = (name: string, unit: string, better: MetricDef['better']): MetricDef => ({ name, unit, better });

/** Metric, fio job, direction, and what is read from it. */
const READS: {
  metric: MetricDef;
  job: string;
  dir: FioDirection;
  read: (text: string, job: string, dir: FioDirection) => number | null;
}[] = [
  { metric: m('randread_iops', 'IOPS', 'higher'), job: 'randread', dir: 'read', read: fioIops },
  { metric: m('randread_p50_us', 'µs', 'lower'), job: 'randread', dir: 'read', read: (t, j, d) => fioClatUs(t, j, d, 50) },
  { metric: m('randread_p99_us', 'µs', 'lower'), job: 'randread', dir: 'read', read: (t, j, d) => fioClatUs(t, j, d, 99) },
  { metric: m('randwrite_iops', 'IOPS', 'higher'), job: 'randwrite', dir: 'write', read: fioIops },
  { metric: m('randwrite_p50_us', 'µs', 'lower'), job: 'randwrite', dir: 'write', read: (t, j, d) => fioClatUs(t, j, d, 50) },
  { metric: m('randwrite_p99_us', 'µs', 'lower'), job: 'randwrite', dir: 'write', read: (t, j, d) => fioClatUs(t, j, d, 99) },
  { metric: m('seqread_mib_s', 'MiB/s', 'higher'), job: 'seqread', dir: 'read', read: fioMiBps },
  { metric: m('seqwrite_mib_s', 'MiB/s', 'higher'), job: 'seqwrite', dir: 'write', read: fioMiBps },
];

const stepReads: StepRead[] = READS.map(({ metric, job, dir, read }) => ({
  metric,
  step: 'fio',
  // A job that hit an I/O error has figures, but not ones to compare.
  read: (text) => (fioErrors(text, job) === 0 ? read(text, job, dir) : null),
}));

export const disk: PerformanceWorkload = {
  name: 'disk',
  description: `fio on a ${DISK_MIB} MiB backing file (VM: virtio-blk; container: bind mount; host: the file): 4 KiB random read and write, 1 MiB sequential read and write, direct I/O, ${FIO_JOB_SECONDS} s each`,
  origin: 'builtin',
  script: performanceScript({
    name: 'disk',
    description: "fio on the instance's disk ($VMBENCH_DISK)",
    body: [
      // A VM's /dev/vda appears when virtio_blk has probed it: wait briefly rather than fail.
      'i=0; while [ -n "$VMBENCH_DISK" ] && [ ! -e "$VMBENCH_DISK" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done',
      '[ -e "$VMBENCH_DISK" ] || { echo "vmbench: no disk at VMBENCH_DISK=$VMBENCH_DISK"; status=1; }',
      ...step('fio', { size_mib: String(DISK_MIB) }, `fio --output-format=json /workloads/${FIO_JOB_FILE}`),
    ],
  }),
  scriptFiles: { [FIO_JOB_FILE]: FIO_JOB },
  binaries: ['fio'],
  files: [],
  bundled: [],
  devices: [{ type: 'disk', sizeMiB: DISK_MIB }],
  timeLimitMs: 120_000,
  metrics: READS.map((r) => r.metric),
  parse: (output) => readSteps(output, stepReads),
};
