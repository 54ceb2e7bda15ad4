/** The issues of a ScenarioValidationError a call throws (scenario files, compare's thresholds file). */
import { ScenarioValidationError, type ScenarioIssue } from '../../harness/scenario/errors.js';

export function catchIssues(fn: () => unknown): ScenarioIssue[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScenarioValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ScenarioValidationError');
}
