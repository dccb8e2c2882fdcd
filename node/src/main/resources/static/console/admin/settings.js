// System configuration: live settings as typed fields, the clustering switch, the index
// configuration and thesauri. Validation messages come from the server, next to the field.
'use strict';
(async () => {
  await Console.start();
  const $ = id => document.getElementById(id);
  const { api, esc, problem } = Console;
  let values = {}, definitions = [];
  const fieldId = key => 'setting-' + key.replace(/[^A-Za-z0-9]/g, '-');

  async function loadSettings() {
    const [d, v] = await Promise.all([api('GET', '/api/admin/settings/definitions'), api('GET', '/api/admin/settings')]);
    if (!d.ok || !v.ok) { $('settings-result').textContent = problem(d.ok ? v : d); return; }
    definitions = d.data; values = v.data;
    $('setting-fields').innerHTML = definitions.filter(f => f.key !== 'cluster.enabled').map(f => {
      const id = fieldId(f.key), value = values[f.key];
      let input;
      if (f.type === 'boolean') {
        input = `<select id="${id}" data-key="${esc(f.key)}" aria-describedby="${id}-help ${id}-error">
          ${['', 'true', 'false'].map(o => `<option value="${o}"${String(value ?? '') === o ? ' selected' : ''}>${o || '(default)'}</option>`).join('')}</select>`;
      } else {
        input = `<input type="${f.type === 'password' ? 'password' : 'text'}" size="50" id="${id}" data-key="${esc(f.key)}" value="${esc(value ?? '')}" aria-describedby="${id}-help ${id}-error"${f.type === 'password' ? ' autocomplete="new-password"' : ''}>`;
      }
      return `<div class="setting"><label for="${id}">${esc(f.key)}</label>${input}
        <div id="${id}-help" class="muted">${esc(f.description)}${f.defaultValue != null ? ' Default: ' + esc(f.defaultValue) + '.' : ''}</div>
        <span class="field-error" id="${id}-error"></span></div>`;
    }).join('');
  }

  $('settings').addEventListener('submit', async e => {
    e.preventDefault();
    document.querySelectorAll('.setting .field-error').forEach(s => { s.textContent = ''; });
    const changes = {};
    document.querySelectorAll('#setting-fields [data-key]').forEach(input => {
      const key = input.dataset.key, now = input.value, before = values[key] ?? '';
      if (now !== String(before)) changes[key] = now === '' ? null : now;
    });
    if (!Object.keys(changes).length) { $('settings-result').textContent = 'Nothing changed.'; return; }
    const r = await api('PUT', '/api/admin/settings', changes);
    if (!r.ok) {
      const key = r.data && (r.data.key || r.data.field);
      const target = key && document.getElementById(fieldId(key) + '-error');
      if (target) target.textContent = problem(r); else $('settings-result').innerHTML = `<span class="error">${esc(problem(r))}</span>`;
      return;
    }
    values = r.data;
    $('settings-result').innerHTML = `<span class="ok">Saved (revision ${esc(r.data.revision)}) at ${new Date().toLocaleTimeString()}: ${esc(Object.keys(changes).join(', '))}.</span> <span class="applied" aria-live="polite">Waiting for every node to apply it…</span>`;
    loadSettings();
    applied(r.data.revision, $('settings-result'));
  });

  /**
   * Confirms a change only once the nodes report it: waits (up to a minute) until every node that
   * answers the cluster status has applied the saved revision, then says when and which nodes.
   */
  async function applied(revision, container) {
    const out = container.querySelector('.applied');
    for (let i = 0; i < 120; i++) {
      const c = await api('GET', '/api/admin/cluster');
      if (c.ok) {
        const reachable = c.data.nodes.filter(n => n.reachable && n.settingsRevision != null);
        const behind = reachable.filter(n => n.settingsRevision < revision);
        const away = c.data.nodes.filter(n => !n.reachable).map(n => n.nodeId);
        if (reachable.length && !behind.length) {
          out.className = 'applied ok';
          out.textContent = `Changed on every node at ${new Date().toLocaleTimeString()} (${reachable.map(n => n.nodeId).join(', ')}).`
            + (away.length ? ` Not answering, so not confirmed: ${away.join(', ')} (it applies the change when it comes back).` : '');
          return;
        }
        out.textContent = `Waiting for ${behind.map(n => n.nodeId).join(', ')} to apply revision ${revision}…`;
      }
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    out.className = 'applied error';
    out.textContent = `Not confirmed after a minute: ${out.textContent}`;
  }

  // Clustering switch: its current effect is what the nodes report, not only the stored value.
  async function clustering() {
    const c = await api('GET', '/api/admin/cluster');
    const stored = values['cluster.enabled'];
    if (!c.ok) { $('clustering-effect').textContent = problem(c); return; }
    const on = c.data.clustering;
    const jms = c.data.nodes.map(n => `${n.nodeId}: ${n.jms ?? (n.reachable ? '?' : 'unreachable')}`).join(', ');
    $('clustering-effect').innerHTML = `Clustering is <strong id="clustering-state">${on ? 'on' : 'off'}</strong> on this node (setting: ${esc(stored ?? 'unset')}). Broker connection per node: ${esc(jms)}.`;
    $('toggle-clustering').textContent = on ? 'Turn clustering off' : 'Turn clustering on';
    $('toggle-clustering').dataset.target = on ? 'false' : 'true';
  }
  $('toggle-clustering').addEventListener('click', () => {
    const off = $('toggle-clustering').dataset.target === 'false';
    $('confirm-text').textContent = off
      ? 'Every node disconnects from the broker and runs alone, polling the database change log. Turn clustering off?'
      : 'Every node connects to the broker, resumes its subscriptions and catches up. Turn clustering on?';
    $('confirm-clustering').hidden = false;
    $('confirm-yes').focus();
  });
  $('confirm-no').addEventListener('click', () => { $('confirm-clustering').hidden = true; });
  $('confirm-yes').addEventListener('click', async () => {
    $('confirm-clustering').hidden = true;
    const target = $('toggle-clustering').dataset.target === 'true';
    const r = await api('PUT', '/api/admin/settings', { 'cluster.enabled': target });
    $('clustering-result').innerHTML = r.ok ? `<span class="ok">Clustering switched ${target ? 'on' : 'off'} at ${new Date().toLocaleTimeString()} (revision ${esc(r.data.revision)}); nodes follow within seconds.</span> <span class="applied" aria-live="polite"></span>` : `<span class="error">${esc(problem(r))}</span>`;
    if (r.ok) { values = r.data; applied(r.data.revision, $('clustering-result')); }
    clustering();
  });

  async function indexConfig() {
    const r = await api('GET', '/api/admin/index/config');
    $('index-config').value = r.ok ? JSON.stringify(r.data.fields ?? r.data, null, 2) : problem(r);
  }
  $('save-index-config').addEventListener('click', async () => {
    let fields;
    try { fields = JSON.parse($('index-config').value); } catch (e) { $('index-config-result').innerHTML = `<span class="error">Not JSON: ${esc(e.message)}</span>`; return; }
    const r = await api('PUT', '/api/admin/index/config', { fields });
    $('index-config-result').innerHTML = r.ok ? `<span class="ok">Saved (revision ${esc(r.data.revision)}); every node rebuilds its index in the background.</span>` : `<span class="error">${esc(problem(r))}</span>`;
  });

  async function thesauri() {
    const r = await api('GET', '/api/thesauri');
    const list = r.ok ? r.data : [];
    $('thesauri').innerHTML = list.map(t => `<tr><td>${esc(t.id)}</td><td>${esc(t.title)}</td><td>${esc(t.concepts ?? '')}</td>
      <td><button type="button" class="danger delete-thesaurus" data-id="${esc(t.id)}">Delete <span class="sr-only">${esc(t.id)}</span></button></td></tr>`).join('')
      || '<tr><td colspan="4" class="muted">No thesauri.</td></tr>';
    document.querySelectorAll('.delete-thesaurus').forEach(b => b.addEventListener('click', async () => {
      if (!confirm('Delete the thesaurus ' + b.dataset.id + '?')) return;
      const d = await api('DELETE', '/api/thesauri/' + encodeURIComponent(b.dataset.id));
      $('thesaurus-result').textContent = d.ok ? 'Deleted ' + b.dataset.id + '.' : problem(d);
      thesauri();
    }));
  }
  $('thesaurus-import').addEventListener('submit', async e => {
    e.preventDefault();
    const file = $('th-file').files[0];
    const url = `/api/thesauri?id=${encodeURIComponent($('th-id').value)}${$('th-replace').checked ? '&replace=true' : ''}`;
    const r = await api('POST', url, file, { contentType: 'application/rdf+xml' });
    $('thesaurus-result').innerHTML = r.ok ? `<span class="ok">Imported ${esc(r.data.id)}: ${esc(r.data.concepts)} concepts.</span>` : `<span class="error">${esc(problem(r))}</span>`;
    thesauri();
  });

  await loadSettings();
  clustering();
  setInterval(clustering, 3000);
  indexConfig();
  thesauri();
})();
