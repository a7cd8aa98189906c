// A process that owns a desktop session store and appends to it as fast as it can, so a test can
// kill it with SIGKILL mid-write: `node --import tsx session-writer.ts USER_DATA_DIR SESSION_ID`.
// Each update inserts the line "edit <n>" into the session's code; "ack <n>" is printed only after
// the store said the update is on disk. It continues numbering from what the store already holds.
import * as Y from 'yjs';
import { createSessionStore } from '../../desktop/main/sessions/session-store.js';

const [dir, id] = process.argv.slice(2) as [string, string];
// A small compaction threshold, so kills also land during compactions.
const store = createSessionStore(dir, { compactAfter: 40 });
const doc = new Y.Doc();
const state = await store.load(id);
if (state) Y.applyUpdate(doc, state);
const text = doc.getText('code:javascript');
let next = (text.toString().match(/edit \d+/g) ?? []).length;
for (;;) {
  const updates: Uint8Array[] = [];
  const capture = (update: Uint8Array) => updates.push(update);
  doc.on('update', capture);
  text.insert(text.length, `edit ${next}\n`);
  doc.off('update', capture);
  await store.append(id, updates[0]!);
  process.stdout.write(`ack ${next}\n`);
  next++;
}
