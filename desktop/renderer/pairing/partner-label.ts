/**
 * The name to show for a partner: their awareness name (what the participant list shows), or
 * "Partner" when they have none or use this person's own name, so that a partner's run or
 * message can never pass for this person's own.
 */
export function partnerLabel(name: string | undefined, ownName: string): string {
  const trimmed = name?.trim() ?? '';
  if (!trimmed || trimmed.toLowerCase() === ownName.trim().toLowerCase()) return 'Partner';
  return trimmed;
}
