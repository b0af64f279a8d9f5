/**
 * Shared Intl formatters. Building an Intl.NumberFormat, DateTimeFormat or Segmenter loads locale data and costs far
 * more than formatting one value with it; pages built one per value (per plan item, per date) on every request.
 * ECMA-402 formatters are immutable once made, so one per (locale, options) is shared by all requests: a cache that
 * never needs invalidating, holding no user data, bounded by the handful of (locale, options) pairs in the code.
 */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.Segmenter>();

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.Segmenter>(kind: string, locale: string, options: object, make: () => F): F {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as F | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached('n', locale, options, () => new Intl.NumberFormat(locale, options));
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  return cached('d', locale, options, () => new Intl.DateTimeFormat(locale, options));
}

export function segmenter(locale: string, options: Intl.SegmenterOptions = {}): Intl.Segmenter {
  return cached('s', locale, options, () => new Intl.Segmenter(locale, options));
}

/** For the tests: how many formatters are held. */
export function intlCacheSize(): number {
  return cache.size;
}
