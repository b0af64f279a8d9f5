/** A JSON text column read back: the stored value, or the fallback when the text is not JSON (never a 500 for a bad row). */
export function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
