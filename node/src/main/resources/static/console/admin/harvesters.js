// Harvesters: list with their last run, create/edit per type (server validation shown next to
// each field), run now (asking whether to remove what the removal guard held back), delete.
'use strict';
(async () => {
  await Console.start();
  const $ = id => document.getElementById(id);
  const { api, esc, problem } = Console;
  // Options of each type (docs/harvesting.md), plus the common ones every type takes.
  const TYPE_OPTIONS = {
    csw: [['outputSchema', 'Output schema: iso19139 or csw:Record'], ['constraint', 'Constraint (CQL text)'], ['getRecordById', 'GetRecordById per record (true/false)']],
    oaipmh: [['metadataPrefix', 'Metadata prefix: iso19139 or oai_dc'], ['set', 'Set'], ['from', 'From (date)'], ['until', 'Until (date)']],
    wms: [['version', 'WMS version: 1.3.0 or 1.1.1']],
    catalog: [['query', 'Search text (empty: everything)']],
    folder: [],
  };
  const COMMON = [['removeVanished', 'Remove records the source no longer has (true/false)'], ['maxRemovalShare', 'Largest share removed without confirmation (0 to 1)'], ['webhookUrl', 'Webhook URL notified of failures']];
  let editing = null;

  function drawOptions(values = {}) {
    const list = TYPE_OPTIONS[$('f-type').value].concat(COMMON);
    $('options').innerHTML = list.map(([key, text]) => `<div><label for="opt-${key}">${esc(text)}</label>
      <input type="text" id="opt-${key}" data-option="${key}" value="${esc(values[key] ?? '')}" aria-describedby="err-opt-${key}">
      <span class="field-error" id="err-opt-${key}"></span></div>`).join('');
  }

  /** The server's next scheduled start, in UTC like the schedules themselves. */
  function nextRun(h) {
    if (!h.schedule) return 'manual only';
    if (!h.enabled) return 'none: scheduled runs disabled';
    if (!h.nextRun) return 'never: the schedule does not fire again';
    const at = new Date(h.nextRun);
    const text = at.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
    return at.getTime() <= Date.now() ? `due now (${text})` : text;
  }

  async function refresh() {
    const r = await api('GET', '/api/harvesters');
    if (!r.ok) { $('list-result').textContent = problem(r); return; }
    const rows = await Promise.all(r.data.map(async h => {
      const jobs = await api('GET', `/api/harvest-jobs?harvesterId=${encodeURIComponent(h.id)}&limit=1`);
      const job = jobs.ok && jobs.data.length ? jobs.data[0] : null;
      const counts = job ? `${job.counts.processed} processed, ${job.counts.failed} failed, ${job.counts.skipped} skipped, ${job.counts.removed} removed` : '';
      const held = job && job.note && /remov/i.test(job.note);
      // Only the removal-share guard is lifted by confirmRemoval (its note says so); removals held
      // because the listing changed or records failed unnamed are left to the next run.
      const confirmable = held && /REMOVALS_HELD$/.test(job.outcome || '') && job.note.includes('confirmRemoval');
      const shown = confirmable ? `${why(job.note)}. "Run now" asks whether to remove them.` : job && job.note;
      return `<tr data-harvester="${esc(h.name)}"><th scope="row">${esc(h.name)}</th><td>${esc(h.type)}</td><td>${esc(h.url)}</td>
        <td>${esc(h.schedule || 'manual')}${h.enabled ? '' : ' (disabled)'}</td>
        <td class="next-run">${esc(nextRun(h))}</td>
        <td>${job ? `<a class="last-job" href="/admin/jobs?id=${encodeURIComponent(job.id)}">${esc(job.state)}</a> ${esc(Console.when(job.finishedAt || job.startedAt))}${held ? `<div class="warn held-note">${esc(shown)}</div>` : ''}` : 'never'}</td>
        <td>${esc(counts)}</td>
        <td class="row"><button type="button" class="run" data-id="${esc(h.id)}" data-name="${esc(h.name)}"${confirmable ? ` data-held="${esc(job.note)}"` : ''}>Run now <span class="sr-only">${esc(h.name)}</span></button>
        <button type="button" class="edit secondary" data-id="${esc(h.id)}">Edit <span class="sr-only">${esc(h.name)}</span></button>
        <button type="button" class="delete danger" data-id="${esc(h.id)}" data-name="${esc(h.name)}">Delete <span class="sr-only">${esc(h.name)}</span></button></td></tr>`;
    }));
    $('harvester-rows').innerHTML = rows.join('') || '<tr><td colspan="8" class="muted">No harvesters yet.</td></tr>';
    document.querySelectorAll('.run').forEach(b => b.addEventListener('click', () => {
      // The guard held back the last run's removals: this run removes them only when confirmed.
      if (!b.dataset.held) { run(b.dataset.id, false); return; }
      ask(`The last run of ${b.dataset.name} held back removals: ${why(b.dataset.held)}. Check the source, then choose whether this run removes them.`,
        [{ id: 'confirm-remove', text: 'Run and remove them', cls: 'danger', action: () => run(b.dataset.id, true) },
          { id: 'confirm-keep', text: 'Run and keep them', cls: '', action: () => run(b.dataset.id, false) }],
        b);
    }));
    document.querySelectorAll('.edit').forEach(b => b.addEventListener('click', () => edit(b.dataset.id)));
    document.querySelectorAll('.delete').forEach(b => b.addEventListener('click', () => {
      ask(`Delete the harvester ${b.dataset.name}? Choose whether its records go too.`,
        [{ id: 'confirm-yes', text: 'Delete, keep its records', cls: 'danger', action: () => remove(b.dataset.id, false) },
          { id: 'confirm-records', text: 'Delete with its records', cls: 'danger', action: () => remove(b.dataset.id, true) }],
        b);
    }));
  }

  /** The share guard's note without its advice to API users (the page asks instead). */
  const why = note => note.replace(/\s*Check the source, then run again with confirmRemoval=true\.?$/, '').replace(/\.$/, '');

  /** Asks before acting: one button per choice, and Cancel, which does nothing. */
  function ask(text, choices, from) {
    $('confirm-text').textContent = text;
    $('confirm-choices').innerHTML = '';
    choices.forEach(c => {
      const b = document.createElement('button');
      b.type = 'button'; b.id = c.id; b.className = c.cls; b.textContent = c.text;
      b.onclick = () => { $('confirm').hidden = true; c.action(); };
      $('confirm-choices').append(b, ' ');
    });
    $('confirm').hidden = false;
    $('confirm-no').onclick = () => {
      $('confirm').hidden = true;
      $('list-result').textContent = 'Cancelled: nothing was done.';
      if (from && from.isConnected) from.focus();
    };
    $('confirm-choices').querySelector('button').focus();
  }

  async function run(id, confirmRemoval) {
    const r = await api('POST', `/api/harvesters/${encodeURIComponent(id)}/run${confirmRemoval ? '?confirmRemoval=true' : ''}`);
    const jobId = r.data && r.data.jobId;
    if (jobId) { location.href = '/admin/jobs?id=' + encodeURIComponent(jobId); return; }
    $('list-result').innerHTML = `<span class="error">${esc(problem(r))}</span>`;
  }

  async function remove(id, removeRecords) {
    const r = await api('DELETE', `/api/harvesters/${encodeURIComponent(id)}${removeRecords ? '?removeRecords=true' : ''}`);
    $('list-result').innerHTML = r.ok ? '<span class="ok">Deleted.</span>' : `<span class="error">${esc(problem(r))}</span>`;
    refresh();
  }

  async function edit(id) {
    const r = await api('GET', '/api/harvesters/' + encodeURIComponent(id));
    if (!r.ok) { $('list-result').textContent = problem(r); return; }
    const h = r.data;
    editing = h.id;
    $('form-title').textContent = 'Edit ' + h.name;
    $('save-harvester').textContent = 'Save';
    $('f-name').value = h.name; $('f-type').value = h.type; $('f-url').value = h.url; $('f-schedule').value = h.schedule || '';
    $('f-timeout').value = h.timeoutSeconds ?? ''; $('f-priority').value = h.priority ?? ''; $('f-enabled').checked = h.enabled !== false;
    drawOptions(Object.fromEntries(Object.entries(h.options || {}).map(([k, v]) => [k, String(v)])));
    $('f-name').focus();
  }

  function reset() {
    editing = null;
    $('harvester').reset();
    $('form-title').textContent = 'New harvester';
    $('save-harvester').textContent = 'Create';
    drawOptions();
  }

  $('harvester').addEventListener('submit', async e => {
    e.preventDefault();
    document.querySelectorAll('#harvester .field-error').forEach(s => { s.textContent = ''; });
    $('form-error').textContent = '';
    const options = {};
    document.querySelectorAll('[data-option]').forEach(i => { if (i.value.trim() !== '') options[i.dataset.option] = i.value.trim(); });
    const body = { name: $('f-name').value.trim(), type: $('f-type').value, url: $('f-url').value.trim(),
      schedule: $('f-schedule').value.trim() || null, enabled: $('f-enabled').checked, options };
    if ($('f-timeout').value !== '') body.timeoutSeconds = Number($('f-timeout').value);
    if ($('f-priority').value !== '') body.priority = Number($('f-priority').value);
    const r = editing ? await api('PUT', '/api/harvesters/' + encodeURIComponent(editing), body) : await api('POST', '/api/harvesters', body);
    if (!r.ok) {
      const field = r.data && r.data.field;
      const option = field && (document.getElementById('err-opt-' + String(field).replace(/^options\./, '')));
      const target = option || (field && document.getElementById('err-' + String(field).replace(/^options\..*/, 'options')));
      if (target) target.textContent = problem(r); else $('form-error').textContent = problem(r);
      return;
    }
    $('list-result').innerHTML = `<span class="ok">${editing ? 'Saved' : 'Created'} ${esc(body.name)}.</span>`;
    reset();
    refresh();
  });
  $('f-type').addEventListener('change', () => drawOptions());
  $('new-harvester').addEventListener('click', reset);
  drawOptions();
  refresh();
})();
