import { describe, expect, it } from 'vitest';
import { allFlows, FLOW_IDS, flowCatalog, flowInfo, resolveOptions } from '../../core/index.js';
import { actorsFor, applies } from '../../core/flows/catalog.js';

describe('the flow catalog (static metadata, no flow modules)', () => {
  it('is what the registered flows carry, in registration order', () => {
    const registered = allFlows().map(({ id, title, summary, actors, options }) => ({ id, title, summary, actors, options }));
    expect(flowCatalog().map(({ id, title, summary, actors, options }) => ({ id, title, summary, actors, options }))).toEqual(registered);
    expect(new Set(flowCatalog().map((f) => f.id))).toEqual(new Set(FLOW_IDS));
  });

  it('names unknown flows and gives each option its first value by default', () => {
    expect(() => flowInfo('nope' as never)).toThrow(/"flow" expected one of/);
    expect(resolveOptions('webauthn')).toEqual({ userVerification: 'preferred', uvAvailable: true, credential: 'device-bound', binding: 'none', rpFlaw: 'none' });
    expect(resolveOptions('biometric-only', { replayGuard: 'tx-state' })).toEqual({ replayGuard: 'tx-state' });
    expect(resolveOptions('device-key')).toEqual({});
  });

  it('loads without registering any flow', async () => {
    const src = await import('node:fs').then((fs) => fs.readFileSync(new URL('../../core/flows/catalog.ts', import.meta.url), 'utf8'));
    expect(src.match(/^import .*$/gm)).toEqual(["import type { ActorInfo, FlowId, FlowOptions, ScenarioId } from './types.js';"]);
  });

  it('applies reads only the flow id, the scenario and the options; every n/a names a missing perturbation point', () => {
    for (const f of flowCatalog()) for (const na of f.notApplicable ?? []) expect(na.reason).toMatch(/no |nothing|there is no|set when the key is created/);
    expect(applies('otp', 'cloned-authenticator', { channel: 'totp' })).toBe(true);
    expect(applies('otp', 'cloned-authenticator', { channel: 'sms' })).toMatch(/no user-side key/);
    expect(applies('webauthn', 'silent-assertion', { rpFlaw: 'accept-up0' })).toBe(true);
    expect(actorsFor('otp', { channel: 'totp' }).map((a) => a.id)).not.toContain('carrier');
    expect(actorsFor('push-approval', {}).map((a) => a.id)).not.toContain('keystore');
    expect(actorsFor('push-approval', { approvalKey: 'signed' }).map((a) => a.id)).toContain('keystore');
  });
});
