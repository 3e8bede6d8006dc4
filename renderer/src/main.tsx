import './csp.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.js';
import { createDefaultDeps } from './deps.js';
import { createViewStore, type ViewStore } from './store/createViewStore.js';
import { ViewStoreProvider } from './store/context.js';
import './styles.css';

/** How long the first render waits for the first start's lanes before it draws the page without them. */
const FIRST_RENDER_WAIT_MS = 400;

/** Resolves once both lanes have a run to draw (or an error to say), or after `ms`. */
function lanesReady(store: ViewStore, ms: number): Promise<void> {
  const ready = () => store.getState().lanes.every((l) => l.run !== null || l.status === 'error');
  if (ready()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const unsubscribe = store.subscribe(() => ready() && done());
  });
}

const store = createViewStore(createDefaultDeps());
// The first start begins at once: the prepared trace has usually arrived and been read by the
// time this module runs, so the page is drawn once, with both lanes, rather than empty and then
// again (App's effect asks for the same start; it runs once). A slow start draws the page without
// the lanes after FIRST_RENDER_WAIT_MS; they follow when ready.
void store.getState().start();
await lanesReady(store, FIRST_RENDER_WAIT_MS);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ViewStoreProvider store={store}>
      <App />
    </ViewStoreProvider>
  </StrictMode>,
);
