// Harvest jobs: recent jobs, and one job (?id=) with a live progress bar, counts, events,
// failures, cancel and resume. Refreshes every second while the job is not finished.
'use strict';
(async () => {
  await Console.start();
  const $ = id => document.getElementById(id);
  const { api, esc, problem } = Console;
  const jobId = new URLSearchParams(location.search).get('id');
  const FINISHED = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT'];
  const names = {};
  const harvesters = await api('GET', '/api/harvesters');
  if (harvesters.ok) harvesters.data.forEach(h => { names[h.id] = h.name; });

  async function list() {
    const r = await api('GET', '/api/harvest-jobs?limit=50');
    if (!r.ok) return;
    $('job-rows').innerHTML = r.data.map(j => `<tr><td><a href="/admin/jobs?id=${encodeURIComponent(j.id)}">${esc(String(j.id).slice(0, 8))}</a></td>
      <td>${esc(names[j.harvesterId] || j.harvesterId)}</td><td>${esc(j.state)}</td><td>${esc(j.node ?? '')}</td>
      <td>${j.counts.processed} / ${j.counts.failed}</td><td>${esc(Console.when(j.startedAt))}</td></tr>`).join('') || '<tr><td colspan="6" class="muted">No jobs yet.</td></tr>';
  }

  let timer = null;
  async function job() {
    const r = await api('GET', '/api/harvest-jobs/' + encodeURIComponent(jobId));
    if (!r.ok) { $('job-result').textContent = problem(r); return; }
    const j = r.data, c = j.counts;
    $('job').hidden = false;
    $('job-title').textContent = 'Job ' + j.id;
    $('job-state').textContent = j.state;
    $('job-node').textContent = j.node || '(not started)';
    $('job-harvester').textContent = names[j.harvesterId] || j.harvesterId;
    $('job-attempt').textContent = j.attempt;
    const done = c.processed + c.failed + c.skipped, total = done + c.todo + c.processing;
    $('job-progress').max = Math.max(total, 1);
    $('job-progress').value = FINISHED.includes(j.state) && j.state === 'SUCCEEDED' ? Math.max(total, 1) : done;
    $('job-progress').textContent = `${done} of ${total}`;
    $('job-counts').innerHTML = ['todo', 'processing', 'processed', 'failed', 'skipped', 'removed'].map(k => `<td id="count-${k}">${c[k]}</td>`).join('');
    $('job-note').textContent = j.note || '';
    $('job-error').textContent = j.error || '';
    $('cancel').disabled = FINISHED.includes(j.state);
    $('resume').disabled = !['FAILED', 'CANCELLED', 'TIMED_OUT'].includes(j.state);
    const ev = await api('GET', `/api/harvest-jobs/${encodeURIComponent(jobId)}/events`);
    if (ev.ok) $('events').innerHTML = ev.data.map(e => `<tr><td>${esc(Console.when(e.at))}</td><td>${esc(e.node ?? '')}</td><td>${esc(e.from ?? '')}</td><td>${esc(e.to)}</td><td>${esc(e.reason ?? '')}</td></tr>`).join('');
    if (FINISHED.includes(j.state)) { clearInterval(timer); timer = null; list(); }
    else if (!timer) timer = setInterval(job, 1000);
  }

  $('show-failures').addEventListener('click', async () => {
    const r = await api('GET', `/api/harvest-jobs/${encodeURIComponent(jobId)}/failures`);
    $('failures-section').hidden = false;
    $('failure-rows').innerHTML = r.ok ? (r.data.map(f => `<tr><td>${esc(f.position)}</td><td>${esc(f.remoteId)}</td><td>${esc(f.reason)}</td><td>${esc(Console.when(f.at))}</td></tr>`).join('')
      || '<tr><td colspan="4" class="muted">No failures.</td></tr>') : `<tr><td colspan="4">${esc(problem(r))}</td></tr>`;
    $('failures-title').focus();
  });
  $('cancel').addEventListener('click', async () => {
    const r = await api('POST', `/api/harvest-jobs/${encodeURIComponent(jobId)}/cancel`);
    $('job-result').textContent = r.ok ? 'Cancel requested.' : problem(r);
    job();
  });
  $('resume').addEventListener('click', async () => {
    const r = await api('POST', `/api/harvest-jobs/${encodeURIComponent(jobId)}/resume`);
    $('job-result').textContent = r.ok ? 'Queued again; it continues from where it stopped.' : problem(r);
    job();
  });
  $('failures-title').tabIndex = -1;
  if (jobId) job();
  list();
})();
