/**
 * Exports of runs and traces for design reviews and workshops: Mermaid, Markdown, self-contained
 * HTML and a static SVG, all pure string building; redaction profiles for sharing.
 */
export { runToMermaid, mermaidText } from './mermaid.js';
export { ledgerMarkdown, traceToHtml, traceToMarkdown } from './report.js';
export { runToSvg } from './svg.js';
export { redact, redactForSharing, isRedactionProfile, REDACTION_PROFILES, type Redacted, type RedactionProfile } from './redact.js';
export { escapeMarkdown, escapeXml, MASKED_BYTES_NOTE } from './text.js';
export type { ExportNotes, ExportRun, ExportTrace } from './types.js';
