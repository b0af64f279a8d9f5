/**
 * An attacker for disclosure-control tests, written independently of src/core/stats/suppression.ts (exact rational
 * arithmetic on BigInt, no modular tricks), so a test can fail when the protection is wrong.
 *
 * It gets what a reader of the published table gets: the visible values and the published relations
 * (each total = the sum of its parts). It returns every hidden cell whose true value it can work out.
 */
export interface Relation {
  total: number;
  parts: number[];
}

/** The differencing attack: a relation with one unknown member gives it away; repeat with what was learnt. */
export function differencingAttack(values: readonly number[], hidden: ReadonlySet<number>, relations: readonly Relation[]): Map<number, number> {
  const known = new Map<number, number>();
  values.forEach((v, i) => {
    if (!hidden.has(i)) known.set(i, v);
  });
  const learnt = new Map<number, number>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const r of relations) {
      const unknown = [r.total, ...r.parts].filter((i) => !known.has(i));
      if (unknown.length !== 1) continue;
      const x = unknown[0]!;
      const partsSum = r.parts.reduce((s, i) => s + (i === x ? 0 : known.get(i)!), 0);
      const value = x === r.total ? partsSum : known.get(r.total)! - partsSum;
      known.set(x, value);
      learnt.set(x, value);
      progress = true;
    }
  }
  return learnt;
}

const abs = (a: bigint) => (a < 0n ? -a : a);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * The linear-algebra attack: solve the whole system over the rationals (fraction-free Gaussian elimination) and
 * report every hidden cell the system pins down to one value, with that value.
 */
export function linearAttack(values: readonly number[], hidden: ReadonlySet<number>, relations: readonly Relation[]): Map<number, number> {
  const unknowns = [...hidden].sort((a, b) => a - b);
  const col = new Map(unknowns.map((c, j) => [c, j]));
  const n = unknowns.length;
  const rows: bigint[][] = []; // n coefficients, then the constant
  for (const r of relations) {
    const row = new Array<bigint>(n + 1).fill(0n);
    const term = (cell: number, sign: bigint) => {
      const j = col.get(cell);
      if (j === undefined) row[n] = row[n]! - sign * BigInt(values[cell]!);
      else row[j] = row[j]! + sign;
    };
    term(r.total, 1n);
    for (const p of r.parts) term(p, -1n);
    if (row.slice(0, n).some((x) => x !== 0n)) rows.push(row);
  }
  const pivots: [number, number][] = [];
  let rank = 0;
  for (let j = 0; j < n && rank < rows.length; j++) {
    const found = rows.findIndex((row, i) => i >= rank && row[j] !== 0n);
    if (found < 0) continue;
    [rows[rank], rows[found]] = [rows[found]!, rows[rank]!];
    const p = rows[rank]!;
    for (let i = 0; i < rows.length; i++) {
      if (i === rank || rows[i]![j] === 0n) continue;
      const f = rows[i]![j]!;
      const next = rows[i]!.map((x, k) => x * p[j]! - f * p[k]!);
      const g = next.reduce((a, b) => gcd(a, b), 0n) || 1n;
      rows[i] = next.map((x) => x / g);
    }
    pivots.push([j, rank]);
    rank += 1;
  }
  const learnt = new Map<number, number>();
  for (const [j, r] of pivots) {
    const row = rows[r]!;
    if (row.some((x, k) => k < n && k !== j && x !== 0n)) continue;
    learnt.set(unknowns[j]!, Number(row[n]!) / Number(row[j]!));
  }
  return learnt;
}
