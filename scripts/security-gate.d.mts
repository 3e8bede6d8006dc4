/** Types of the helpers scripts/security-gate.mjs exports (for test/main). */
export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
  description: string;
}
export interface AllowEntry {
  check: string;
  file: string;
  reason: string;
  sample?: string;
}
export function parseCsv(text: string): string[][];
export function findingsOf(csv: string): Finding[];
export function loadAllowlist(path: string): AllowEntry[];
