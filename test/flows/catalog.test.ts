import { describe, expect, it } from 'vitest';
import { allFlows, FLOW_IDS, flowCatalog, flowInfo, resolveOptions } from '../../core/index.js';

describe('the flow catalog (static metadata, no flow modules)', () => {
  it('is what the registered flows carry, in registration order', () => {
    const registered = allFlows().map(({ id, title, summary, actors, options }) => ({ id, title, summary, actors, options }));
    expect(flowCatalog()).toEqual(registered);
    expect(new Set(flowCatalog().map((f) => f.id))).toEqual(new Set(FLOW_IDS));
  });

  it('names unknown flows and gives each option its first value by default', () => {
    expect(() => flowInfo('nope' as never)).toThrow(/"flow" expected one of/);
    expect(resolveOptions('webauthn')).toEqual({ userVerification: 'preferred', uvAvailable: true, credential: 'device-bound', binding: 'none' });
    expect(resolveOptions('biometric-only', { replayGuard: 'tx-state' })).toEqual({ replayGuard: 'tx-state' });
    expect(resolveOptions('device-key')).toEqual({});
  });

  it('loads without registering any flow', async () => {
    const src = await import('node:fs').then((fs) => fs.readFileSync(new URL('../../core/flows/catalog.ts', import.meta.url), 'utf8'));
    expect(src.match(/^import .*$/gm)).toEqual(["import type { ActorInfo, FlowId, FlowOptions } from './types.js';"]);
  });
});
