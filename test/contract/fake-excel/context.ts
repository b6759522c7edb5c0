/**
 * The request context of the fake: commands queue until `sync()`, which
 * runs them in order, counts the call, and estimates the request and response
 * payloads (JSON length of what was written and what was loaded). Like Excel
 * on the web, a request or response over 5 MB is refused.
 */

export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** Excel on the web refuses to read ranges of more than 5,000,000 cells in one request. */
export const READ_CELL_LIMIT = 5_000_000;
/** What one queued command costs on the wire besides its arguments (ids, method names). */
const COMMAND_OVERHEAD_BYTES = 40;

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "RichApi.Error";
  }
}

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  commands: number;
}

interface Command {
  bytes: number;
  /** Returns the bytes it adds to the response. */
  run: () => number | void;
}

/** Bytes of `x` as JSON on the wire: UTF-8, so "é" weighs 2 and "項" 3 (Excel on the web's 5 MB limit is on bytes). */
export function jsonBytes(x: unknown): number {
  if (x === undefined) return 0;
  return Buffer.byteLength(JSON.stringify(x), "utf8");
}

/** The platforms whose Office.js differs where the host relies on it. */
export type FakePlatform = "windows" | "mac" | "web";

/** How a run was started, as far as the proxies need to know. */
export interface RunMode {
  /** Inside `Excel.run({ mergeUndoGroup: true })`: APIs without undo support throw UndoNotSupported. */
  undoGroup: boolean;
  platform: FakePlatform;
}

export class FakeContextCore {
  private queue: Command[] = [];
  readonly syncs: SyncRecord[] = [];
  suspendedCalculation = 0;
  recalculations = 0;
  /** Commands run so far in this run (1-based count), for injected failures. */
  private ran = 0;

  constructor(
    readonly mode: RunMode = { undoGroup: false, platform: "windows" },
    /** Fails the run's n-th command (counting from 1), as Excel fails a command midway through a batch. */
    private readonly failAtCommand?: number,
  ) {}

  enqueue(bytes: number, run: () => number | void): void {
    this.queue.push({ bytes: bytes + COMMAND_OVERHEAD_BYTES, run });
  }

  get pending(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    const commands = this.queue;
    this.queue = [];
    const requestBytes = commands.reduce((n, c) => n + c.bytes, 0);
    const record: SyncRecord = { requestBytes, responseBytes: 0, commands: commands.length };
    this.syncs.push(record);
    if (requestBytes > PAYLOAD_LIMIT_BYTES) {
      throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", `the request carries ${requestBytes} bytes`);
    }
    // As in Office.js, commands before a failing one have run and stay done: a failed sync is not rolled back.
    for (const c of commands) {
      this.ran++;
      if (this.failAtCommand !== undefined && this.ran === this.failAtCommand) throw new FakeOfficeError("GeneralException", "an injected failure midway through the batch");
      record.responseBytes += c.run() ?? 0;
    }
    if (record.responseBytes > PAYLOAD_LIMIT_BYTES) {
      throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", `the response carries ${record.responseBytes} bytes`);
    }
  }
}
