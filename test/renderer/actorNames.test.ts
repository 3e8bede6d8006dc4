import { describe, expect, it } from 'vitest';
import { sansWidth, syllableBreak, wrapWords } from '../../renderer/src/model/diagram.js';

const at = (px: number) => (t: string) => sansWidth(t, px);

describe('actor names in narrow boxes', () => {
  it('stay whole where they fit, wrapped at spaces', () => {
    expect(wrapWords('Relying party', 200, at(20))).toEqual(['Relying party']);
    expect(wrapWords('Relying party', 100, at(20))).toEqual(['Relying', 'party']);
  });

  it('split a word too long for the box at a syllable, with a hyphen, losing no letter', () => {
    // "Authenticator" at 20 px: 156 px; "Authenti-" (9 glyphs) is 108 px, "Authentic-" 120 px.
    const lines = wrapWords('Authenticator', 125, at(20));
    expect(lines).toEqual(['Authenti-', 'cator']);
    expect(wrapWords('Authenticator', 90, at(20))).toEqual(['Authen-', 'ticator']);
  });

  it('fall back to the last letter that fits where no syllable break does', () => {
    const lines = wrapWords('Xkcdxkcdxkcd', 100, at(20));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(0, -1).every((l) => l.endsWith('-') && sansWidth(l, 20) <= 100)).toBe(true);
    expect(lines.join('').replace(/-/g, '')).toBe('Xkcdxkcdxkcd');
  });

  it('break between syllables, not inside one sound or next to a word end', () => {
    expect(syllableBreak('Authenticator', 8)).toBe(true); // Authenti|cator
    expect(syllableBreak('Authenticator', 6)).toBe(true); // Authen|ticator
    expect(syllableBreak('Authenticator', 9)).toBe(false); // Authentic|ator
    expect(syllableBreak('Authenticator', 10)).toBe(false); // Authentica|tor: a stub of a line
    expect(syllableBreak('Authenticator', 3)).toBe(false); // Aut|henticator: t|h is one sound
    expect(syllableBreak('biometric', 2)).toBe(false); // too close to the start
    expect(syllableBreak('biometric', 7)).toBe(false); // too close to the end
  });
});
