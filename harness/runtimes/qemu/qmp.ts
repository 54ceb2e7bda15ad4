/**
 * A minimal QMP client (QEMU Machine Protocol, JSON over a unix socket): enough to ask whether
 * the guest runs, to wait for it to, and to save its state. One command at a time.
 */
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

type QmpMessage = { return?: unknown; error?: { class: string; desc: string }; event?: string; QMP?: unknown };

export class QmpClient {
  readonly #socket: Socket;
  #buffer = '';
  #waiters: ((m: QmpMessage) => boolean)[] = [];

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (data: string) => {
      this.#buffer += data;
      let nl;
      while ((nl = this.#buffer.indexOf('\n')) >= 0) {
        const line = this.#buffer.slice(0, nl).trim();
        this.#buffer = this.#buffer.slice(nl + 1);
        if (!line) continue;
        let message: QmpMessage;
        try {
          message = JSON.parse(line) as QmpMessage;
        } catch {
          continue;
        }
        this.#waiters = this.#waiters.filter((w) => !w(message));
      }
    });
    socket.on('error', () => undefined);
  }

  /** Connects once QEMU has made the socket (it does so early in its start); retries until timeoutMs. */
  static async open(path: string, timeoutMs: number): Promise<QmpClient> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const s = connect(path);
          s.once('connect', () => resolve(s));
          s.once('error', reject);
        });
        const client = new QmpClient(socket);
        await client.#next((m) => m.QMP !== undefined, deadline - Date.now(), 'the QMP greeting');
        await client.execute('qmp_capabilities', {}, Math.max(1000, deadline - Date.now()));
        return client;
      } catch (error) {
        if (Date.now() >= deadline) throw new Error(`QMP socket ${path}: ${(error as Error).message}`, { cause: error });
        await sleep(2);
      }
    }
  }

  #next(match: (m: QmpMessage) => boolean, timeoutMs: number, what: string): Promise<QmpMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms`)), Math.max(0, timeoutMs));
      // Never what keeps the harness alive: an instance stopped early leaves its waits behind.
      timer.unref();
      this.#waiters.push((m) => {
        if (!match(m)) return false;
        clearTimeout(timer);
        resolve(m);
        return true;
      });
    });
  }

  async execute(command: string, args: Record<string, unknown>, timeoutMs: number): Promise<unknown> {
    const reply = this.#next((m) => m.return !== undefined || m.error !== undefined, timeoutMs, `reply to ${command}`);
    this.#socket.write(`${JSON.stringify({ execute: command, arguments: args })}\n`);
    const m = await reply;
    if (m.error) throw new Error(`${command}: ${m.error.class}: ${m.error.desc}`);
    return m.return;
  }

  /** Resolves when the event arrives (register before the action that causes it). */
  event(name: string, timeoutMs: number): Promise<QmpMessage> {
    return this.#next((m) => m.event === name, timeoutMs, `${name} event`);
  }

  close(): void {
    this.#socket.destroy();
  }
}
