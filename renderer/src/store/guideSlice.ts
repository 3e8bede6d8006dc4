import type { StateCreator } from 'zustand';
import { isSpecUrl } from '../model/specLinks.js';
import type { GuideSlice, ViewDeps, ViewState } from './types.js';

/**
 * The help a first-time reader gets: the guided tour, the glossary (open at one term), the
 * keyboard shortcuts. Only which one is open lives here; their text loads on first use
 * (renderer/src/guide/, React.lazy), so none of it is in the start chunk.
 */
export const createGuideSlice =
  (deps: ViewDeps): StateCreator<ViewState, [], [], GuideSlice> =>
  (set) => ({
  help: null,
  tourStop: 0,
  setHelp: (help) => set(help === 'tour' ? { help, tourStop: 0 } : { help }),
  openTerm: (term) => set({ help: { term } }),
  setTourStop: (tourStop) => set({ tourStop }),
  openLink(url) {
    // The desktop shell opens w3.org links in the system browser; a browser follows the link itself.
    if (!deps.host.openSpec || !isSpecUrl(url)) return false;
    void deps.host.openSpec(url).catch(() => undefined);
    return true;
  },
});
