/**
 * Which challenges this person has solved (an accepted Submit), kept in the renderer's
 * localStorage: it is a personal mark for the challenge list, not something the judge tracks.
 */
const KEY = 'pairjudge.solved';

export function readSolved(storage: Pick<Storage, 'getItem'>): Set<string> {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    return new Set(Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : []);
  } catch {
    return new Set();
  }
}

export function markSolved(storage: Pick<Storage, 'getItem' | 'setItem'>, challengeId: string): Set<string> {
  const solved = readSolved(storage);
  solved.add(challengeId);
  storage.setItem(KEY, JSON.stringify([...solved]));
  return solved;
}
