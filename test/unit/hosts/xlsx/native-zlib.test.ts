/**
 * Inflating package parts with the platform's zlib: text decoded piece by
 * piece must come out whole even where a piece ends inside a character.
 */
import { deflateRawSync } from "node:zlib";
import { inflateRawPieces, inflateText, inflateTextPieces, nodeZlib, wholeCharactersEnd } from "../../../../src/hosts/xlsx/package/native-zlib";
import { crc32, deflateWithCrc } from "../../../../src/hosts/xlsx/package/zip-writer";

test("in Node, Node's own zlib is what inflates and deflates", () => {
  expect(nodeZlib()).toBeDefined();
});

test("a part deflated by zlib inflates back, with the CRC-32 of its bytes", async () => {
  const raw = new TextEncoder().encode("<sheetData>" + "<row><c><v>1</v></c></row>".repeat(5000) + "</sheetData>");
  const { compressed, crc } = await deflateWithCrc(raw);
  expect(compressed.length).toBeLessThan(raw.length / 10);
  expect(crc).toBe(crc32(raw));
  expect(await inflateText(compressed)).toBe(new TextDecoder().decode(raw));
});

const bytes = (...b: number[]) => new Uint8Array(b);

describe("UTF-8 piece ends", () => {
  test("a piece ending in ASCII or a whole character is whole", () => {
    expect(wholeCharactersEnd(bytes(0x61, 0x62))).toBe(2);
    expect(wholeCharactersEnd(bytes(0x61, 0xc3, 0xa9))).toBe(3); // é
    expect(wholeCharactersEnd(bytes(0xf0, 0x9d, 0x84, 0x9e))).toBe(4); // 𝄞
    expect(wholeCharactersEnd(bytes())).toBe(0);
  });

  test("a character cut off at the end is left for the next piece", () => {
    expect(wholeCharactersEnd(bytes(0x61, 0xc3))).toBe(1);
    expect(wholeCharactersEnd(bytes(0x61, 0xe2, 0x82))).toBe(1); // € cut after two of three bytes
    expect(wholeCharactersEnd(bytes(0x61, 0xf0, 0x9d, 0x84))).toBe(1);
  });
});

describe("inflating text in pieces", () => {
  // Over a megabyte (the inflater's piece size), with two-, three- and four-byte characters at every offset.
  const text = Array.from({ length: 120_000 }, (_, i) => `é€𝄞${"a".repeat(i % 4)}<c r="A${i}"/>`).join("");
  const compressed = deflateRawSync(Buffer.from(text, "utf8"));

  test("the pieces join to the text, every character whole", async () => {
    const pieces: string[] = [];
    for await (const p of inflateTextPieces(compressed)!) pieces.push(p);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join("")).toBe(text);
  });

  test("the whole text comes out as one", async () => {
    expect(await inflateText(compressed)).toBe(text);
  });

  test("a reader that stops early stops the inflating, and a damaged stream throws where it is read", async () => {
    let seen = 0;
    for await (const p of inflateRawPieces(compressed)!) {
      seen += p.byteLength;
      break;
    }
    expect(seen).toBeGreaterThan(0);
    const damaged = compressed.slice(0, 100);
    damaged[50] ^= 0xff;
    await expect(inflateText(new Uint8Array([0xff, 0xff, 0xff, ...damaged]))).rejects.toThrow();
  });
});

describe("without Node's zlib (as in a browser): the platform's compression streams", () => {
  let spy: jest.SpyInstance | undefined;
  beforeEach(() => {
    spy = jest.spyOn(process as unknown as { getBuiltinModule: (id: string) => unknown }, "getBuiltinModule").mockReturnValue(undefined);
  });
  afterEach(() => spy?.mockRestore());

  test("deflate with the CRC-32 and inflate back, whole and in pieces", async () => {
    expect(nodeZlib()).toBeUndefined();
    const text = "é€𝄞<row/>".repeat(200_000);
    const raw = new TextEncoder().encode(text);
    const { compressed, crc } = await deflateWithCrc(raw);
    expect(crc).toBe(crc32(raw));
    expect(await inflateText(compressed)).toBe(text);
    const pieces: string[] = [];
    for await (const p of inflateTextPieces(compressed)!) pieces.push(p);
    expect(pieces.join("")).toBe(text);
  });
});
