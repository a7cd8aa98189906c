import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_AWARENESS_CLIENTS_PER_LINK, filterAwarenessUpdate } from '../../desktop/renderer/pairing/awareness-filter.js';

function awarenessWith(name: string, clientID?: number): Awareness {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  const awareness = new Awareness(doc);
  awareness.setLocalStateField('user', { name, color: '#112233' });
  return awareness;
}

/** A hostile peer's update claiming `clientID` with a clock far ahead, as y-protocols would accept it. */
function forged(clientID: number, name: string, clock = 1000): Uint8Array {
  const forger = awarenessWith(name, clientID);
  for (let i = 0; i < clock; i++) forger.setLocalStateField('user', { name, color: '#ff0000' });
  return encodeAwarenessUpdate(forger, [clientID]);
}

function names(awareness: Awareness): string[] {
  return [...awareness.getStates().values()].map((state) => (state as { user: { name: string } }).user.name).sort();
}

describe('awareness filter', () => {
  it('y-protocols alone lets a peer rename this person (the reason for the filter)', () => {
    const mine = awarenessWith('Bob');
    applyAwarenessUpdate(mine, forged(mine.clientID, 'Judge'), 'link');
    expect(names(mine)).toEqual(['Judge']);
  });

  it('ignores entries for our own client id', () => {
    const mine = awarenessWith('Bob');
    const update = filterAwarenessUpdate(forged(mine.clientID, 'Judge'), { ownClientId: mine.clientID, linkClients: new Set(), otherClients: new Set() });
    expect(update).toBeNull();
    expect(names(mine)).toEqual(['Bob']);
  });

  it('keeps the partner’s own entry and drops ours from a mixed update', () => {
    const mine = awarenessWith('Bob');
    const partner = awarenessWith('Alice');
    const fake = awarenessWith('Judge', mine.clientID);
    for (let i = 0; i < 50; i++) fake.setLocalStateField('user', { name: 'Judge', color: '#ff0000' });
    // One update carrying both states, as a hostile peer could send it.
    partner.getStates().set(mine.clientID, fake.getLocalState() as Record<string, unknown>);
    partner.meta.set(mine.clientID, { clock: 50, lastUpdated: Date.now() });
    const mixed = encodeAwarenessUpdate(partner, [partner.clientID, mine.clientID]);
    const update = filterAwarenessUpdate(mixed, { ownClientId: mine.clientID, linkClients: new Set(), otherClients: new Set() });
    expect(update).not.toBeNull();
    applyAwarenessUpdate(mine, update as Uint8Array, 'link');
    expect(names(mine)).toEqual(['Alice', 'Bob']);
  });

  it('accepts at most MAX_AWARENESS_CLIENTS_PER_LINK client ids per link', () => {
    const mine = awarenessWith('Bob');
    const linkClients = new Set<number>();
    for (let i = 0; i < 10; i++) {
      const clientId = 5000 + i;
      const update = filterAwarenessUpdate(forged(clientId, `fake ${i}`, 1), { ownClientId: mine.clientID, linkClients, otherClients: new Set() });
      if (update) {
        applyAwarenessUpdate(mine, update, 'link');
        linkClients.add(clientId);
      }
    }
    expect(mine.getStates().size).toBe(1 + MAX_AWARENESS_CLIENTS_PER_LINK);
    // A client this link already announced keeps updating.
    expect(filterAwarenessUpdate(forged(5000, 'renamed', 5), { ownClientId: mine.clientID, linkClients, otherClients: new Set() })).not.toBeNull();
  });

  it('drops entries for a client another link announces', () => {
    expect(filterAwarenessUpdate(forged(77, 'Carol'), { ownClientId: 1, linkClients: new Set(), otherClients: new Set([77]) })).toBeNull();
  });

  it('throws on a malformed update, so the provider drops the link', () => {
    expect(() => filterAwarenessUpdate(new Uint8Array([5, 1]), { ownClientId: 1, linkClients: new Set(), otherClients: new Set() })).toThrow();
  });
});
