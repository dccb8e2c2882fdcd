// Cluster page: every node's status, refreshed every 3 seconds; index actions.
'use strict';
(async () => {
  await Console.start();
  const $ = id => document.getElementById(id);
  const { api, esc, problem } = Console;
  const node = await api('GET', '/api/node');
  if (node.ok) { $('site').textContent = node.data.siteId; $('this-node').textContent = node.data.nodeId; }

  async function refresh() {
    const answer = await api('GET', '/api/admin/cluster');
    if (!answer.ok) { $('refreshed').textContent = problem(answer); return; }
    const c = answer.data;
    $('clustering').textContent = c.clustering ? 'on' : 'off';
    $('node-rows').innerHTML = c.nodes.map(n => `<tr data-node="${esc(n.nodeId)}"><th scope="row">${esc(n.nodeId)}</th>
      <td>${esc(n.host)}:${esc(n.httpPort)}</td>
      <td class="${n.reachable ? 'ok' : 'bad'}">${n.reachable ? 'yes' : 'no'}</td>
      <td>${n.jms == null ? '' : n.jms === 'off' ? 'off' : 'on'}</td>
      <td class="jms">${esc(n.jms ?? '')}</td><td>${esc(n.lag ?? '')}</td><td>${esc(n.checkpoint ?? '')}</td>
      <td class="indexed">${esc(n.indexedRecords ?? '')}</td><td>${esc(n.runningHarvestJobs ?? '')}</td>
      <td>${n.uptimeSeconds != null ? esc(Math.round(n.uptimeSeconds / 60)) + ' min' : ''}</td><td>${esc(Console.when(n.lastHeartbeat))}</td></tr>`).join('');
    $('refreshed').textContent = 'updated ' + new Date().toLocaleTimeString();
  }

  async function act(label, method, path) {
    const out = $('action-result');
    out.hidden = false;
    out.className = 'notice';
    out.textContent = label + '…';
    const r = await api(method, path);
    out.className = 'notice ' + (r.ok ? 'ok' : 'bad');
    out.textContent = r.ok ? `${label}: done. ${typeof r.data === 'object' && r.data ? JSON.stringify(r.data) : ''}` : `${label}: ${problem(r)}`;
    refresh();
  }
  $('optimize').addEventListener('click', () => act('Optimize every node', 'POST', '/api/admin/index/optimize'));
  $('rebuild').addEventListener('click', () => act('Rebuild ' + $('this-node').textContent, 'POST', '/api/admin/index/rebuild'));
  $('verify').addEventListener('click', () => act('Verify ' + $('this-node').textContent, 'GET', '/api/admin/index/verify'));
  $('repair').addEventListener('click', () => act('Verify and repair ' + $('this-node').textContent, 'GET', '/api/admin/index/verify?repair=true'));
  await refresh();
  setInterval(refresh, 3000);
})();
