/**
 * Disclosure control for published count tables: the threshold rule, then complementary (secondary) suppression.
 *
 * Threshold rule (OECD Glossary of Statistical Terms, "threshold rule", 2005; ESSnet Handbook on Statistical
 * Disclosure Control v1.2, 2010, ch. 4 §4.2): a cell is sensitive when fewer than a set number of units contribute
 * to it. Schild's number is MIN_CELL_COMPANIES (10), and an empty cell counts as "fewer than 10" as well: no figure
 * is shown that rests on fewer than 10 companies.
 *
 * Complementary suppression (ESSnet Handbook ch. 4 §4.3, "secondary cell suppression"): when totals are published,
 * hiding a sensitive cell is not enough, because it can be recomputed from the total and the other cells of its row,
 * column or margin. Two passes, repeated until nothing changes:
 *  1. the line rule: a line (a total and the cells it adds up) with exactly one hidden member gets a second hidden
 *     member, the smallest visible one, as the handbook's hypercube method does per 2-D slice;
 *  2. an exact audit: the published values form a system of linear equations (each total = the sum of its parts);
 *     a hidden cell is exposed when the equations fix its value whatever the other hidden cells are. That happens
 *     even when every line has two hidden members (two "cycles" of hidden cells joined by one cell), and across
 *     tables sharing a margin. An exposed cell gets one more hidden partner in one of its lines, and both passes
 *     run again. With every cell hidden nothing can be solved, so the loop ends.
 * The audit solves the system modulo two large primes (exact integer arithmetic, no rounding); a value fixed over
 * the rationals is fixed modulo any prime not dividing the pivots, so using two primes makes a miss practically
 * impossible, and a false alarm only hides one cell too many.
 * Pure: values in, the set of hidden cells out.
 */
import { MIN_CELL_COMPANIES } from './cells.ts';

/** One additive relation between published cells: cells[total] = Σ cells[parts]. Indices into the value array. */
export interface Line {
  total: number;
  parts: number[];
}

/** Cells that fail the threshold rule: fewer than `min` contributing companies (empty cells included). */
export function primarySuppression(contributors: readonly number[], min = MIN_CELL_COMPANIES): Set<number> {
  const hidden = new Set<number>();
  contributors.forEach((c, i) => {
    if (c < min) hidden.add(i);
  });
  return hidden;
}

const members = (l: Line): number[] => [l.total, ...l.parts];

/** The smallest visible cell among the candidates (ties: the lowest index, so the result is reproducible). */
function smallestVisible(candidates: Iterable<number>, values: readonly number[], hidden: ReadonlySet<number>): number | undefined {
  let best: number | undefined;
  for (const i of candidates) {
    if (hidden.has(i)) continue;
    if (best === undefined || values[i]! < values[best]! || (values[i] === values[best] && i < best)) best = i;
  }
  return best;
}

/** Pass 1: no line keeps exactly one hidden member. Mutates and returns `hidden`. */
export function applyLineRule(values: readonly number[], lines: readonly Line[], hidden: Set<number>): Set<number> {
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const all = members(line);
      if (all.filter((i) => hidden.has(i)).length !== 1) continue;
      const partner = smallestVisible(all, values, hidden);
      if (partner !== undefined) {
        hidden.add(partner);
        changed = true;
      }
    }
  }
  return hidden;
}

const PRIMES = [67108859, 67108837] as const; // below 2^26, so a product of two residues stays an exact double

function inverse(a: number, p: number): number {
  // Fermat: a^(p−2) mod p, by square-and-multiply on exact doubles (every product < 2^52).
  let result = 1;
  let base = a % p;
  let e = p - 2;
  while (e > 0) {
    if (e & 1) result = (result * base) % p;
    base = (base * base) % p;
    e = Math.floor(e / 2);
  }
  return result;
}

/** Hidden cells whose value the equations fix, modulo one prime: reduced row echelon form over the hidden columns. */
function exposedModulo(lines: readonly Line[], hidden: readonly number[], p: number): Set<number> {
  const column = new Map(hidden.map((cell, j) => [cell, j]));
  const width = hidden.length;
  const rows: number[][] = [];
  for (const line of lines) {
    const row = new Array<number>(width).fill(0);
    let any = false;
    const add = (cell: number, coefficient: number) => {
      const j = column.get(cell);
      if (j === undefined) return; // a visible cell only moves the constant side
      row[j] = (row[j]! + coefficient + p) % p;
      any = true;
    };
    add(line.total, 1);
    for (const part of line.parts) add(part, p - 1);
    if (any) rows.push(row);
  }
  const pivotRowOf = new Map<number, number>();
  let r = 0;
  for (let j = 0; j < width && r < rows.length; j++) {
    let found = -1;
    for (let i = r; i < rows.length; i++) if (rows[i]![j] !== 0) { found = i; break; }
    if (found < 0) continue;
    [rows[r], rows[found]] = [rows[found]!, rows[r]!];
    const pivot = rows[r]!;
    const inv = inverse(pivot[j]!, p);
    for (let k = j; k < width; k++) pivot[k] = (pivot[k]! * inv) % p;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const row = rows[i]!;
      const f = row[j]!;
      if (f === 0) continue;
      for (let k = j; k < width; k++) if (pivot[k] !== 0) row[k] = (row[k]! - ((f * pivot[k]!) % p) + p) % p;
    }
    pivotRowOf.set(j, r);
    r += 1;
  }
  const exposed = new Set<number>();
  for (const [j, ri] of pivotRowOf) {
    const row = rows[ri]!;
    let alone = true;
    for (let k = 0; k < width; k++) if (k !== j && row[k] !== 0) { alone = false; break; }
    if (alone) exposed.add(hidden[j]!);
  }
  return exposed;
}

/** Hidden cells whose exact value follows from the published cells and the equations (pass 2's audit). */
export function exposedCells(lines: readonly Line[], hidden: ReadonlySet<number>): Set<number> {
  const list = [...hidden].sort((a, b) => a - b);
  const exposed = new Set<number>();
  for (const p of PRIMES) for (const cell of exposedModulo(lines, list, p)) exposed.add(cell);
  return exposed;
}

/**
 * The full protection: threshold rule, then the line rule and the audit until no hidden cell can be recomputed.
 * `values` are the true counts of each published cell, `contributors` the companies behind each (the threshold
 * rule looks at those), `lines` every published total with its parts. Returns the hidden cells.
 */
export function protectCells(values: readonly number[], contributors: readonly number[], lines: readonly Line[], min = MIN_CELL_COMPANIES): Set<number> {
  const hidden = primarySuppression(contributors, min);
  const linesOf = new Map<number, Line[]>();
  for (const line of lines) for (const cell of members(line)) linesOf.set(cell, [...(linesOf.get(cell) ?? []), line]);
  for (;;) {
    applyLineRule(values, lines, hidden);
    const exposed = exposedCells(lines, hidden);
    if (exposed.size === 0) return hidden;
    // One partner per exposed cell, except where a partner added in this round already sits in one of its lines
    // (that one may well have freed it; the next audit tells): fewer cells hidden than fixing each one blindly.
    const addedNow = new Set<number>();
    for (const cell of [...exposed].sort((a, b) => a - b)) {
      const neighbours = (linesOf.get(cell) ?? []).flatMap(members);
      if (neighbours.some((n) => addedNow.has(n))) continue;
      const partner = smallestVisible(neighbours, values, hidden) ?? smallestVisible(values.keys(), values, hidden);
      if (partner === undefined) return hidden; // everything is hidden: nothing left to solve
      hidden.add(partner);
      addedNow.add(partner);
    }
  }
}
