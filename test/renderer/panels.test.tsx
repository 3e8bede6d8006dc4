// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/components/App.js';
import { ChecksPanel } from '../../renderer/src/components/ChecksPanel.js';
import { Inspector } from '../../renderer/src/components/Inspector.js';
import { KnowledgeCards } from '../../renderer/src/components/KnowledgeCards.js';
import { LedgerTable } from '../../renderer/src/components/LedgerTable.js';
import { jsonMemberSpans } from '../../core/codec/jsonSpans.js';
import { inspectPayload, signedBytesFor } from '../../renderer/src/model/inspect.js';
import { createViewStore, type ViewStore } from '../../renderer/src/store/createViewStore.js';
import { ViewStoreProvider } from '../../renderer/src/store/context.js';
import { specRef } from '../../core/rp/specTable.js';
import { fakeDeps, fixtureAuthData, fixtureClientData, fixtureSignature, webauthnFixture } from './fixture.js';
import type { ReactNode } from 'react';

afterEach(cleanup);

async function setup(ui: ReactNode): Promise<ViewStore> {
  const store = createViewStore(fakeDeps());
  await store.getState().recordLanes();
  render(<ViewStoreProvider store={store}>{ui}</ViewStoreProvider>);
  return store;
}

describe('knowledge cards', () => {
  it('show what each actor knows at the current step, new items highlighted, never-seen items as such', async () => {
    const store = await setup(<KnowledgeCards lane={0} title="WebAuthn" />);
    const authn = () => screen.getByRole('article', { name: 'Authenticator knows' });
    expect(within(authn()).getByText('Nothing yet.')).toBeTruthy();
    // The cards follow a step once the frame that shows it has painted.
    act(() => store.getState().seek(0, 4));
    const item = (await within(authn()).findByText('SHA-256 of clientDataJSON')).closest('li')!;
    expect(item.className).toContain('new');
    const never = within(authn()).getByRole('list', { name: 'Authenticator never sees' });
    expect(never.textContent).toContain('never sees');
    expect(never.textContent).toContain('the amount and payee');
    act(() => store.getState().seek(0, 5));
    expect((await within(authn()).findByText('signed authenticatorData ‖ clientDataHash')).closest('li')!.className).toContain('new');
    expect(within(authn()).getByText('SHA-256 of clientDataJSON').closest('li')!.className).not.toContain('new');
  });
});

describe('checks panel', () => {
  it('lists every check of the selected step with spec, verdict and detail', async () => {
    const store = await setup(<ChecksPanel />);
    expect(screen.getByText(/Select a step/)).toBeTruthy();
    act(() => {
      store.getState().seek(0, 6);
      store.getState().selectStep(0, 5);
    });
    const items = await screen.findAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]!.textContent).toContain('rp.challenge');
    expect(items[0]!.textContent).toContain(specRef('rp.challenge', 'authentication'));
    expect(items[0]!.textContent).toContain('pass');
    expect(items[2]!.textContent).toContain('skip');
    expect(items[2]!.textContent).toContain('not a payment.get ceremony');
  });

  it('explains where a trace disagrees with its bytes', async () => {
    const store = await setup(<ChecksPanel />);
    act(() => {
      store.getState().showRuns([{ run: webauthnFixture(), disagreements: [{ step: 5, what: 'check rp.signature', recorded: 'pass: valid', recomputed: 'fail: signature does not verify' }] }], { kind: 'trace', name: 't.proofline.json' });
      store.getState().seek(0, 6);
      store.getState().selectStep(0, 5);
    });
    const box = await screen.findByRole('group', { name: 'Disagreements at this step' });
    expect(box.textContent).toContain('check rp.signature');
    expect(box.textContent).toContain('fail: signature does not verify');
  });
});

describe('ledger', () => {
  it('reads "not yet" until the deciding step, then the level word and step, and jumps to the evidence', async () => {
    const store = await setup(<LedgerTable />);
    const table = screen.getByRole('table', { name: 'What the verifier can conclude' });
    expect(within(table).getAllByRole('row')).toHaveLength(10);
    expect(table.textContent).toContain('not yet');
    act(() => store.getState().last());
    const row = within(table).getByRole('row', { name: /key-possession/ });
    const cell = await within(row).findByRole('button', { name: /^proven at step 6/ });
    expect(cell.textContent).toContain('key-possession is proven in the fixture');
    act(() => store.getState().first());
    fireEvent.click(cell);
    expect(store.getState().selected).toEqual({ lane: 0, step: 5 });
    expect(store.getState().evidence).toEqual({ lane: 0, property: 'key-possession' });
    expect(store.getState().lanes[0].position).toBe(6);
  });
});

describe('inspector', () => {
  it('labels authenticatorData spans, decodes flags bit by bit, and highlights a hovered field’s bytes', async () => {
    const store = await setup(<Inspector />);
    act(() => {
      store.getState().seek(0, 5);
      store.getState().selectStep(0, 4);
    });
    // The inspector's view loads with the first selection.
    const legend = await screen.findByRole('list', { name: 'Fields of authenticatorData' });
    expect(within(legend).getAllByRole('listitem').map((li) => li.querySelector('.span-name')!.textContent)).toEqual(['rpIdHash', 'flags', 'signCount']);
    expect(screen.getByText('bit 2 UV').nextSibling!.textContent).toMatch(/^1 /);
    expect(screen.getByText('bit 3 BE').nextSibling!.textContent).toMatch(/^0 /);
    const decoded = screen.getByRole('group', { name: 'Decoded authenticatorData' });
    fireEvent.mouseEnter(within(decoded).getByText('rpIdHash'));
    const hex = screen.getByRole('group', { name: /authenticatorData: 37 bytes in hex/ });
    expect(hex.querySelectorAll('.hex-byte.hot')).toHaveLength(32);
    fireEvent.mouseEnter(within(decoded).getByText('signCount'));
    expect(hex.querySelectorAll('.hex-byte.hot')).toHaveLength(4);
  });

  it('shows a DER signature’s r and s and the exact signed bytes', async () => {
    const store = await setup(<Inspector />);
    act(() => {
      store.getState().seek(0, 5);
      store.getState().selectStep(0, 4);
    });
    fireEvent.click(await screen.findByRole('button', { name: /^signature/ }));
    // The view follows once the step has painted; on a loaded machine that can take over a second.
    expect(await screen.findByText(/read as DER ECDSA signature/, undefined, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText('r')).toBeTruthy();
    expect(screen.getByText('s')).toBeTruthy();
    const signed = screen.getByRole('group', { name: 'Signed bytes' });
    expect(signed.textContent).toContain('authenticatorData ‖ SHA-256(clientDataJSON)');
    expect(signed.textContent).toContain('(69 bytes)');
  });

  it('decodes every encoding without throwing', () => {
    const run = webauthnFixture();
    const cose = inspectPayload(run.steps[1]!.payloads[0]!);
    expect(cose.fields.map((f) => f.label)).toEqual(['kty (1)', 'alg (3)', 'crv (-1)', 'x (-2)', 'y (-3)']);
    expect(cose.fields[1]!.value).toBe('-7 (ES256)');
    expect(cose.spans.at(-1)!.end).toBe(run.steps[1]!.payloads[0]!.bytes.length);
    const json = inspectPayload({ name: 'clientDataJSON', encoding: 'json', bytes: fixtureClientData });
    expect(json.spans.map((s) => s.id)).toEqual(['type', 'challenge', 'origin', 'crossOrigin']);
    expect(inspectPayload({ name: 'x', encoding: 'cbor', bytes: new Uint8Array([0xff]) }).error).toMatch(/cannot be decoded/);
    expect(inspectPayload({ name: 'x', encoding: 'der', bytes: new Uint8Array([1, 2]) }).error).toMatch(/SEQUENCE/);
    expect(inspectPayload({ name: 'authenticatorData', encoding: 'binary', bytes: fixtureAuthData.subarray(0, 10) }).error).toMatch(/37/);
    expect(inspectPayload({ name: 'signature', encoding: 'der', bytes: fixtureSignature }).spans.map((s) => s.id)).toEqual(['sequence', 'r', 's']);
    expect(signedBytesFor(run, 4, 'signature')!.bytes.length).toBe(37 + 32);
  });

  it('finds JSON members’ byte ranges in the raw bytes, whitespace and escapes included', () => {
    const bytes = new TextEncoder().encode(' { "a\\"b" : [1, {"x": "}"}], "c":true }');
    const spans = jsonMemberSpans(bytes)!;
    expect(spans.map((s) => s.key)).toEqual(['a"b', 'c']);
    expect(new TextDecoder().decode(bytes.subarray(spans[0]!.start, spans[0]!.end))).toBe('"a\\"b" : [1, {"x": "}"}]');
    expect(jsonMemberSpans(new TextEncoder().encode('[1]'))).toBeNull();
  });
});

describe('host events', () => {
  it('opens a file the desktop host hands over, and follows presenter mode', async () => {
    const listeners: { file?: (f: { name: string; text: string }) => void; presenter?: (on: boolean) => void } = {};
    const host = {
      ...fakeDeps().host,
      onFileOpened: (l: (f: { name: string; text: string }) => void) => ((listeners.file = l), () => (listeners.file = undefined)),
      onPresenterMode: (l: (on: boolean) => void) => ((listeners.presenter = l), () => (listeners.presenter = undefined)),
    };
    const store = createViewStore(fakeDeps({ host }));
    await store.getState().recordLanes();
    const view = render(
      <ViewStoreProvider store={store}>
        <App autoStart={false} />
      </ViewStoreProvider>,
    );
    await act(async () => {
      listeners.file!({ name: 'menu.proofline.json', text: '["biometric-only","webauthn"]' });
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(store.getState().trace?.name).toBe('menu.proofline.json');
    act(() => listeners.presenter!(true));
    expect(view.container.querySelector('.app.presenter')).not.toBeNull();
    view.unmount();
    expect(listeners.file).toBeUndefined();
  });

  it('exports the ledger as a Markdown table', async () => {
    const exported: [string, string, string][] = [];
    const host = { ...fakeDeps().host, exportFile: async (n: string, m: string, d: string | Uint8Array) => (exported.push([n, m, String(d)]), true) };
    const store = createViewStore(fakeDeps({ host }));
    await store.getState().recordLanes();
    await store.getState().exportLedger();
    expect(exported[0]![0]).toBe('honest.ledger.md');
    expect(exported[0]![1]).toBe('text/markdown');
    expect(exported[0]![2]).toMatch(/\| Key possession \| \*\*proven\*\* at step 6 .*— key-possession is proven in the fixture \| \*\*missing\*\* /);
  });
});

describe('app', () => {
  it('has two lanes named by flow, and steps with the keyboard', async () => {
    const store = await setup(<App autoStart={false} />);
    expect(screen.getByRole('region', { name: 'WebAuthn' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Biometric-only' })).toBeTruthy();
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(store.getState().lanes.map((l) => l.position)).toEqual([2, 1]);
    expect(screen.getByTestId('step-count-0').textContent).toBe('Step 2 / 7');
    fireEvent.keyDown(window, { key: 'End' });
    expect(screen.getByRole('region', { name: 'Biometric-only' }).textContent).toContain('Breach');
    fireEvent.keyDown(window, { key: 'Home' });
    expect(store.getState().lanes.map((l) => l.position)).toEqual([0, 0]);
    fireEvent.keyDown(window, { key: ' ' });
    expect(store.getState().playing).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: /Pause/ }));
    expect(store.getState().playing).toBe(false);
    for (const name of [/Previous step/, /Next step/, /Play/, /Open trace…/, /Save trace/]) expect(screen.getByRole('button', { name })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Reduce motion' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Speed' })).toBeTruthy();
  });

  it('shows one alert for a dropped file that is not a trace and keeps the view', async () => {
    const store = await setup(<App autoStart={false} />);
    await act(async () => {
      await store.getState().openTraceText('photo.png', '\u0089PNG');
    });
    expect(screen.getByRole('alert').textContent).toContain('“photo.png” could not be opened as a Proofline trace');
    expect(screen.getByRole('region', { name: 'WebAuthn' })).toBeTruthy();
  });
});
