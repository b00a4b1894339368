'use strict';
// node read.js <sheetjs|exceljs|xlsx-populate> <file.xlsx> <request.json>
// request: { "names": ["DV_LD_VANBAN", ...], "cells": ["BaoCao!D12", ...] }
// Prints JSON: { "sheets": [{ "name", "hidden" }], "names": { name: value }, "cells": { "Sheet!A1": value } }.
// A value is a number, a string or null, read through the library's own API (cached results for formulas).
const fs = require('fs');
const { parseRef, splitCell, library } = require('./common');

async function main() {
  const [lib, file, requestFile] = process.argv.slice(2);
  const request = JSON.parse(fs.readFileSync(requestFile, 'utf8'));
  const read = { sheetjs: readSheetJs, exceljs: readExcelJs, 'xlsx-populate': readPopulate }[library(lib)];
  const result = await read(file, request.names ?? [], request.cells ?? []);
  process.stdout.write(JSON.stringify(result));
}

function readSheetJs(file, names, cells) {
  const XLSX = require('xlsx');
  const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer' });
  const defined = new Map((wb.Workbook?.Names ?? []).filter(n => n.Sheet === undefined).map(n => [n.Name, n.Ref]));
  const at = (sheet, cell) => {
    const ws = wb.Sheets[sheet];
    if (!ws) throw new Error(`No sheet ${sheet}`);
    const c = ws[cell];
    return c === undefined || c.v === undefined ? null : c.v;
  };
  return {
    sheets: wb.SheetNames.map((name, i) => ({ name, hidden: (wb.Workbook?.Sheets?.[i]?.Hidden ?? 0) !== 0 })),
    names: Object.fromEntries(names.map(n => {
      if (!defined.has(n)) throw new Error(`No defined name ${n}`);
      const { sheet, cell } = parseRef(defined.get(n));
      return [n, at(sheet, cell)];
    })),
    cells: Object.fromEntries(cells.map(c => { const { sheet, cell } = splitCell(c); return [c, at(sheet, cell)]; })),
  };
}

async function readExcelJs(file, names, cells) {
  const ExcelJS = require('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const plain = v => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'number' || typeof v === 'string') return v;
    if (v.richText) return v.richText.map(r => r.text).join('');
    if ('result' in v || 'formula' in v) return plain(v.result);
    if ('text' in v) return v.text;
    if ('error' in v) return v.error;
    return String(v);
  };
  const at = (sheet, cell) => {
    const ws = wb.getWorksheet(sheet);
    if (!ws) throw new Error(`No sheet ${sheet}`);
    return plain(ws.getCell(cell).value);
  };
  return {
    sheets: wb.worksheets.map(ws => ({ name: ws.name, hidden: ws.state !== 'visible' })),
    names: Object.fromEntries(names.map(n => {
      const ranges = wb.definedNames.getRanges(n).ranges;
      if (!ranges.length) throw new Error(`No defined name ${n}`);
      const { sheet, cell } = parseRef(ranges[0]);
      return [n, at(sheet, cell)];
    })),
    cells: Object.fromEntries(cells.map(c => { const { sheet, cell } = splitCell(c); return [c, at(sheet, cell)]; })),
  };
}

async function readPopulate(file, names, cells) {
  const XlsxPopulate = require('xlsx-populate');
  const wb = await XlsxPopulate.fromDataAsync(fs.readFileSync(file));
  const plain = v => {
    if (v === undefined || v === null) return null;
    if (typeof v === 'number' || typeof v === 'string') return v;
    if (typeof v.text === 'function') return v.text();
    return String(v);
  };
  const at = (sheet, cell) => {
    const ws = wb.sheet(sheet);
    if (!ws) throw new Error(`No sheet ${sheet}`);
    return plain(ws.cell(cell).value());
  };
  return {
    sheets: wb.sheets().map(ws => ({ name: ws.name(), hidden: ws.hidden() !== false })),
    names: Object.fromEntries(names.map(n => {
      const target = wb.definedName(n);
      if (!target) throw new Error(`No defined name ${n}`);
      const cell = typeof target.startCell === 'function' ? target.startCell() : target;
      return [n, plain(cell.value())];
    })),
    cells: Object.fromEntries(cells.map(c => { const { sheet, cell } = splitCell(c); return [c, at(sheet, cell)]; })),
  };
}

main().catch(e => { process.stderr.write(`${e.stack ?? e}\n`); process.exit(1); });
