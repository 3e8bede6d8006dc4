import { describe, expect, it } from 'vitest';
import { createViewStore } from '../../renderer/src/store/createViewStore.js';
import { matrixGroups } from '../../renderer/src/store/matrixSlice.js';
import { applicableOptions, flowNaReason, naReason } from '../../renderer/src/model/applicability.js';
import type { Matrix } from '../../core/matrix/index.js';
import { fakeDeps } from './fixture.js';

const column = (id: string, flow: Matrix['columns'][number]['flow']) => ({ id, title: id, flow, options: {} });
const FLOWS: Matrix = { options: {}, seed: 1, rows: [], columns: [column('webauthn/none', 'webauthn'), column('webauthn/challenge', 'webauthn'), column('biometric-only', 'biometric-only'), column('otp/sms+none', 'otp')] };

describe('the matrix column filter (store)', () => {
  it('groups by flow on the flows axis and by column on an option’s axis', () => {
    expect(matrixGroups(FLOWS.columns, 'flows')).toEqual(['webauthn', 'biometric-only', 'otp']);
    expect(matrixGroups(FLOWS.columns, 'rpFlaw')).toEqual(['webauthn/none', 'webauthn/challenge', 'biometric-only', 'otp/sms+none']);
  });

  it('keeps hidden groups per axis, shows them again, and never hides the last shown group', () => {
    const store = createViewStore(fakeDeps(), { matrix: FLOWS, matrixAxis: 'flows' });
    const s = () => store.getState();
    s().setMatrixShown('webauthn', false);
    s().setMatrixShown('otp', false);
    expect(s().matrixHidden.flows).toEqual(['webauthn', 'otp']);
    s().setMatrixShown('biometric-only', false); // the last one shown stays
    expect(s().matrixHidden.flows).toEqual(['webauthn', 'otp']);
    s().setMatrixShown('webauthn', true);
    expect(s().matrixHidden.flows).toEqual(['otp']);
    // Another axis has its own filter; the flows axis keeps its own.
    store.setState({ matrixAxis: 'rpFlaw' });
    s().setMatrixShown('webauthn/challenge', false);
    expect(s().matrixHidden).toEqual({ flows: ['otp'], rpFlaw: ['webauthn/challenge'] });
  });
});

describe('n/a choices for a scenario', () => {
  it('reads the catalog through applies: a flow with no place for the scenario has its reason; options that let it apply are found', () => {
    expect(naReason('webauthn', 'silent-assertion')).toBeNull();
    expect(naReason('biometric-only', 'silent-assertion')).toMatch(/.+/);
    expect(flowNaReason('push-approval', 'tx-swap-after-approval')).toMatch(/.+/);
    // otp cannot clone an SMS, but an app's secret: choosing otp for cloned-authenticator picks totp.
    expect(naReason('otp', 'cloned-authenticator', { channel: 'sms' })).toMatch(/.+/);
    expect(flowNaReason('otp', 'cloned-authenticator')).toBeNull();
    expect(applicableOptions('otp', 'cloned-authenticator')).toMatchObject({ channel: 'totp', linking: 'none' });
    expect(applicableOptions('otp', 'honest', { linking: 'dynamic' })).toMatchObject({ channel: 'sms', linking: 'dynamic' });
    expect(applicableOptions('device-key', 'uv-downgrade')).toBeNull();
  });
});
