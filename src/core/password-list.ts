/**
 * Parses the bundled block list of common passwords (content/common-passwords.txt) into the set that
 * passwordProblem() checks against. Pure: the caller reads the file and passes its text in.
 *
 * Entries are lower-cased because passwordProblem() compares the lower-cased password, so "Azerty123" and
 * "azerty123" are blocked alike. Lines starting with '#' are comments, so the file can explain itself.
 */
export function parsePasswordList(text: string): ReadonlySet<string> {
  const passwords = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const entry = line.trim().toLowerCase();
    if (entry === '' || entry.startsWith('#')) continue;
    passwords.add(entry);
  }
  return passwords;
}
