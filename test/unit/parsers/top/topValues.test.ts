import { describe, expect, it } from 'vitest';
import { parseLocaleNumber, parseSizeKiB, parseTopTime } from '../../../../shared/parsers/top';
import { parsePercent } from '../../../../shared/parsers/top/topValues';

describe('parseTopTime (procps scale_tics, all scales)', () => {
  it.each([
    ['0:03.33', 3.33],
    ['1:27.27', 87.27],
    ['359:59.99', 21599.99],
    ['1234:56', 1234 * 60 + 56],
    ['34,58', 34 * 3600 + 58 * 60], // hours,minutes: a literal comma, not a decimal
    ['0,05', 5 * 60],
    ['3d+4h', 3 * 86400 + 4 * 3600],
    ['12D+23H', 12 * 86400 + 23 * 3600],
    ['5d', 5 * 86400],
    ['100h', 100 * 3600],
    ['2w+3d', 2 * 604800 + 3 * 86400],
    ['7W', 7 * 604800],
  ])('%s → %d s', (token, seconds) => {
    expect(parseTopTime(token)).toBeCloseTo(seconds, 6);
  });

  it.each([
    '?',
    '',
    '1:2',
    '0,5',
    '34.58',
    'abc',
    '3h+2d',
    '1:00:00',
    '-1:00',
    '1d+',
    '99999999999999:00',
  ])('%j is not a TIME+ value', (token) => {
    expect(parseTopTime(token)).toBeNull();
  });
});

describe('parseSizeKiB (VIRT/RES/SHR scale_mem, busybox VSZ)', () => {
  it.each([
    ['313884', 313884],
    ['0', 0],
    ['125.1m', 128102], // 128102.4
    ['6.5m', 6656],
    ['125,1m', 128102], // comma-decimal locale
    ['2.5g', 2621440],
    ['1.2t', 1288490189], // 1288490188.8
    ['0.1p', 109951162778], // 0.1 × 1024⁴ KiB
    ['0.1e', 112589990684262],
    ['2987m', 2987 * 1024],
    ['12K', 12],
  ])('%s → %d KiB', (token, kib) => {
    expect(parseSizeKiB(token)).toBe(kib);
  });

  it('maps "?" to null and garbage to undefined', () => {
    expect(parseSizeKiB('?')).toBeNull();
    expect(parseSizeKiB('12q')).toBeUndefined();
    expect(parseSizeKiB('')).toBeUndefined();
    expect(parseSizeKiB('9'.repeat(400))).toBeUndefined(); // Infinity is not a size
  });
});

describe('numbers and percentages', () => {
  it('reads locale decimals and busybox percent signs', () => {
    expect(parseLocaleNumber('0,08')).toBe(0.08);
    expect(parseLocaleNumber('100.0')).toBe(100);
    expect(parseLocaleNumber('-20')).toBe(-20);
    expect(parseLocaleNumber('1.2.3')).toBeNull();
    expect(parseLocaleNumber('')).toBeNull();
    expect(parsePercent('50%')).toBe(50);
    expect(parsePercent('6.1')).toBe(6.1);
    expect(parsePercent('1235')).toBe(1235);
    expect(parsePercent('%')).toBeNull();
    expect(Object.is(parseLocaleNumber('-0,0'), 0)).toBe(true); // never -0
    expect(parseLocaleNumber('123456789012345678.5')).toBe(Number('123456789012345678.5'));
    expect(parseLocaleNumber('1e5')).toBeNull();
    expect(parseLocaleNumber('1.')).toBeNull();
    expect(parseLocaleNumber('.5')).toBeNull();
  });
});
