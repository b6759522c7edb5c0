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

export function jsonBytes(x: unknown): number {
  if (x === undefined) return 0;
  return JSON.stringify(x).length;
}

export class FakeContextCore {
  private queue: Command[] = [];
  readonly syncs: SyncRecord[] = [];
  suspendedCalculation = 0;

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
    for (const c of commands) record.responseBytes += c.run() ?? 0;
    if (record.responseBytes > PAYLOAD_LIMIT_BYTES) {
      throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", `the response carries ${record.responseBytes} bytes`);
    }
  }
}
