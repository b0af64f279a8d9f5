/**
 * One CSV cell, against spreadsheet formula injection (OWASP "CSV Injection"): a cell starting with = + - @, a tab or
 * a carriage return is prefixed with a single quote, so it is read as text, and enclosed in double quotes. A cell
 * holding a comma, semicolon, tab, double quote or line break is enclosed too, inner quotes doubled (RFC 4180 §2.6,
 * §2.7), so it never splits into a new cell where a formula could start, also in a spreadsheet that separates on ";"
 * (nl/fr/de Excel) or tab (import dialogs). Anything else, a number included, is written as it is.
 */
export function csvCell(v: string): string {
  const formula = /^[=+\-@\t\r]/.test(v);
  const safe = formula ? `'${v}` : v;
  return formula || /[",;\t\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole CSV document with a UTF-8 BOM, so spreadsheet programs read accents correctly. */
export function csvDocument(header: string[], rows: string[][]): string {
  return `\ufeff${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
