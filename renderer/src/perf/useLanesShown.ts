import { startTransition, useEffect, useState } from 'react';
import { lanesAreShown, lanesShown } from './marks.js';

/** The longest a first start keeps secondary panels back when its lanes never paint (an error, an empty lane). */
const SHOWN_MAX_MS = 1500;

/**
 * False until both lanes are on screen for the first time, then true for good: the parts of the
 * page that the first paint does not need (each lane's ledger cells and the legend, which hold
 * their place meanwhile; what is below the fold) render after it, so they do not add to the
 * first frame's script, style, layout and raster (`npm run bench`'s start line).
 */
export function useLanesShown(): boolean {
  const [shown, setShown] = useState(lanesAreShown);
  useEffect(() => {
    if (shown) return;
    let live = true;
    void lanesShown(SHOWN_MAX_MS).then(() => live && startTransition(() => setShown(true)));
    return () => {
      live = false;
    };
  }, [shown]);
  return shown;
}
