/**
 * The data validations of an ExcelJS sheet, kept as range keys.
 *
 * ExcelJS's own reader expands every `sqref` into one key per cell, so a
 * validation over whole columns (E2:G1048576) becomes millions of keys that
 * every later look-up and ExcelJS's own writer then walk. The host reads the
 * validations itself (validations-load.ts) and keeps one key per rectangle
 * ("E2:G1048576"), which ExcelJS's writer takes as it is. Single cells keep
 * cell keys ("B2"). Keys never overlap, so each cell has at most one.
 */
import type ExcelJS from "exceljs";
import { formatCell, formatRange, parseCell, parseRange, rangeHeight, rangesIntersect, rangeWidth, type RangeAddress } from "../../core/grid/address";

export type ValidationModel = Record<string, ExcelJS.DataValidation | undefined>;

export function validationModel(sheet: ExcelJS.Worksheet): ValidationModel {
  // ExcelJS leaves the model out of its typings; it writes range keys as they are and cell keys merged where alike.
  return (sheet as unknown as { dataValidations: { model: ValidationModel } }).dataValidations.model;
}

export interface RangeKey {
  key: string;
  r: RangeAddress;
}

/** The model's keys: rectangles parsed, single cells only counted and listed (they are looked up directly). */
export function keysOf(model: ValidationModel): { ranges: RangeKey[]; cells: string[] } {
  const ranges: RangeKey[] = [];
  const cells: string[] = [];
  for (const key in model) {
    if (model[key] === undefined) continue;
    if (key.includes(":")) {
      const r = parseRange(key);
      if (r) ranges.push({ key, r });
    } else cells.push(key);
  }
  return { ranges, cells };
}

/** Single-cell keys inside `range`: by looking each cell up, or by reading the list of cell keys when that is shorter. */
function cellKeysInside(model: ValidationModel, cells: string[], range: RangeAddress): { key: string; row: number; col: number }[] {
  const out: { key: string; row: number; col: number }[] = [];
  if (cells.length < rangeWidth(range) * rangeHeight(range)) {
    for (const key of cells) {
      const a = parseCell(key);
      if (a && a.row >= range.top && a.row <= range.bottom && a.col >= range.left && a.col <= range.right) out.push({ key, ...a });
    }
    return out;
  }
  for (let row = range.top; row <= range.bottom; row++) {
    for (let col = range.left; col <= range.right; col++) {
      const key = formatCell({ row, col });
      if (model[key] !== undefined) out.push({ key, row, col });
    }
  }
  return out;
}

/** A validation's part of the range: where it applies and what it is. */
export interface ValidationPiece {
  range: RangeAddress;
  validation: ExcelJS.DataValidation;
}

/** What lies on `range`, as disjoint pieces (cells with none are not listed). */
export function validationPieces(model: ValidationModel, range: RangeAddress): ValidationPiece[] {
  const { ranges, cells } = keysOf(model);
  const pieces: ValidationPiece[] = [];
  for (const k of ranges) {
    if (!rangesIntersect(k.r, range)) continue;
    const v = model[k.key];
    if (!v) continue;
    pieces.push({
      range: { top: Math.max(k.r.top, range.top), bottom: Math.min(k.r.bottom, range.bottom), left: Math.max(k.r.left, range.left), right: Math.min(k.r.right, range.right) },
      validation: v,
    });
  }
  for (const c of cellKeysInside(model, cells, range)) {
    const v = model[c.key];
    if (v) pieces.push({ range: { top: c.row, bottom: c.row, left: c.col, right: c.col }, validation: v });
  }
  return pieces;
}

/** outer minus inner as up to four rectangles (bands above, below, left, right). */
export function subtractRange(outer: RangeAddress, inner: RangeAddress): RangeAddress[] {
  if (!rangesIntersect(outer, inner)) return [outer];
  const out: RangeAddress[] = [];
  if (outer.top < inner.top) out.push({ ...outer, bottom: inner.top - 1 });
  if (outer.bottom > inner.bottom) out.push({ ...outer, top: inner.bottom + 1 });
  const top = Math.max(outer.top, inner.top);
  const bottom = Math.min(outer.bottom, inner.bottom);
  if (outer.left < inner.left) out.push({ top, bottom, left: outer.left, right: inner.left - 1 });
  if (outer.right > inner.right) out.push({ top, bottom, left: inner.right + 1, right: outer.right });
  return out;
}

/**
 * Takes every validation off `range`: cell keys inside it are deleted, range
 * keys that cross it are cut into the parts outside it. Work is proportional
 * to the range or to the model's keys, whichever is smaller, plus the range keys.
 */
export function clearValidations(model: ValidationModel, range: RangeAddress): void {
  const { ranges, cells } = keysOf(model);
  for (const c of cellKeysInside(model, cells, range)) delete model[c.key];
  for (const k of ranges) {
    if (!rangesIntersect(k.r, range)) continue;
    const v = model[k.key];
    delete model[k.key];
    for (const part of subtractRange(k.r, range)) model[formatRange(part)] = v;
  }
}

/** Sets `validation` on `range`, replacing what was there (later wins, as when Excel reads overlapping entries). */
export function putValidation(model: ValidationModel, range: RangeAddress, validation: ExcelJS.DataValidation): void {
  clearValidations(model, range);
  model[formatRange(range)] = validation;
}
