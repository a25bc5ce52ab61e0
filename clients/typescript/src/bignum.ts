// Big numbers: the server sends amounts (wool, prices, scores, net worth) as decimal strings in decimal.js notation
// ("80061696000", "6.4879385780", "1e+21", "1.5e+308000") because they outgrow a double. These helpers read them
// into mantissa × 10^exponent without losing the exponent, compare them, and format them for people.

/** A parsed amount: `mantissa` in [1, 10) (or 0) times 10^`exponent`. */
export interface BigAmount {
  readonly mantissa: number;
  readonly exponent: number;
}

const pattern = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?$/i;

/**
 * Reads a decimal string (or a number) as sent by the server. Throws a `RangeError` for text that is not a decimal
 * number, so a change of format shows up at once instead of as NaN on screen.
 */
export function parseBig(value: string | number | BigAmount | null | undefined): BigAmount {
  if (value === null || value === undefined) return { mantissa: 0, exponent: 0 };
  if (typeof value === 'object') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
    return parseBig(value.toExponential());
  }
  const match = pattern.exec(value.trim());
  if (!match) throw new RangeError(`Not a decimal number: "${value}"`);
  const [, sign, digits, exp] = match;
  const mantissaText = digits!;
  const exponent = exp === undefined ? 0 : Number(exp);
  // Normalise the digits without going through a double for the exponent: "123.45" → 1.2345 × 10^2.
  const [intPart, fracPart = ''] = mantissaText.split('.');
  const all = (intPart! + fracPart).replace(/^0+/, '');
  if (all === '' || /^0*$/.test(all)) return { mantissa: 0, exponent: 0 };
  const leadingZerosInFraction = intPart!.replace(/^0+/, '') === '' ? fracPart.length - fracPart.replace(/^0+/, '').length : 0;
  const shift = intPart!.replace(/^0+/, '') === '' ? -(leadingZerosInFraction + 1) : intPart!.replace(/^0+/, '').length - 1;
  const mantissa = Number(`${all[0]}.${all.slice(1, 17) || '0'}`);
  return { mantissa: sign === '-' ? -mantissa : mantissa, exponent: exponent + shift };
}

/** The amount as a JavaScript number: exact enough for display and rates; `±Infinity` beyond a double's range. */
export function toNumber(value: string | number | BigAmount | null | undefined): number {
  const { mantissa, exponent } = parseBig(value);
  if (mantissa === 0) return 0;
  if (exponent > 308) return mantissa > 0 ? Infinity : -Infinity;
  if (exponent < -323) return 0;
  return Number(`${mantissa}e${exponent}`);
}

/** −1, 0 or 1 as `a` is less than, equal to or greater than `b` (exact on the exponent, 17 digits of mantissa). */
export function compareBig(a: string | number | BigAmount, b: string | number | BigAmount): -1 | 0 | 1 {
  const x = parseBig(a);
  const y = parseBig(b);
  const sx = Math.sign(x.mantissa);
  const sy = Math.sign(y.mantissa);
  if (sx !== sy) return sx < sy ? -1 : 1;
  if (sx === 0) return 0;
  if (x.exponent !== y.exponent) return (x.exponent < y.exponent) === (sx > 0) ? -1 : 1;
  if (x.mantissa === y.mantissa) return 0;
  return x.mantissa < y.mantissa ? -1 : 1;
}

const suffixes = ['', 'K', 'M', 'B', 'T', 'Qa', 'Qi', 'Sx', 'Sp', 'Oc', 'No', 'Dc'];

export interface FormatOptions {
  /** Digits after the point for suffixed and scientific forms (default 2). */
  readonly decimals?: number;
}

/**
 * Formats an amount for people: below 1000 as a plain number ("12.5", "999"), then with a short suffix
 * ("1.23K", "4.56M", … up to "Dc" = 10^33), beyond that in scientific form ("1.23e45").
 */
export function formatBig(value: string | number | BigAmount | null | undefined, options: FormatOptions = {}): string {
  const decimals = options.decimals ?? 2;
  const { mantissa, exponent } = parseBig(value);
  if (mantissa === 0) return '0';
  if (exponent < 0) {
    // Fractions keep three significant digits ("0.00012", "0.5"); below a double's range they read as 0.
    return exponent < -300 ? '0' : String(Number((mantissa * 10 ** exponent).toPrecision(3)));
  }
  if (exponent < 3) {
    const text = (mantissa * 10 ** exponent).toFixed(exponent < 2 ? 1 : 0);
    // Rounding may reach 1000 ("999.96" → "1000"): then it reads as 1.00K below.
    if (Math.abs(Number(text)) < 1000) return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
    return formatBig({ mantissa: Math.sign(mantissa), exponent: 3 }, options);
  }
  const group = Math.floor(exponent / 3);
  if (group < suffixes.length) {
    const scaled = mantissa * 10 ** (exponent - group * 3);
    // Rounding may carry to the next group (999.996K → "1000.00K"): move up instead.
    if (Math.abs(Number(scaled.toFixed(decimals))) >= 1000 && group + 1 < suffixes.length) {
      return `${(scaled / 1000).toFixed(decimals)}${suffixes[group + 1]}`;
    }
    return `${scaled.toFixed(decimals)}${suffixes[group]}`;
  }
  return `${mantissa.toFixed(decimals)}e${exponent}`;
}
