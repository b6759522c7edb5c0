/**
 * A ledger file the user picked, read in the pane with the file host: a CSV
 * streamed from the file in blocks (never held whole), a workbook read from
 * its package sheet by sheet.
 */
import { csvRowBlocks } from "../../../hosts/xlsx/csv";
import { ledgerRowsFromHost, type LedgerBlock, type LedgerRows } from "../../../jobs/reconcile";
import { loadFileHost } from "../../files/fileHost";

async function* fileBlocks(file: File): AsyncGenerator<LedgerBlock> {
  const reader = file.stream().getReader();
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  }
  for await (const values of csvRowBlocks(chunks())) yield { values };
}

export async function ledgerRowsFromFile(file: File): Promise<LedgerRows> {
  if (/\.csv$/i.test(file.name)) return { file: file.name, sheet: file.name.replace(/\.csv$/i, ""), blocks: fileBlocks(file) };
  const { PackageWorkbook } = await loadFileHost();
  const book = await PackageWorkbook.open(new Uint8Array(await file.arrayBuffer()), file.name);
  return ledgerRowsFromHost(book, file.name);
}
