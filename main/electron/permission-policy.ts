/**
 * Which web permissions the renderer may have (camera, notifications, clipboard read, geolocation, HID,
 * ...): none. The board needs none; anything it needs from the system goes through main over IPC. An
 * allowlist, so a future exception is one reviewed line here.
 */
const GRANTED: ReadonlySet<string> = new Set<string>();

export function permissionDecision(permission: string): boolean {
  return GRANTED.has(permission);
}
