'use strict';
// Shared by read.js and write.js: which library, and how a defined name's reference splits into sheet and cell.

/** "BaoCao!$D$12:$D$12" or "'Tổng hợp'!$A$1" -> { sheet: "BaoCao", cell: "D12" } (first cell of the range). */
function parseRef(ref) {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+)/.exec(String(ref).trim().replace(/^=/, ''));
  if (!m) throw new Error(`Unreadable reference: ${ref}`);
  return { sheet: (m[1] ?? m[2]).replace(/''/g, "'"), cell: m[3] + m[4] };
}

/** "Tổng hợp!A1" (as the tests ask for cells) -> { sheet, cell }. */
function splitCell(text) {
  const i = text.lastIndexOf('!');
  return { sheet: text.slice(0, i), cell: text.slice(i + 1) };
}

const libraries = ['sheetjs', 'exceljs', 'xlsx-populate'];

function library(name) {
  if (!libraries.includes(name)) throw new Error(`Unknown library ${name}; one of ${libraries.join(', ')}`);
  return name;
}

module.exports = { parseRef, splitCell, library };
