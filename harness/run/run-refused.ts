/**
 * The run cannot start on this host (no usable runtime, the results dir not writable, the
 * start-up files not written). Nothing was launched; the CLI maps it to its environment exit code.
 */
export class RunRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunRefused';
  }
}
