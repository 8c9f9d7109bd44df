// The Kafka REST proxy console: plain JavaScript, no framework, talking to this proxy's own API.
'use strict';

const AUTH_KEY = 'kafka-rest-console.auth';
const MAX_ROWS = 500;
const $ = (id) => document.getElementById(id);

// ---- Credentials: entered once, kept in sessionStorage (this tab only). ----

function credentials() {
  try {
    return JSON.parse(sessionStorage.getItem(AUTH_KEY)) || { kind: 'none' };
  } catch (e) {
    return { kind: 'none' };
  }
}

function base64(bytes) {
  let text = '';
  bytes.forEach((b) => { text += String.fromCharCode(b); });
  return btoa(text);
}

function utf8Base64(text) {
  return base64(new TextEncoder().encode(text));
}

function fromBase64(value) {
  if (value === null || value === undefined) {
    return null;
  }
  const bytes = Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

function authHeaders() {
  const auth = credentials();
  if (auth.kind === 'basic') {
    return { Authorization: 'Basic ' + utf8Base64(auth.user + ':' + auth.password) };
  }
  if (auth.kind === 'bearer') {
    return { Authorization: 'Bearer ' + auth.token };
  }
  return {};
}

function showAuthFields() {
  const kind = $('auth-kind').value;
  document.querySelectorAll('.basic-only').forEach((e) => e.classList.toggle('hidden', kind !== 'basic'));
  document.querySelectorAll('.bearer-only').forEach((e) => e.classList.toggle('hidden', kind !== 'bearer'));
}

function setUpAuth() {
  const auth = credentials();
  $('auth-kind').value = auth.kind;
  $('auth-user').value = auth.user || '';
  showAuthFields();
  $('auth-status').textContent = auth.kind === 'none' ? 'anonymous' : 'credentials kept for this tab';
  $('auth-kind').addEventListener('change', showAuthFields);
  $('auth').addEventListener('submit', (event) => {
    event.preventDefault();
    const kind = $('auth-kind').value;
    sessionStorage.setItem(AUTH_KEY, JSON.stringify({
      kind, user: $('auth-user').value, password: $('auth-password').value, token: $('auth-token').value,
    }));
    $('auth-password').value = '';
    $('auth-token').value = '';
    $('auth-status').textContent = kind === 'none' ? 'anonymous' : 'credentials kept for this tab';
    refreshTopics();
  });
}

// ---- Calls: every answer is shown as the proxy sent it. ----

async function api(method, path, body, contentType) {
  const headers = authHeaders();
  if (body !== undefined) {
    headers['Content-Type'] = contentType || 'application/vnd.kafka.v2+json';
  }
  const response = await fetch(path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store',
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  return { status: response.status, ok: response.ok, text, json };
}

function answerText(answer) {
  return 'HTTP ' + answer.status + (answer.text ? ' ' + answer.text : '');
}

function fail(element, answer) {
  element.textContent = typeof answer === 'string' ? answer : answerText(answer);
  element.classList.add('error');
}

function say(element, text) {
  element.textContent = text;
  element.classList.remove('error');
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
  return td;
}

const enc = encodeURIComponent;

// ---- Topics ----

// Details (a topic's partitions and end offsets, a group's lag) load two at a time: a cluster with hundreds of
// topics or groups would otherwise take every connection the browser opens to the proxy, and sending and the
// live view wait.
const DETAIL_LOADS = 2;
const detailQueue = [];
let detailLoads = 0;

function loadDetails(task) {
  detailQueue.push(task);
  pumpDetails();
}

function pumpDetails() {
  while (detailLoads < DETAIL_LOADS && detailQueue.length > 0) {
    const task = detailQueue.shift();
    detailLoads++;
    task().catch(() => {}).finally(() => {
      detailLoads--;
      pumpDetails();
    });
  }
}

async function refreshTopics() {
  const status = $('topics-status');
  const body = $('topics-table').tBodies[0];
  say(status, 'loading...');
  try {
    const topics = await api('GET', '/topics');
    if (!topics.ok) {
      fail(status, topics);
      return;
    }
    body.replaceChildren();
    detailQueue.length = 0;
    for (const topic of topics.json.slice(0, 200)) {
      const row = document.createElement('tr');
      cell(row, topic);
      const count = cell(row, '');
      const ends = cell(row, '');
      body.appendChild(row);
      loadDetails(async () => {
        const partitions = await api('GET', '/topics/' + enc(topic) + '/partitions');
        if (!partitions.ok) {
          count.textContent = answerText(partitions);
          return;
        }
        count.textContent = String(partitions.json.length);
        const offsets = [];
        for (const p of partitions.json) {
          offsets.push(await api('GET', '/topics/' + enc(topic) + '/partitions/' + p.partition + '/offsets'));
        }
        ends.textContent = offsets.map((o, i) => (o.ok ? partitions.json[i].partition + ': ' + o.json.end_offset
          : answerText(o))).join(', ');
      });
    }
    say(status, topics.json.length + ' topics');
  } catch (e) {
    fail(status, String(e));
  }
}

async function clusterId() {
  const clusters = await api('GET', '/v3/clusters');
  if (!clusters.ok) {
    return { answer: clusters };
  }
  return { id: clusters.json.data[0].cluster_id };
}

async function createTopic(event) {
  event.preventDefault();
  const out = $('create-answer');
  const cluster = await clusterId();
  if (!cluster.id) {
    fail(out, cluster.answer.status === 404
      ? 'Creating topics needs the v3 API (GET /v3/clusters answered 404 here). Sending to a new topic creates it '
        + 'when the broker allows automatic topic creation.'
      : cluster.answer);
    return;
  }
  const answer = await api('POST', '/v3/clusters/' + enc(cluster.id) + '/topics', {
    topic_name: $('create-name').value, partitions_count: Number($('create-partitions').value),
  }, 'application/json');
  (answer.ok ? say : fail)(out, answerText(answer));
  refreshTopics();
}

// ---- Send ----

async function send(event) {
  event.preventDefault();
  const topic = $('send-topic').value;
  const partition = $('send-partition').value;
  const key = $('send-key').value;
  const text = $('send-value').value;
  const item = document.createElement('li');
  item.dataset.sent = String(Date.now());
  $('send-answers').prepend(item);
  let record;
  let type;
  if ($('send-format').value === 'json') {
    try {
      record = { value: JSON.parse(text) };
    } catch (e) {
      fail(item, 'Not JSON: ' + e.message);
      return;
    }
    if (key) {
      record.key = key;
    }
    type = 'application/vnd.kafka.json.v2+json';
  } else {
    record = { value: utf8Base64(text) };
    if (key) {
      record.key = utf8Base64(key);
    }
    type = 'application/vnd.kafka.binary.v2+json';
  }
  const path = '/topics/' + enc(topic) + (partition === '' ? '' : '/partitions/' + enc(partition));
  try {
    const answer = await api('POST', path, { records: [record] }, type);
    item.dataset.answered = String(Date.now());
    (answer.ok ? say : fail)(item, answerText(answer));
  } catch (e) {
    fail(item, String(e));
  }
}

// ---- Live: a consumer instance of the console's own, read as server-sent events. ----

const live = { instance: null, partitions: [], controller: null, lastId: null, paused: false, generation: 0 };

function liveStatus(text, error) {
  (error ? fail : say)($('live-status'), text);
}

async function stopLive() {
  live.generation++;
  if (live.controller) {
    live.controller.abort();
    live.controller = null;
  }
  if (live.instance) {
    const path = live.instance;
    live.instance = null;
    await api('DELETE', path).catch(() => undefined);
  }
}

async function startLive(event) {
  event.preventDefault();
  await stopLive();
  const topic = $('live-topic').value;
  liveStatus('starting...');
  const partitions = await api('GET', '/topics/' + enc(topic) + '/partitions');
  if (!partitions.ok) {
    liveStatus(answerText(partitions), true);
    return;
  }
  live.partitions = partitions.json.map((p) => ({ topic, partition: p.partition }));
  const group = 'console-' + Math.random().toString(36).slice(2, 10);
  const created = await api('POST', '/consumers/' + group, { format: 'binary', 'auto.offset.reset': 'latest' });
  if (!created.ok) {
    liveStatus(answerText(created), true);
    return;
  }
  live.instance = '/consumers/' + group + '/instances/' + enc(created.json.instance_id);
  for (const [suffix, body] of [['/assignments', { partitions: live.partitions }],
    ['/positions/end', { partitions: live.partitions }]]) {
    const answer = await api('POST', live.instance + suffix, body);
    if (!answer.ok) {
      liveStatus(answerText(answer), true);
      return;
    }
  }
  live.lastId = null;
  live.paused = false;
  $('live-pause').disabled = false;
  $('live-pause').textContent = 'Pause';
  $('live-beginning').disabled = false;
  openStream();
}

function addRecord(record) {
  const row = document.createElement('tr');
  row.className = 'record';
  row.dataset.received = String(Date.now());
  cell(row, String(record.partition));
  cell(row, String(record.offset));
  cell(row, fromBase64(record.key) ?? '', 'key');
  cell(row, new Date().toLocaleTimeString());
  cell(row, fromBase64(record.value) ?? 'null', 'value');
  const body = $('live-table').tBodies[0];
  body.prepend(row);
  while (body.rows.length > MAX_ROWS) {
    body.deleteRow(body.rows.length - 1);
  }
}

async function openStream() {
  const generation = live.generation;
  const controller = new AbortController();
  live.controller = controller;
  const headers = authHeaders();
  headers.Accept = 'text/event-stream';
  if (live.lastId) {
    headers['Last-Event-ID'] = live.lastId;
  }
  try {
    const response = await fetch(live.instance + '/records', { headers, signal: controller.signal, cache: 'no-store' });
    if (!response.ok) {
      liveStatus('HTTP ' + response.status + ' ' + await response.text(), true);
      return;
    }
    liveStatus('live');
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        break;
      }
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        handleEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
    if (generation === live.generation && !live.paused) {
      liveStatus('the stream ended', true);
    }
  } catch (e) {
    if (generation === live.generation && !live.paused) {
      liveStatus(String(e), true);
    }
  }
}

function handleEvent(block) {
  let id = null;
  let type = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('id: ')) {
      id = line.slice(4);
    } else if (line.startsWith('event: ')) {
      type = line.slice(7);
    } else if (line.startsWith('data: ')) {
      data.push(line.slice(6));
    }
  }
  if (data.length === 0) {
    return; // a heartbeat
  }
  if (type === 'error') {
    liveStatus('the proxy ended the stream: ' + data.join('\n'), true);
    return;
  }
  live.lastId = id;
  addRecord(JSON.parse(data.join('\n')));
}

function togglePause() {
  if (!live.instance) {
    return;
  }
  live.paused = !live.paused;
  $('live-pause').textContent = live.paused ? 'Resume' : 'Pause';
  if (live.paused) {
    live.generation++;
    live.controller.abort();
    liveStatus('paused');
  } else {
    openStream(); // Last-Event-ID: resumes right after the last record shown
  }
}

async function fromBeginning() {
  if (!live.instance) {
    return;
  }
  $('live-table').tBodies[0].replaceChildren();
  const answer = await api('POST', live.instance + '/positions/beginning', { partitions: live.partitions });
  if (!answer.ok) {
    liveStatus(answerText(answer), true);
  }
}

// ---- Consumer groups, from the v3 API where the proxy has it. ----

async function refreshGroups() {
  const status = $('groups-status');
  const body = $('groups-table').tBodies[0];
  body.replaceChildren();
  const cluster = await clusterId();
  if (!cluster.id) {
    fail(status, cluster.answer.status === 404
      ? 'Consumer groups: not available (this proxy answers 404 to GET /v3/clusters).' : cluster.answer);
    return;
  }
  const base = '/v3/clusters/' + enc(cluster.id) + '/consumer-groups';
  const groups = await api('GET', base);
  if (!groups.ok) {
    fail(status, groups.status === 404 ? 'Consumer groups: not available (GET ' + base + ' answered 404).' : groups);
    return;
  }
  say(status, groups.json.data.length + ' groups');
  for (const group of groups.json.data) {
    const row = document.createElement('tr');
    cell(row, group.consumer_group_id);
    cell(row, group.state || '');
    const total = cell(row, '');
    const max = cell(row, '');
    body.appendChild(row);
    loadDetails(() => api('GET', base + '/' + enc(group.consumer_group_id) + '/lag-summary').then((lag) => {
      if (lag.ok) {
        total.textContent = String(lag.json.total_lag);
        max.textContent = String(lag.json.max_lag);
      } else {
        total.textContent = lag.status === 404 ? 'not available' : answerText(lag);
      }
    }));
  }
}

document.addEventListener('DOMContentLoaded', () => {
  setUpAuth();
  $('topics-refresh').addEventListener('click', refreshTopics);
  $('create').addEventListener('submit', createTopic);
  $('send-form').addEventListener('submit', send);
  $('live-form').addEventListener('submit', startLive);
  $('live-pause').addEventListener('click', togglePause);
  $('live-clear').addEventListener('click', () => $('live-table').tBodies[0].replaceChildren());
  $('live-beginning').addEventListener('click', fromBeginning);
  $('groups-refresh').addEventListener('click', refreshGroups);
  window.addEventListener('pagehide', () => {
    if (live.instance) {
      fetch(live.instance, { method: 'DELETE', headers: authHeaders(), keepalive: true });
    }
  });
  refreshTopics();
  refreshGroups();
});
