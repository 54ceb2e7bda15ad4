/** Exit codes, documented in README ("When things go wrong"). */
export const EXIT = {
  ok: 0,
  /** The run finished but some samples failed or timed out (they are in the results). */
  sampleFailures: 1,
  /** Bad input: a scenario file or a command-line flag. Nothing was launched. */
  badInput: 2,
  /** The host cannot run what was asked (no usable runtime, results dir not writable). */
  environment: 3,
  /** Interrupted by SIGINT/SIGTERM; partial results were kept. */
  interrupted: 130,
} as const;

/** An error whose message is for the user as is: printed without a stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.badInput,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
