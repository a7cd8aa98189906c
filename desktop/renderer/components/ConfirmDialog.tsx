/**
 * A modal question with two answers, for a choice the person must make before the app goes on
 * (e.g. running a partner's code outside a container). Escape or Cancel answers no.
 */
import { useEffect, useRef } from 'react';

export interface ConfirmDialogProps {
  title: string;
  message: string;
  confirmLabel: string;
  onAnswer(yes: boolean): void;
}

export function ConfirmDialog({ title, message, confirmLabel, onAnswer }: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const answered = useRef(false);
  const answer = (yes: boolean) => {
    if (answered.current) return;
    answered.current = true;
    onAnswer(yes);
  };

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="confirm-title" aria-describedby="confirm-message" onClose={() => answer(false)}>
      <div className="dialog-body">
        <h2 id="confirm-title">{title}</h2>
        <p id="confirm-message">{message}</p>
        <div className="dialog-actions">
          <button type="button" className="button ghost" autoFocus onClick={() => answer(false)}>
            Cancel
          </button>
          <button type="button" className="button primary" onClick={() => answer(true)}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}
