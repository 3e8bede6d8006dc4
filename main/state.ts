/**
 * The little state the shell keeps in userData: the recently opened traces and the window's
 * bounds. Both files are read as untrusted input (a hand-edited or corrupt file gives the
 * defaults, never an exception) and written atomically.
 */
import { isAbsolute } from 'node:path';
import { MIN_WINDOW_SIZE } from './security.js';

// ---------------------------------------------------------------- recent files

/** How many recent traces are remembered. */
export const MAX_RECENT = 10;
const MAX_PATH_LENGTH = 4096;

function isUsablePath(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_PATH_LENGTH && isAbsolute(value) && !value.includes('\0');
}

/** Parse the persisted recent list: absolute paths only, no duplicates, at most MAX_RECENT. */
export function parseRecent(text: string | null): string[] {
  if (text === null) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  const list = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as { recent?: unknown }).recent : undefined;
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  for (const item of list) {
    if (isUsablePath(item) && !out.includes(item)) out.push(item);
    if (out.length === MAX_RECENT) break;
  }
  return out;
}

export function serializeRecent(recent: readonly string[]): string {
  return `${JSON.stringify({ recent: recent.slice(0, MAX_RECENT) }, null, 2)}\n`;
}

/** Put a path at the top of the list (moving it if present), bounded. */
export function addRecent(recent: readonly string[], path: string, comparePaths: (a: string, b: string) => boolean = (a, b) => a === b): string[] {
  if (!isUsablePath(path)) return [...recent];
  return [path, ...recent.filter((p) => !comparePaths(p, path))].slice(0, MAX_RECENT);
}

export function removeRecent(recent: readonly string[], path: string): string[] {
  return recent.filter((p) => p !== path);
}

/** Path comparison of the platform: case-insensitive on Windows and macOS (their default file systems). */
export function pathsEqualOn(platform: NodeJS.Platform): (a: string, b: string) => boolean {
  return platform === 'win32' || platform === 'darwin' ? (a, b) => a.toLowerCase() === b.toLowerCase() : (a, b) => a === b;
}

// ---------------------------------------------------------------- window state

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  /** Undefined position: let the OS place (center) the window. */
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 1_000_000;

/** Parse the persisted window state; anything malformed gives the default. */
export function parseWindowState(text: string | null): WindowState {
  if (text === null) return DEFAULT_WINDOW_STATE;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return DEFAULT_WINDOW_STATE;
  const v = json as Record<string, unknown>;
  if (!isInt(v.width) || !isInt(v.height) || v.width <= 0 || v.height <= 0) return DEFAULT_WINDOW_STATE;
  const maximized = v.maximized === true;
  if (isInt(v.x) && isInt(v.y)) return { x: v.x, y: v.y, width: v.width, height: v.height, maximized };
  return { width: v.width, height: v.height, maximized };
}

export function serializeWindowState(state: WindowState): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}

function intersectionArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Fit saved bounds to the screens there are now (work areas, without task bars and docks): the
 * size is clamped to the work area it mostly lies on (never below the minimum, never above the
 * screen), and a window that is off every screen, or whose title bar would be unreachable, is moved
 * back onto the screen it overlaps most, or centered on the primary one.
 */
export function clampWindowState(state: WindowState, workAreas: readonly Rect[], primary: Rect | undefined = workAreas[0]): WindowState {
  if (!primary) return state;
  const fitSize = (area: Rect) => ({
    width: Math.max(Math.min(state.width, area.width), Math.min(MIN_WINDOW_SIZE.width, area.width)),
    height: Math.max(Math.min(state.height, area.height), Math.min(MIN_WINDOW_SIZE.height, area.height)),
  });
  const centered = (area: Rect): WindowState => {
    const size = fitSize(area);
    return { x: Math.round(area.x + (area.width - size.width) / 2), y: Math.round(area.y + (area.height - size.height) / 2), ...size, maximized: state.maximized };
  };
  if (state.x === undefined || state.y === undefined) return centered(primary);

  const rect: Rect = { x: state.x, y: state.y, width: state.width, height: state.height };
  let best: Rect | undefined;
  let bestArea = 0;
  for (const area of workAreas) {
    const overlap = intersectionArea(rect, area);
    if (overlap > bestArea) {
      best = area;
      bestArea = overlap;
    }
  }
  if (!best) return centered(primary);
  const size = fitSize(best);
  // Keep the whole window on that screen: at least its title bar must be reachable.
  const x = Math.min(Math.max(state.x, best.x), best.x + best.width - size.width);
  const y = Math.min(Math.max(state.y, best.y), best.y + best.height - size.height);
  return { x, y, ...size, maximized: state.maximized };
}
