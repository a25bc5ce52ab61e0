// Account page: sign in with email and password, change password or email, ask for a reset link, and the targets of
// the links in account mails (#reset-password?token=…, #verify-email?token=…). The token is read from the address
// fragment, which browsers never send to a server, and removed from the address bar once read.
(() => {
  'use strict';
  const $ = id => document.getElementById(id);
  const session = { token: sessionStorage.getItem('lwf.account.token') };

  async function api(path, body, auth) {
    const response = await fetch(`/api/v1/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(auth && session.token ? { Authorization: `Bearer ${session.token}` } : {}) },
      body: JSON.stringify(body ?? {}),
    });
    let envelope = null;
    try { envelope = await response.json(); } catch { /* empty body */ }
    return envelope ?? { success: false, error: { code: `HTTP_${response.status}`, message: response.statusText } };
  }

  function say(text, ok) {
    const s = $('status');
    s.textContent = text;
    s.dataset.ok = ok ? 'true' : 'false';
    s.hidden = false;
  }

  function problem(result) {
    const details = result.error?.details ? Object.values(result.error.details).flat().join(' ') : '';
    return `${result.error?.message ?? 'Something went wrong.'} ${details}`.trim() + ` (${result.error?.code ?? 'ERROR'})`;
  }

  function signedIn(tokens, email) {
    session.token = tokens.accessToken;
    sessionStorage.setItem('lwf.account.token', tokens.accessToken);
    $('signInCard').hidden = true;
    $('signedInCard').hidden = false;
    $('who').textContent = email ? `Signed in as ${email}.` : 'Signed in.';
  }

  // The fragment of a mail link: which page and its token.
  function linkFromAddress() {
    const match = /^#(reset-password|verify-email)\?token=([^&]+)$/.exec(location.hash);
    if (!match) return null;
    history.replaceState(null, '', location.pathname);
    return { page: match[1], token: decodeURIComponent(match[2]) };
  }

  async function verify(token) {
    $('verifyCard').hidden = false;
    const result = await api('auth/email/verify', { token });
    $('verifyCard').hidden = true;
    if (result.success) say(`Your email ${result.data.email} is confirmed.`, true);
    else say(problem(result), false);
  }

  // OpenID Connect: authorization code + PKCE at the provider, then its ID token exchanged at the gateway. The raw
  // nonce stays here; the provider gets (and signs into the token) only its SHA-256, which the gateway checks.
  const b64url = bytes => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const randomText = () => b64url(crypto.getRandomValues(new Uint8Array(32)));
  const sha256 = async text => b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));

  async function discover(authority) {
    const response = await fetch(`${authority.replace(/\/$/, '')}/.well-known/openid-configuration`);
    if (!response.ok) throw new Error('The identity provider cannot be reached.');
    return response.json();
  }

  async function providerButtons() {
    let providers = [];
    try { providers = (await (await fetch('/api/v1/auth/oidc/providers')).json())?.data?.providers ?? []; } catch { /* none */ }
    const box = $('oidcButtons');
    box.hidden = providers.length === 0;
    for (const provider of providers) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = `Sign in with ${provider.displayName}`;
      button.dataset.testid = `oidc-${provider.name}`;
      button.addEventListener('click', () => beginOidc(provider).catch(e => say(e.message, false)));
      box.append(button);
    }
  }

  async function beginOidc(provider) {
    const metadata = await discover(provider.authority);
    const pending = {
      provider: provider.name, clientId: provider.clientId, tokenEndpoint: metadata.token_endpoint,
      redirectUri: `${location.origin}${location.pathname}`, verifier: randomText(), state: randomText(), nonce: randomText(),
    };
    sessionStorage.setItem('lwf.oidc', JSON.stringify(pending));
    const query = new URLSearchParams({
      client_id: provider.clientId, response_type: 'code', scope: 'openid', redirect_uri: pending.redirectUri,
      state: pending.state, nonce: await sha256(pending.nonce), code_challenge: await sha256(pending.verifier), code_challenge_method: 'S256',
    });
    location.assign(`${metadata.authorization_endpoint}?${query}`);
  }

  // Back from the provider with ?code=…&state=… (or ?error=…): check the state, take the code off the address bar.
  async function finishOidc() {
    const query = new URLSearchParams(location.search);
    if (!query.has('code') && !query.has('error')) return;
    const pending = JSON.parse(sessionStorage.getItem('lwf.oidc') ?? 'null');
    sessionStorage.removeItem('lwf.oidc');
    history.replaceState(null, '', location.pathname);
    if (query.has('error')) { say(`The identity provider refused: ${query.get('error')}.`, false); return; }
    if (!pending || query.get('state') !== pending.state) { say('This sign-in was not started on this page.', false); return; }
    const response = await fetch(pending.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: query.get('code'), redirect_uri: pending.redirectUri, client_id: pending.clientId, code_verifier: pending.verifier }),
    });
    const tokens = await response.json().catch(() => null);
    if (!response.ok || !tokens?.id_token) { say('The identity provider did not give an ID token.', false); return; }
    const result = await api(`auth/oidc/${encodeURIComponent(pending.provider)}`, { idToken: tokens.id_token, nonce: pending.nonce });
    if (result.success) { signedIn(result.data); say(`Signed in with ${pending.provider}.`, true); }
    else say(problem(result), false);
  }

  function start() {
    providerButtons();
    finishOidc().catch(e => say(e.message, false));
    const link = linkFromAddress();
    if (link?.page === 'verify-email') verify(link.token);
    if (link?.page === 'reset-password') {
      $('resetCard').hidden = false;
      $('resetForm').addEventListener('submit', async e => {
        e.preventDefault();
        const result = await api('auth/password/reset', { token: link.token, newPassword: $('resetPassword').value });
        if (result.success) { $('resetCard').hidden = true; say('Your password is changed. Every device was signed out: sign in with the new password.', true); }
        else say(problem(result), false);
      });
    }

    $('signInForm').addEventListener('submit', async e => {
      e.preventDefault();
      const email = $('signInEmail').value;
      const result = await api('auth/login', { email, password: $('signInPassword').value });
      if (result.success) { signedIn(result.data, email); say('Signed in.', true); }
      else say(problem(result), false);
    });

    $('forgotForm').addEventListener('submit', async e => {
      e.preventDefault();
      const result = await api('auth/password/forgot', { email: $('forgotEmail').value });
      // The server answers the same whether or not the email has an account; so does the page.
      if (result.success) say('If an account has this email, a reset link is on its way. It works once, for a short time.', true);
      else say(problem(result), false);
    });

    $('changeForm').addEventListener('submit', async e => {
      e.preventDefault();
      const result = await api('auth/password/change', { currentPassword: $('currentPassword').value, newPassword: $('newPassword').value }, true);
      if (result.success) { signedIn(result.data); say('Your password is changed. Every other device was signed out.', true); }
      else say(problem(result), false);
    });

    $('emailForm').addEventListener('submit', async e => {
      e.preventDefault();
      const result = await api('auth/email/change', { email: $('newEmail').value, currentPassword: $('emailPassword').value }, true);
      if (result.success) say(`A confirmation link was mailed to ${result.data.pendingEmail}. Your email changes once you open it.`, true);
      else say(problem(result), false);
    });

    $('resend').addEventListener('click', async () => {
      const result = await api('auth/email/verify/resend', {}, true);
      if (result.success) say(`A confirmation link is on its way to ${result.data.email}.`, true);
      else say(problem(result), false);
    });
  }

  start();
})();
