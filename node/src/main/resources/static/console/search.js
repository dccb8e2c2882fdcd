// The search portal: text, keyword facets, an area drawn on the map, paging and sorting. The
// state lives in the address (so a search can be bookmarked and the back button works).
'use strict';
(async () => {
  await Console.start();
  const $ = id => document.getElementById(id);
  const map = Console.map($('map'));
  const extents = L.layerGroup().addTo(map);
  const params = new URLSearchParams(location.search);
  const state = {
    q: params.get('q') || '', sort: params.get('sort') || 'relevance', size: Number(params.get('size') || 20),
    from: Number(params.get('from') || 0), keywords: params.getAll('keyword'),
    bbox: params.get('bbox') ? params.get('bbox').split(',').map(Number) : null,
  };
  const box = Console.boxDrawing(map, $('draw'), bbox => { state.bbox = bbox; state.from = 0; fillForm(); search(); });

  function fillForm() {
    $('q').value = state.q; $('sort').value = state.sort; $('size').value = String(state.size);
    ['w', 's', 'e', 'n'].forEach((k, i) => { $(k).value = state.bbox ? state.bbox[i] : ''; });
    if (state.bbox) box.show(state.bbox); else box.clear();
  }

  function query() {
    const p = new URLSearchParams();
    if (state.q) p.set('q', state.q);
    state.keywords.forEach(k => p.append('keyword', k));
    if (state.bbox) p.set('bbox', state.bbox.join(','));
    if (state.sort !== 'relevance') p.set('sort', state.sort);
    if (state.size !== 20) p.set('size', state.size);
    if (state.from) p.set('from', state.from);
    return p;
  }

  async function search() {
    const p = query();
    history.replaceState(null, '', p.toString() ? '?' + p : location.pathname);
    if (!p.has('size')) p.set('size', state.size);
    $('summary').textContent = 'Searching…';
    const answer = await Console.api('GET', '/api/search?' + p);
    if (!answer.ok) { $('summary').innerHTML = `<span class="error">${Console.esc(Console.problem(answer))}</span>`; return; }
    const r = answer.data;
    const last = Math.min(state.from + r.hits.length, r.total);
    $('summary').textContent = r.total === 0 ? 'No records match.' : `Records ${state.from + 1}–${last} of ${r.total}`;
    $('prev').disabled = state.from === 0;
    $('next').disabled = last >= r.total;
    extents.clearLayers();
    $('hits').innerHTML = '';
    r.hits.forEach(hit => {
      const li = document.createElement('li');
      li.className = 'hit';
      li.innerHTML = `<a class="hit-title" href="/record/${encodeURIComponent(hit.id)}">${Console.esc(hit.title || '(untitled)')}</a>
        <div class="muted">${Console.esc(hit.abstractExcerpt || '')}</div>`;
      $('hits').append(li);
      const rect = Console.extent(hit.bbox);
      if (rect) {
        rect.bindTooltip(hit.title || hit.uuid).addTo(extents);
        rect.on('click', () => { location.href = '/record/' + encodeURIComponent(hit.id); });
        li.addEventListener('mouseenter', () => { li.classList.add('hl'); rect.setStyle({ color: '#a4161a' }); });
        li.addEventListener('mouseleave', () => { li.classList.remove('hl'); rect.setStyle({ color: '#0b5cad' }); });
      }
    });
    facets(r.facets || {});
  }

  function facets(all) {
    const parts = [];
    Object.entries(all).forEach(([field, values]) => {
      if (!values.length) return;
      const title = field === 'keywords' ? 'Keywords' : field;
      const items = values.map((v, i) => {
        const id = `facet-${field}-${i}`;
        const checked = field === 'keywords' && state.keywords.includes(v.value) ? ' checked' : '';
        return `<li><label class="inline" for="${id}"><input type="checkbox" id="${id}" data-field="${Console.esc(field)}" value="${Console.esc(v.value)}"${checked}>
          ${Console.esc(v.value)} <span class="muted">(${v.count})</span></label></li>`;
      }).join('');
      parts.push(`<fieldset class="facet"><legend>${Console.esc(title)}</legend><ul>${items}</ul></fieldset>`);
    });
    $('facets').innerHTML = parts.join('') || '<p class="muted">No filters for these results.</p>';
    $('facets').querySelectorAll('input[data-field=keywords]').forEach(input => input.addEventListener('change', () => {
      state.keywords = input.checked ? state.keywords.concat(input.value) : state.keywords.filter(k => k !== input.value);
      state.from = 0;
      search();
    }));
  }

  $('search').addEventListener('submit', e => {
    e.preventDefault();
    state.q = $('q').value.trim(); state.sort = $('sort').value; state.size = Number($('size').value); state.from = 0;
    const nums = ['w', 's', 'e', 'n'].map(k => $(k).value);
    state.bbox = nums.every(v => v !== '') ? nums.map(Number) : null;
    fillForm();
    search();
  });
  $('clear-box').addEventListener('click', () => { state.bbox = null; state.from = 0; fillForm(); search(); });
  $('prev').addEventListener('click', () => { state.from = Math.max(0, state.from - state.size); search(); });
  $('next').addEventListener('click', () => { state.from += state.size; search(); });
  fillForm();
  search();
})();
