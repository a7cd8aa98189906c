/** Notifications of official verdicts that arrived for queued Submits; each can be closed. */
import { VERDICT_LABELS } from '../../../protocol/index.js';
import type { OutboxEntry } from '../bridge/offline-api.js';

export function OutboxNotices({ notices, onClose }: { notices: OutboxEntry[]; onClose(key: string): void }) {
  if (notices.length === 0) return null;
  return (
    <div className="outbox-notices" aria-live="polite">
      {notices.map((entry) => (
        <div key={entry.key} className={`outbox-notice ${entry.result?.verdict === 'accepted' ? 'ok' : 'bad'}`} role="status" data-testid="outbox-notice">
          <span>
            {entry.result ? (
              <>
                Official verdict for your queued Submit{entry.request.challengeId ? ` of ${entry.request.challengeId}` : ''}:{' '}
                <strong>{VERDICT_LABELS[entry.result.verdict]}</strong>
              </>
            ) : (
              <>
                The judge refused your queued Submit{entry.request.challengeId ? ` of ${entry.request.challengeId}` : ''}: {entry.error?.message}
              </>
            )}
          </span>
          <button type="button" className="button ghost small" onClick={() => onClose(entry.key)} aria-label="Close notification">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
