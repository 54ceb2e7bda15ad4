/**
 * Questions asked inside the report page (run via page.evaluate). Written against the globals the
 * page defines: Chart (the inlined Chart.js) and window.vmbenchReport (reports/page/browser/page-script.ts).
 */

export interface CanvasState {
  id: string;
  hasChart: boolean;
  /** Pixels with any opacity: a chart that drew nothing leaves every pixel transparent. */
  paintedPixels: number;
  width: number;
  height: number;
}

interface ChartGlobal {
  getChart(canvas: HTMLCanvasElement): unknown;
}

/** For every canvas: is a Chart.js chart attached, and did it paint anything? */
export function probeCanvases(): CanvasState[] {
  const chart = (window as unknown as { Chart: ChartGlobal }).Chart;
  return [...document.querySelectorAll('canvas')].map((canvas) => {
    const ctx = canvas.getContext('2d');
    const data = ctx === null ? new Uint8ClampedArray() : ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] as number) > 0) painted++;
    return {
      id: canvas.id,
      hasChart: chart.getChart(canvas) !== undefined,
      paintedPixels: painted,
      width: canvas.width,
      height: canvas.height,
    };
  });
}

/** Resolves when the page script has drawn every chart; returns ms since navigation start. */
export function chartsDrawnAt(): number | null {
  const report = (window as unknown as { vmbenchReport?: { drawnAt: number | null } }).vmbenchReport;
  return report?.drawnAt ?? null;
}
