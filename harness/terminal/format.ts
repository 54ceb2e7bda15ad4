/** Number formatting shared by the terminal output: 3 significant digits (durations: harness/format-duration.ts). */
import { threeSignificant } from '../format-duration.js';

export function formatRatio(ratio: number): string {
  return ratio >= 100 ? `${Math.round(ratio)}×` : `${ratio.toPrecision(3)}×`;
}

export function formatBytes(bytes: number): string {
  const mib = bytes / 1024 / 1024;
  return mib >= 1024 ? `${(mib / 1024).toPrecision(3)} GiB` : `${mib.toPrecision(3)} MiB`;
}

/** A measured figure with its own unit: 3 significant digits, whole numbers from 1000 up. */
export function formatFigure(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return threeSignificant(value);
}
