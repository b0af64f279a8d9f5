/**
 * The `tag=value; tag=value` syntax shared by DKIM key records (RFC 6376 §3.2), DMARC (RFC 7489 §6.4, which
 * follows it), MTA-STS (RFC 8461 §3.1) and TLS-RPT (RFC 8460 §3) TXT records.
 */

export interface TagList {
  /** Tags in order, names lower-cased, values trimmed. */
  tags: { name: string; value: string }[];
  /** Entries that are not `name=value` with a valid name. */
  malformed: string[];
  /** Names that occur more than once ("Tags with duplicate names MUST NOT occur", RFC 6376 §3.2). */
  duplicates: string[];
}

/** tag-name = ALPHA *ALNUMPUNC; whitespace is allowed around '=' and ';' (RFC 6376 §3.2). */
export function parseTagList(text: string): TagList {
  const list: TagList = { tags: [], malformed: [], duplicates: [] };
  const seen = new Set<string>();
  for (const part of text.split(';')) {
    const spec = part.trim();
    if (spec === '') continue; // a trailing ';' is allowed
    const m = /^([a-z][a-z0-9_]*)\s*=\s*(.*)$/is.exec(spec);
    if (!m) {
      list.malformed.push(spec);
      continue;
    }
    const name = (m[1] ?? '').toLowerCase();
    if (seen.has(name)) list.duplicates.push(name);
    seen.add(name);
    list.tags.push({ name, value: (m[2] ?? '').trim() });
  }
  return list;
}

/** The first value of a tag, if present. */
export function tagValue(list: TagList, name: string): string | undefined {
  return list.tags.find((t) => t.name === name)?.value;
}
