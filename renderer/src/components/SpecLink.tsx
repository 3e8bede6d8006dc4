import { specUrl } from '../model/specLinks.js';
import { useGuideActions } from '../store/hooks.js';

/**
 * A spec clause as a link to its section of the W3C text (WebAuthn Level 3 or SPC); plain text
 * where it cites no W3C text. In the desktop app the link opens in the system browser.
 */
export function SpecLink({ spec, url = specUrl(spec) ?? undefined, className }: { spec: string; url?: string; className?: string }) {
  const { openLink } = useGuideActions();
  if (!url) return <span className={className}>{spec}</span>;
  return (
    <a className={className} href={url} target="_blank" rel="noopener noreferrer" onClick={(e) => openLink(url) && e.preventDefault()}>
      {spec}
    </a>
  );
}

/** The `?` beside a term: opens the glossary at it. */
export function TermHelp({ term, label }: { term: string; label: string }) {
  const { openTerm } = useGuideActions();
  return (
    <button type="button" className="term-help" data-term-help={term} aria-label={`What is “${label}”? (glossary)`} title={`What is “${label}”?`} onClick={() => openTerm(term)}>
      ?
    </button>
  );
}
