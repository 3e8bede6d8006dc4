import { describe, expect, it } from 'vitest';
import { DEFAULT_JSON_LIMITS } from '../../core/trace/index.js';
import {
  ContractError,
  EVENT,
  EXPORT_TYPES,
  INVOKE,
  MAX_EXPORT_BYTES,
  MAX_TRACE_BYTES,
  checkFileName,
  checkPreparedName,
  isMenuCommand,
  isOpenedFile,
  validateInvoke,
} from '../../main/contract.js';

describe('contract: channels', () => {
  it('names every channel once, under the proofline: prefix', () => {
    const all = [...Object.values(INVOKE), ...Object.values(EVENT)];
    expect(new Set(all).size).toBe(all.length);
    for (const c of all) expect(c).toMatch(/^proofline:[a-z-]+$/);
  });

  it('has a validator for every invoke channel and none other', () => {
    expect(Object.keys(validateInvoke).sort()).toEqual(Object.values(INVOKE).sort());
  });

  it('uses core’s trace size limit', () => {
    expect(MAX_TRACE_BYTES).toBe(DEFAULT_JSON_LIMITS.maxBytes);
  });
});

describe('contract: payload validation', () => {
  const bad = (channel: keyof typeof validateInvoke, args: unknown[]) => expect(() => validateInvoke[channel](args)).toThrow(ContractError);

  it('accepts well-formed calls', () => {
    expect(validateInvoke[INVOKE.openTrace]([])).toEqual([]);
    expect(validateInvoke[INVOKE.saveTrace](['a.proofline.json', '{}'])).toEqual(['a.proofline.json', '{}']);
    expect(validateInvoke[INVOKE.loadPreparedTrace](['01-honest'])).toEqual(['01-honest']);
    expect(validateInvoke[INVOKE.exportFile](['ledger.csv', 'text/csv', 'a,b'])).toEqual(['ledger.csv', 'text/csv', 'a,b']);
    const png = new Uint8Array([0x89, 0x50]);
    expect(validateInvoke[INVOKE.exportFile](['d.png', 'image/png', png])[2]).toBe(png);
    expect(validateInvoke[INVOKE.setUnsavedChanges]([true])).toEqual([true]);
    expect(validateInvoke[INVOKE.openSpec](['https://www.w3.org/TR/webauthn-3/#sctn-verifying-assertion'])).toEqual(['https://www.w3.org/TR/webauthn-3/#sctn-verifying-assertion']);
  });

  it('refuses wrong arity', () => {
    bad(INVOKE.openTrace, ['extra']);
    bad(INVOKE.saveTrace, ['a.json']);
    bad(INVOKE.saveTrace, ['a.json', '{}', 'extra']);
    bad(INVOKE.setUnsavedChanges, []);
  });

  it('refuses wrong types', () => {
    bad(INVOKE.saveTrace, [42, '{}']);
    bad(INVOKE.saveTrace, ['a.json', { toString: () => '{}' }]);
    bad(INVOKE.saveTrace, ['a.json', new Uint8Array(2)]);
    bad(INVOKE.loadPreparedTrace, [['01-honest']]);
    bad(INVOKE.exportFile, ['a.csv', 'text/csv', 12]);
    bad(INVOKE.exportFile, ['a.csv', 'text/csv', [1, 2, 3]]);
    bad(INVOKE.exportFile, ['a.csv', null, 'x']);
    bad(INVOKE.setUnsavedChanges, ['true']);
    // Spec links: https on www.w3.org only — no other host, scheme, credentials, port or odd characters.
    for (const url of ['http://www.w3.org/TR/webauthn-3/', 'https://w3.org.evil.example/', 'https://www.w3.org.evil.example/', 'https://user@www.w3.org/', 'https://www.w3.org:8443/', 'file:///etc/passwd', 'https://www.w3.org/a b', 'https://www.w3.org/\nx', `https://www.w3.org/${'a'.repeat(400)}`, 'javascript:alert(1)']) bad(INVOKE.openSpec, [url]);
    bad(INVOKE.openSpec, []);
    bad(INVOKE.openSpec, [42]);
    bad(INVOKE.setUnsavedChanges, [1]);
  });

  it('refuses paths and odd names where a file name is expected', () => {
    for (const name of ['../x.json', '/etc/passwd', 'C:\\Windows\\x.json', 'a/b.json', 'a\\b.json', '..', '.', '', 'nul', 'CON.json', 'a\u0000b', 'tab\tname', 'trailing.', 'x'.repeat(201), 'a:b', 'what?.json']) {
      expect(() => checkFileName(name), name).toThrow(ContractError);
    }
    for (const name of ['trace.proofline.json', 'Ledger — review 3.csv', 'réunion.svg', '.hidden.json']) expect(checkFileName(name)).toBe(name);
  });

  it('refuses prepared names that could reach outside traces/', () => {
    for (const name of ['../secrets', '..', 'a/b', 'a\\b', '.hidden', 'x..y', '', 'a b', 'x'.repeat(129)]) {
      expect(() => checkPreparedName(name), name).toThrow(ContractError);
    }
    expect(checkPreparedName('12-binding-before-display')).toBe('12-binding-before-display');
  });

  it('refuses export types outside the list, including prototype keys', () => {
    for (const mime of ['application/x-msdownload', 'text/javascript', 'toString', '__proto__', 'constructor']) {
      expect(() => validateInvoke[INVOKE.exportFile](['a.txt', mime, 'x']), mime).toThrow(ContractError);
    }
    for (const mime of Object.keys(EXPORT_TYPES)) expect(validateInvoke[INVOKE.exportFile](['a', mime, 'x'])[1]).toBe(mime);
  });

  it('refuses trace text and exports over the limits, by UTF-8 size', () => {
    bad(INVOKE.saveTrace, ['a.json', 'x'.repeat(MAX_TRACE_BYTES + 1)]);
    // 12 Mi three-byte characters: fewer UTF-16 units than the limit, more UTF-8 bytes.
    const wide = '€'.repeat(Math.floor(MAX_TRACE_BYTES / 3) + 1);
    expect(wide.length).toBeLessThan(MAX_TRACE_BYTES);
    bad(INVOKE.saveTrace, ['a.json', wide]);
    expect(validateInvoke[INVOKE.saveTrace](['a.json', 'x'.repeat(MAX_TRACE_BYTES)])[1]).toHaveLength(MAX_TRACE_BYTES);
    bad(INVOKE.exportFile, ['a.png', 'image/png', new Uint8Array(MAX_EXPORT_BYTES + 1)]);
  });
});

describe('contract: event payloads', () => {
  it('checks opened files and menu commands', () => {
    expect(isOpenedFile({ name: 'a.json', text: '{}' })).toBe(true);
    expect(isOpenedFile({ name: 'a.json', text: '{}', path: '/x' })).toBe(false);
    expect(isOpenedFile({ name: 'a.json' })).toBe(false);
    expect(isOpenedFile(null)).toBe(false);
    expect(isMenuCommand('save')).toBe(true);
    expect(isMenuCommand('rm -rf')).toBe(false);
  });
});
