/** Small inline markers shared by tables: the runtime's color swatch and a VM/container badge. */
import type { InstanceKind } from '../../harness/results/format.js';
import { html, type SafeHtml } from '../escape.js';
import type { Palette } from '../charts/palette.js';

/** Colored mark (diamond for VMs, dot for containers) matching the runtime's color in the charts. */
export function runtimeSwatch(palette: Palette, runtime: string, kind: InstanceKind): SafeHtml {
  const { color } = palette(runtime, kind);
  // The color comes from our fixed palette (never from data), so it is safe in a style attribute.
  return html`<span class="swatch swatch-${kind}" style="background:${color}" aria-hidden="true"></span>`;
}

export function kindBadge(kind: InstanceKind): SafeHtml {
  return html`<span class="kind kind-${kind}">${kind === 'vm' ? 'VM' : kind === 'host' ? 'host' : 'container'}</span>`;
}
