import { describe, expect, it } from 'vitest';
import { fitWordSize, sansWidth, wrapWords } from '../../renderer/src/model/diagram.js';

const width = (t: string, px: number) => sansWidth(t, px);

describe('actor names in narrow boxes', () => {
  it('keep their size when the longest word fits', () => {
    expect(fitWordSize('Relying party', 200, 20, 16, width)).toBe(20);
  });

  it('shrink so the longest word fits rather than split it', () => {
    // "Authenticator" is 13 letters: 156 px at 20 px, 124.8 px at 16 px.
    const size = fitWordSize('Authenticator', 130, 20, 16, width);
    expect(size).toBeLessThan(20);
    expect(width('Authenticator', size)).toBeLessThanOrEqual(130);
    expect(wrapWords('Authenticator', 130, (t) => width(t, size))).toEqual(['Authenticator']);
  });

  it('stop at the smallest size and split only then, with a hyphen, losing no letter', () => {
    const size = fitWordSize('Authenticator', 100, 20, 16, width);
    expect(size).toBe(16);
    const lines = wrapWords('Authenticator', 100, (t) => width(t, size));
    expect(lines.length).toBe(2);
    expect(lines[0]!.endsWith('-')).toBe(true);
    expect(lines.join('').replace('-', '')).toBe('Authenticator');
  });
});
