import Ajv from 'ajv';
import { load } from 'js-yaml';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asarProblems, makeStandInElectron, readFuses } from '../../scripts/pack-check.mjs';
import { findingsOf, loadAllowlist } from '../../scripts/security-gate.mjs';

const root = join(import.meta.dirname, '..', '..');
const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s own JSON schema', () => {
    const schema = JSON.parse(readFileSync(join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('a wrong key is caught by the schema (the check has teeth)', () => {
    const schema = JSON.parse(readFileSync(join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate({ ...config, fileAsociations: [] })).toBe(false);
    expect(validate({ ...config, linux: { ...config.linux, target: 42 } })).toBe(false);
  });

  it('identity, targets per platform, and the .proofline.json association', () => {
    expect(config.appId).toBe('org.proofline.app');
    expect(config.productName).toBe('Proofline');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'proofline.json', name: 'Proofline trace', mimeType: 'application/vnd.proofline+json' })]);
    expect(config.publish).toBeNull();
  });

  it('packs only the built app, asar, and ships the prepared traces as resources', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'dist/main/**', 'dist-web/**', '!**/*.map', '!node_modules/**']));
    expect(config.files.filter((f: string) => !f.startsWith('!'))).toEqual(['package.json', 'dist/main/**', 'dist-web/**']);
    expect(config.extraResources).toEqual([{ from: 'traces', to: 'traces', filter: ['*.proofline.json'] }]);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('dist/main/main.cjs');
  });

  it('flips the fuses that turn a packaged Electron into a general-purpose Node', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true, grantFileProtocolExtraPrivileges: false });
  });

  it('has the 512×512 icon', () => {
    const png = readFileSync(join(root, 'build', 'icon.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.readUInt32BE(20)).toBe(512);
  });
});

describe('pack:check helpers', () => {
  it('accepts the expected archive and names each missing or forbidden path', () => {
    const good = ['/package.json', '/dist', '/dist/main', '/dist/main/main.cjs', '/dist/main/preload.cjs', '/dist/main/pages/references.html', '/dist/main/capture/index.html', '/dist-web/index.html', '/dist-web/assets/index-abc.js'];
    expect(asarProblems(good)).toEqual([]);
    const bad = [...good.filter((p) => p !== '/dist/main/preload.cjs'), '/test/main/x.test.ts', '/main/main.ts', '/dist/main/main.cjs.map', '/node_modules/zod/index.js', '/tsconfig.json', '/scratch/a.txt'];
    const problems = asarProblems(bad);
    expect(problems).toContain('missing from app.asar: /dist/main/preload.cjs');
    for (const p of ['/test/main/x.test.ts', '/main/main.ts', '/dist/main/main.cjs.map', '/node_modules/zod/index.js', '/tsconfig.json', '/scratch/a.txt']) {
      expect(problems.some((m) => m.endsWith(`: ${p}`)), p).toBe(true);
    }
    expect(asarProblems(good.filter((p) => !p.startsWith('/dist-web/assets')))).toEqual(['missing from app.asar: the renderer scripts (dist-web/assets/*.js)']);
  });

  it('the stand-in Electron carries a fuse wire electron-builder can flip', () => {
    const dir = mkdtempSync(join(tmpdir(), 'proofline-standin-'));
    makeStandInElectron(dir, '41.7.1');
    expect(readFileSync(join(dir, 'version'), 'utf8')).toBe('41.7.1');
    const fuses = readFuses(join(dir, 'electron'));
    expect(fuses).toMatchObject({ runAsNode: true, onlyLoadAppFromAsar: true });
    expect(Object.keys(fuses!)).toHaveLength(8);
  });
});

describe('security gate', () => {
  const csv = [
    'issue, severity, confidence, filename, location, sample, description, url',
    'PRELOAD_JS_CHECK,"MEDIUM","FIRM","main/security.ts","66:6","preload: options.preload,","Review the use of preload scripts",https://x',
    'CSP_GLOBAL_CHECK,"LOW","FIRM","dist-web/index.html","7:0","default-src \'self\'; style-src \'self\' \'unsafe-inline\'","One or more CSP directives, quoted ""so""",https://x',
  ].join('\n');

  function gate(report: string, allowlist?: object) {
    const dir = mkdtempSync(join(tmpdir(), 'proofline-gate-'));
    writeFileSync(join(dir, 'report.csv'), report);
    const args = [join(root, 'scripts', 'security-gate.mjs'), '--report', join(dir, 'report.csv')];
    if (allowlist) {
      writeFileSync(join(dir, 'allow.json'), JSON.stringify(allowlist));
      args.push('--allowlist', join(dir, 'allow.json'));
    }
    return spawnSync(process.execPath, args, { encoding: 'utf8' });
  }

  it('reads electronegativity’s CSV, quotes and commas included', () => {
    const f = findingsOf(csv);
    expect(f.map((x) => [x.check, x.severity, x.file])).toEqual([
      ['PRELOAD_JS_CHECK', 'MEDIUM', 'main/security.ts'],
      ['CSP_GLOBAL_CHECK', 'LOW', 'dist-web/index.html'],
    ]);
    expect(f[1]!.description).toBe('One or more CSP directives, quoted "so"');
  });

  it('passes with the checked-in allowlist, and every entry has a reason', () => {
    const allow = loadAllowlist(join(root, 'security', 'electronegativity-allowlist.json'));
    expect(allow.length).toBeGreaterThan(0);
    for (const e of allow) expect(e.reason.length).toBeGreaterThan(40);
    expect(gate(csv).status).toBe(0);
  });

  it('fails on a HIGH or MEDIUM finding that is not allowlisted; LOW only notes', () => {
    const high = `${csv}\nCONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","main/security.ts","40:6","contextIsolation: false,","Review the use of the contextIsolation option",https://x\n`;
    const r = gate(high);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL +CONTEXT_ISOLATION_JS_CHECK HIGH/);
    expect(gate(csv, { allow: [] }).status).toBe(1);
  });

  it('the scanner reads the files it is given: a window without context isolation is a HIGH finding', () => {
    const dir = mkdtempSync(join(tmpdir(), 'proofline-scan-'));
    mkdirSync(join(dir, 'main'));
    writeFileSync(join(dir, 'main', 'window.ts'), "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { contextIsolation: false } });\n");
    const electron = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version as string;
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'electronegativity-scan.cjs'), dir, electron], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    const scan = JSON.parse(r.stdout) as { atomicChecks: number; findings: { check: string; severity: string; file: string }[] };
    expect(scan.atomicChecks).toBeGreaterThan(0);
    expect(scan.findings).toContainEqual(expect.objectContaining({ check: 'CONTEXT_ISOLATION_JS_CHECK', severity: 'HIGH', file: 'main/window.ts' }));
  }, 120_000);

  it('an allowlist entry must give a reason, and must match the file', () => {
    expect(gate(csv, { allow: [{ check: 'PRELOAD_JS_CHECK', file: 'main/security.ts' }] }).status).toBe(2);
    expect(gate(csv, { allow: [{ check: 'PRELOAD_JS_CHECK', file: 'main/other.ts', reason: 'elsewhere' }] }).status).toBe(1);
  });
});
