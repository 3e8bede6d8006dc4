import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useGuideActions, useDirty, useExport, useExportActions, useMatrixActions, usePresenter, usePresenterActions, useResponseActions, useView } from '../store/hooks.js';

/** Workshop and design-review tools: presenter mode, the outcome matrix, real responses, exports. */
export function WorkshopBar() {
  const { presenter } = usePresenter();
  const { setPresenter } = usePresenterActions();
  const view = useView();
  const { setView } = useMatrixActions();
  const { setResponseBox } = useResponseActions();
  const { exportOpen } = useExport();
  const { setExportOpen } = useExportActions();
  const dirty = useDirty();
  const { setHelp, openTerm } = useGuideActions();
  return (
    <div className="workshop-bar" role="toolbar" aria-label="Workshop">
      <button type="button" aria-pressed={presenter} aria-keyshortcuts="P" onClick={() => setPresenter(!presenter)} aria-label="Presenter mode">
        Presenter
      </button>
      <button type="button" data-tour="matrix" aria-pressed={view === 'matrix'} onClick={() => setView(view === 'matrix' ? 'lanes' : 'matrix')} aria-label={view === 'matrix' ? 'Back to the lanes' : 'Outcome matrix'}>
        {view === 'matrix' ? 'Back to the lanes' : 'Matrix'}
      </button>
      <button type="button" onClick={() => setResponseBox(true)}>
        Open response…
      </button>
      <button type="button" aria-expanded={exportOpen} aria-haspopup="dialog" onClick={() => setExportOpen(!exportOpen)}>
        Export…
      </button>
      <HelpMenu openTour={() => setHelp('tour')} openGlossary={() => openTerm('claim')} openShortcuts={() => setHelp('shortcuts')} />
      {dirty && (
        <span className="dirty" role="status">
          Unsaved changes (notes or forks): Save trace keeps them
        </span>
      )}
    </div>
  );
}

/**
 * Help ▾: the tour, the glossary and the shortcuts in one menu, so the toolbar keeps to one line
 * at 1280 px. A menu button (WAI-ARIA menu pattern): Enter, Space or ↓ opens it on its first item,
 * ↑ on its last; ↑ ↓ Home End move, Enter or Space chooses, Escape or Tab closes it (Escape gives
 * focus back to the button). A chosen item's dialog opens next to the button and returns focus to it.
 */
function HelpMenu({ openTour, openGlossary, openShortcuts }: { openTour(): void; openGlossary(): void; openShortcuts(): void }) {
  const [open, setOpen] = useState<false | 'first' | 'last'>(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const id = useId();
  const items = () => Array.from(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);
  useEffect(() => {
    if (!open) return;
    const list = items();
    (open === 'last' ? list.at(-1) : list[0])?.focus();
    const away = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);
  const choose = (f: () => void) => {
    setOpen(false);
    button.current?.focus(); // the dialog opens beside the button and gives focus back to it
    f();
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    const go = (i: number) => list[(i + list.length) % list.length]?.focus();
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(list.length - 1);
    else if (e.key === 'Escape') {
      setOpen(false);
      button.current?.focus();
    } else if (e.key === 'Tab') {
      setOpen(false);
      return;
    } else return;
    // The menu's keys stay in the menu: they must not step the lanes or close a dialog.
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <span className="help-menu">
      <button
        ref={button}
        type="button"
        data-tour="help"
        id={`${id}-button`}
        aria-haspopup="menu"
        aria-expanded={open !== false}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => setOpen(open ? false : 'first')}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            e.stopPropagation();
            setOpen(e.key === 'ArrowUp' ? 'last' : 'first');
          }
        }}>
        Help <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div ref={menu} id={`${id}-menu`} role="menu" aria-labelledby={`${id}-button`} className="menu" onKeyDown={onMenuKey}>
          <button type="button" role="menuitem" tabIndex={-1} onClick={() => choose(openTour)}>
            Tour
          </button>
          <button type="button" role="menuitem" tabIndex={-1} onClick={() => choose(openGlossary)}>
            Glossary
          </button>
          <button type="button" role="menuitem" tabIndex={-1} aria-keyshortcuts="?" onClick={() => choose(openShortcuts)}>
            Shortcuts <kbd>?</kbd>
          </button>
        </div>
      )}
    </span>
  );
}
