// Shared by every console page: API calls with the session and CSRF token, the header with the
// navigation, HTML escaping and maps over the offline world layer. No framework, no build step.
'use strict';
const Console = (() => {
  let csrf = null;
  let me = { profile: 'guest' };

  /**
   * Calls the JSON API; answers {status, ok, data, date} (date: the server's Date header, so times
   * the server gives can be compared with its clock, not the browser's) and never throws for an
   * HTTP status.
   */
  async function api(method, path, body, options = {}) {
    const headers = { 'X-Requested-With': 'XMLHttpRequest', Accept: options.accept || 'application/json' };
    if (csrf && method !== 'GET') headers[csrf.header] = csrf.token;
    let payload = body;
    if (body !== undefined && body !== null && !(body instanceof Blob) && typeof body !== 'string') {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    } else if (options.contentType) {
      headers['Content-Type'] = options.contentType;
    }
    const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
    const text = await response.text();
    let data = text;
    if (text && (response.headers.get('Content-Type') || '').includes('json')) {
      try { data = JSON.parse(text); } catch (e) { /* keep the text */ }
    }
    return { status: response.status, ok: response.ok, data, date: response.headers.get('Date') };
  }

  /** The message of a problem+json answer, or of anything else that went wrong. */
  function problem(answer) {
    if (answer.data && typeof answer.data === 'object') {
      return answer.data.detail || answer.data.title || ('HTTP ' + answer.status);
    }
    return 'HTTP ' + answer.status + (answer.data ? ': ' + String(answer.data).slice(0, 200) : '');
  }

  function esc(value) {
    return String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }

  const isAdmin = () => me.profile === 'Administrator';
  const isEditor = () => me.profile === 'Editor' || isAdmin();
  const loggedIn = () => me.profile !== 'guest';

  const adminPages = [['cluster', 'Cluster'], ['settings', 'System'], ['harvesters', 'Harvesters'],
    ['jobs', 'Jobs'], ['users', 'Users'], ['locks', 'Edit locks']];

  function header() {
    const path = location.pathname;
    const links = [['/', 'Search']].concat(isAdmin() ? adminPages.map(([p, t]) => ['/admin/' + p, t]) : []);
    const nav = links.map(([href, text]) =>
      `<a href="${href}"${path === href ? ' aria-current="page"' : ''}>${esc(text)}</a>`).join('');
    const who = loggedIn()
      ? `<span id="who">${esc(me.username)} <span class="sr-only">profile</span>(${esc(me.profile)})</span>
         <a id="account-link" href="/account"${path === '/account' ? ' aria-current="page"' : ''}>My account</a>
         <button type="button" id="logout">Log out</button>`
      : `<a id="login-link" href="/login?next=${encodeURIComponent(path + location.search)}">Log in</a>`;
    const top = document.createElement('header');
    top.className = 'top';
    top.innerHTML = `<a class="skip" href="#main">Skip to content</a>
      <a class="brand" href="/">Catalog</a><nav aria-label="Console">${nav}</nav><div class="who">${who}</div>`;
    document.body.prepend(top);
    const out = document.getElementById('logout');
    if (out) out.addEventListener('click', async () => { await api('POST', '/api/logout'); location.href = '/'; });
  }

  /** Loads who the caller is (and the CSRF token of its session) and draws the header. */
  async function start() {
    const answer = await api('GET', '/api/me');
    if (answer.ok) {
      me = answer.data;
      if (me.csrfToken) csrf = { header: me.csrfHeader || 'X-CSRF-TOKEN', token: me.csrfToken };
    }
    header();
    return me;
  }

  /** A Leaflet map over the shipped Natural Earth land layer (no tiles, nothing from the network). */
  function map(element) {
    const m = L.map(element, { minZoom: 1, maxZoom: 12, worldCopyJump: false, keyboard: true })
      .setView([20, 0], 1);
    L.geoJSON(window.CATALOG_WORLD, { interactive: false,
      style: { color: '#6b7d5a', weight: 1, fillColor: '#e8eadb', fillOpacity: 1 } }).addTo(m);
    m.attributionControl.addAttribution('Natural Earth (public domain)');
    element.leafletMap = m; // lets browser tests turn coordinates into mouse positions
    return m;
  }

  /** Rectangle for a bbox [w, s, e, n]; null when the record has none. */
  function extent(bbox, style) {
    if (!Array.isArray(bbox) || bbox.length !== 4 || bbox.some(v => v === null)) return null;
    const [w, s, e, n] = bbox;
    return L.rectangle([[s, w], [n, e]], Object.assign({ color: '#0b5cad', weight: 2, fillOpacity: 0.1 }, style || {}));
  }

  /**
   * Lets the user draw a box with the mouse (or finger) while drawing mode is on; calls done with
   * [w, s, e, n]. The page also offers the four numbers as fields for keyboard users.
   */
  function boxDrawing(m, button, done) {
    let active = false, start = null, rect = null;
    const set = on => {
      active = on;
      button.setAttribute('aria-pressed', String(on));
      button.textContent = on ? 'Drawing: drag on the map' : 'Draw a box on the map';
      on ? m.dragging.disable() : m.dragging.enable();
      m.getContainer().style.cursor = on ? 'crosshair' : '';
    };
    button.addEventListener('click', () => set(!active));
    m.on('mousedown', e => { if (!active) return; start = e.latlng; if (rect) rect.remove(); rect = L.rectangle([start, start], { color: '#a4161a', weight: 2, fillOpacity: 0.05 }).addTo(m); });
    m.on('mousemove', e => { if (active && start) rect.setBounds([start, e.latlng]); });
    m.on('mouseup', e => {
      if (!active || !start) return;
      const b = L.latLngBounds(start, e.latlng);
      start = null;
      set(false);
      const r = v => Math.round(v * 1000) / 1000;
      const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
      done([r(clamp(b.getWest(), -180, 180)), r(clamp(b.getSouth(), -90, 90)), r(clamp(b.getEast(), -180, 180)), r(clamp(b.getNorth(), -90, 90))]);
    });
    return { clear: () => { if (rect) { rect.remove(); rect = null; } }, show: bbox => { if (rect) rect.remove(); rect = extent(bbox, { color: '#a4161a', fillOpacity: 0.05 }); if (rect) rect.addTo(m); } };
  }

  const when = value => value ? new Date(value).toLocaleString() : '';

  return { api, problem, esc, start, map, extent, boxDrawing, isAdmin, isEditor, loggedIn, when, me: () => me };
})();
