import { Zip, ZipDeflate, strToU8 } from 'fflate';
import { neutraliseFormula } from './formula-injection';

/**
 * A minimal Office Open XML workbook (one sheet) written straight to a streaming zip (fflate):
 * the sheet's XML goes out in chunks as rows are produced, so a 500,000-row export never holds
 * the sheet as one string. Cells are typed: numbers, booleans and datetimes (Excel serial dates
 * with a date format) are real numbers/booleans in the file, everything else inline text.
 * Run it in the worker: it is CPU work the page should not wait on.
 */

/** One typed cell. `{ epochMs }` is a UTC datetime. */
export type XlsxCell = null | number | boolean | string | { epochMs: number };

export interface XlsxColumn {
  name: string;
  /** Character width hint for the column. */
  width?: number;
}

export interface XlsxOptions {
  sheetName?: string;
  /** Prefix formula-like text cells with ' as the CSV export does (default true). */
  neutraliseFormulas?: boolean;
  /** Called every few thousand rows with the rows written so far. */
  onProgress?: (rows: number) => void;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Excel's sheet limit is 1,048,576 rows, one of them the header. */
export const XLSX_ROW_LIMIT = 1_048_575;
/** Excel's limit on a cell's text. */
const CELL_TEXT_LIMIT = 32_767;
const MS_PER_DAY = 86_400_000;
/** Serial day of 1970-01-01 in Excel's 1900 date system. */
const EPOCH_SERIAL = 25_569;
/** Excel cannot show dates before 1900-03-01 correctly (its 1900 leap-year bug): text instead. */
const FIRST_SAFE_MS = Date.UTC(1900, 2, 1);

// XML 1.0 forbids most control characters and lone surrogates: drop them.
const INVALID_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A1-style column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;

/** Style 0: default; 1: datetime with milliseconds; 2: bold (header). */
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss.000"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

function workbookXml(sheetName: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function safeSheetName(name: string): string {
  const cleaned = name
    .replace(/[:\\/?*[\]]/g, ' ')
    .trim()
    .slice(0, 31);
  return cleaned === '' ? 'Result' : cleaned;
}

function textCell(ref: string, text: string, style = ''): string {
  const clipped = text.length > CELL_TEXT_LIMIT ? text.slice(0, CELL_TEXT_LIMIT) : text;
  return `<c r="${ref}" t="inlineStr"${style}><is><t xml:space="preserve">${escapeXml(clipped)}</t></is></c>`;
}

function cellXml(ref: string, cell: XlsxCell, neutralise: boolean): string {
  if (cell === null) return '';
  switch (typeof cell) {
    case 'number':
      // NaN and ±Infinity have no spreadsheet number: Kusto's spelling as text.
      return Number.isFinite(cell)
        ? `<c r="${ref}"><v>${cell}</v></c>`
        : textCell(ref, String(cell));
    case 'boolean':
      return `<c r="${ref}" t="b"><v>${cell ? 1 : 0}</v></c>`;
    case 'string':
      return textCell(ref, neutralise ? neutraliseFormula(cell, false) : cell);
    default: {
      const ms = cell.epochMs;
      if (!Number.isFinite(ms) || ms < FIRST_SAFE_MS)
        return textCell(ref, new Date(ms).toISOString());
      return `<c r="${ref}" s="1"><v>${ms / MS_PER_DAY + EPOCH_SERIAL}</v></c>`;
    }
  }
}

/**
 * The workbook as a Blob. `rows` yields each row's typed cells (at most XLSX_ROW_LIMIT are
 * written; the return value says how many).
 */
export function writeXlsx(
  columns: readonly XlsxColumn[],
  rows: Iterable<readonly XlsxCell[]>,
  options: XlsxOptions = {},
): { blob: Blob; rowsWritten: number; truncated: boolean } {
  const neutralise = options.neutraliseFormulas ?? true;
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else chunks.push(data);
  });
  const addFile = (name: string, text: string) => {
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    file.push(strToU8(text), true);
  };
  addFile('[Content_Types].xml', CONTENT_TYPES);
  addFile('_rels/.rels', ROOT_RELS);
  addFile('xl/workbook.xml', workbookXml(safeSheetName(options.sheetName ?? 'Result')));
  addFile('xl/_rels/workbook.xml.rels', WORKBOOK_RELS);
  addFile('xl/styles.xml', STYLES);

  // Fast deflate for the big part: the sheet dominates the time and compresses well anyway.
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 1 });
  zip.add(sheet);
  const encoder = new TextEncoder();
  const letters = columns.map((_, c) => columnLetters(c));
  const cols = columns
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 16}" customWidth="1"/>`)
    .join('');
  let part =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData><row r="1">` +
    columns
      .map((c, i) =>
        textCell(
          `${letters[i]}1`,
          neutralise ? neutraliseFormula(c.name, false) : c.name,
          ' s="2"',
        ),
      )
      .join('') +
    `</row>`;
  let written = 0;
  let truncated = false;
  for (const row of rows) {
    if (written >= XLSX_ROW_LIMIT) {
      truncated = true;
      break;
    }
    const r = written + 2;
    let line = `<row r="${r}">`;
    for (let c = 0; c < columns.length; c++) {
      line += cellXml(`${letters[c]}${r}`, row[c] ?? null, neutralise);
    }
    part += `${line}</row>`;
    written++;
    if (part.length > 1 << 20) {
      sheet.push(encoder.encode(part));
      part = '';
      if (failure) throw failure;
      if (written % 5000 < 50) options.onProgress?.(written);
    }
  }
  part += '</sheetData></worksheet>';
  sheet.push(encoder.encode(part), true);
  zip.end();
  if (failure) throw failure;
  options.onProgress?.(written);
  return {
    blob: new Blob(chunks as BlobPart[], { type: XLSX_MIME }),
    rowsWritten: written,
    truncated,
  };
}
