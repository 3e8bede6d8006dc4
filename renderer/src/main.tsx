import './csp.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.js';
import { createDefaultDeps } from './deps.js';
import { createViewStore } from './store/createViewStore.js';
import { ViewStoreProvider } from './store/context.js';
import './styles.css';

const store = createViewStore(createDefaultDeps());
// The first start begins now, so the prepared trace loads while React draws the page (App's
// effect asks for the same start; it runs once).
void store.getState().start();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ViewStoreProvider store={store}>
      <App />
    </ViewStoreProvider>
  </StrictMode>,
);
