/**
 * Draws the add-in's icons (assets/icon-<size>.png): a register sheet whose
 * header row sits over a small risk matrix (green → amber → red).
 *
 * Every size has its own pixel layout so cell edges fall on whole pixels and
 * stay sharp; only the rounded tile corners are anti-aliased. Office scales
 * nothing when the right size exists, so each one is drawn, not resized.
 *
 * Run: npx tsx scripts/make-icons.ts   (writes into assets/)
 */
import fs from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";

type Rgb = readonly [number, number, number];

const colours = {
  frame: [0x1b, 0x3a, 0x5c] as Rgb, // deep slate blue: the sheet's gridlines
  header: [0xf4, 0xf7, 0xfb] as Rgb,
  headerText: [0x8a, 0x9b, 0xb0] as Rgb,
  low: [0x3f, 0xa3, 0x4d] as Rgb,
  medium: [0xf2, 0xb2, 0x33] as Rgb,
  high: [0xd9, 0x45, 0x3a] as Rgb,
};

/** Rating of each matrix cell, top row first (highest likelihood at the top). */
const matrix: readonly (readonly ("low" | "medium" | "high")[])[] = [
  ["medium", "high", "high"],
  ["low", "medium", "high"],
  ["low", "low", "medium"],
];

/**
 * Pixel layout of one size. Widths: pad + 3·col + 2·gap + pad = size.
 * Heights: pad + header + gap + 3·row + 3·gap + pad = size.
 */
interface Layout {
  size: number;
  pad: number;
  gap: number;
  col: number;
  header: number;
  row: number;
  /** Radius of the tile's outer corners. */
  tileRadius: number;
  /** Radius of each cell's corners (0 keeps them square, best at small sizes). */
  cellRadius: number;
  /** Draw a short "column name" bar in the header cells (needs room). */
  headerText: boolean;
}

export const layouts: readonly Layout[] = [
  { size: 16, pad: 1, gap: 1, col: 4, header: 2, row: 3, tileRadius: 1.5, cellRadius: 0, headerText: false },
  { size: 32, pad: 3, gap: 1, col: 8, header: 5, row: 6, tileRadius: 4, cellRadius: 0, headerText: false },
  { size: 64, pad: 6, gap: 2, col: 16, header: 10, row: 12, tileRadius: 8, cellRadius: 1.5, headerText: true },
  { size: 80, pad: 7, gap: 3, col: 20, header: 12, row: 15, tileRadius: 10, cellRadius: 2, headerText: true },
  { size: 128, pad: 12, gap: 4, col: 32, header: 20, row: 24, tileRadius: 16, cellRadius: 3, headerText: true },
];

function checkLayout(l: Layout): void {
  const width = 2 * l.pad + 3 * l.col + 2 * l.gap;
  const height = 2 * l.pad + l.header + 3 * l.row + 3 * l.gap;
  if (width !== l.size || height !== l.size) {
    throw new Error(`Icon layout ${l.size}: cells add up to ${width}×${height}, not ${l.size}×${l.size}`);
  }
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
  r: number;
}

/** Share of pixel (px, py) covered by a rounded rectangle, from 4×4 samples. */
function coverage(rect: Rect, px: number, py: number): number {
  const n = 4;
  let inside = 0;
  for (let sy = 0; sy < n; sy++) {
    for (let sx = 0; sx < n; sx++) {
      const x = px + (sx + 0.5) / n;
      const y = py + (sy + 0.5) / n;
      if (insideRoundedRect(rect, x, y)) inside++;
    }
  }
  return inside / (n * n);
}

function insideRoundedRect({ x, y, w, h, r }: Rect, px: number, py: number): boolean {
  if (px < x || py < y || px > x + w || py > y + h) return false;
  if (r <= 0) return true;
  const cx = Math.min(Math.max(px, x + r), x + w - r);
  const cy = Math.min(Math.max(py, y + r), y + h - r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
}

class Canvas {
  readonly png: PNG;
  constructor(readonly size: number) {
    this.png = new PNG({ width: size, height: size });
    this.png.data.fill(0);
  }

  /** Paints a rounded rectangle over what is there (source-over blending). */
  fill(rect: Rect, colour: Rgb): void {
    const x0 = Math.max(0, Math.floor(rect.x));
    const y0 = Math.max(0, Math.floor(rect.y));
    const x1 = Math.min(this.size, Math.ceil(rect.x + rect.w));
    const y1 = Math.min(this.size, Math.ceil(rect.y + rect.h));
    for (let py = y0; py < y1; py++) {
      for (let px = x0; px < x1; px++) {
        const a = coverage(rect, px, py);
        if (a > 0) this.blend(px, py, colour, a);
      }
    }
  }

  private blend(px: number, py: number, [r, g, b]: Rgb, alpha: number): void {
    const i = (py * this.size + px) * 4;
    const d = this.png.data;
    const dstA = d[i + 3]! / 255;
    const outA = alpha + dstA * (1 - alpha);
    const mix = (src: number, dst: number): number =>
      Math.round((src * alpha + dst * dstA * (1 - alpha)) / outA);
    d[i] = mix(r, d[i]!);
    d[i + 1] = mix(g, d[i + 1]!);
    d[i + 2] = mix(b, d[i + 2]!);
    d[i + 3] = Math.round(outA * 255);
  }
}

export function drawIcon(l: Layout): PNG {
  checkLayout(l);
  const c = new Canvas(l.size);
  c.fill({ x: 0, y: 0, w: l.size, h: l.size, r: l.tileRadius }, colours.frame);

  const colX = (i: number): number => l.pad + i * (l.col + l.gap);
  for (let i = 0; i < 3; i++) {
    c.fill({ x: colX(i), y: l.pad, w: l.col, h: l.header, r: l.cellRadius }, colours.header);
    if (l.headerText) {
      // A short grey bar reads as a column name at sizes where text would be mush.
      const barH = Math.max(2, Math.round(l.header / 5));
      const barW = Math.round(l.col * (i === 0 ? 0.6 : 0.45));
      const inset = Math.round((l.col - l.col * 0.6) / 2);
      const barY = l.pad + Math.round((l.header - barH) / 2);
      c.fill({ x: colX(i) + inset, y: barY, w: barW, h: barH, r: barH / 2 }, colours.headerText);
    }
  }

  const firstRowY = l.pad + l.header + l.gap;
  matrix.forEach((ratings, rowIndex) => {
    ratings.forEach((rating, colIndex) => {
      const y = firstRowY + rowIndex * (l.row + l.gap);
      c.fill({ x: colX(colIndex), y, w: l.col, h: l.row, r: l.cellRadius }, colours[rating]);
    });
  });
  return c.png;
}

function main(): void {
  const outDir = path.resolve(__dirname, "..", "assets");
  fs.mkdirSync(outDir, { recursive: true });
  for (const layout of layouts) {
    const file = path.join(outDir, `icon-${layout.size}.png`);
    fs.writeFileSync(file, PNG.sync.write(drawIcon(layout)));
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
  }
}

if (require.main === module) main();
