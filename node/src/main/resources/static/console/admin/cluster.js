// Cluster page: every node's status (reachable, ready, settings revision, index), refreshed every
// 3 seconds; optimize every node; rebuild, verify or verify-and-repair any one node.
'use strict';
(async () => {
  await Console.start();
  const $ = id => document.getElementById(id);
  const { api, esc, problem } = Console;
  const node = await api('GET', '/api/node');
  if (node.ok) { $('site').textContent = node.data.siteId; $('this-node').textContent = node.data.nodeId; }
  let busy = false;

  function ready(n) {
    if (!n.reachable || n.readiness == null) return '<td class="ready muted">unknown</td>';
    const up = n.readiness === 'UP';
    return `<td class="ready ${up ? 'ok' : 'bad'}">${up ? 'yes' : 'no (' + esc(n.readiness) + ')'}</td>`;
  }

  async function refresh() {
    const answer = await api('GET', '/api/admin/cluster');
    if (!answer.ok) { $('refreshed').textContent = problem(answer); return; }
    const c = answer.data;
    const stored = c.settingsRevision ?? null;
    $('clustering').textContent = c.clustering ? 'on' : 'off';
    $('stored-revision').textContent = stored ?? '?';
    // Redrawing the rows every 3 s must not take the keyboard focus away from an action button.
    const focused = document.activeElement && document.activeElement.classList.contains('node-action')
      ? `.node-action[data-node="${CSS.escape(document.activeElement.dataset.node)}"][data-action="${document.activeElement.dataset.action}"]` : null;
    $('node-rows').innerHTML = c.nodes.map(n => {
      const behind = n.settingsRevision != null && stored != null && n.settingsRevision < stored;
      const label = esc(n.nodeId);
      return `<tr data-node="${label}"><th scope="row">${label}</th>
      <td>${esc(n.host)}:${esc(n.httpPort)}</td>
      <td class="reachable ${n.reachable ? 'ok' : 'bad'}">${n.reachable ? 'yes' : 'no'}</td>${ready(n)}
      <td>${n.jms == null ? '' : n.jms === 'off' ? 'off' : 'on'}</td>
      <td class="jms">${esc(n.jms ?? '')}</td><td>${esc(n.lag ?? '')}</td><td>${esc(n.checkpoint ?? '')}</td>
      <td class="indexed">${esc(n.indexedRecords ?? '')}</td>
      <td class="revision${behind ? ' warn' : ''}">${esc(n.settingsRevision ?? '')}${behind ? ' (behind)' : ''}</td>
      <td>${esc(n.runningHarvestJobs ?? '')}</td>
      <td>${n.uptimeSeconds != null ? esc(Math.round(n.uptimeSeconds / 60)) + ' min' : ''}</td><td>${esc(Console.when(n.lastHeartbeat))}</td>
      <td class="row"><button type="button" class="node-action rebuild" data-node="${label}" data-action="rebuild"${busy ? ' disabled' : ''}>Rebuild <span class="sr-only">${label}</span></button>
      <button type="button" class="node-action verify secondary" data-node="${label}" data-action="verify"${busy ? ' disabled' : ''}>Verify <span class="sr-only">${label}</span></button>
      <button type="button" class="node-action repair secondary" data-node="${label}" data-action="repair"${busy ? ' disabled' : ''}>Verify and repair <span class="sr-only">${label}</span></button></td></tr>`;
    }).join('');
    document.querySelectorAll('.node-action').forEach(b => b.addEventListener('click', () => nodeAction(b.dataset.node, b.dataset.action)));
    if (focused && document.querySelector(focused)) document.querySelector(focused).focus();
    $('refreshed').textContent = 'updated ' + new Date().toLocaleTimeString();
  }

  const NAMES = { rebuild: 'Rebuild', verify: 'Verify', repair: 'Verify and repair' };

  /** One sentence a person reads, from the result of a rebuild or a verification. */
  function summary(action, result) {
    if (!result) return '';
    if (action === 'rebuild') {
      return `${result.records} records indexed in ${result.millis} ms (checkpoint ${result.checkpoint}, ${result.quarantined} quarantined).`;
    }
    const same = result.missing === 0 && result.stale === 0 && result.extra === 0;
    return `${result.databaseRecords} records in the database, ${result.indexedRecords} indexed: `
      + (same ? 'the index matches the database.' : `${result.missing} missing, ${result.stale} stale, ${result.extra} extra.`)
      + (action !== 'repair' ? '' : same ? ' Nothing to repair.' : result.repaired ? ' Repaired.' : ' Not repaired.');
  }

  function show(ok, text) {
    const out = $('action-result');
    out.hidden = false;
    out.className = 'notice ' + (ok === null ? '' : ok ? 'ok' : 'bad');
    out.textContent = text;
  }

  async function nodeAction(nodeId, action) {
    const label = `${NAMES[action]} ${nodeId}`;
    busy = true;
    document.querySelectorAll('.node-action').forEach(b => { b.disabled = true; });
    show(null, label + '…');
    const r = await api('POST', `/api/admin/cluster/nodes/${encodeURIComponent(nodeId)}/${action}`);
    busy = false;
    if (r.ok && r.data.state === 'done') show(true, `${label}: done. ${summary(action, r.data.result)}`);
    else if (r.ok) show(null, `${label}: ${r.data.detail}`);
    else show(false, `${label}: ${problem(r)}`);
    refresh();
  }

  $('optimize').addEventListener('click', async () => {
    show(null, 'Optimize every node…');
    const r = await api('POST', '/api/admin/index/optimize');
    show(r.ok, r.ok ? `Optimize every node: ${r.data.optimize}.` : `Optimize every node: ${problem(r)}`);
  });
  await refresh();
  setInterval(refresh, 3000);
})();
