/**
 * A colour per participant, for the participant list, remote cursors and name labels. Each
 * person picks from a fixed palette (readable on light and dark editors), starting at a slot
 * derived from their Yjs client id and skipping colours already taken by others in the room.
 */
export const PEER_COLORS = ['#d9480f', '#2f9e44', '#1971c2', '#ae3ec9', '#e8590c', '#0c8599', '#c2255c', '#5f3dc4'] as const;

export function pickPeerColor(clientId: number, taken: ReadonlySet<string>): string {
  const start = clientId % PEER_COLORS.length;
  for (let step = 0; step < PEER_COLORS.length; step++) {
    const color = PEER_COLORS[(start + step) % PEER_COLORS.length]!;
    if (!taken.has(color)) return color;
  }
  // More people than colours: share, deterministically.
  return PEER_COLORS[start]!;
}

/** Only `#rrggbb` is accepted from a peer: the value ends up in a style sheet. */
export function isSafeColor(value: unknown): value is string {
  return typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value);
}
