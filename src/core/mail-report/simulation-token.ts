/**
 * Recognising a Schild phishing simulation inside a forwarded mail (shared recipient-token contract, issue 10):
 * the simulated mail carries `/p/<22-character token>` links and the header `X-Schild-Simulation: <token>`. A
 * forward keeps at least one of them: the header in an attached original, the link in the copied text or HTML.
 */

/** base64url alphabet, exactly 22 characters, not followed by another token character. */
const LINK_TOKEN = /\/p\/([A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])/g;
const HEADER_TOKEN = /x-schild-simulation\s*:\s*([A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])/gi;

/** Every distinct token found in the given texts (decoded bodies, header blocks, attachment texts), in order. */
export function findSimulationTokens(texts: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(HEADER_TOKEN)) if (m[1]) found.add(m[1]);
    for (const m of text.matchAll(LINK_TOKEN)) if (m[1]) found.add(m[1]);
  }
  return [...found];
}
