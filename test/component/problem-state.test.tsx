import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ProblemState } from '../../desktop/renderer/components/ProblemState.js';
import { ChallengeList } from '../../desktop/renderer/components/ChallengeList.js';
import { withoutLeadingTitle } from '../../desktop/renderer/components/StatementPane.js';

const retry = () => {};

describe('problem states', () => {
  it('shows the URL it tried and a Retry button when the gateway is unreachable', () => {
    const html = renderToStaticMarkup(
      <ProblemState error={{ kind: 'unreachable', url: 'http://127.0.0.1:8080', detail: 'connection refused', message: 'Cannot reach the judge at http://127.0.0.1:8080 (connection refused).' }} onRetry={retry} />,
    );
    expect(html).toContain('Connection refused. Start it with');
    expect(html).toContain('Cannot reach the judge');
    expect(html).toContain('<code class="url" data-testid="tried-url">http://127.0.0.1:8080</code>');
    expect(html).toContain('>Retry</button>');
    expect(html).toContain('data-kind="unreachable"');
  });

  it('shows the gateway message and status for a server error', () => {
    const html = renderToStaticMarkup(
      <ProblemState error={{ kind: 'server', status: 503, code: 'unavailable', message: 'The judge is not ready: its queue or sandbox is unavailable.' }} onRetry={retry} />,
    );
    expect(html).toContain('The judge ran into a problem');
    expect(html).toContain('HTTP 503 · unavailable');
  });

  it('explains an empty catalog', () => {
    const html = renderToStaticMarkup(<ProblemState empty onRetry={retry} />);
    expect(html).toContain('No challenges yet');
    expect(html).toContain('data-kind="empty"');
  });

  it('offers Settings only when asked (the desktop app)', () => {
    const error = { kind: 'unreachable' as const, url: 'http://x', message: 'm' };
    expect(renderToStaticMarkup(<ProblemState error={error} onRetry={retry} />)).not.toContain('Settings');
    expect(renderToStaticMarkup(<ProblemState error={error} onRetry={retry} />)).toContain('then Retry');
    expect(renderToStaticMarkup(<ProblemState error={error} onRetry={retry} onOpenSettings={retry} />)).toContain('>Settings</button>');
  });
});

describe('challenge list', () => {
  it('shows title, difficulty and a solved mark', () => {
    const html = renderToStaticMarkup(
      <ChallengeList
        challenges={[
          { id: 'two-sum', title: 'Two Sum', difficulty: 'easy', tags: ['array'], languages: ['javascript', 'python'] },
          { id: 'n-queens', title: 'N-Queens', difficulty: 'hard', tags: [], languages: ['python'] },
        ]}
        solved={new Set(['two-sum'])}
        onOpen={retry}
      />,
    );
    expect(html).toMatch(/Two Sum<span class="visually-hidden"> \(solved\)/);
    expect(html).not.toMatch(/N-Queens<span class="visually-hidden">/);
    expect(html).toContain('badge-easy');
    expect(html).toContain('badge-hard');
    expect(html).toContain('2 challenges · 1 solved');
  });
});

describe('statement title', () => {
  it('drops a leading heading that repeats the title, and only that', () => {
    expect(withoutLeadingTitle('# Two Sum\n\nText', 'Two Sum')).toBe('Text');
    expect(withoutLeadingTitle('# Other\n\nText', 'Two Sum')).toBe('# Other\n\nText');
  });
});
