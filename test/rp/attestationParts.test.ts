/**
 * The small parts every attestation format uses (core/rp/attestation: types.ts, pem.ts,
 * hashForAlg.ts): how a requirement becomes a check a person reads, the statement readers'
 * refusals, PEM blocks and the hash each COSE algorithm implies.
 */
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { describe, expect, it } from 'vitest';
import { COSE_ALG } from '../../core/codec/cose.js';
import { ProoflineError } from '../../core/errors.js';
import { hashForAlg } from '../../core/rp/attestation/hashForAlg.js';
import { pemCertificates } from '../../core/rp/attestation/pem.js';
import { Requirements, stmtAlg, stmtBytes, stmtX5c } from '../../core/rp/attestation/types.js';
import { sectionRef } from '../../core/rp/specTable.js';

const thrown = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof ProoflineError ? [e.code, e.message] : ['other', String(e)];
  }
  return ['nothing', ''];
};

describe('Requirements', () => {
  it('records each requirement as rp.<format>.<name> with its clause, pass or fail sentence, skips and malformed parts', () => {
    const r = new Requirements('rp.packed', 'packed');
    expect(r.ok).toBe(true);
    expect(r.need('alg', 'alg matches', true, 'alg is ES256', 'alg differs')).toBe(true);
    expect(r.ok).toBe(true);
    expect(r.need('sig', 'signature', false, 'verifies', 'does not verify')).toBe(false);
    r.skip('certChain', 'chain', 'no x5c: self attestation');
    expect(r.read('x5c', 'x5c', () => 5)).toBe(5);
    expect(r.read('aaguid', 'extension', () => { throw new ProoflineError('ERR_ATTESTATION', 'bad extension', 'x'); })).toBeUndefined();
    expect(r.malformed('other', 'o', new Error('broken'), 'tpm')).toBe(false);
    r.need('eku', 'EKU', true, 'has the EKU', 'lacks it', 'tpm');
    expect(r.checks.map((c) => [c.id, c.actor, c.spec, c.status, c.detail])).toEqual([
      ['rp.packed.alg', 'rp', sectionRef('packed', 'alg matches'), 'pass', 'alg is ES256'],
      ['rp.packed.sig', 'rp', sectionRef('packed', 'signature'), 'fail', 'does not verify'],
      ['rp.packed.certChain', 'rp', sectionRef('packed', 'chain'), 'skip', 'no x5c: self attestation'],
      ['rp.packed.aaguid', 'rp', sectionRef('packed', 'extension'), 'fail', 'expected well-formed data, but x: bad extension'],
      ['rp.packed.other', 'rp', sectionRef('tpm', 'o'), 'fail', 'expected well-formed data, but broken'],
      ['rp.packed.eku', 'rp', sectionRef('tpm', 'EKU'), 'pass', 'has the EKU'],
    ]);
    expect(r.ok).toBe(false);
    const skipped = new Requirements('rp.none', 'none');
    skipped.skip('x', 'y', 'z');
    expect(skipped.ok).toBe(false);
  });
});

describe('statement readers', () => {
  it('read byte strings, the alg integer and x5c, and name what is wrong', () => {
    const m = new Map<unknown, unknown>([['sig', new Uint8Array([1])], ['alg', -7], ['x5c', [new Uint8Array([2])]], ['num', 3], ['fl', 1.5], ['str', 'x']]);
    expect(stmtBytes(m, 'sig')).toEqual(new Uint8Array([1]));
    expect(thrown(() => stmtBytes(m, 'missing'))).toEqual(['ERR_ATTESTATION', 'attStmt: "missing" expected a byte string, got nothing']);
    expect(thrown(() => stmtBytes(m, 'num'))).toEqual(['ERR_ATTESTATION', 'attStmt: "num" expected a byte string, got number']);
    expect(stmtAlg(m)).toBe(-7);
    expect(thrown(() => stmtAlg(new Map()))).toEqual(['ERR_ATTESTATION', 'attStmt: "alg" expected a COSE algorithm integer, got nothing']);
    expect(thrown(() => stmtAlg(new Map([['alg', 1.5]])))).toEqual(['ERR_ATTESTATION', 'attStmt: "alg" expected a COSE algorithm integer, got number']);
    expect(thrown(() => stmtAlg(new Map([['alg', '-7']])))).toEqual(['ERR_ATTESTATION', 'attStmt: "alg" expected a COSE algorithm integer, got string']);
    expect(stmtX5c(m)).toEqual([new Uint8Array([2])]);
    expect(stmtX5c(new Map())).toBeUndefined();
    for (const bad of [[], 'x', [new Uint8Array(1), 'x'], new Uint8Array(1)]) {
      expect(thrown(() => stmtX5c(new Map([['x5c', bad]])))).toEqual(['ERR_ATTESTATION', 'attStmt: "x5c" expected a non-empty array of DER certificates']);
    }
  });
});

describe('pemCertificates', () => {
  it('decodes every CERTIFICATE block, whitespace and all; refuses a text without one or a block that is not base64', () => {
    const text = 'junk\n-----BEGIN CERTIFICATE-----\nAQID\nBA==\n-----END CERTIFICATE-----\nmore\n-----BEGIN CERTIFICATE-----\r\n  BQY=\r\n-----END CERTIFICATE-----';
    expect(pemCertificates(text, 'roots')).toEqual([new Uint8Array([1, 2, 3, 4]), new Uint8Array([5, 6])]);
    expect(thrown(() => pemCertificates('-----BEGIN PUBLIC KEY-----\nAQID\n-----END PUBLIC KEY-----', 'roots[0]'))).toEqual(['ERR_BUNDLE', 'roots[0]: has no PEM certificate (-----BEGIN CERTIFICATE-----)']);
    expect(thrown(() => pemCertificates(`${text}\n-----BEGIN CERTIFICATE-----\n!!\n-----END CERTIFICATE-----`, 'roots[1]'))).toEqual(['ERR_BUNDLE', 'roots[1]: certificate 3 is not base64']);
  });
});

describe('hashForAlg', () => {
  it('gives the hash each COSE algorithm signs with', () => {
    expect(hashForAlg(COSE_ALG.RS1)).toBe(sha1);
    for (const alg of [COSE_ALG.ES256, COSE_ALG.RS256, COSE_ALG.PS256]) expect(hashForAlg(alg), String(alg)).toBe(sha256);
    for (const alg of [COSE_ALG.ES384, COSE_ALG.RS384, COSE_ALG.PS384]) expect(hashForAlg(alg), String(alg)).toBe(sha384);
    for (const alg of [COSE_ALG.ES512, COSE_ALG.RS512, COSE_ALG.PS512]) expect(hashForAlg(alg), String(alg)).toBe(sha512);
    expect(hashForAlg(COSE_ALG.EdDSA)).toBeUndefined();
    expect(hashForAlg(0)).toBeUndefined();
  });
});
