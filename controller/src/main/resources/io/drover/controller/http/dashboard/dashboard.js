// The Drover dashboard: reads the controller's JSON API (same origin, read-only) and renders it.
// No dependencies. One refresh runs at a time and its requests go one after another, so at most
// one request is in flight; the next refresh starts POLL_MS after the last one ended.
'use strict';
(function () {
  const POLL_MS = 2000;
  const TIMEOUT_MS = 10000;
  // Rows rendered at first and added per "Show more": a browser lays out 200 table rows in a few
  // tens of milliseconds, 1,000 in several hundred, on every change of the list.
  const PAGE_ROWS = 200;
  const PHASES = ['Running', 'Deploying', 'Updating', 'Pending', 'Degraded', 'Uninstalling', 'Invalid'];

  const $ = (id) => document.getElementById(id);
  const last = { replicas: null, services: null, service: null };
  let services = [];
  let timer = 0;
  let refreshing = false;
  let again = false;
  let listScroll = 0;
  let listShown = false;
  let rowLimit = PAGE_ROWS;

  // ---- Building elements (text always goes through textContent, never parsed as HTML).

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    }
    return e;
  }

  /** A table cell labelled with its column, for the card layout of narrow screens. */
  function cell(label, ...children) {
    return el('td', { 'data-label': label }, ...children);
  }

  function badge(text, kind) {
    return el('span', { class: 'badge ' + kind }, text);
  }

  function phaseBadge(phase) {
    return phase ? badge(phase, 'phase-' + phase.toLowerCase()) : badge('No status yet', 'neutral');
  }

  /** Yes / No / a dash for unknown; the word is always there, the colour only repeats it. */
  function yesNo(value, yes, no) {
    if (value === null || value === undefined) return el('span', { class: 'muted' }, '—');
    return badge(value ? yes : no, value ? 'good' : 'bad');
  }

  function table(caption, headers, rows) {
    return el('table', { class: 'cards' },
      el('caption', { class: 'visually-hidden' }, caption),
      el('thead', null, el('tr', null, ...headers.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', null, ...rows));
  }

  function count(n) {
    return Number(n).toLocaleString('en');
  }

  // ---- Reading the API.

  /** GET a JSON resource; the browser revalidates with its ETag, so an unchanged one costs a 304. */
  async function get(path) {
    const abort = new AbortController();
    const timeout = setTimeout(() => abort.abort(), TIMEOUT_MS);
    try {
      const res = await fetch(path, { cache: 'no-cache', signal: abort.signal, headers: { Accept: 'application/json' } });
      return { status: res.status, text: await res.text() };
    } catch (e) {
      throw new Error(e.name === 'AbortError' ? 'no answer within ' + TIMEOUT_MS / 1000 + ' s' : 'the controller is unreachable');
    } finally {
      clearTimeout(timeout);
    }
  }

  function errorOf(answer) {
    try {
      return JSON.parse(answer.text).error || 'HTTP ' + answer.status;
    } catch (e) {
      return 'HTTP ' + answer.status;
    }
  }

  // ---- Routes: #/ is the list, #/services/NAME one service.

  function route() {
    const m = /^#\/services\/(.+)$/.exec(location.hash);
    try {
      return { service: m ? decodeURIComponent(m[1]) : null };
    } catch (e) {
      return { service: null }; // a mangled link: show the list
    }
  }

  function serviceHref(name) {
    return '#/services/' + encodeURIComponent(name);
  }

  // ---- Replicas.

  async function loadReplicas() {
    const answer = await get('v1/replicas');
    if (answer.text === last.replicas) return;
    last.replicas = answer.text;
    const rows = $('replicas-rows');
    if (answer.status !== 200) {
      $('replicas-note').textContent = 'Cannot list the replicas: ' + errorOf(answer);
      $('leader-line').textContent = '';
      rows.replaceChildren();
      return;
    }
    const replicas = JSON.parse(answer.text).replicas;
    const leader = replicas.find((r) => r.leader);
    const self = replicas.find((r) => r.self);
    $('replicas-note').textContent = leader
      ? 'Leader: ' + leader.id + '. Every replica serves this dashboard and the same data.'
      : 'No leader is elected right now; the replicas keep serving what they last read.';
    $('leader-line').textContent = '· leader ' + (leader ? leader.id : 'none') + (self ? ' · served by ' + self.id : '');
    rows.replaceChildren(...replicas.map((r) => el('tr', { 'data-replica': r.id, 'data-role': r.leader ? 'leader' : 'standby' },
      cell('Replica', r.id, r.self ? el('span', { class: 'muted' }, ' (this page)') : null),
      cell('Address', r.address ? el('a', { href: 'http://' + r.address + '/' }, r.address) : '—'),
      cell('Role', r.leader ? badge('Leader', 'good') : badge('Standby', 'neutral')))));
  }

  // ---- The list of services.

  async function loadServices() {
    const answer = await get('v1/services');
    if (answer.status !== 200) throw new Error(errorOf(answer));
    if (answer.text === last.services) return;
    last.services = answer.text;
    services = JSON.parse(answer.text).services;
    renderServices();
    if (!listShown) {
      listShown = true;
      // After the next frame, i.e. once the first list is painted: what the load measurement reads.
      requestAnimationFrame(() => setTimeout(() => performance.mark('drover:services-rendered'), 0));
    }
  }

  function matches(s, words) {
    const text = (s.name + ' ' + (s.phase || '') + ' ' + (s.message || '')).toLowerCase();
    return words.every((w) => text.includes(w));
  }

  function renderServices() {
    const words = $('filter').value.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = words.length ? services.filter((s) => matches(s, words)) : services;
    const rendered = shown.slice(0, rowLimit);
    $('services-rows').replaceChildren(...rendered.map(serviceRow));
    const hidden = shown.length - rendered.length;
    $('more').hidden = hidden <= 0;
    $('more').textContent = 'Show ' + count(Math.min(hidden, PAGE_ROWS)) + ' more (' + count(hidden) + ' not shown)';
    const byPhase = new Map();
    let ready = 0;
    for (const s of services) {
      byPhase.set(s.phase, (byPhase.get(s.phase) || 0) + 1);
      if (s.ready) ready++;
    }
    const parts = PHASES.filter((p) => byPhase.has(p)).map((p) => count(byPhase.get(p)) + ' ' + p);
    $('services-summary').textContent = count(services.length) + (services.length === 1 ? ' service' : ' services')
      + (services.length ? ', ' + count(ready) + ' ready' : '') + (parts.length ? ' · ' + parts.join(' · ') : '')
      + (words.length ? ' · ' + count(shown.length) + ' match' : '')
      + (hidden > 0 ? ' · first ' + count(rendered.length) + ' shown' : '');
  }

  function serviceRow(s) {
    const behind = s.generation !== null && s.observedGeneration !== s.generation;
    return el('tr', { 'data-service': s.name },
      cell('Service', el('a', { href: serviceHref(s.name) }, s.name)),
      cell('Phase', phaseBadge(s.phase)),
      cell('Ready', yesNo(s.ready, 'Yes', 'No')),
      cell('Tasks running', count(s.running || 0) + ' of ' + count(s.tasks)),
      cell('Generation', s.generation === null ? '—' : s.generation),
      cell('Observed', el('span', { class: behind ? 'behind' : null, title: behind ? 'not yet processed' : null },
        s.observedGeneration === null ? '—' : s.observedGeneration)),
      cell('Message', s.message || ''));
  }

  // ---- One service.

  async function loadService(name) {
    const answer = await get('v1/services/' + encodeURIComponent(name));
    if (route().service !== name) return; // the reader moved on while it loaded
    if (answer.status !== 200 && answer.status !== 404) throw new Error(errorOf(answer));
    const key = answer.status + answer.text;
    if (key === last.service) return;
    last.service = key;
    $('service-title').replaceChildren(name);
    const body = $('service-body');
    if (answer.status === 404) {
      body.replaceChildren(el('p', null, 'There is no service ' + name + ' (it may have been deleted).'));
      return;
    }
    const s = JSON.parse(answer.text);
    const status = s.status || {};
    $('service-title').append(' ', phaseBadge(status.phase));
    body.replaceChildren(...[facts(s, status), ...problems(s, status), plans(status), tasks(status, s.name), events(s), conditions(status)]
      .filter(Boolean));
  }

  function facts(s, status) {
    const ready = (status.conditions || []).find((c) => c.type === 'Ready');
    const rows = [
      ['Phase', status.phase || 'no status yet'],
      ['Ready', ready ? (ready.status === 'True' ? 'Yes' : 'No') + (ready.message ? ' (' + ready.message + ')' : '') : '—'],
      ['Generation', s.generation === null ? '— (no document: being removed)' : s.generation],
      ['Observed generation', status.observedGeneration === undefined ? '—' : status.observedGeneration],
      ['Document', s.valid ? 'valid' : 'invalid'],
      ['Spec hash', status.specHash ? el('code', null, status.specHash) : '—'],
    ];
    return el('dl', { class: 'facts' }, ...rows.flatMap(([k, v]) => [el('dt', null, k), el('dd', null, v instanceof Node ? v : String(v))]));
  }

  function problems(s, status) {
    const out = [];
    const errors = (s.errors || []).concat(status.errors || []).filter((e, i, all) => all.indexOf(e) === i);
    if (errors.length) {
      out.push(el('section', { class: 'errors', 'aria-label': 'Errors' },
        el('h3', null, 'Errors'), el('ul', null, ...errors.map((e) => el('li', null, e)))));
    }
    if (status.truncated) out.push(el('p', { class: 'note' }, 'Shortened: ' + status.truncated));
    return out;
  }

  function conditions(status) {
    const rows = (status.conditions || []).map((c) => el('tr', { 'data-condition': c.type },
      cell('Condition', c.type),
      cell('Status', yesNo(c.status === 'Unknown' ? null : c.status === 'True', 'True', 'False')),
      cell('Reason', c.reason || ''),
      cell('Message', c.message || ''),
      cell('Since', c.lastTransitionTime ? new Date(c.lastTransitionTime).toLocaleString() : '')));
    return el('section', null, el('h3', null, 'Conditions'),
      rows.length ? table('Conditions', ['Condition', 'Status', 'Reason', 'Message', 'Since'], rows) : el('p', { class: 'muted' }, 'None yet.'));
  }

  function plans(status) {
    const list = status.plans || [];
    return el('section', { id: 'plans' }, el('h3', null, 'Plans'),
      ...(list.length ? list.map(plan) : [el('p', { class: 'muted' }, 'None yet.')]));
  }

  function plan(p) {
    const phases = p.phases || [];
    const steps = phases.flatMap((ph) => ph.steps || []);
    const done = steps.filter((st) => st.status === 'COMPLETE').length;
    const progress = count(done) + ' of ' + count(steps.length) + ' steps complete';
    const bodies = phases.map((ph) => el('tbody', { 'data-phase': ph.name },
      el('tr', { class: 'phase-row' }, el('th', { scope: 'rowgroup', colspan: 3 }, 'Phase ' + ph.name + ' ', stepBadge(ph.status))),
      ...(ph.steps || []).map((st) => el('tr', { 'data-step': st.name },
        cell('Step', st.name), cell('Status', stepBadge(st.status)), cell('Message', st.message || '')))));
    const id = 'plan-' + p.name;
    return el('section', { class: 'plan', 'data-plan': p.name, 'aria-labelledby': id },
      el('h4', { id: id }, p.name + ' ', stepBadge(p.status)),
      el('p', { class: 'progress' }, steps.length
        ? [el('progress', { value: done, max: steps.length, 'aria-label': p.name + ': ' + progress }), ' ' + progress]
        : 'No steps.'),
      phases.length ? el('table', { class: 'cards' },
        el('caption', { class: 'visually-hidden' }, 'Phases and steps of the ' + p.name + ' plan'),
        el('thead', null, el('tr', null, el('th', { scope: 'col' }, 'Step'), el('th', { scope: 'col' }, 'Status'), el('th', { scope: 'col' }, 'Message'))),
        ...bodies) : null);
  }

  function stepBadge(status) {
    const kind = { COMPLETE: 'good', IN_PROGRESS: 'busy', WAITING: 'warn', PENDING: 'neutral' }[status] || 'neutral';
    return badge(status || '—', kind);
  }

  function tasks(status, service) {
    const rows = (status.tasks || []).map((t) => el('tr', { 'data-task': t.name },
      cell('Task', t.name, el('br'), el('small', { class: 'muted' }, t.taskId || '')),
      cell('State', badge((t.state || '').replace(/^TASK_/, ''), stateKind(t.state))),
      cell('Health', yesNo(t.healthy, 'Healthy', 'Unhealthy')),
      cell('Readiness', yesNo(t.ready, 'Ready', 'Not ready')),
      cell('Agent', t.host || '—', el('br'), el('small', { class: 'muted' }, t.agentId || '')),
      cell('Ports', ports(t)),
      cell('Message', t.message || ''),
      cell('Logs', logLinks(service, t))));
    return el('section', { id: 'tasks' }, el('h3', null, 'Tasks'),
      rows.length ? table('Tasks of this service', ['Task', 'State', 'Health', 'Readiness', 'Agent', 'Ports', 'Message', 'Logs'], rows)
        : el('p', { class: 'muted' }, 'No tasks.'));
  }

  // The replica reads the end of the task's sandbox file through Mesos (GET /v1/logs/...); see docs/dashboard.md.
  function logLinks(service, t) {
    if (!t.taskId || !t.agentId) {
      return '—';
    }
    const href = (stream) => '/v1/logs/' + encodeURIComponent(service) + '/' + encodeURIComponent(t.name) + '?stream=' + stream;
    return el('span', null, el('a', { href: href('stdout'), class: 'log-link' }, 'stdout'), ' ',
      el('a', { href: href('stderr'), class: 'log-link' }, 'stderr'));
  }

  function ports(t) {
    const named = Object.entries(t.ports || {});
    if (!named.length) return '—';
    return named.flatMap(([name, port], i) => [i ? ', ' : null, el('span', { class: 'port' }, name + ' ' + port)]);
  }

  function stateKind(state) {
    if (state === 'TASK_RUNNING') return 'good';
    if (['TASK_STAGING', 'TASK_STARTING', 'TASK_KILLING'].includes(state)) return 'busy';
    if (state === 'TASK_FINISHED' || state === 'TASK_KILLED') return 'neutral';
    return 'bad';
  }

  /**
   * Recent events, newest first, when the service's JSON carries an "events" array (the status's
   * history, oldest first); nothing at all otherwise. Each shows its time, type, the pod instance or
   * task it is about, and its message.
   */
  function events(s) {
    const list = Array.isArray(s.events) ? s.events : Array.isArray((s.status || {}).events) ? s.status.events : null;
    if (!list) return null;
    const rows = list.slice().reverse().map((e) => el('tr', { 'data-event': e.type || '' },
      cell('Time', e.time || e.timestamp || ''),
      cell('Event', e.type || e.reason || ''),
      cell('Object', e.subject || ''),
      cell('Message', e.message || '')));
    return el('section', { id: 'events' }, el('h3', null, 'Recent events'),
      rows.length ? table('Recent events of this service, newest first', ['Time', 'Event', 'Object', 'Message'], rows) : el('p', { class: 'muted' }, 'None.'));
  }

  // ---- The refresh loop.

  async function refresh() {
    refreshing = true;
    try {
      const r = route();
      if (r.service) await loadService(r.service);
      else await loadServices();
      await loadReplicas();
      $('updated').textContent = 'Live, updated ' + new Date().toLocaleTimeString();
      setProblem('');
    } catch (e) {
      setProblem('Cannot refresh: ' + e.message + '. Retrying every ' + POLL_MS / 1000 + ' s.');
    } finally {
      refreshing = false;
      if (again) {
        again = false;
        refresh();
      } else if (!document.hidden) {
        timer = setTimeout(refresh, POLL_MS);
      }
    }
  }

  function setProblem(text) {
    if ($('problem').textContent !== text) $('problem').textContent = text;
  }

  /** Refreshes now, or right after the refresh under way. */
  function refreshSoon() {
    if (refreshing) {
      again = true;
    } else {
      clearTimeout(timer);
      refresh();
    }
  }

  function showRoute(moveFocus) {
    const r = route();
    const wasList = !$('list-view').hidden;
    if (r.service && wasList) listScroll = window.scrollY;
    $('list-view').hidden = !!r.service;
    $('service-view').hidden = !r.service;
    if (r.service) {
      last.service = null;
      $('service-title').replaceChildren(r.service);
      $('service-body').replaceChildren(el('p', { class: 'muted' }, 'Loading…'));
      document.title = r.service + ' · Drover';
    } else {
      document.title = 'Drover';
      if (!wasList) window.scrollTo(0, listScroll);
    }
    if (moveFocus) $(r.service ? 'service-title' : 'services-title').focus({ preventScroll: !r.service });
  }

  $('filter').addEventListener('input', () => {
    rowLimit = PAGE_ROWS;
    renderServices();
  });
  $('more').addEventListener('click', () => {
    rowLimit += PAGE_ROWS;
    renderServices();
  });
  window.addEventListener('hashchange', () => {
    showRoute(true);
    refreshSoon();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) clearTimeout(timer);
    else refreshSoon();
  });
  showRoute(false);
  refresh();
})();
