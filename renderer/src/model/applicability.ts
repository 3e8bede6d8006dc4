import { applies, flowInfo, resolveOptions, type FlowId, type FlowOptions, type ScenarioId } from '../core.js';

/**
 * Which choices a scenario leaves open (DESIGN.md §8.1 "cells that do not apply"): a flow whose
 * catalog declares the scenario `n/a` for its options has no place for the perturbation, so that
 * combination is never recorded. The reasons are the catalog's, read through `applies`.
 */

/** Why `scenario` does not apply to `flow` with `options`, or null when it applies. */
export function naReason(flow: FlowId, scenario: ScenarioId, options: FlowOptions = {}): string | null {
  try {
    const r = applies(flow, scenario, options);
    return r === true ? null : r;
  } catch {
    return null;
  }
}

/** Every combination of a flow's option values, the given options first, then by catalog order. */
function combinations(flow: FlowId, options: FlowOptions): FlowOptions[] {
  let out: Record<string, unknown>[] = [{ ...options }];
  for (const o of flowInfo(flow).options) {
    out = out.flatMap((c) => [c, ...o.values.filter((v) => v !== c[o.key]).map((v) => ({ ...c, [o.key]: v }))]);
  }
  return out as FlowOptions[];
}

/**
 * The options to record `flow` with for `scenario`: the given ones when the scenario applies, else
 * the first combination (changing the fewest options, in catalog order) where it does; null when
 * it applies to no combination (the flow is n/a for the scenario whatever its options).
 */
export function applicableOptions(flow: FlowId, scenario: ScenarioId, options: FlowOptions = {}): FlowOptions | null {
  const given = resolveOptions(flow, options);
  if (naReason(flow, scenario, given) === null) return given;
  const changed = (c: FlowOptions) => Object.entries(c).filter(([k, v]) => (given as Record<string, unknown>)[k] !== v).length;
  const ok = combinations(flow, given).filter((c) => naReason(flow, scenario, c) === null).sort((a, b) => changed(a) - changed(b));
  return ok[0] ?? null;
}

/** Why a flow cannot run `scenario` with any options, or null when some options let it. */
export function flowNaReason(flow: FlowId, scenario: ScenarioId): string | null {
  return applicableOptions(flow, scenario) === null ? naReason(flow, scenario) : null;
}
