/**
 * A plain hash route of the renderer (`#/faults/new/inspection/<id>`) with nothing that could
 * break out of a string or leave the app: the only links a notification may follow.
 */
export function isHashRoute(target: string | undefined): target is string {
  return typeof target === 'string' && target.length <= 500 && /^#\/[A-Za-z0-9\-._~%/]*$/.test(target);
}
