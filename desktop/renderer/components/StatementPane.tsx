/**
 * The challenge statement: title, difficulty, tags and the markdown text. Links open outside
 * the app (system browser or a new tab) instead of replacing it.
 */
import { useMemo, type MouseEvent } from 'react';
import type { PublicChallenge } from '../../../protocol/index.js';
import { renderMarkdown } from '../markdown/render-markdown.js';
import { DifficultyBadge } from './DifficultyBadge.js';

export interface StatementPaneProps {
  challenge: PublicChallenge;
  onOpenLink(url: string): void;
}

/** Statements usually open with `# Title`; the header above already shows it. */
export function withoutLeadingTitle(markdown: string, title: string): string {
  const match = /^\s*#\s+(.+?)\s*(\r?\n|$)/.exec(markdown);
  return match && match[1] === title ? markdown.slice(match[0].length) : markdown;
}

export function StatementPane({ challenge, onOpenLink }: StatementPaneProps) {
  // The markdown renderer escapes raw HTML and drops unsafe links (see render-markdown.ts).
  const html = useMemo(() => renderMarkdown(withoutLeadingTitle(challenge.statement, challenge.title)), [challenge.statement, challenge.title]);
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const anchor = (event.target as HTMLElement).closest('a');
    if (!anchor) return;
    const href = anchor.getAttribute('href') ?? '';
    if (href.startsWith('#')) return;
    event.preventDefault();
    onOpenLink(anchor.href);
  };
  return (
    <article className="statement" aria-label="Statement">
      <header className="statement-head">
        <h1 className="statement-title">{challenge.title}</h1>
        <div className="statement-meta">
          <DifficultyBadge difficulty={challenge.difficulty} />
          {challenge.tags.map((tag) => (
            <span key={tag} className="tag">
              {tag}
            </span>
          ))}
        </div>
      </header>
      <div className="markdown" onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />
      <footer className="statement-foot muted">
        {challenge.tests.length} visible {challenge.tests.length === 1 ? 'test' : 'tests'}
        {challenge.hiddenTestCount > 0 ? ` · ${challenge.hiddenTestCount} hidden` : ''}
      </footer>
    </article>
  );
}
