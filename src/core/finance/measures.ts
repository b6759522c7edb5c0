/**
 * Earned value measures (PMO reference §3), each defined once with both its
 * arithmetic and its Excel formula, so the workbook's live formulas and the
 * figures core shows cannot drift apart. A measure whose operand has no value
 * or whose divisor is zero has no value: null here, "" in a cell.
 */
export const EVM_INPUTS = ["bac", "pv", "ev", "ac", "etcEstimate"] as const;
export type EvmInput = (typeof EVM_INPUTS)[number];

export const EAC_METHODS = {
  cpi: "BAC / CPI (typical: cost performance persists)",
  atypical: "AC + (BAC − EV) (atypical: remaining work at budget)",
  cpiSpi: "AC + (BAC − EV) / (CPI × SPI)",
  bottomUp: "AC + ETC estimate (bottom-up)",
} as const;
export type EacMethod = keyof typeof EAC_METHODS;
export const EAC_METHOD_IDS = Object.keys(EAC_METHODS) as EacMethod[];

export const EVM_MEASURES = [
  "cv", "sv", "cvPercent", "svPercent", "cpi", "spi", "csi",
  "eacCpi", "eacAtypical", "eacCpiSpi", "eacBottomUp",
  "eac", "etc", "vac", "tcpiBac", "tcpiEac", "percentComplete",
] as const;
export type EvmMeasure = (typeof EVM_MEASURES)[number];
export type EvmOperand = EvmInput | EvmMeasure;
export type EvmValues = Record<EvmOperand, number | null>;

export type MeasureFormat = "amount" | "index" | "percent";

/** One computed figure over named operands (inputs or figures defined before it). */
export interface MeasureDef<O extends string = EvmOperand> {
  id: O;
  label: string;
  format: MeasureFormat;
  operands: O[];
  /** The expression that must not be zero, when the measure divides. */
  divisor?: { value: (v: Record<O, number>) => number; excel: (r: (o: O) => string) => string };
  value: (v: Record<O, number>) => number;
  excel: (r: (o: O) => string) => string;
}

export function by<O extends string>(o: O): NonNullable<MeasureDef<O>["divisor"]> {
  return { value: (v) => v[o], excel: (r) => r(o) };
}

/**
 * a − b as spreadsheets compute it: Excel and LibreOffice give exactly 0 when
 * the two differ only in the last bits of the double (LibreOffice's approxSub
 * uses 2^-48 relative), so an EAC of 81199.99999999999 less an AC of 81200 is
 * 0 there and the guarded division is empty; core must agree.
 */
export function sheetSub(a: number, b: number): number {
  if (a === b) return 0;
  if (Math.sign(a) === Math.sign(b) && Math.abs(a - b) <= Math.max(Math.abs(a), Math.abs(b)) * 2 ** -48) return 0;
  return a - b;
}

const EAC_BY_METHOD: Record<EacMethod, EvmMeasure> = { cpi: "eacCpi", atypical: "eacAtypical", cpiSpi: "eacCpiSpi", bottomUp: "eacBottomUp" };

/** The measures in an order where each uses only inputs and measures before it. */
export function measureDefinitions(method: EacMethod): MeasureDef<EvmOperand>[] {
  const chosen = EAC_BY_METHOD[method];
  return [
    { id: "cv", label: "CV", format: "amount", operands: ["ev", "ac"], value: (v) => sheetSub(v.ev, v.ac), excel: (r) => `${r("ev")}-${r("ac")}` },
    { id: "sv", label: "SV", format: "amount", operands: ["ev", "pv"], value: (v) => sheetSub(v.ev, v.pv), excel: (r) => `${r("ev")}-${r("pv")}` },
    { id: "cvPercent", label: "CV%", format: "percent", operands: ["cv", "ev"], divisor: by("ev"), value: (v) => v.cv / v.ev, excel: (r) => `${r("cv")}/${r("ev")}` },
    { id: "svPercent", label: "SV%", format: "percent", operands: ["sv", "pv"], divisor: by("pv"), value: (v) => v.sv / v.pv, excel: (r) => `${r("sv")}/${r("pv")}` },
    { id: "cpi", label: "CPI", format: "index", operands: ["ev", "ac"], divisor: by("ac"), value: (v) => v.ev / v.ac, excel: (r) => `${r("ev")}/${r("ac")}` },
    { id: "spi", label: "SPI", format: "index", operands: ["ev", "pv"], divisor: by("pv"), value: (v) => v.ev / v.pv, excel: (r) => `${r("ev")}/${r("pv")}` },
    { id: "csi", label: "CSI", format: "index", operands: ["cpi", "spi"], value: (v) => v.cpi * v.spi, excel: (r) => `${r("cpi")}*${r("spi")}` },
    { id: "eacCpi", label: "EAC (BAC/CPI)", format: "amount", operands: ["bac", "cpi"], divisor: by("cpi"), value: (v) => v.bac / v.cpi, excel: (r) => `${r("bac")}/${r("cpi")}` },
    { id: "eacAtypical", label: "EAC (AC+BAC−EV)", format: "amount", operands: ["ac", "bac", "ev"], value: (v) => v.ac + sheetSub(v.bac, v.ev), excel: (r) => `${r("ac")}+(${r("bac")}-${r("ev")})` },
    {
      id: "eacCpiSpi",
      label: "EAC (CPI×SPI)",
      format: "amount",
      operands: ["ac", "bac", "ev", "cpi", "spi"],
      divisor: { value: (v) => v.cpi * v.spi, excel: (r) => `${r("cpi")}*${r("spi")}` },
      value: (v) => v.ac + sheetSub(v.bac, v.ev) / (v.cpi * v.spi),
      excel: (r) => `${r("ac")}+(${r("bac")}-${r("ev")})/(${r("cpi")}*${r("spi")})`,
    },
    { id: "eacBottomUp", label: "EAC (AC+ETC)", format: "amount", operands: ["ac", "etcEstimate"], value: (v) => v.ac + v.etcEstimate, excel: (r) => `${r("ac")}+${r("etcEstimate")}` },
    { id: "eac", label: "EAC", format: "amount", operands: [chosen], value: (v) => v[chosen], excel: (r) => r(chosen) },
    { id: "etc", label: "ETC", format: "amount", operands: ["eac", "ac"], value: (v) => sheetSub(v.eac, v.ac), excel: (r) => `${r("eac")}-${r("ac")}` },
    { id: "vac", label: "VAC", format: "amount", operands: ["bac", "eac"], value: (v) => sheetSub(v.bac, v.eac), excel: (r) => `${r("bac")}-${r("eac")}` },
    {
      id: "tcpiBac",
      label: "TCPI (BAC)",
      format: "index",
      operands: ["bac", "ev", "ac"],
      divisor: { value: (v) => sheetSub(v.bac, v.ac), excel: (r) => `${r("bac")}-${r("ac")}` },
      value: (v) => sheetSub(v.bac, v.ev) / sheetSub(v.bac, v.ac),
      excel: (r) => `(${r("bac")}-${r("ev")})/(${r("bac")}-${r("ac")})`,
    },
    {
      id: "tcpiEac",
      label: "TCPI (EAC)",
      format: "index",
      operands: ["bac", "ev", "eac", "ac"],
      divisor: { value: (v) => sheetSub(v.eac, v.ac), excel: (r) => `${r("eac")}-${r("ac")}` },
      value: (v) => sheetSub(v.bac, v.ev) / sheetSub(v.eac, v.ac),
      excel: (r) => `(${r("bac")}-${r("ev")})/(${r("eac")}-${r("ac")})`,
    },
    { id: "percentComplete", label: "% complete", format: "percent", operands: ["ev", "bac"], divisor: by("bac"), value: (v) => v.ev / v.bac, excel: (r) => `${r("ev")}/${r("bac")}` },
  ];
}

/** Every measure from the inputs; null where an operand has no value or a divisor is zero. */
export function evmMeasures(inputs: Record<EvmInput, number | null>, method: EacMethod): EvmValues {
  return evaluate(measureDefinitions(method), inputs) as EvmValues;
}

/** The figures of `defs` over `inputs`, in order; null where an operand has no value or a divisor is zero. */
export function evaluate<O extends string>(defs: readonly MeasureDef<O>[], inputs: Partial<Record<O, number | null>>): Record<O, number | null> {
  const v = { ...inputs } as Record<O, number | null>;
  for (const def of defs) {
    const ready = def.operands.every((o) => v[o] !== null && v[o] !== undefined);
    if (!ready) {
      v[def.id] = null;
      continue;
    }
    const known = v as Record<O, number>;
    if (def.divisor && def.divisor.value(known) === 0) {
      v[def.id] = null;
      continue;
    }
    const result = def.value(known);
    v[def.id] = Number.isFinite(result) ? result : null;
  }
  return v;
}

/**
 * The live formula of a measure, given where its operands are: empty text
 * when an operand is empty or a divisor is zero, so no cell shows #DIV/0!.
 */
export function measureFormula<O extends string>(def: MeasureDef<O>, ref: (o: O) => string): string {
  // OR evaluates every argument, so the divisor is tested only once the operands are known to be numbers.
  const body = def.divisor ? `IF(${def.divisor.excel(ref)}=0,"",${def.excel(ref)})` : def.excel(ref);
  return `=IF(OR(${def.operands.map((o) => `${ref(o)}=""`).join(",")}),"",${body})`;
}
