// Users and groups: list, create, edit (profile, groups, enabled, a new password), enable/disable,
// delete; groups: list with their members, create, delete (the server refuses while a group owns
// records, and the page shows its message).
'use strict';
(async () => {
  await Console.start();
  const $ = id => document.getElementById(id);
  const { api, esc, problem } = Console;
  let groups = [];
  let users = [];
  let editing = null;
  const say = (id, ok, text) => { $(id).innerHTML = `<span class="${ok ? 'ok' : 'error'}">${esc(text)}</span>`; };
  const boxes = (prefix, checked) => groups.map(x => `<label class="inline" for="${prefix}-${x.id}"><input type="checkbox" id="${prefix}-${x.id}" value="${x.id}"${checked.includes(x.id) ? ' checked' : ''}> ${esc(x.name)}</label>`).join('')
    || '<span class="muted">Create a group first to put users in it.</span>';
  const chosen = container => [...document.querySelectorAll('#' + container + ' input:checked')].map(i => Number(i.value));

  async function refresh() {
    const [u, g] = await Promise.all([api('GET', '/api/users'), api('GET', '/api/groups')]);
    groups = g.ok ? g.data : [];
    users = u.ok ? u.data : [];
    const name = id => (groups.find(x => x.id === id) || { name: id }).name;
    $('group-rows').innerHTML = groups.map(x => {
      const members = users.filter(m => (m.groups || []).includes(x.id)).map(m => m.username);
      return `<tr data-group="${esc(x.name)}"><td>${esc(x.id)}</td><th scope="row">${esc(x.name)}</th><td>${esc(members.join(', '))}</td>
      <td><button type="button" class="danger delete-group" data-id="${esc(x.id)}" data-name="${esc(x.name)}">Delete <span class="sr-only">group ${esc(x.name)}</span></button></td></tr>`;
    }).join('') || '<tr><td colspan="4" class="muted">No groups.</td></tr>';
    $('u-groups').innerHTML = boxes('ug', chosen('u-groups'));
    $('user-rows').innerHTML = users.map(x => `<tr data-user="${esc(x.username)}"><td>${esc(x.id)}</td><th scope="row" class="username">${esc(x.username)}</th>
      <td class="profile">${esc(x.profile)}</td>
      <td class="groups">${(x.groups || []).map(id => esc(name(id))).join(', ')}</td>
      <td class="state ${x.enabled ? 'ok' : 'bad'}">${x.enabled ? 'enabled' : 'disabled'}</td>
      <td class="row"><button type="button" class="secondary edit-user" data-id="${esc(x.id)}">Edit <span class="sr-only">${esc(x.username)}</span></button>
      <button type="button" class="secondary toggle-user" data-id="${esc(x.id)}" data-name="${esc(x.username)}" data-enabled="${x.enabled}">${x.enabled ? 'Disable' : 'Enable'} <span class="sr-only">${esc(x.username)}</span></button>
      <button type="button" class="danger delete-user" data-id="${esc(x.id)}" data-name="${esc(x.username)}">Delete <span class="sr-only">${esc(x.username)}</span></button></td></tr>`).join('')
      || '<tr><td colspan="6" class="muted">No users besides the configured admin.</td></tr>';
    document.querySelectorAll('.delete-user').forEach(b => b.addEventListener('click', async () => {
      if (!confirm('Delete the user ' + b.dataset.name + '?')) return;
      const d = await api('DELETE', '/api/users/' + b.dataset.id);
      say('user-result', d.ok, d.ok ? 'Deleted ' + b.dataset.name + '.' : problem(d));
      refresh();
    }));
    document.querySelectorAll('.toggle-user').forEach(b => b.addEventListener('click', async () => {
      const enable = b.dataset.enabled !== 'true';
      const d = await api('PATCH', '/api/users/' + b.dataset.id, { enabled: enable });
      say('user-result', d.ok, d.ok ? `${enable ? 'Enabled' : 'Disabled'} ${b.dataset.name}${enable ? '.' : ': their sessions end and they cannot log in.'}` : problem(d));
      refresh();
    }));
    document.querySelectorAll('.edit-user').forEach(b => b.addEventListener('click', () => edit(Number(b.dataset.id))));
    document.querySelectorAll('.delete-group').forEach(b => b.addEventListener('click', async () => {
      if (!confirm('Delete the group ' + b.dataset.name + '?')) return;
      const d = await api('DELETE', '/api/groups/' + b.dataset.id);
      say('group-result', d.ok, d.ok ? 'Deleted group ' + b.dataset.name + '.' : problem(d));
      refresh();
    }));
  }

  function edit(id) {
    const u = users.find(x => x.id === id);
    if (!u) return;
    editing = u;
    $('edit-title').textContent = 'Edit ' + u.username;
    $('e-profile').value = u.profile;
    $('e-enabled').checked = u.enabled;
    $('e-groups').innerHTML = boxes('eg', u.groups || []);
    $('e-password').value = '';
    $('e-error').textContent = '';
    $('edit-user').hidden = false;
    $('e-profile').focus();
  }

  $('edit-user').addEventListener('submit', async e => {
    e.preventDefault();
    const body = { profile: $('e-profile').value, groups: chosen('e-groups'), enabled: $('e-enabled').checked };
    if ($('e-password').value !== '') body.password = $('e-password').value;
    const r = await api('PATCH', '/api/users/' + editing.id, body);
    if (!r.ok) { $('e-error').textContent = problem(r); return; }
    say('user-result', true, `Saved ${editing.username}${body.password ? ' with a new password' : ''}.`);
    $('edit-user').hidden = true;
    editing = null;
    refresh();
  });
  $('cancel-edit').addEventListener('click', () => { $('edit-user').hidden = true; editing = null; });
  $('new-user').addEventListener('submit', async e => {
    e.preventDefault();
    const body = { username: $('u-name').value.trim(), password: $('u-password').value, profile: $('u-profile').value, groups: chosen('u-groups') };
    const r = await api('POST', '/api/users', body);
    say('new-user-result', r.ok, r.ok ? `Created ${body.username}.` : problem(r));
    if (r.ok) { $('u-name').value = ''; $('u-password').value = ''; document.querySelectorAll('#u-groups input').forEach(i => { i.checked = false; }); }
    refresh();
  });
  $('new-group').addEventListener('submit', async e => {
    e.preventDefault();
    const r = await api('POST', '/api/groups', { name: $('g-name').value.trim() });
    say('group-result', r.ok, r.ok ? `Created group ${$('g-name').value}.` : problem(r));
    if (r.ok) $('g-name').value = '';
    refresh();
  });
  refresh();
})();
