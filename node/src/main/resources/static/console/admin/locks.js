// Edit locks of the whole cluster, with force unlock.
'use strict';
(async () => {
  await Console.start();
  const $ = id => document.getElementById(id);
  const { api, esc, problem } = Console;
  async function refresh() {
    const r = await api('GET', '/api/admin/locks');
    if (!r.ok) { $('lock-result').textContent = problem(r); return; }
    $('lock-rows').innerHTML = r.data.map(l => `<tr><td><a href="/record/${encodeURIComponent(l.recordId)}">${esc(l.recordId)}</a></td>
      <td class="holder">${esc(l.holder)}</td><td>${esc(l.node)}</td><td>${esc(Console.when(l.acquired))}</td><td>${esc(Console.when(l.expires))}</td>
      <td><button type="button" class="danger unlock" data-id="${esc(l.recordId)}">Force unlock <span class="sr-only">${esc(l.recordId)}</span></button></td></tr>`).join('')
      || '<tr><td colspan="6" class="muted">No record is locked.</td></tr>';
    document.querySelectorAll('.unlock').forEach(b => b.addEventListener('click', async () => {
      if (!confirm('Remove this lock? The holder can no longer save without taking it again.')) return;
      const d = await api('DELETE', `/api/records/${encodeURIComponent(b.dataset.id)}/lock?force=true`);
      $('lock-result').textContent = d.ok ? 'Unlocked ' + b.dataset.id + '.' : problem(d);
      refresh();
    }));
  }
  await refresh();
  setInterval(refresh, 5000);
})();
