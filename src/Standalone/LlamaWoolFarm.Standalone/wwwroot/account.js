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

  function start() {
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
