import type { StateCreator } from 'zustand';
import { flowCatalog, ProoflineError, type FlowOptions, type MatrixColumn, type ScenarioId } from '../core.js';
import { columnTitle } from '../model/matrixText.js';
import type { MatrixSlice, ViewDeps, ViewState } from './types.js';

/** The axes the matrix offers: designs side by side, or the values of one option (e.g. rpFlaw). */
export function matrixAxes(): string[] {
  return ['flows', ...flowCatalog().flatMap((f) => f.options.filter((o) => o.notes).map((o) => String(o.key)))];
}

/**
 * The options the matrix view offers as choices on an axis, from the catalog: on the flows axis every
 * option that is not a column (nor a flaw, which has its own axis); on an option's axis the owning
 * flow's other options.
 */
export function matrixOptionKeys(axis: string): (keyof FlowOptions)[] {
  if (axis === 'flows') return flowCatalog().flatMap((f) => f.options.filter((o) => !(f.columnOptions ?? []).includes(o.key) && o.omitWhen === undefined).map((o) => o.key));
  const owner = flowCatalog().find((f) => f.options.some((o) => o.key === axis));
  return (owner?.options ?? []).filter((o) => o.key !== axis).map((o) => o.key);
}

/** The filter group a column belongs to: its flow on the flows axis, itself on an option's axis. */
export function matrixGroupOf(column: Pick<MatrixColumn, 'id' | 'flow'>, axis: string): string {
  return axis === 'flows' ? column.flow : column.id;
}

/** The filter's groups for the given columns, in column order, each once. */
export function matrixGroups(columns: readonly Pick<MatrixColumn, 'id' | 'flow'>[], axis: string): string[] {
  return [...new Set(columns.map((c) => matrixGroupOf(c, axis)))];
}

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
      matrixAxis: 'flows',
      matrix: null,
      matrixStatus: 'idle',
      matrixError: null,
      matrixHidden: {},

      setMatrixShown(key, shown) {
        const s = get();
        const axis = s.matrixAxis;
        const hidden = new Set(s.matrixHidden[axis] ?? []);
        if (shown) hidden.delete(key);
        else {
          // Never hide every column: the last shown group stays.
          const groups = s.matrix ? matrixGroups(s.matrix.columns, axis) : [];
          if (groups.length > 0 && groups.every((g) => g === key || hidden.has(g))) return;
          hidden.add(key);
        }
        set({ matrixHidden: { ...s.matrixHidden, [axis]: [...hidden] } });
      },

      async setMatrixOption(key, value) {
        const keys = matrixOptionKeys(get().matrixAxis);
        if (!keys.includes(key)) throw new RangeError(`"key" expected one of ${keys.join(', ')}, got ${key}`);
        set({ matrixOptions: { ...get().matrixOptions, [key]: value } });
        await get().computeMatrix();
      },

      async setMatrixAxis(axis) {
        if (!matrixAxes().includes(axis)) throw new RangeError(`"axis" expected one of ${matrixAxes().join(', ')}, got ${axis}`);
        // Keep only the options the new axis offers (binding may be a column on one axis and a choice on another).
        const keep = matrixOptionKeys(axis);
        const options = Object.fromEntries(Object.entries(get().matrixOptions).filter(([k]) => keep.includes(k as keyof FlowOptions)));
        set({ matrixAxis: axis, matrixOptions: options as FlowOptions, matrix: null });
        await get().computeMatrix();
      },

      async computeMatrix() {
        const mine = ++request;
        const options = get().matrixOptions;
        const axis = get().matrixAxis;
        set({ matrixStatus: 'computing', matrixError: null });
        try {
          const matrix = await deps.computeMatrix(options, axis);
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
        // The counterpart: on an option's axis (rpFlaw), the same scenario at the option's default
        // (a strict RP); on the flows axis, or in the default column, the honest run.
        const axis = s.matrix?.axis;
        const info = axis ? flowCatalog().flatMap((f) => f.options).find((o) => o.key === axis) : undefined;
        const atDefault = !info || (column.options as Record<string, unknown>)[info.key] === info.values[0];
        const counterpart = atDefault
          ? { scenario: 'honest' as ScenarioId, options: column.options, label: `honest · ${columnTitle(column)}` }
          : { scenario, options: { ...column.options, [info.key]: info.values[0] } as FlowOptions, label: `${scenario} · ${columnTitle({ flow: column.flow, options: { ...column.options, [info.key]: info.values[0] } as FlowOptions })}` };
        const [left, attacked] = await Promise.all([
          deps.recordRun({ flow: column.flow, scenario: counterpart.scenario, options: counterpart.options, seed }),
          deps.recordRun({ flow: column.flow, scenario, options: column.options, seed }),
        ]);
        get().placeRuns([
          { run: left, source: { kind: 'matrix', label: counterpart.label } },
          { run: attacked, source: { kind: 'matrix', label: `${scenario} · ${columnTitle(column)}` } },
        ]);
        set({ view: 'lanes', scenario, seed, sync: true, fork: null, whatIf: null });
      },
    };
  };
