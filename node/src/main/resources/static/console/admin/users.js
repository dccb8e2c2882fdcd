// Users and groups: list and create (the server has no calls yet to edit, disable or change the
// password of a user).
'use strict';
(async () => {
  await Console.start();
  const $ = id => document.getElementById(id);
  const { api, esc, problem } = Console;
  let groups = [];
  async function refresh() {
    const [u, g] = await Promise.all([api('GET', '/api/users'), api('GET', '/api/groups')]);
    groups = g.ok ? g.data : [];
    const name = id => (groups.find(x => x.id === id) || { name: id }).name;
    $('group-rows').innerHTML = groups.map(x => `<tr><td>${esc(x.id)}</td><td>${esc(x.name)}</td></tr>`).join('') || '<tr><td colspan="2" class="muted">No groups.</td></tr>';
    $('u-groups').innerHTML = groups.map(x => `<label class="inline" for="ug-${x.id}"><input type="checkbox" id="ug-${x.id}" value="${x.id}"> ${esc(x.name)}</label>`).join('') || '<span class="muted">Create a group first to put users in it.</span>';
    $('user-rows').innerHTML = (u.ok ? u.data : []).map(x => `<tr><td>${esc(x.id)}</td><td class="username">${esc(x.username)}</td><td>${esc(x.profile)}</td>
      <td>${(x.groups || []).map(id => esc(name(id))).join(', ')}</td>
      <td><button type="button" class="danger delete-user" data-id="${esc(x.id)}" data-name="${esc(x.username)}">Delete <span class="sr-only">${esc(x.username)}</span></button></td></tr>`).join('');
    document.querySelectorAll('.delete-user').forEach(b => b.addEventListener('click', async () => {
      if (!confirm('Delete the user ' + b.dataset.name + '?')) return;
      const d = await api('DELETE', '/api/users/' + b.dataset.id);
      $('user-result').textContent = d.ok ? 'Deleted ' + b.dataset.name + '.' : problem(d);
      refresh();
    }));
  }
  $('new-user').addEventListener('submit', async e => {
    e.preventDefault();
    const body = { username: $('u-name').value.trim(), password: $('u-password').value, profile: $('u-profile').value,
      groups: [...document.querySelectorAll('#u-groups input:checked')].map(i => Number(i.value)) };
    const r = await api('POST', '/api/users', body);
    $('user-result').innerHTML = r.ok ? `<span class="ok">Created ${esc(body.username)}.</span>` : `<span class="error">${esc(problem(r))}</span>`;
    if (r.ok) { $('u-name').value = ''; $('u-password').value = ''; }
    refresh();
  });
  $('new-group').addEventListener('submit', async e => {
    e.preventDefault();
    const r = await api('POST', '/api/groups', { name: $('g-name').value.trim() });
    $('group-result').innerHTML = r.ok ? `<span class="ok">Created group ${esc($('g-name').value)}.</span>` : `<span class="error">${esc(problem(r))}</span>`;
    if (r.ok) $('g-name').value = '';
    refresh();
  });
  refresh();
})();
