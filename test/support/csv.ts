/**
 * A strict CSV reader for tests, after RFC 4180 §2: records end in CRLF (the last one may too), fields are separated by
 * commas, a field is either quoted (inside, "" stands for one ") or holds no quote, CR or LF at all. Anything else (a
 * stray quote, a bare CR or LF, text after a closing quote, an unclosed quote) throws, so a test sees a broken
 * structure instead of reading it some lenient way. Each field says whether it was quoted.
 */
export interface CsvField {
  value: string;
  quoted: boolean;
}

export function parseCsv(text: string): CsvField[][] {
  const records: CsvField[][] = [];
  let record: CsvField[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`not RFC 4180 CSV at character ${i} (record ${records.length + 1}): ${why}`);
  };
  if (text === '') return records;
  for (;;) {
    let field: CsvField;
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) fail('quoted field never closed');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      field = { value, quoted: true };
    } else {
      const start = i;
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') fail('double quote inside an unquoted field');
        i++;
      }
      field = { value: text.slice(start, i), quoted: false };
    }
    record.push(field);
    if (i >= text.length) {
      records.push(record);
      return records;
    }
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') {
      i += 2;
      records.push(record);
      record = [];
      if (i >= text.length) return records;
      continue;
    }
    fail(text[i] === '\r' || text[i] === '\n' ? 'line break that is not CRLF outside quotes' : 'text after a closing quote');
  }
}
