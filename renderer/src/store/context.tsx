import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ViewStore } from './createViewStore.js';
import type { ViewState } from './types.js';

const ViewStoreContext = createContext<ViewStore | null>(null);

/** Provide a view's store to its components. */
export function ViewStoreProvider({ store, children }: { store: ViewStore; children: ReactNode }) {
  const [value] = useState(store);
  return <ViewStoreContext.Provider value={value}>{children}</ViewStoreContext.Provider>;
}

/** The store of the view this component is in. */
export function useViewStoreApi(): ViewStore {
  const store = useContext(ViewStoreContext);
  if (!store) throw new Error('useViewStore must be used inside <ViewStoreProvider>');
  return store;
}

/** Select from the view's store (use the named selectors in selectors.ts). */
export function useViewStore<T>(selector: (s: ViewState) => T): T {
  return useStore(useViewStoreApi(), selector);
}
