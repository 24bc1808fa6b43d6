// How the player sends a commit to the server. No DOM: node runs this module in the build's tests.

/**
 * Browsers refuse a keepalive fetch, and sendBeacon, once the bodies of the keepalive requests in flight exceed
 * 64 KiB, counted in bytes (Fetch Standard, "keepalive" in-flight quota; sendBeacon uses the same quota). A commit
 * up to this size may go keepalive; a larger one goes as an ordinary request.
 */
export const KEEPALIVE_BYTES = 60 * 1024;

/** UTF-8 bytes of a string: what the request body weighs (String length counts UTF-16 code units). */
export function byteLength(text) {
  return new TextEncoder().encode(text).length;
}

/**
 * POST a commit: fetch, keepalive when leaving and the body fits the quota, falling back to sendBeacon when that
 * fetch cannot be made. Resolves {ok, status, body}.
 */
export async function sendCommit(url, body, keepalive) {
  const json = JSON.stringify(body);
  const fits = byteLength(json) <= KEEPALIVE_BYTES;
  const leaving = keepalive && fits;
  const beacon = () => leaving && !!globalThis.navigator?.sendBeacon?.(url, new Blob([json], { type: 'text/plain' }));
  try {
    const r = await fetch(url, {
      method: 'POST', credentials: 'same-origin', keepalive: leaving,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: json,
    });
    let parsed = null;
    try { parsed = await r.json(); } catch { parsed = null; }
    return { ok: r.ok, status: r.status, body: parsed };
  } catch (e) {
    if (beacon()) return { ok: true, status: 202, body: null };
    throw e;
  }
}
