/** Building a summary warning: what it is about, in fields, and the sentence that says it. */
import type { Warning, WarningKind } from '../results/format.js';

export interface WarningScope {
  scenario: string;
  runtime: string;
  workload?: string;
}

export function warning(scope: WarningScope, metric: string | null, kind: WarningKind, message: string): Warning {
  return {
    scenario: scope.scenario,
    runtime: scope.runtime,
    ...(scope.workload === undefined ? {} : { workload: scope.workload }),
    metric,
    kind,
    message,
  };
}

/** A warning about the run as a whole (or a scenario of it), not one runtime's figures. */
export function runWarning(kind: WarningKind, message: string, scenario: string | null = null): Warning {
  return { scenario, runtime: null, metric: null, kind, message };
}
