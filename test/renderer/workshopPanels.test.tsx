// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/components/App.js';
import MatrixView from '../../renderer/src/components/MatrixView.js';
import { NotesPanel } from '../../renderer/src/components/PresenterBar.js';
import { createViewStore, type ViewStore } from '../../renderer/src/store/createViewStore.js';
import { ViewStoreProvider } from '../../renderer/src/store/context.js';
import { noteOf } from '../../renderer/src/store/presenterSlice.js';
import type { ViewDeps } from '../../renderer/src/store/types.js';
import { fakeDeps, fixtureMatrix } from './fixture.js';

afterEach(cleanup);

async function setup(ui: ReactNode, deps: ViewDeps = fakeDeps()): Promise<ViewStore> {
  const store = createViewStore(deps);
  await store.getState().recordLanes();
  render(<ViewStoreProvider store={store}>{ui}</ViewStoreProvider>);
  return store;
}

describe('the outcome matrix view', () => {
  it('shows progress while computing, then cells named by scenario, column and outcome, with a legend', async () => {
    let release: () => void = () => undefined;
    const store = await setup(<MatrixView />, fakeDeps({ computeMatrix: (o) => new Promise((r) => (release = () => r(fixtureMatrix(o)))) }));
    act(() => store.getState().setView('matrix'));
    expect(screen.getByRole('status').textContent).toMatch(/Recording every scenario/);
    await act(async () => release());
    expect(screen.queryByRole('status')).toBeNull();
    const blocked = screen.getByRole('button', { name: 'replay × WebAuthn (challenge): blocked by the relying party at rp.challenge' });
    // Colour and words: the cell says its outcome in text too.
    expect(blocked.textContent).toContain('Blocked');
    expect(blocked.closest('td')!.className).toContain('mcell-blocked');
    expect(screen.getByRole('button', { name: 'replay × Biometric-only: breach' }).textContent).toContain('Breach');
    expect(screen.getByRole('list', { name: 'Legend' }).textContent).toContain('False reject');
    await act(async () => fireEvent.click(blocked));
    await waitFor(() => expect(store.getState().view).toBe('lanes'));
    expect(store.getState().lanes[1].run!.scenario).toBe('replay');
  });
});

describe('speaker notes', () => {
  it('"Note for this step" edits the current step’s note and marks the document dirty', async () => {
    const store = await setup(<NotesPanel />);
    act(() => store.getState().seek(0, 3));
    // The notes follow a step once the frame that shows it has painted.
    const box = (await screen.findByLabelText('Note for this step')) as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: 'Who issued this challenge?' } });
    fireEvent.blur(box);
    const s = store.getState();
    expect(noteOf(s.lanes[0].run!.steps[2])).toBe('Who issued this challenge?');
    expect(s.dirty).toBe(true);
  });
});

describe('presenter mode keys', () => {
  it('P enters, PageDown steps, B blacks out, Escape leaves', async () => {
    const store = await setup(<App autoStart={false} />);
    fireEvent.keyDown(window, { key: 'p' });
    expect(screen.getByRole('toolbar', { name: 'Presenter' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Open trace…' })).toBeNull();
    fireEvent.keyDown(window, { key: 'PageDown' });
    fireEvent.keyDown(window, { key: 'PageDown' });
    // Each lane by its own step number (the left lane first), as its caption numbers it.
    expect(screen.getByTestId('presenter-step').textContent).toMatch(/^Step 2 \/ \d+( · \d+ \/ \d+)?$/);
    fireEvent.keyDown(window, { key: 'b' });
    expect(screen.getByTestId('blackout')).toBeTruthy();
    fireEvent.keyDown(window, { key: 'B' });
    expect(screen.queryByTestId('blackout')).toBeNull();
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(store.getState().presenter).toBe(false);
    expect(screen.getByRole('button', { name: 'Presenter mode' })).toBeTruthy();
  });
});
