import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LaunchQueue, MAX_LAUNCH_FILES, filesFromArgv, filesFromSecondInstance, secondInstanceData } from '../../main/launch.js';

const cwd = resolve('/home/bob/work');
const packaged = { defaultApp: false, cwd };
const dev = { defaultApp: true, cwd };

describe('command line', () => {
  it('takes trace files after the executable, resolved against the working directory', () => {
    expect(filesFromArgv(['/opt/Proofline/proofline', 'a.proofline.json', '/tmp/b.json'], packaged)).toEqual([join(cwd, 'a.proofline.json'), '/tmp/b.json']);
  });

  it('skips the app path when run as `electron .`', () => {
    expect(filesFromArgv(['/x/electron', '.', 'a.proofline.json'], dev)).toEqual([join(cwd, 'a.proofline.json')]);
    expect(filesFromArgv(['/x/electron', '.'], dev)).toEqual([]);
  });

  it('skips switches (Chromium adds its own), other file types, URLs, and duplicates', () => {
    const argv = ['/opt/p', '--allow-file-access-from-files', '--original-process-start-time=1', '-psn_0_12345', 'notes.txt', 'https://evil.example/x.json', 'a.json', 'a.json', '', 'b.PROOFLINE.JSON'];
    expect(filesFromArgv(argv, packaged)).toEqual([join(cwd, 'a.json'), join(cwd, 'b.PROOFLINE.JSON')]);
  });

  it('after --, a name that starts with a dash is a file', () => {
    expect(filesFromArgv(['/opt/p', '--', '-odd.json'], packaged)).toEqual([join(cwd, '-odd.json')]);
  });

  it('turns file:// URLs from desktop launchers into paths', () => {
    const url = pathToFileURL('/home/bob/My Traces/r.proofline.json').href;
    expect(filesFromArgv(['/opt/p', url], packaged)).toEqual(['/home/bob/My Traces/r.proofline.json']);
  });

  it('takes at most MAX_LAUNCH_FILES', () => {
    const argv = ['/opt/p', ...Array.from({ length: 40 }, (_, i) => `/t/${i}.json`)];
    expect(filesFromArgv(argv, packaged)).toHaveLength(MAX_LAUNCH_FILES);
  });
});

describe('single instance: a second launch forwards its files', () => {
  it('sends resolved paths as additional data, and the first instance uses them', () => {
    const data = secondInstanceData(['/opt/p', 'x.proofline.json'], { defaultApp: false, cwd: '/other/dir' });
    expect(data).toEqual({ files: [join('/other/dir', 'x.proofline.json')] });
    // Chromium may reorder and extend argv; the structured data wins.
    expect(filesFromSecondInstance(['/opt/p', '--some-switch', 'garbage.json'], '/elsewhere', data, false)).toEqual([join('/other/dir', 'x.proofline.json')]);
  });

  it('checks the data, which comes from another process', () => {
    const hostile = { files: ['relative.json', 42, '/etc/shadow', '/ok.json', '/ok.json', '/n\u0000.json', ...Array.from({ length: 40 }, (_, i) => `/t/${i}.json`)] };
    const files = filesFromSecondInstance([], '/', hostile, false);
    expect(files[0]).toBe('/ok.json');
    expect(files).not.toContain('/etc/shadow');
    expect(files).toHaveLength(MAX_LAUNCH_FILES);
  });

  it('falls back to argv against the second instance’s working directory', () => {
    expect(filesFromSecondInstance(['/opt/p', 'y.json'], '/their/cwd', undefined, false)).toEqual([join('/their/cwd', 'y.json')]);
    expect(filesFromSecondInstance(['/x/electron', '.', 'y.json'], '/their/cwd', null, true)).toEqual([join('/their/cwd', 'y.json')]);
  });
});

describe('launch queue (open-file before ready, argv at start)', () => {
  it('holds files until the window is ready, then opens them in order, then passes through', () => {
    const opened: string[] = [];
    const q = new LaunchQueue((p) => opened.push(p));
    q.push(['/a.json']);
    q.push(['/b.json', '/a.json']);
    expect(opened).toEqual([]);
    expect(q.pending).toEqual(['/a.json', '/b.json']);
    q.markReady();
    expect(opened).toEqual(['/a.json', '/b.json']);
    q.push(['/c.json']);
    q.markReady();
    expect(opened).toEqual(['/a.json', '/b.json', '/c.json']);
  });

  it('bounds what waits', () => {
    const q = new LaunchQueue(() => undefined);
    q.push(Array.from({ length: 40 }, (_, i) => `/t/${i}.json`));
    expect(q.pending).toHaveLength(MAX_LAUNCH_FILES);
  });
});
