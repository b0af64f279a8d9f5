/**
 * A published table as a hypercube with margins: every dimension has its values plus "all" (the total over that
 * dimension), and every combination is a cell. A 3-D cube (sector × size band × region) contains all its 2-D slices
 * and 1-D margins, so protecting the cube protects every table cut from it, including two tables that share a margin
 * (ESSnet Handbook on SDC v1.2, ch. 4 §4.3: hierarchical and linked tables must be protected together). Pure.
 */
import type { Line } from './suppression.ts';

export const ALL = 'all';

export interface Cube {
  /** The values of each dimension, without "all". */
  dims: readonly (readonly string[])[];
  /** Number of cells, margins included: Π (|values| + 1). */
  size: number;
}

export function cube(dims: readonly (readonly string[])[]): Cube {
  return { dims, size: dims.reduce((n, d) => n * (d.length + 1), 1) };
}

/** Flat index of a cell from its coordinates (each a value index; |values| stands for "all"). */
export function indexOf(c: Cube, coords: readonly number[]): number {
  let index = 0;
  c.dims.forEach((d, k) => {
    index = index * (d.length + 1) + coords[k]!;
  });
  return index;
}

export function coordsOf(c: Cube, index: number): number[] {
  const coords = new Array<number>(c.dims.length);
  for (let k = c.dims.length - 1; k >= 0; k--) {
    const base = c.dims[k]!.length + 1;
    coords[k] = index % base;
    index = Math.floor(index / base);
  }
  return coords;
}

/** The dimension values of a cell, with "all" for a margin. */
export function labelsOf(c: Cube, index: number): string[] {
  return coordsOf(c, index).map((v, k) => c.dims[k]![v] ?? ALL);
}

/** Every additive relation: a cell with "all" in dimension k is the sum of the cells with each value of k there. */
export function cubeLines(c: Cube): Line[] {
  const lines: Line[] = [];
  for (let index = 0; index < c.size; index++) {
    const coords = coordsOf(c, index);
    c.dims.forEach((d, k) => {
      if (coords[k] !== d.length) return;
      const parts = d.map((_, v) => indexOf(c, coords.map((x, kk) => (kk === k ? v : x))));
      lines.push({ total: index, parts });
    });
  }
  return lines;
}

/**
 * Fills every cell, margins included, from the interior: a margin is the sum of the interior cells below it.
 * Right for counts of companies, because each company sits in exactly one interior cell of a measure.
 */
export function fillCube(c: Cube, interior: (coords: readonly number[]) => number): number[] {
  const values = new Array<number>(c.size).fill(0);
  for (let index = 0; index < c.size; index++) {
    const coords = coordsOf(c, index);
    if (coords.some((v, k) => v === c.dims[k]!.length)) continue;
    const x = interior(coords);
    // Add the interior value to itself and to every margin above it (each subset of dimensions set to "all").
    for (let mask = 0; mask < 1 << c.dims.length; mask++) {
      values[indexOf(c, coords.map((v, k) => (mask & (1 << k) ? c.dims[k]!.length : v)))]! += x;
    }
  }
  return values;
}
