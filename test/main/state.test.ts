import { describe, expect, it } from 'vitest';
import { MIN_WINDOW_SIZE } from '../../main/security.js';
import { DEFAULT_WINDOW_STATE, MAX_RECENT, addRecent, clampWindowState, parseRecent, parseWindowState, pathsEqualOn, removeRecent, serializeRecent, serializeWindowState, type Rect } from '../../main/state.js';

describe('recent files', () => {
  it('round-trips, bounded, without duplicates, newest first', () => {
    let recent: string[] = [];
    for (let i = 0; i < MAX_RECENT + 5; i++) recent = addRecent(recent, `/t/${i}.proofline.json`);
    expect(recent).toHaveLength(MAX_RECENT);
    expect(recent[0]).toBe(`/t/${MAX_RECENT + 4}.proofline.json`);
    recent = addRecent(recent, '/t/10.proofline.json');
    expect(recent[0]).toBe('/t/10.proofline.json');
    expect(new Set(recent).size).toBe(recent.length);
    expect(parseRecent(serializeRecent(recent))).toEqual(recent);
    expect(removeRecent(recent, '/t/10.proofline.json')).not.toContain('/t/10.proofline.json');
  });

  it('treats a hand-edited or corrupt file as untrusted input', () => {
    expect(parseRecent(null)).toEqual([]);
    expect(parseRecent('not json')).toEqual([]);
    expect(parseRecent('[]')).toEqual([]);
    expect(parseRecent('{"recent": "x"}')).toEqual([]);
    expect(parseRecent(JSON.stringify({ recent: ['relative/a.json', 42, null, '/ok.json', '/ok.json', '/nul\u0000.json', `/${'x'.repeat(5000)}`] }))).toEqual(['/ok.json']);
    expect(parseRecent(JSON.stringify({ recent: Array.from({ length: 50 }, (_, i) => `/f${i}.json`) }))).toHaveLength(MAX_RECENT);
  });

  it('ignores a relative path', () => {
    expect(addRecent(['/a.json'], 'b.json')).toEqual(['/a.json']);
  });

  it('compares paths case-insensitively on Windows and macOS', () => {
    expect(addRecent(['/Users/Bob/A.json'], '/users/bob/a.json', pathsEqualOn('darwin'))).toEqual(['/users/bob/a.json']);
    expect(addRecent(['/home/bob/A.json'], '/home/bob/a.json', pathsEqualOn('linux'))).toEqual(['/home/bob/a.json', '/home/bob/A.json']);
  });
});

describe('window state', () => {
  const laptop: Rect = { x: 0, y: 0, width: 1440, height: 875 };
  const external: Rect = { x: 1440, y: -200, width: 2560, height: 1415 };

  it('parses and round-trips', () => {
    const s = { x: 100, y: 80, width: 1200, height: 800, maximized: true };
    expect(parseWindowState(serializeWindowState(s))).toEqual(s);
    expect(parseWindowState('{"width":1000,"height":700}')).toEqual({ width: 1000, height: 700, maximized: false });
  });

  it('gives the default for anything malformed', () => {
    for (const text of [null, '', 'nope', '[]', '{"width":"big","height":700}', '{"width":-5,"height":700}', '{"width":1.5,"height":700}', '{"width":1e9,"height":700}', '{"width":0,"height":0}']) {
      expect(parseWindowState(text), String(text)).toEqual(DEFAULT_WINDOW_STATE);
    }
  });

  it('keeps bounds that fit', () => {
    expect(clampWindowState({ x: 100, y: 50, width: 1200, height: 800, maximized: false }, [laptop])).toEqual({ x: 100, y: 50, width: 1200, height: 800, maximized: false });
    expect(clampWindowState({ x: 1600, y: -100, width: 1800, height: 1000, maximized: true }, [laptop, external])).toEqual({ x: 1600, y: -100, width: 1800, height: 1000, maximized: true });
  });

  it('centers a window with no position, or one left on a screen that is gone', () => {
    expect(clampWindowState({ width: 1200, height: 800, maximized: false }, [laptop])).toEqual({ x: 120, y: 38, width: 1200, height: 800, maximized: false });
    const onGoneMonitor = { x: 3000, y: 100, width: 1200, height: 800, maximized: false };
    expect(clampWindowState(onGoneMonitor, [laptop])).toEqual({ x: 120, y: 38, width: 1200, height: 800, maximized: false });
  });

  it('shrinks to the screen and pulls a half-off window back on', () => {
    expect(clampWindowState({ x: 0, y: 0, width: 3000, height: 2000, maximized: false }, [laptop])).toEqual({ x: 0, y: 0, width: 1440, height: 875, maximized: false });
    expect(clampWindowState({ x: 1000, y: 600, width: 1200, height: 800, maximized: false }, [laptop])).toEqual({ x: 240, y: 75, width: 1200, height: 800, maximized: false });
    expect(clampWindowState({ x: -500, y: -300, width: 1200, height: 800, maximized: false }, [laptop])).toMatchObject({ x: 0, y: 0 });
  });

  it('never goes below the minimum size unless the screen is smaller', () => {
    expect(clampWindowState({ x: 10, y: 10, width: 200, height: 100, maximized: false }, [laptop])).toMatchObject({ width: MIN_WINDOW_SIZE.width, height: MIN_WINDOW_SIZE.height });
    const tiny: Rect = { x: 0, y: 0, width: 640, height: 480 };
    expect(clampWindowState({ x: 0, y: 0, width: 1200, height: 800, maximized: false }, [tiny])).toEqual({ x: 0, y: 0, width: 640, height: 480, maximized: false });
  });

  it('picks the screen the window mostly lies on', () => {
    const straddling = { x: 1300, y: 0, width: 1000, height: 700, maximized: false };
    expect(clampWindowState(straddling, [laptop, external])).toEqual({ x: 1440, y: 0, width: 1000, height: 700, maximized: false });
  });

  it('with no screen information, changes nothing', () => {
    const s = { x: 5, y: 5, width: 900, height: 600, maximized: false };
    expect(clampWindowState(s, [])).toBe(s);
  });
});
