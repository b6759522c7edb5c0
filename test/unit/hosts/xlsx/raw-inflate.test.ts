import { deflateRawSync } from "node:zlib";
import { inflateRawNow, inflateRawStart } from "../../../../src/hosts/xlsx/raw-inflate";

const text = `<?xml version="1.0"?><worksheet>${Array.from({ length: 2000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i * 7}</v></c></row>`).join("")}</worksheet>`;
const bytes = new TextEncoder().encode(text);
const deflated = new Uint8Array(deflateRawSync(bytes));

describe("raw-deflate parts inflated at once", () => {
  test("a whole part inflates to its own bytes", () => {
    expect(new TextDecoder().decode(inflateRawNow(deflated))).toBe(text);
  });

  test("a part longer than the limit asked for is left to the streaming reader", () => {
    expect(inflateRawNow(deflated, bytes.length - 1)).toBeUndefined();
    expect(inflateRawNow(deflated, bytes.length)?.length).toBe(bytes.length);
  });

  test("a damaged stream is left to the reader that says what is wrong", () => {
    const damaged = deflated.slice();
    damaged[0] = 0xff;
    expect(inflateRawNow(damaged)).toBeUndefined();
  });

  test("the start of a part is its first bytes, whether the part is longer or shorter", () => {
    expect(inflateRawStart(deflated, 4096)).toEqual(bytes.subarray(0, 4096));
    const short = new Uint8Array(deflateRawSync(bytes.subarray(0, 100)));
    expect(inflateRawStart(short, 4096)).toEqual(bytes.subarray(0, 100));
  });

  test("a part stored without compression gives its start from a prefix too", () => {
    const stored = new Uint8Array(deflateRawSync(new Uint8Array(20_000).fill(65), { level: 0 }));
    expect(inflateRawStart(stored, 4096)).toEqual(new Uint8Array(4096).fill(65));
  });
});
