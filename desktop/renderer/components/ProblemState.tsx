/**
 * Full-page states when there is nothing to work on: the gateway cannot be reached (with the
 * URL tried and a retry), the gateway failed, or the catalog is empty.
 */
import type { ReactNode } from 'react';
import type { JudgeError } from '../bridge/bridge-api.js';

export interface ProblemStateProps {
  error?: JudgeError;
  empty?: boolean;
  retrying?: boolean;
  onRetry(): void;
  /** Shown for the unreachable state on the desktop, where the URL is a setting. */
  onOpenSettings?(): void;
}

export function ProblemState({ error, empty, retrying, onRetry, onOpenSettings }: ProblemStateProps) {
  let title: string;
  let body: ReactNode;
  if (error?.kind === 'unreachable') {
    title = 'Cannot reach the judge';
    body = (
      <>
        <p>The app tried the judge gateway at</p>
        <p>
          <code className="url" data-testid="tried-url">
            {error.url ?? 'unknown address'}
          </code>
        </p>
        <p className="muted">
          {error.detail ? `${error.detail.charAt(0).toUpperCase()}${error.detail.slice(1)}. ` : ''}
          Start it with <code>npm run judge</code>
          {onOpenSettings ? ', or check the address in Settings.' : ', then Retry.'}
        </p>
      </>
    );
  } else if (error) {
    title = error.kind === 'rate_limited' ? 'The judge is busy' : 'The judge ran into a problem';
    body = (
      <>
        <p>{error.message}</p>
        {error.status !== undefined && <p className="muted">HTTP {error.status}{error.code ? ` · ${error.code}` : ''}</p>}
      </>
    );
  } else if (empty) {
    title = 'No challenges yet';
    body = <p className="muted">The judge answered, but its catalog is empty. Add a challenge under <code>challenges/</code> and retry.</p>;
  } else {
    title = 'Something went wrong';
    body = null;
  }
  return (
    <section className="problem-state" role="alert" data-testid="problem-state" data-kind={error?.kind ?? (empty ? 'empty' : 'unknown')}>
      <div className="problem-card">
        <div className={`problem-icon ${error ? 'is-error' : ''}`} aria-hidden="true">
          {error ? '!' : '∅'}
        </div>
        <h1>{title}</h1>
        {body}
        <div className="problem-actions">
          <button type="button" className="button primary" onClick={onRetry} disabled={retrying}>
            {retrying ? 'Retrying…' : 'Retry'}
          </button>
          {onOpenSettings && (
            <button type="button" className="button secondary" onClick={onOpenSettings}>
              Settings
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
