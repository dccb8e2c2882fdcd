// My account: who I am, and changing my own password (PUT /api/me/password). The server ends every
// session of the user after the change, so the page sends them to the login form.
'use strict';
(async () => {
  const me = await Console.start();
  const $ = id => document.getElementById(id);
  const { api, esc, problem } = Console;
  $('account-name').textContent = me.username;
  $('account-profile').textContent = me.profile;
  $('account-groups').textContent = (me.groups || []).length ? me.groups.join(', ') : 'none';
  $('account-node').textContent = me.node || '';
  $('password-form').addEventListener('submit', async e => {
    e.preventDefault();
    ['err-currentPassword', 'err-newPassword', 'err-repeat'].forEach(id => { $(id).textContent = ''; });
    $('password-result').textContent = '';
    if ($('new-password').value !== $('repeat-password').value) {
      $('err-repeat').textContent = 'The two new passwords differ.';
      $('repeat-password').focus();
      return;
    }
    const r = await api('PUT', '/api/me/password',
      { currentPassword: $('current-password').value, newPassword: $('new-password').value });
    if (r.ok) {
      $('password-form').reset();
      $('password-form').hidden = true;
      $('password-result').innerHTML = `<span class="ok">Password changed. Your sessions have ended:
        <a id="login-again" href="/login?next=/account">log in again</a> with the new password.</span>`;
      return;
    }
    // The server names the field its message is about (currentPassword or newPassword).
    const message = problem(r);
    const field = /^(currentPassword|newPassword)\b/.exec(message);
    if (field) {
      $('err-' + field[1]).textContent = message;
      $(field[1] === 'currentPassword' ? 'current-password' : 'new-password').focus();
    } else {
      $('password-result').innerHTML = `<span class="error">${esc(message)}</span>`;
    }
  });
})();
