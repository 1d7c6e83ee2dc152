/**
 * Whether a card may move focus to `element`: only when the user is not busy elsewhere, that is when focus
 * is already inside the same card or on nothing at all. A card never pulls focus out of another card.
 */
export function mayTakeFocus(element: HTMLElement): boolean {
  const active = element.ownerDocument.activeElement;
  if (active === null || active === element.ownerDocument.body) return true;
  const card = element.closest('article');
  return card?.contains(active) ?? false;
}

/** The attribute that marks the control a card focuses when it reaches a new step. */
export const STEP_FOCUS_ATTRIBUTE = 'data-step-focus';
export const stepFocus = { [STEP_FOCUS_ATTRIBUTE]: true } as const;
