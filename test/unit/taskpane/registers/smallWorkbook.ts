/**
 * Small workbooks for the Registers panel tests, built in memory: a risk
 * register kept by hand (title row, header on row 3, score formulas, no
 * drop-downs), and an empty one.
 */
import { XlsxHost } from "../../../../src/hosts/xlsx/xlsx-host";

export const RISK_HEADERS = ["Ref", "Risk Description", "Owner", "Likelihood", "Impact", "Score", "Status", "Notes"];

export const RISK_ROWS: (string | number)[][] = [
  ["R-001", "Supplier may deliver the switchgear late", "Priya Shah", 4, 4, 0, "Open", "Chased weekly"],
  ["R-002", "Planning consent conditions delay the start", "Tom Reid", 3, 5, 0, "Open", ""],
  ["R-003", "Key engineer leaves the team", "Priya Shah", 2, 3, 0, "Closed", "Handover done"],
  ["R-004", "Budget cut in the next spending review", "Ann Cole", 3, 4, 0, "Open", ""],
];

/** A risk register on sheet "Risks": title in A1, header in row 3, records in rows 4–7, Score as formulas. */
export function riskWorkbook(): XlsxHost {
  const host = XlsxHost.create("Project risks.xlsx");
  const ws = host.workbook.addWorksheet("Risks");
  ws.getCell("A1").value = "Depot upgrade – risk register";
  RISK_HEADERS.forEach((h, i) => (ws.getCell(3, i + 1).value = h));
  RISK_ROWS.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v === "") return;
      const cell = ws.getCell(4 + r, c + 1);
      if (RISK_HEADERS[c] === "Score") cell.value = { formula: `D${4 + r}*E${4 + r}`, result: (row[3] as number) * (row[4] as number) };
      else cell.value = v;
    });
  });
  return host;
}

/** A workbook with a notes sheet and nothing that looks like a register. */
export function emptyWorkbook(): XlsxHost {
  const host = XlsxHost.create("New programme.xlsx");
  const ws = host.workbook.addWorksheet("Notes");
  ws.getCell("A1").value = "Programme kick-off notes";
  ws.getCell("A2").value = "Agree the reporting cycle with the sponsor.";
  return host;
}

/** A short register detection is unsure of: four known headers and a "Who" column it cannot place. */
export function unsureWorkbook(): XlsxHost {
  const host = XlsxHost.create("Unsure.xlsx");
  const ws = host.workbook.addWorksheet("Log");
  ["Ref", "Risk Description", "Likelihood", "Impact", "Who"].forEach((h, i) => (ws.getCell(1, i + 1).value = h));
  for (let r = 2; r <= 6; r++) [`R-${r}`, `Risk ${r} may happen`, 3, 4, r % 2 ? "Priya Shah" : "Tom Reid"].forEach((v, c) => (ws.getCell(r, c + 1).value = v));
  return host;
}

/** A project schedule: shaped like a register, but of no kind a template names well. */
export function scheduleWorkbook(): XlsxHost {
  const host = XlsxHost.create("Schedule.xlsx");
  const ws = host.workbook.addWorksheet("Schedule");
  ["WBS", "Task Name", "Phase", "Assigned To", "Start", "Finish", "Duration (days)", "% Complete", "Predecessors", "Notes"].forEach((h, i) => (ws.getCell(1, i + 1).value = h));
  for (let t = 0; t < 8; t++) {
    const start = new Date(Date.UTC(2025, 0, 6 + 7 * t));
    [`1.${t + 1}`, `Build task ${t + 1}`, "Build", t % 2 ? "Priya Shah" : "Tom Reid", start, new Date(start.getTime() + 5 * 86_400_000), 5, t < 3 ? 1 : 0, t ? `1.${t}` : "", t % 3 ? "" : "Waiting on supplier"].forEach(
      (v, c) => (ws.getCell(2 + t, c + 1).value = v),
    );
  }
  return host;
}
