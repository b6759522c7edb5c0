/** The icons in assets/ are the ones scripts/make-icons.ts draws, so the script stays their source. */
import fs from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";
import { drawIcon, layouts } from "../../../scripts/make-icons";

const assets = path.resolve(__dirname, "../../../assets");

describe.each(layouts.map((l) => [l.size, l] as const))("icon-%i.png", (size, layout) => {
  const committed = PNG.sync.read(fs.readFileSync(path.join(assets, `icon-${size}.png`)));
  const drawn = drawIcon(layout);

  it("matches what the script draws today (run `npm run icons` after changing it)", () => {
    expect([committed.width, committed.height]).toEqual([size, size]);
    expect(Buffer.compare(committed.data, drawn.data)).toBe(0);
  });

  it("has transparent corners and an opaque middle, so it sits on any ribbon colour", () => {
    const alpha = (x: number, y: number): number => committed.data[(y * size + x) * 4 + 3]!;
    expect(alpha(0, 0)).toBeLessThan(255);
    expect(alpha(size - 1, size - 1)).toBeLessThan(255);
    expect(alpha(size >> 1, size >> 1)).toBe(255);
  });
});
