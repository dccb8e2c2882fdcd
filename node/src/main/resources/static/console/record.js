// One record: summary, extent, keywords, XML, attachments, privileges, history, and editing the
// XML under the cluster-wide edit lock (renewed while the editor is open).
'use strict';
(async () => {
  await Console.start();
  const $ = id => document.getElementById(id);
  const { api, esc, problem } = Console;
  const id = decodeURIComponent(location.pathname.split('/').pop());
  const base = '/api/records/' + encodeURIComponent(id);
  const map = Console.map($('map'));
  let record = null, renewTimer = null, lockPoll = null, shownLock = null;

  async function load() {
    const answer = await api('GET', base);
    if (!answer.ok) { $('record-error').textContent = problem(answer); $('title').textContent = 'Record not found'; return false; }
    record = answer.data;
    document.title = (record.title || 'Record') + ' · Catalog';
    $('title').textContent = record.title || '(untitled)';
    $('abstract').textContent = record.abstract || '';
    const facts = [['Identifier', record.uuid], ['Id', record.id], ['Schema', record.schema], ['Version', record.version],
      ['Date stamp', record.dateStamp], ['Changed', Console.when(record.changeDate)]];
    $('facts').innerHTML = facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd id="fact-${esc(k.toLowerCase().replace(/ /g, '-'))}">${esc(v)}</dd>`).join('');
    $('keywords').innerHTML = (record.keywords || []).map(k => `<li class="pill">${esc(k)}</li>`).join('') || '<li class="muted">none</li>';
    map.eachLayer(l => { if (l instanceof L.Rectangle) l.remove(); });
    const rect = Console.extent(record.bbox);
    if (rect) { rect.addTo(map); map.fitBounds(rect.getBounds(), { maxZoom: 6, padding: [20, 20] }); }
    const xml = await api('GET', base, undefined, { accept: 'application/xml' });
    $('xml').textContent = xml.ok ? xml.data : problem(xml);
    return true;
  }

  async function attachments() {
    const answer = await api('GET', base + '/attachments');
    const rows = answer.ok ? answer.data : [];
    $('attachments').innerHTML = rows.map(f => `<tr><td><a href="${base}/attachments/${encodeURIComponent(f.name)}">${esc(f.name)}</a></td>
      <td>${f.size}</td><td>${esc(f.visibility)}</td><td>${esc(Console.when(f.lastModified))}</td>
      <td>${Console.isAdmin() ? `<button type="button" class="danger delete-file" data-name="${esc(f.name)}">Delete <span class="sr-only">${esc(f.name)}</span></button>` : ''}</td></tr>`).join('')
      || '<tr><td colspan="5" class="muted">No files.</td></tr>';
    document.querySelectorAll('.delete-file').forEach(b => b.addEventListener('click', async () => {
      if (!confirm('Delete ' + b.dataset.name + '?')) return;
      const r = await api('DELETE', base + '/attachments/' + encodeURIComponent(b.dataset.name));
      if (!r.ok) $('upload-error').textContent = problem(r);
      attachments();
    }));
  }

  $('upload').addEventListener('submit', async e => {
    e.preventDefault();
    const file = $('file').files[0];
    if (!file) return;
    const url = `${base}/attachments?name=${encodeURIComponent(file.name)}&visibility=${$('visibility').value}`;
    const r = await api('POST', url, file, { contentType: 'application/octet-stream' });
    $('upload-error').textContent = r.ok ? '' : problem(r);
    attachments();
  });

  // Privileges: shown when the caller may read them (the API decides).
  let privileges = null;
  async function loadPrivileges() {
    const answer = await api('GET', base + '/privileges');
    if (!answer.ok) return;
    privileges = answer.data;
    $('privileges-section').hidden = false;
    $('owner-group').value = privileges.group ?? '';
    drawPrivileges();
  }
  function drawPrivileges() {
    const ops = ['view', 'download', 'editing'];
    $('privilege-rows').innerHTML = Object.entries(privileges.operations || {}).map(([group, allowed]) => `<tr><th scope="row">${group === 'all' ? 'everyone (all)' : 'group ' + esc(group)}</th>` +
      ops.map(op => `<td><input type="checkbox" aria-label="${esc(op)} for ${esc(group)}" data-group="${esc(group)}" data-op="${op}"${allowed.includes(op) ? ' checked' : ''}></td>`).join('') + '</tr>').join('');
  }
  $('add-group-button').addEventListener('click', () => {
    const g = $('add-group').value.trim();
    if (g && privileges) { privileges.operations[g] = privileges.operations[g] || []; drawPrivileges(); }
  });
  $('privileges').addEventListener('submit', async e => {
    e.preventDefault();
    const operations = {};
    Object.keys(privileges.operations).forEach(g => { operations[g] = []; });
    document.querySelectorAll('#privilege-rows input:checked').forEach(i => operations[i.dataset.group].push(i.dataset.op));
    const body = { operations };
    if ($('owner-group').value) body.group = Number($('owner-group').value);
    const r = await api('PUT', base + '/privileges', body);
    $('privileges-message').innerHTML = r.ok ? '<span class="ok">Saved.</span>' : `<span class="error">${esc(problem(r))}</span>`;
    if (r.ok) { privileges = r.data; drawPrivileges(); }
  });

  async function history() {
    const answer = await api('GET', base + '/versions');
    if (!answer.ok) return;
    $('history-section').hidden = false;
    const versions = Array.isArray(answer.data) ? answer.data : (answer.data.versions || []);
    $('versions').innerHTML = versions.map(v => `<tr><td>${esc(v.version)}</td><td>${esc(Console.when(v.savedAt || v.changeDate || v.at))}</td>
      <td>${esc(v.replacedBy || v.change || '')}</td><td>${v.current ? 'current' : `<button type="button" class="secondary diff" data-v="${esc(v.version)}">Diff with current</button>`}</td></tr>`).join('')
      || '<tr><td colspan="4" class="muted">No earlier versions (versioning may be off).</td></tr>';
    document.querySelectorAll('.diff').forEach(b => b.addEventListener('click', async () => {
      const d = await api('GET', `${base}/versions/${b.dataset.v}/diff`, undefined, { accept: 'text/plain' });
      const text = d.ok ? String(typeof d.data === 'string' ? d.data : JSON.stringify(d.data, null, 2)) : problem(d);
      $('diff').hidden = false;
      $('diff').innerHTML = text.split('\n').map(line => `<span class="${line.startsWith('+') ? 'diff-add' : line.startsWith('-') ? 'diff-del' : ''}">${esc(line)}</span>`).join('\n');
    }));
  }

  // --- editing under the edit lock ---
  const describe = lock => `Locked by ${lock.holder} (node ${lock.node}) since ${Console.when(lock.acquired)}; expires ${Console.when(lock.expires)} unless renewed.`;

  async function lockStatus() {
    if (!Console.isAdmin()) return;
    const answer = await api('GET', '/api/admin/locks');
    if (!answer.ok) return;
    const locks = Array.isArray(answer.data) ? answer.data : (answer.data.locks || []);
    const lock = locks.find(l => String(l.recordId) === String(record.id));
    if (!$('editor').hidden) return;
    // Only news is written: the status the page just gave (released, removed) stays, and the live
    // region is not re-announced every 3 s.
    const key = lock ? `${lock.holder} ${lock.acquired} ${lock.expires}` : 'none';
    if (key === shownLock) return;
    shownLock = key;
    $('lock-status').textContent = lock ? describe(lock) : 'Not locked: nobody is editing this record.';
    $('force-unlock').hidden = !lock;
  }

  async function openEditor() {
    const answer = await api('POST', base + '/lock');
    if (!answer.ok) {
      const lock = answer.data && answer.data.lock;
      $('lock-status').textContent = lock ? describe(lock) : problem(answer);
      $('force-unlock').hidden = !(lock && Console.isAdmin());
      return;
    }
    $('lock-status').textContent = 'You hold the lock. ' + describe(answer.data);
    const xml = await api('GET', base, undefined, { accept: 'application/xml' });
    $('xml-editor').value = xml.data;
    $('editor').hidden = false;
    $('edit').hidden = true;
    $('force-unlock').hidden = true;
    $('xml-editor').focus();
    scheduleRenewal(answer);
  }

  // Keeps the lock while the editor is open: renewed (PUT, which never takes a lost lock again, so
  // a forced unlock is not undone behind the administrator's back) a third of the way to its
  // expiry as the server's clock sees it, whatever idle timeout the cluster is configured with.
  function scheduleRenewal(answer) {
    clearTimeout(renewTimer);
    const now = answer.date ? Date.parse(answer.date) : Date.now();
    const left = Date.parse(answer.data.expires) - now;
    renewTimer = setTimeout(renew, Math.min(60000, Math.max(1000, left / 3)));
  }

  async function renew() {
    let r;
    try { r = await api('PUT', base + '/lock'); } catch (e) { r = { status: 0, ok: false, data: String(e) }; }
    if ($('editor').hidden) return;
    if (r.ok) {
      $('lock-status').textContent = 'You hold the lock. ' + describe(r.data);
      if ($('save-error').textContent.startsWith('The lock could not be renewed yet')) $('save-error').textContent = '';
      scheduleRenewal(r);
      return;
    }
    if (r.status === 409 || r.status === 404 || r.status === 403) {
      renewTimer = null;
      $('lock-status').textContent = 'You no longer hold the lock: ' + problem(r);
      $('save-error').textContent = 'The lock could not be renewed, so saving will be refused: ' + problem(r);
      return;
    }
    // The node or the network failed for a moment: try again soon, the lock has time left.
    $('save-error').textContent = 'The lock could not be renewed yet (' + problem(r) + '); trying again.';
    renewTimer = setTimeout(renew, 5000);
  }

  function closeEditor() {
    clearTimeout(renewTimer);
    renewTimer = null;
    $('editor').hidden = true;
    $('edit').hidden = false;
    $('save-error').textContent = '';
    shownLock = 'none'; // the page says the lock was released
  }

  async function save(close) {
    const r = await api('PUT', base + (close ? '?close=true' : ''), $('xml-editor').value, { contentType: 'application/xml' });
    if (!r.ok) { $('save-error').textContent = problem(r); return; }
    $('save-error').textContent = '';
    $('lock-status').textContent = close ? `Saved version ${r.data.version} and released the lock.` : `Saved version ${r.data.version}; you still hold the lock.`;
    if (close) closeEditor();
    await load();
    history();
  }

  $('edit').addEventListener('click', openEditor);
  $('save').addEventListener('click', () => save(false));
  $('save-close').addEventListener('click', () => save(true));
  $('close').addEventListener('click', async () => {
    const r = await api('DELETE', base + '/lock');
    closeEditor();
    $('lock-status').textContent = r.ok ? 'Closed without saving; the lock is released.' : problem(r);
  });
  $('force-unlock').addEventListener('click', async () => {
    if (!confirm('Remove the lock of the other user? Their unsaved changes cannot be saved afterwards.')) return;
    const r = await api('DELETE', base + '/lock?force=true');
    $('lock-status').textContent = r.ok ? 'Lock removed.' : problem(r);
    if (r.ok) shownLock = 'none';
    $('force-unlock').hidden = r.ok;
  });
  window.addEventListener('beforeunload', e => { if (!$('editor').hidden) e.preventDefault(); });

  if (await load()) {
    attachments();
    if (Console.isAdmin()) $('upload').hidden = false;
    if (Console.loggedIn()) { loadPrivileges(); }
    if (Console.isAdmin()) history();
    if (Console.isEditor()) $('edit').hidden = false;
    if (!Console.loggedIn()) $('lock-status').textContent = 'Log in to edit this record.';
    if (Console.isAdmin()) { lockStatus(); lockPoll = setInterval(lockStatus, 3000); }
  }
})();
