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
      <span className="help-buttons" role="group" aria-label="Help">
        <button type="button" data-tour="help" onClick={() => setHelp('tour')}>
          Tour
        </button>
        <button type="button" onClick={() => openTerm('claim')}>
          Glossary
        </button>
        <button type="button" aria-keyshortcuts="?" onClick={() => setHelp('shortcuts')}>
          Shortcuts <kbd>?</kbd>
        </button>
      </span>
      {dirty && (
        <span className="dirty" role="status">
          Unsaved changes (notes or forks): Save trace keeps them
        </span>
      )}
    </div>
  );
}
