/** One CSV cell (RFC 4180 quoting). A cell starting with = + - @ is read as text, against spreadsheet formula injection (OWASP). */
export function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole CSV document with a UTF-8 BOM, so spreadsheet programs read accents correctly. */
export function csvDocument(header: string[], rows: string[][]): string {
  return `\ufeff${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
