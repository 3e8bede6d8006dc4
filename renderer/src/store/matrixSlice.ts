import type { StateCreator } from 'zustand';
import { ProoflineError, type MatrixColumn } from '../core.js';
import { columnTitle } from '../model/matrixText.js';
import type { MatrixSlice, ViewDeps, ViewState } from './types.js';

/** The options the matrix view offers (binding is a column, not a choice). */
export const MATRIX_OPTION_KEYS = ['userVerification', 'uvAvailable', 'credential', 'replayGuard'] as const;

function message(e: unknown): string {
  return e instanceof ProoflineError || e instanceof Error ? e.message : String(e);
}

export const createMatrixSlice =
  (deps: ViewDeps): StateCreator<ViewState, [], [], MatrixSlice> =>
  (set, get) => {
    let request = 0;
    return {
      view: 'lanes',
      setView(view) {
        set({ view, ...(view === 'matrix' ? { playing: false } : {}) });
        if (view === 'matrix' && get().matrixStatus === 'idle') void get().computeMatrix();
      },
      matrixOptions: {},
      matrix: null,
      matrixStatus: 'idle',
      matrixError: null,

      async setMatrixOption(key, value) {
        if (!(MATRIX_OPTION_KEYS as readonly string[]).includes(key)) throw new RangeError(`"key" expected one of ${MATRIX_OPTION_KEYS.join(', ')}, got ${key}`);
        set({ matrixOptions: { ...get().matrixOptions, [key]: value } });
        await get().computeMatrix();
      },

      async computeMatrix() {
        const mine = ++request;
        const options = get().matrixOptions;
        set({ matrixStatus: 'computing', matrixError: null });
        try {
          const matrix = await deps.computeMatrix(options);
          if (mine !== request) return;
          set({ matrix, matrixStatus: 'ready' });
        } catch (e) {
          if (mine !== request) return;
          set({ matrixStatus: 'error', matrixError: message(e) });
        }
      },

      async openMatrixCell(scenario, columnId) {
        const s = get();
        const columns = s.matrix?.columns ?? (await import('../coreWorkshop.js')).matrixColumns(s.matrixOptions);
        const column: MatrixColumn | undefined = columns.find((c) => c.id === columnId);
        if (!column) throw new RangeError(`"column" expected a column of the matrix, got ${columnId}`);
        const seed = s.matrix?.seed ?? s.seed;
        const [honest, attacked] = await Promise.all(
          (['honest', scenario] as const).map((sc) => deps.recordRun({ flow: column.flow, scenario: sc, options: column.options, seed })),
        );
        const where = columnTitle(column);
        get().placeRuns([
          { run: honest!, source: { kind: 'matrix', label: `honest · ${where}` } },
          { run: attacked!, source: { kind: 'matrix', label: `${scenario} · ${where}` } },
        ]);
        set({ view: 'lanes', scenario, seed, sync: true, fork: null, whatIf: null });
      },
    };
  };
