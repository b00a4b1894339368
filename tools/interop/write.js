'use strict';
// node write.js <sheetjs|exceljs|xlsx-populate> <in.xlsx> <out.xlsx> <values.json>
// values: { "DV_LD_VANBAN": 42, "DV_NX_KETQUA": "text", ... } — each cell found by its defined name and set
// through the library's own API, as a province's script would; then the library saves the workbook its way.
const fs = require('fs');
const { parseRef, library } = require('./common');

async function main() {
  const [lib, input, output, valuesFile] = process.argv.slice(2);
  const values = JSON.parse(fs.readFileSync(valuesFile, 'utf8'));
  const write = { sheetjs: writeSheetJs, exceljs: writeExcelJs, 'xlsx-populate': writePopulate }[library(lib)];
  await write(input, output, values);
}

function writeSheetJs(input, output, values) {
  const XLSX = require('xlsx');
  const wb = XLSX.read(fs.readFileSync(input), { type: 'buffer', cellStyles: true });
  const defined = new Map((wb.Workbook?.Names ?? []).filter(n => n.Sheet === undefined).map(n => [n.Name, n.Ref]));
  for (const [name, value] of Object.entries(values)) {
    if (!defined.has(name)) throw new Error(`No defined name ${name}`);
    const { sheet, cell } = parseRef(defined.get(name));
    const ws = wb.Sheets[sheet];
    ws[cell] = typeof value === 'number' ? { t: 'n', v: value } : { t: 's', v: String(value) };
  }
  fs.writeFileSync(output, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
}

async function writeExcelJs(input, output, values) {
  const ExcelJS = require('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(input);
  for (const [name, value] of Object.entries(values)) {
    const ranges = wb.definedNames.getRanges(name).ranges;
    if (!ranges.length) throw new Error(`No defined name ${name}`);
    const { sheet, cell } = parseRef(ranges[0]);
    wb.getWorksheet(sheet).getCell(cell).value = value;
  }
  await wb.xlsx.writeFile(output);
}

async function writePopulate(input, output, values) {
  const XlsxPopulate = require('xlsx-populate');
  const wb = await XlsxPopulate.fromDataAsync(fs.readFileSync(input));
  for (const [name, value] of Object.entries(values)) {
    const target = wb.definedName(name);
    if (!target) throw new Error(`No defined name ${name}`);
    (typeof target.startCell === 'function' ? target.startCell() : target).value(value);
  }
  await wb.toFileAsync(output);
}

main().catch(e => { process.stderr.write(`${e.stack ?? e}\n`); process.exit(1); });
