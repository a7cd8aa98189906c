/**
 * Screens a remote awareness update before y-protocols applies it. y-protocols accepts any
 * client's state whose clock is higher than the one it knows, including our own client id; a
 * partner could then rename or recolour this person in their own window, speak for a third
 * peer, or flood the participant list with made-up clients. So, per link:
 * - entries for our own client id are dropped;
 * - entries for a client id another link announces are dropped (each peer speaks for itself);
 * - at most `maxClients` client ids are accepted; entries for more are dropped.
 *
 * The wire format (y-protocols/awareness encodeAwarenessUpdate): a count, then per entry the
 * client id, its clock and its state as a JSON string.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Client ids one link may announce: one peer's, plus room for its next one after a reload. */
export const MAX_AWARENESS_CLIENTS_PER_LINK = 2;

export interface AwarenessFilter {
  ownClientId: number;
  /** Client ids this link already announced. */
  linkClients: ReadonlySet<number>;
  /** Client ids other live links announced. */
  otherClients: ReadonlySet<number>;
  maxClients?: number;
}

/** Returns the update with only the acceptable entries, or null when none is left. Throws on malformed input. */
export function filterAwarenessUpdate(update: Uint8Array, filter: AwarenessFilter): Uint8Array | null {
  const max = filter.maxClients ?? MAX_AWARENESS_CLIENTS_PER_LINK;
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const kept: { clientId: number; clock: number; state: string }[] = [];
  const accepted = new Set(filter.linkClients);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    if (clientId === filter.ownClientId || filter.otherClients.has(clientId)) continue;
    if (!accepted.has(clientId)) {
      if (accepted.size >= max) continue;
      accepted.add(clientId);
    }
    kept.push({ clientId, clock, state });
  }
  if (kept.length === 0) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const entry of kept) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}
