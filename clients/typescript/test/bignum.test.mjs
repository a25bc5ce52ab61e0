// The big-number helpers on the notations the server sends (decimal.js strings) and beyond a double's range.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareBig, formatBig, parseBig, toNumber } from '../dist/index.js';

test('parseBig reads plain, fractional and exponent notation into mantissa × 10^exponent', () => {
  assert.deepEqual(parseBig('80061696000'), { mantissa: 8.0061696, exponent: 10 });
  assert.deepEqual(parseBig('6.4879385780'), { mantissa: 6.487938578, exponent: 0 });
  assert.deepEqual(parseBig('1e+21'), { mantissa: 1, exponent: 21 });
  assert.deepEqual(parseBig('0.00012'), { mantissa: 1.2, exponent: -4 });
  assert.deepEqual(parseBig('-2.5e3'), { mantissa: -2.5, exponent: 3 });
  assert.deepEqual(parseBig('1.5e+308000'), { mantissa: 1.5, exponent: 308000 }, 'beyond a double, the exponent is kept');
  assert.deepEqual(parseBig('0'), { mantissa: 0, exponent: 0 });
  assert.deepEqual(parseBig(null), { mantissa: 0, exponent: 0 });
  assert.throws(() => parseBig('NaN'), RangeError);
  assert.throws(() => parseBig('12 wool'), RangeError);
});

test('toNumber is exact within a double and Infinity beyond it', () => {
  assert.equal(toNumber('80061696000'), 80061696000);
  assert.equal(toNumber('6.4879385780'), 6.487938578);
  assert.equal(toNumber('1e+21'), 1e21);
  assert.equal(toNumber('1.5e+308000'), Infinity);
  assert.equal(toNumber('-1.5e+308000'), -Infinity);
});

test('compareBig orders by exponent first, so values beyond a double still compare', () => {
  assert.equal(compareBig('1e+400', '9e+399'), 1);
  assert.equal(compareBig('2', '10'), -1);
  assert.equal(compareBig('1000', '1e3'), 0);
  assert.equal(compareBig('-5', '3'), -1);
  assert.equal(compareBig('-5', '-50'), 1);
  assert.equal(compareBig('0', '0.0'), 0);
});

test('formatBig writes short amounts for people', () => {
  assert.equal(formatBig('0'), '0');
  assert.equal(formatBig('5'), '5');
  assert.equal(formatBig('6.4879385780'), '6.5');
  assert.equal(formatBig('0.00012'), '0.00012');
  assert.equal(formatBig('999'), '999');
  assert.equal(formatBig('999.96'), '1.00K');
  assert.equal(formatBig('123456'), '123.46K');
  assert.equal(formatBig('80061696000'), '80.06B');
  assert.equal(formatBig('999999'), '1.00M');
  assert.equal(formatBig('1e+21'), '1.00Sx');
  assert.equal(formatBig('-2.5e3'), '-2.50K');
  assert.equal(formatBig('1.5e+308000'), '1.50e308000');
  assert.equal(formatBig(1234, { decimals: 1 }), '1.2K');
});
