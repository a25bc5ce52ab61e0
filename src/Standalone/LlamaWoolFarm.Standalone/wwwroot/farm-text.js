// Llama Wool Farm web client: the text the farm page shows that does not depend on its state — big numbers as
// the server sends them (decimal strings beyond a double), durations, HTML escaping, and every refusal code in the
// player's words. A module of its own so app.js stays the page's controller.

// ---------- numbers: the server sends big numbers as decimal strings that may exceed a double ----------
const suffixes = ['', 'K', 'M', 'B', 'T', 'Qa', 'Qi', 'Sx', 'Sp', 'Oc', 'No', 'Dc'];
export function parseBig(s) {
  if (s === undefined || s === null) return { m: 0, e: 0 };
  const text = String(s).toLowerCase();
  const [mant, exp] = text.includes('e') ? text.split('e') : [text, '0'];
  let m = Number(mant), e = Number(exp);
  if (!isFinite(m) || m === 0) return { m: 0, e: 0 };
  const shift = Math.floor(Math.log10(Math.abs(m)));
  return { m: m / 10 ** shift, e: e + shift };
}
export function toNumber(s) { const b = parseBig(s); return b.e > 300 ? Infinity : b.m * 10 ** b.e; }
export function format(value) {
  const b = typeof value === 'number' ? parseBig(value.toExponential()) : parseBig(value);
  if (b.m === 0) return '0';
  if (b.e < 3) return (b.m * 10 ** b.e).toFixed(b.e < 0 ? 2 : (b.e < 2 ? 1 : 0));
  const group = Math.floor(b.e / 3);
  if (group < suffixes.length) return `${(b.m * 10 ** (b.e - group * 3)).toFixed(2)}${suffixes[group]}`;
  return `${b.m.toFixed(2)}e${b.e}`;
}
export function duration(seconds) {
  const h = Math.floor(seconds / 3600), m = Math.round((seconds % 3600) / 60);
  return h ? `${h} h ${m} min` : `${Math.max(m, 1)} min`;
}
export const escape = s => String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

// ---------- refusals: every code the game, saves, profile and gateway can answer with, in the player's words ----------
export const refusals = {
  // the rules (Domain ErrorCodes) and the game worker
  INSUFFICIENT_RESOURCES: c => `Not enough wool for ${c.name ?? 'that'} yet — keep shearing!`,
  UNKNOWN_BUILDING: () => 'That building does not exist on this farm. Reload the page to get the latest catalog.',
  UNKNOWN_UPGRADE: () => 'That upgrade does not exist on this farm. Reload the page to get the latest catalog.',
  BUILDING_LOCKED: c => `${c.name ?? 'That building'} is still locked${c.needs ? `: ${c.needs}` : ''}.`,
  UPGRADE_LOCKED: c => `${c.name ?? 'That upgrade'} is still locked${c.needs ? `: ${c.needs}` : ''}.`,
  UPGRADE_ALREADY_OWNED: c => `You already own ${c.name ?? 'that upgrade'}.`,
  MAX_LEVEL_REACHED: c => `${c.name ?? 'That building'} is at its highest level.`,
  INVALID_QUANTITY: () => 'You can buy between 1 and 100 at once.',
  RATE_LIMITED_ACTION: () => 'Easy there — the llama can only be sheared so fast. Those clicks did not count.',
  INVALID_PRESTIGE: () => 'Not ready to prestige yet: produce more wool this run first.',
  PRESTIGE_IN_PROGRESS: () => 'That was meant for the run you just prestiged away; nothing was spent.',
  NO_OFFLINE_PROGRESS: () => 'Nothing to collect — your offline wool is already in the barn.',
  INVALID_NUMBER: () => 'That number is not one the farm understands.',
  // saves
  UNSUPPORTED_SAVE_VERSION: () => 'That save comes from a newer version of the game. Update the game and try again.',
  INVALID_SAVE: () => 'That save is damaged and cannot be loaded.',
  INTEGRITY_MISMATCH: () => 'That save was changed after it was made, so it cannot be loaded.',
  SAVE_REJECTED: () => 'That save breaks the farm rules and was not loaded. Your farm is unchanged.',
  SAVE_CONFLICT: () => 'Another device saved at the same time; the farm with more wool was kept and the other is in your backups.',
  UNKNOWN_BASE_REVISION: () => 'Your farm changed on another device. Reloading the latest version.',
  // the profile
  DISPLAY_NAME_TAKEN: () => 'Another llama farmer already has that name. Try another one.',
  ACCOUNT_NOT_FOUND: () => 'This account no longer exists.',
  ACCOUNT_DELETED: () => 'This account has been deleted.',
  ACCOUNT_DELETION_PENDING: () => 'This account is being deleted. Sign in on the account page to cancel that.',
  // the accounts worker, for a page that signs in or links (the account page handles these in its forms)
  EMAIL_TAKEN: () => 'That email already has an account. Sign in with it on the account page.',
  INVALID_CREDENTIALS: () => 'That email and password do not match.',
  TWO_FACTOR_REQUIRED: () => 'This account needs its two-factor code. Sign in on the account page.',
  INVALID_TWO_FACTOR_CODE: () => 'That two-factor code is not right. Try the current one.',
  TWO_FACTOR_NOT_PENDING: () => 'Two-factor setup has not been started. Start it again on the account page.',
  ALREADY_LINKED: () => 'This farm is already linked to an account.',
  INVALID_RESET_TOKEN: () => 'That password reset link has expired or was already used.',
  INVALID_VERIFICATION_TOKEN: () => 'That verification link has expired or was already used.',
  PASSWORD_NOT_SET: () => 'This account has no password; sign in the way you signed up.',
  EMAIL_ALREADY_VERIFIED: () => 'Your email is already verified.',
  IDENTITY_ALREADY_LINKED: () => 'That sign-in is already linked to another farm.',
  PROVIDER_ALREADY_LINKED: () => 'A sign-in of that provider is already linked to this farm.',
  IDENTITY_NOT_LINKED: () => 'That sign-in is not linked to this farm.',
  FRIEND_NOT_FOUND: () => 'No llama farmer has that friend code.',
  LAST_SIGN_IN_METHOD: () => 'That is your only way to sign in; add another before removing it.',
  // the gateway (Api ErrorCodes)
  VALIDATION_ERROR: c => c.message ? `That was not accepted: ${c.message}` : 'That was not accepted. Check it and try again.',
  UNAUTHORIZED: () => 'Your session ended. Reload the page to sign in again.',
  FORBIDDEN: () => 'You are not allowed to do that.',
  NOT_FOUND: () => 'That was not found on the server.',
  METHOD_NOT_ALLOWED: () => 'The server does not accept that request.',
  UNSUPPORTED_MEDIA_TYPE: () => 'The server does not accept that request.',
  PAYLOAD_TOO_LARGE: () => 'That is too large to send.',
  URI_TOO_LONG: () => 'That request is too long.',
  HEADERS_TOO_LARGE: () => 'That request is too large.',
  RATE_LIMITED: () => 'Too many requests — wait a moment and try again.',
  SERVICE_UNAVAILABLE: () => 'The farm is busy right now. Try again in a moment; your wool is safe.',
  INTERNAL_ERROR: () => 'Something went wrong on the server. Your farm is safe; try again.',
  IDEMPOTENCY_KEY_REUSED: () => 'That request was already sent with other contents; nothing was done twice.',
  IDEMPOTENCY_KEY_IN_USE: () => 'That request is still being handled. One moment.',
  MAINTENANCE: () => 'The farm is under maintenance. Your farm is safe; actions resume when it ends.',
  OVERLOADED: () => 'The farm is busy right now — that action was not taken; try again in a few seconds.',
  ACCOUNT_BANNED: () => 'This account is suspended. Contact support if you think this is a mistake.',
  PLAYER_NOT_FOUND: () => 'That player does not exist.',
  CANNOT_BAN_ADMIN: () => 'An administrator account cannot be banned.',
  // realtime catch-up and the page itself
  HISTORY_UNAVAILABLE: () => 'Catching up with your farm.',
  INVALID_SEQUENCE: () => 'Catching up with your farm.',
  CONNECTION_NOT_FOUND: () => 'Reconnecting to your farm.',
  NETWORK_ERROR: () => 'You are offline. Your farm keeps growing on the server; actions resume when you are back.',
};
export function messageFor(code, context = {}) {
  const friendly = refusals[code];
  if (friendly) return friendly(context);
  // A code this page does not know yet (a newer server) still reads as a sentence, never as a bare code.
  return `That did not work (${code ?? 'unknown reason'}). Your farm is safe; try again in a moment.`;
}
