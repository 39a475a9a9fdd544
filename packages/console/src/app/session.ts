/**
 * Where the admin token is kept: this tab's `sessionStorage` (it survives a reload, not the tab), never
 * `localStorage` and never a cookie.
 * @module
 */
const KEY = "sceau-console-token";

/** The token of this tab's session, or an empty string. */
export function readToken(): string {
  try {
    return sessionStorage.getItem(KEY) ?? "";
  } catch {
    return "";
  }
}

/** Keeps the token for this tab. */
export function saveToken(token: string): void {
  try {
    sessionStorage.setItem(KEY, token);
  } catch {
    // storage refused: the token lives in memory only, until the page is reloaded
  }
}

/** Forgets the token. */
export function clearToken(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing was stored
  }
}
