/**
 * The interviewers' private notes: a text box and the notes so far, each with its time and
 * author. Rendered only on interviewer peers; the notes never reach a candidate or observer
 * (interview-room.ts sends them over interviewer links only).
 */
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { PrivateNote } from './interview-room.js';
import { MAX_NOTE_LENGTH } from './interview-room.js';

const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function PrivateNotes({ notes, onAdd }: { notes: PrivateNote[]; onAdd(text: string): void }) {
  const [draft, setDraft] = useState('');
  const add = (event?: FormEvent) => {
    event?.preventDefault();
    if (!draft.trim()) return;
    onAdd(draft);
    setDraft('');
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) add();
  };
  return (
    <div className="private-notes">
      <ol className="private-notes-list" aria-label="Notes so far">
        {notes.map((note) => (
          <li key={note.id} className="private-note" data-testid="private-note">
            <time className="muted mono">{time(note.at)}</time> <span className="private-note-author">{note.author}</span>
            <div className="private-note-text">{note.text}</div>
          </li>
        ))}
      </ol>
      <form className="private-notes-form" onSubmit={add}>
        <textarea
          className="input"
          aria-label="Private notes"
          placeholder="Only interviewers see these"
          maxLength={MAX_NOTE_LENGTH}
          rows={3}
          value={draft}
          onKeyDown={onKeyDown}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" className="button secondary small" disabled={!draft.trim()}>
          Add note
        </button>
      </form>
    </div>
  );
}
