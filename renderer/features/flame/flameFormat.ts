/** Number formats of the flame graph view (shares in percent, signed changes). */
export const pct = (fraction: number): string => `${(fraction * 100).toFixed(1)} %`;
export const signed = (fraction: number): string =>
  `${fraction >= 0 ? '+' : '−'}${Math.abs(fraction * 100).toFixed(1)}`;
export const signedPts = (fraction: number): string => `${signed(fraction)} pts`;
