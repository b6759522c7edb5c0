/**
 * Reads a sheet part's data validations into ExcelJS's model shape, one key
 * per rectangle (see validation-model.ts for why ExcelJS is not left to do it).
 *
 * Two places hold them: <dataValidations> (what ExcelJS reads, parsed here to
 * the same model ExcelJS would make) and, since Excel 2010, the x14 extension
 * under <extLst>, where Excel puts validations whose list or bounds refer to
 * another sheet (Definitions!$B$2:$B$31). ExcelJS ignores the extension, so
 * those drop-downs vanished on save; here they join the others, and ExcelJS
 * writes them in <dataValidations>, which Excel 2010 and later read.
 */
import type ExcelJS from "exceljs";
import { formatRange, parseRange, rangesIntersect, type RangeAddress } from "../../core/grid/address";
import { childNamed, childrenNamed, elementSources, parseXmlFragment, type XmlElement } from "./mini-xml";
import { putValidation, type ValidationModel } from "./validation-model";

const parseBoolean = (v: string) => v === "true" || v === "1";

/** Excel's day count to a Date, as ExcelJS converts date bounds. */
function excelToDate(v: number): Date {
  return new Date(Math.round((v - 25569) * 24 * 3600 * 1000));
}

/** The model ExcelJS's DataValidationsXform makes of one <dataValidation>, from its attributes and formula texts. */
function validationOf(attrs: Record<string, string>, formulaTexts: string[]): ExcelJS.DataValidation {
  const type = attrs.type || "any";
  const v: Record<string, unknown> = { type, formulae: [] };
  if (attrs.type && attrs.allowBlank !== undefined) v.allowBlank = parseBoolean(attrs.allowBlank);
  if (attrs.showInputMessage !== undefined) v.showInputMessage = parseBoolean(attrs.showInputMessage);
  if (attrs.showErrorMessage !== undefined) v.showErrorMessage = parseBoolean(attrs.showErrorMessage);
  if (type !== "any" && type !== "list" && type !== "custom") v.operator = attrs.operator ?? "between";
  for (const name of ["promptTitle", "prompt", "errorStyle", "errorTitle", "error"]) if (attrs[name] !== undefined) v[name] = attrs[name];
  const formulae = formulaTexts.map((text): unknown => {
    switch (type) {
      case "whole":
      case "textLength":
        return parseInt(text, 10);
      case "decimal":
        return parseFloat(text);
      case "date":
        return excelToDate(parseFloat(text));
      default:
        return text;
    }
  });
  if (formulae.length) v.formulae = formulae;
  else {
    delete v.formulae;
    delete v.operator;
  }
  return v as unknown as ExcelJS.DataValidation;
}

interface ReadValidation {
  sqref: string;
  validation: ExcelJS.DataValidation;
}

function mainValidations(xml: string): ReadValidation[] {
  const out: ReadValidation[] = [];
  for (const src of elementSources(xml, "dataValidations")) {
    for (const root of parseXmlFragment(src)) {
      for (const dv of childrenNamed(root, "dataValidation")) {
        const texts = ["formula1", "formula2"].map((n) => childNamed(dv, n)).filter((f): f is XmlElement => !!f).map((f) => f.text);
        out.push({ sqref: dv.attrs.sqref ?? "", validation: validationOf(dv.attrs, texts) });
      }
    }
  }
  return out;
}

function extensionValidations(xml: string): ReadValidation[] {
  const out: ReadValidation[] = [];
  for (const src of elementSources(xml, "x14:dataValidations")) {
    for (const root of parseXmlFragment(src)) {
      for (const dv of childrenNamed(root, "x14:dataValidation")) {
        const texts = ["x14:formula1", "x14:formula2"]
          .map((n) => childNamed(dv, n))
          .filter((f): f is XmlElement => !!f)
          .map((f) => childNamed(f, "xm:f")?.text ?? f.text);
        out.push({ sqref: childNamed(dv, "xm:sqref")?.text ?? "", validation: validationOf(dv.attrs, texts) });
      }
    }
  }
  return out;
}

/**
 * The sheet's validations keyed by rectangle. Parts of a sqref that are not
 * A1 ranges keep their text as the key, as ExcelJS would write them back.
 */
export function validationsFromSheetXml(xml: string): ValidationModel {
  const model: ValidationModel = {};
  const placed: RangeAddress[] = [];
  const all = [...(xml.includes("dataValidation") ? mainValidations(xml) : []), ...(xml.includes("x14:dataValidation") ? extensionValidations(xml) : [])];
  for (const { sqref, validation } of all) {
    for (const part of sqref.split(/\s+/).filter(Boolean)) {
      const r = parseRange(part);
      if (!r) {
        model[part] = validation;
        continue;
      }
      // Overlaps are rare (Excel never writes them); the later entry wins, as in ExcelJS's per-cell reading.
      if (placed.some((p) => rangesIntersect(p, r))) putValidation(model, r, validation);
      else model[formatRange(r)] = validation;
      placed.push(r);
    }
  }
  return model;
}
