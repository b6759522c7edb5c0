/** ExcelJS's default theme part (the Office theme), as the text it writes into every new workbook. */
declare module "exceljs/lib/xlsx/xml/theme1.js" {
  const xml: string;
  export default xml;
}
