import './csp.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.js';
import { createDefaultDeps } from './deps.js';
import { createViewStore } from './store/createViewStore.js';
import { ViewStoreProvider } from './store/context.js';
import './styles.css';

const store = createViewStore(createDefaultDeps());
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ViewStoreProvider store={store}>
      <App />
    </ViewStoreProvider>
  </StrictMode>,
);
