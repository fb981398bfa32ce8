// bertology4j viewer: head view, model view, G / G* flows, attention rollout / flow, norm-based attention and
// DeepLIFT colouring, all on canvas (no DOM per token).
// Data comes from the JSON element #b4j-data written by org.bertology4j.viewer.ViewerPage.
(function () {
  'use strict';
  const DATA = JSON.parse(document.getElementById('b4j-data').textContent);
  const root = document.getElementById('b4j-root');
  const $ = (id) => document.getElementById(id);
  const T = DATA.tokens.length;
  const L = DATA.layers;
  const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b',
    '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#ad494a'];
  const FLOW_COLOUR = '#5a2d82';
  const MIN_LINE = 0.01;   // head view: weights below this are not drawn (faint lines sparsified)
  const ALPHA_LEVELS = 16; // lines are batched into this many opacity levels
  const CELL = 48;         // model view thumbnail size in CSS pixels

  const state = { measure: 0, layer: 0, heads: [], wordLevel: false, hover: null, zoom: null, deeplift: false, dlLayer: 0, dlSet: 0 };

  // ---------- decoding (layouts documented in MatrixCodec.java) ----------
  function b64ToBytes(s) {
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function decodeMatrix(b64) {
    const bytes = b64ToBytes(b64);
    const dv = new DataView(bytes.buffer);
    const m = new Float32Array(T * T);
    if (DATA.encoding.kind === 'f32') {
      for (let i = 0; i < T * T; i++) m[i] = dv.getFloat32(4 * i, true);
      return m;
    }
    const startsAt = 4 * T;
    const nnz = dv.getUint32(startsAt + 4 * T, true);
    const colsAt = startsAt + 4 * (T + 1);
    const qAt = colsAt + 2 * nnz;
    for (let r = 0; r < T; r++) {
      const scale = dv.getFloat32(4 * r, true) / 255;
      const end = dv.getUint32(startsAt + 4 * (r + 1), true);
      for (let k = dv.getUint32(startsAt + 4 * r, true); k < end; k++) {
        m[r * T + dv.getUint16(colsAt + 2 * k, true)] = bytes[qAt + k] * scale;
      }
    }
    return m;
  }

  // Small LRU cache so 512-token inputs do not keep every decoded map alive.
  const CACHE_LIMIT = Math.max(16, Math.floor((1 << 24) / (T * T)));
  const cache = new Map();
  function cached(key, make) {
    if (cache.has(key)) {
      const v = cache.get(key);
      cache.delete(key);
      cache.set(key, v);
      return v;
    }
    const v = make();
    cache.set(key, v);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value);
    return v;
  }

  // ---------- units: pieces, or words with [CLS]/[SEP] kept as their own units ----------
  function buildUnits(wordLevel) {
    const units = [];
    if (!wordLevel) {
      DATA.tokens.forEach((t, i) => units.push({ label: t, pieces: [i], segment: DATA.segments[i] }));
      return units;
    }
    const byWord = new Map();
    for (let i = 0; i < T; i++) {
      const w = DATA.wordIndex[i];
      if (w < 0) {
        units.push({ label: DATA.tokens[i], pieces: [i], segment: DATA.segments[i] });
      } else if (byWord.has(w)) {
        byWord.get(w).pieces.push(i);
      } else {
        const u = { label: DATA.words[w], pieces: [i], segment: DATA.segments[i] };
        byWord.set(w, u);
        units.push(u);
      }
    }
    return units;
  }
  const UNITS = { piece: buildUnits(false), word: buildUnits(true) };
  const levelName = () => (state.wordLevel ? 'word' : 'piece');
  const currentUnits = () => UNITS[levelName()];

  // Word level (methods.md): to a word = sum over its pieces (columns), from a word = mean over its pieces (rows).
  function merge(m, units) {
    const n = units.length;
    const colUnit = new Int32Array(T);
    units.forEach((u, k) => u.pieces.forEach((p) => { colUnit[p] = k; }));
    const summed = new Float32Array(T * n);
    for (let r = 0; r < T; r++) {
      for (let c = 0; c < T; c++) summed[r * n + colUnit[c]] += m[r * T + c];
    }
    const out = new Float32Array(n * n);
    units.forEach((u, k) => {
      for (const p of u.pieces) {
        for (let j = 0; j < n; j++) out[k * n + j] += summed[p * n + j];
      }
      for (let j = 0; j < n; j++) out[k * n + j] /= u.pieces.length;
    });
    return out;
  }

  /** The displayed map: values (n x n, row = attending / receiving unit), and the divisor that maps them to [0, 1]. */
  function view(mi, layer, head, level) {
    return cached(mi + '|' + layer + '|' + head + '|' + level, () => {
      const measure = DATA.measures[mi];
      const raw = decodeMatrix(measure.maps[layer][head]);
      const units = UNITS[level];
      const values = level === 'piece' ? raw : merge(raw, units);
      let max = 0;
      for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
      const norm = measure.normalise ? (max > 0 ? max : 1) : 1;
      return { n: units.length, values: values, max: max, norm: norm };
    });
  }

  // ---------- colours ----------
  function headColour(h, heads) {
    if (DATA.measures[state.measure].heads === 1) return FLOW_COLOUR;
    return heads <= PALETTE.length ? PALETTE[h] : 'hsl(' + Math.round((360 * h) / heads) + ',65%,45%)';
  }
  function toRgb(css) {
    const c = document.createElement('canvas').getContext('2d');
    c.fillStyle = css;
    const s = c.fillStyle; // normalised to #rrggbb
    if (s[0] === '#') return [parseInt(s.substr(1, 2), 16), parseInt(s.substr(3, 2), 16), parseInt(s.substr(5, 2), 16)];
    const m = s.match(/\d+/g);
    return [+m[0], +m[1], +m[2]];
  }
  // DeepLIFT: -1 -> blue, 0 -> white, +1 -> red.
  function diverging(x) {
    const t = Math.max(-1, Math.min(1, x));
    const a = Math.round(255 * (1 - Math.abs(t)));
    return t < 0 ? 'rgb(' + a + ',' + a + ',255)' : 'rgb(255,' + a + ',' + a + ')';
  }

  // ---------- token scores per unit (sum over pieces: contributions add): DeepLIFT, then the other methods ----------
  const SCORE_SETS = (DATA.deeplift ? [{ id: 'deeplift', label: 'DeepLIFT',
    rowLabels: DATA.deeplift.map((_, n) => (n === 0 ? 'embeddings h0' : 'layer ' + n)), rows: DATA.deeplift }] : [])
    .concat(DATA.scores || []);
  function deepliftScores(units) {
    const row = SCORE_SETS[state.dlSet].rows[state.dlLayer];
    return units.map((u) => u.pieces.reduce((s, p) => s + row[p], 0));
  }

  // ---------- head view ----------
  const headCanvas = $('b4j-head-canvas');
  let headGeom = null;

  function setupCanvas(canvas, w, h) {
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
    canvas.style.width = w + 'px';
    canvas.style.height = h + 'px';
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return ctx;
  }

  function fitLabel(ctx, s, max) {
    if (ctx.measureText(s).width <= max) return s;
    while (s.length > 1 && ctx.measureText(s + '\u2026').width > max) s = s.slice(0, -1);
    return s + '\u2026';
  }

  function drawHeadView() {
    const units = currentUnits();
    const n = units.length;
    const measure = DATA.measures[state.measure];
    const rowH = n > 128 ? 13 : 18;
    const font = (n > 128 ? 11 : 13) + 'px sans-serif';
    const probe = headCanvas.getContext('2d');
    probe.font = font;
    let labelW = 70; // room for the column captions
    for (const u of units) labelW = Math.max(labelW, probe.measureText(u.label).width);
    labelW = Math.min(160, Math.ceil(labelW) + 12);
    const top = 26;
    const gap = 220;
    const xL = labelW;
    const xR = labelW + gap;
    const width = xR + labelW;
    const height = top + n * rowH + 8;
    headGeom = { top: top, rowH: rowH, xL: xL, xR: xR, n: n, width: width };
    const ctx = setupCanvas(headCanvas, width, height);
    ctx.clearRect(0, 0, width, height);
    ctx.font = font;
    ctx.textBaseline = 'middle';
    const y = (i) => top + i * rowH + rowH / 2;

    ctx.fillStyle = '#666';
    ctx.textAlign = 'left';
    ctx.fillText(measure.rows, 2, 10);
    ctx.textAlign = 'left';
    ctx.fillText(measure.columns, xR + 6, 10);

    let dark = null; // DeepLIFT: units whose background is too saturated for dark text
    if (state.deeplift && SCORE_SETS.length) {
      const scores = deepliftScores(units);
      const maxAbs = Math.max(1e-30, ...scores.map(Math.abs));
      dark = scores.map((s) => Math.abs(s / maxAbs) > 0.6);
      scores.forEach((s, i) => {
        ctx.fillStyle = diverging(s / maxAbs);
        ctx.fillRect(2, y(i) - rowH / 2 + 1, xL - 4, rowH - 2);
        ctx.fillRect(xR + 2, y(i) - rowH / 2 + 1, labelW - 4, rowH - 2);
      });
    }
    if (state.hover) {
      ctx.fillStyle = 'rgba(0,0,0,0.12)';
      const x0 = state.hover.side === 'left' ? 2 : xR + 2;
      ctx.fillRect(x0, y(state.hover.idx) - rowH / 2, labelW - 4, rowH);
    }

    let lines = 0;
    ctx.lineWidth = 1.5;
    for (const h of state.heads) {
      const v = view(state.measure, state.layer, h, levelName());
      const buckets = [];
      for (let b = 0; b < ALPHA_LEVELS; b++) buckets.push([]);
      const rows = state.hover && state.hover.side === 'left' ? [state.hover.idx] : null;
      const onlyCol = state.hover && state.hover.side === 'right' ? state.hover.idx : -1;
      for (let i = rows ? rows[0] : 0; i < (rows ? rows[0] + 1 : n); i++) {
        for (let j = onlyCol >= 0 ? onlyCol : 0; j < (onlyCol >= 0 ? onlyCol + 1 : n); j++) {
          const w = v.values[i * n + j] / v.norm;
          if (w < MIN_LINE) continue;
          buckets[Math.min(ALPHA_LEVELS - 1, Math.floor(w * ALPHA_LEVELS))].push(i, j);
        }
      }
      ctx.strokeStyle = headColour(h, measure.heads);
      for (let b = 0; b < ALPHA_LEVELS; b++) {
        const pts = buckets[b];
        if (!pts.length) continue;
        ctx.globalAlpha = (b + 0.5) / ALPHA_LEVELS;
        ctx.beginPath();
        for (let k = 0; k < pts.length; k += 2) {
          ctx.moveTo(xL, y(pts[k]));
          ctx.lineTo(xR, y(pts[k + 1]));
        }
        ctx.stroke();
        lines += pts.length / 2;
      }
    }
    ctx.globalAlpha = 1;

    units.forEach((u, i) => {
      ctx.fillStyle = dark ? (dark[i] ? '#fff' : '#000') : (u.segment > 0 ? '#1a6b3a' : '#111');
      ctx.textAlign = 'right';
      ctx.fillText(fitLabel(ctx, u.label, labelW - 10), xL - 6, y(i));
      ctx.textAlign = 'left';
      ctx.fillText(fitLabel(ctx, u.label, labelW - 10), xR + 6, y(i));
    });
    root.dataset.drawnTokens = String(n);
    root.dataset.drawnLines = String(lines);
  }

  function hoverAt(ev) {
    if (!headGeom) return null;
    const rect = headCanvas.getBoundingClientRect();
    const x = ev.clientX - rect.left;
    const idx = Math.floor((ev.clientY - rect.top - headGeom.top) / headGeom.rowH);
    if (idx < 0 || idx >= headGeom.n) return null;
    if (x <= headGeom.xL) return { side: 'left', idx: idx };
    if (x >= headGeom.xR) return { side: 'right', idx: idx };
    return null;
  }
  headCanvas.addEventListener('mousemove', (ev) => {
    const h = hoverAt(ev);
    const same = (a, b) => (a === null && b === null) || (a && b && a.side === b.side && a.idx === b.idx);
    if (same(h, state.hover)) return;
    state.hover = h;
    drawHeadView();
    publishState();
  });
  headCanvas.addEventListener('mouseleave', () => {
    if (!state.hover) return;
    state.hover = null;
    drawHeadView();
    publishState();
  });

  // ---------- model view ----------
  let modelGeneration = 0;

  function drawThumb(canvas, v, colour) {
    const n = v.n;
    const s = Math.min(n, CELL);
    canvas.width = s;
    canvas.height = s;
    const ctx = canvas.getContext('2d');
    const img = ctx.createImageData(s, s);
    const rgb = toRgbCached(colour);
    // Max-pool blocks so that sharp peaks stay visible when n > CELL.
    for (let a = 0; a < s; a++) {
      const i0 = Math.floor((a * n) / s), i1 = Math.floor(((a + 1) * n) / s);
      for (let b = 0; b < s; b++) {
        const j0 = Math.floor((b * n) / s), j1 = Math.floor(((b + 1) * n) / s);
        let m = 0;
        for (let i = i0; i < i1; i++) {
          for (let j = j0; j < j1; j++) { const x = v.values[i * n + j]; if (x > m) m = x; }
        }
        setPixel(img.data, 4 * (a * s + b), Math.min(1, m / v.norm), rgb);
      }
    }
    ctx.putImageData(img, 0, 0);
  }
  function setPixel(data, at, w, rgb) {
    data[at] = Math.round(255 + (rgb[0] - 255) * w);
    data[at + 1] = Math.round(255 + (rgb[1] - 255) * w);
    data[at + 2] = Math.round(255 + (rgb[2] - 255) * w);
    data[at + 3] = 255;
  }
  const rgbCache = new Map();
  function toRgbCached(css) {
    if (!rgbCache.has(css)) rgbCache.set(css, toRgb(css));
    return rgbCache.get(css);
  }

  function buildModelView() {
    const generation = ++modelGeneration;
    root.dataset.modelReady = 'false';
    const measure = DATA.measures[state.measure];
    const heads = measure.heads;
    const grid = $('b4j-model-grid');
    grid.innerHTML = '';
    grid.style.gridTemplateColumns = '28px repeat(' + heads + ', ' + (CELL + 2) + 'px)';
    grid.appendChild(axis(''));
    for (let h = 0; h < heads; h++) grid.appendChild(axis(heads === 1 ? 'map' : 'H' + (h + 1)));
    const cells = [];
    for (let l = 0; l < L; l++) {
      grid.appendChild(axis('L' + (l + 1)));
      for (let h = 0; h < heads; h++) {
        const c = document.createElement('canvas');
        c.className = 'b4j-cell';
        c.id = 'b4j-cell-' + l + '-' + h;
        c.title = cellLabel(l, h);
        c.addEventListener('click', () => { state.zoom = { layer: l, head: h }; drawZoom(); publishState(); });
        grid.appendChild(c);
        cells.push([c, l, h]);
      }
    }
    // Draw a layer at a time so long inputs do not freeze the page.
    let k = 0;
    function step() {
      if (generation !== modelGeneration) return;
      const end = Math.min(cells.length, k + heads);
      for (; k < end; k++) {
        const [c, l, h] = cells[k];
        drawThumb(c, view(state.measure, l, h, levelName()), headColour(h, heads));
      }
      if (k < cells.length) setTimeout(step, 0);
      else root.dataset.modelReady = 'true';
    }
    step();
    drawZoom();
  }
  function axis(text) {
    const d = document.createElement('div');
    d.className = 'b4j-axis';
    d.textContent = text;
    return d;
  }
  function cellLabel(l, h) {
    const measure = DATA.measures[state.measure];
    return measure.heads === 1 ? measure.short + ' ' + (l + 1) : (l + 1) + '-' + (h + 1);
  }

  let zoomGeom = null;
  function drawZoom() {
    const box = $('b4j-zoom');
    document.querySelectorAll('.b4j-cell.b4j-zoomed').forEach((c) => c.classList.remove('b4j-zoomed'));
    const measure = DATA.measures[state.measure];
    if (!state.zoom || state.zoom.head >= measure.heads) {
      state.zoom = null;
      box.hidden = true;
      return;
    }
    const { layer, head } = state.zoom;
    const cell = $('b4j-cell-' + layer + '-' + head);
    if (cell) cell.classList.add('b4j-zoomed');
    box.hidden = false;
    $('b4j-zoom-label').textContent = cellLabel(layer, head);
    $('b4j-zoom-value').textContent = measure.normalise ? '(scaled by the map maximum)' : '';
    const v = view(state.measure, layer, head, levelName());
    const units = currentUnits();
    const n = v.n;
    const labels = n <= 64;
    const margin = labels ? 90 : 4;
    const size = Math.min(512, Math.max(n, 240));
    const cell1 = size / n;
    const canvas = $('b4j-zoom-canvas');
    const ctx = setupCanvas(canvas, margin + size + 4, margin + size + 4);
    zoomGeom = { margin: margin, cell: cell1, n: n, layer: layer, head: head };
    const off = document.createElement('canvas');
    off.width = n;
    off.height = n;
    const octx = off.getContext('2d');
    const img = octx.createImageData(n, n);
    const rgb = toRgbCached(headColour(head, measure.heads));
    for (let i = 0; i < n * n; i++) setPixel(img.data, 4 * i, Math.min(1, v.values[i] / v.norm), rgb);
    octx.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(off, margin, margin, size, size);
    ctx.strokeStyle = '#999';
    ctx.strokeRect(margin, margin, size, size);
    if (labels) {
      ctx.fillStyle = '#222';
      ctx.font = Math.min(12, Math.max(8, cell1 - 2)) + 'px sans-serif';
      ctx.textBaseline = 'middle';
      units.forEach((u, i) => {
        ctx.textAlign = 'right';
        ctx.fillText(fitLabel(ctx, u.label, margin - 6), margin - 4, margin + (i + 0.5) * cell1);
        ctx.save();
        ctx.translate(margin + (i + 0.5) * cell1, margin - 4);
        ctx.rotate(-Math.PI / 2);
        ctx.textAlign = 'left';
        ctx.fillText(fitLabel(ctx, u.label, margin - 6), 0, 0);
        ctx.restore();
      });
    }
  }
  $('b4j-zoom-canvas').addEventListener('mousemove', (ev) => {
    if (!zoomGeom) return;
    const rect = ev.target.getBoundingClientRect();
    const i = Math.floor((ev.clientY - rect.top - zoomGeom.margin) / zoomGeom.cell);
    const j = Math.floor((ev.clientX - rect.left - zoomGeom.margin) / zoomGeom.cell);
    if (i < 0 || j < 0 || i >= zoomGeom.n || j >= zoomGeom.n) return;
    const v = view(state.measure, zoomGeom.layer, zoomGeom.head, levelName());
    const units = currentUnits();
    $('b4j-zoom-value').textContent = units[i].label + ' \u2192 ' + units[j].label + ': ' + v.values[i * zoomGeom.n + j].toPrecision(4);
  });

  // ---------- controls ----------
  function buildHeadBoxes() {
    const measure = DATA.measures[state.measure];
    const box = $('b4j-heads');
    box.innerHTML = '';
    for (let h = 0; h < measure.heads; h++) {
      const s = document.createElement('span');
      s.className = 'b4j-head-box';
      s.id = 'b4j-head-' + h;
      s.style.background = headColour(h, measure.heads);
      s.textContent = measure.heads === 1 ? 'map' : String(h + 1);
      s.title = measure.heads === 1 ? 'show / hide the map' : 'head ' + (h + 1) + ': click to show / hide';
      s.addEventListener('click', () => {
        const at = state.heads.indexOf(h);
        if (at >= 0) state.heads.splice(at, 1);
        else { state.heads.push(h); state.heads.sort((a, b) => a - b); }
        refreshHeadBoxes();
        drawHeadView();
        publishState();
      });
      box.appendChild(s);
    }
    refreshHeadBoxes();
  }
  function refreshHeadBoxes() {
    const measure = DATA.measures[state.measure];
    for (let h = 0; h < measure.heads; h++) $('b4j-head-' + h).classList.toggle('b4j-off', state.heads.indexOf(h) < 0);
  }
  function allHeads() {
    return Array.from({ length: DATA.measures[state.measure].heads }, (_, h) => h);
  }

  function buildControls() {
    const ms = $('b4j-measure');
    DATA.measures.forEach((m, i) => ms.appendChild(new Option(m.label, String(i))));
    const ls = $('b4j-layer');
    for (let l = 0; l < L; l++) ls.appendChild(new Option('layer ' + (l + 1), String(l)));
    ms.addEventListener('change', () => {
      state.measure = +ms.value;
      state.heads = allHeads();
      state.zoom = null;
      buildHeadBoxes();
      redrawAll();
    });
    ls.addEventListener('change', () => { state.layer = +ls.value; drawHeadView(); publishState(); });
    $('b4j-word-level').addEventListener('change', (ev) => {
      state.wordLevel = ev.target.checked;
      state.hover = null;
      redrawAll();
    });
    $('b4j-all-heads').addEventListener('click', () => { state.heads = allHeads(); refreshHeadBoxes(); drawHeadView(); publishState(); });
    $('b4j-no-heads').addEventListener('click', () => { state.heads = []; refreshHeadBoxes(); drawHeadView(); publishState(); });
    if (SCORE_SETS.length) {
      $('b4j-dl-controls').hidden = false;
      const ds = $('b4j-dl-layer');
      const fillRows = () => {
        ds.innerHTML = '';
        SCORE_SETS[state.dlSet].rowLabels.forEach((label, n) => ds.appendChild(new Option(label, String(n))));
        state.dlLayer = 0;
      };
      fillRows();
      if (SCORE_SETS.length > 1 || !DATA.deeplift) {
        $('b4j-dl-caption').textContent = 'token colouring';
        const ms = $('b4j-dl-method');
        ms.hidden = false;
        SCORE_SETS.forEach((set, i) => ms.appendChild(new Option(set.label, String(i))));
        ms.addEventListener('change', () => { state.dlSet = +ms.value; fillRows(); drawLegend(); drawHeadView(); publishState(); });
      }
      $('b4j-deeplift').addEventListener('change', (ev) => { state.deeplift = ev.target.checked; drawLegend(); drawHeadView(); publishState(); });
      ds.addEventListener('change', () => { state.dlLayer = +ds.value; drawLegend(); drawHeadView(); publishState(); });
      drawLegend();
    }
  }
  function drawLegend() {
    const c = $('b4j-dl-legend');
    const ctx = c.getContext('2d');
    for (let x = 0; x < c.width; x++) {
      ctx.fillStyle = diverging((2 * x) / (c.width - 1) - 1);
      ctx.fillRect(x, 0, 1, c.height);
    }
    const scores = deepliftScores(currentUnits());
    const maxAbs = Math.max(...scores.map(Math.abs));
    $('b4j-dl-min').textContent = (-maxAbs).toPrecision(3);
    $('b4j-dl-max').textContent = '+' + maxAbs.toPrecision(3);
  }

  function buildHeader() {
    const hd = $('b4j-header');
    const h1 = document.createElement('h1');
    h1.textContent = 'bertology4j viewer' + (DATA.model.name ? ': ' + DATA.model.name : '');
    hd.appendChild(h1);
    const meta = document.createElement('div');
    meta.className = 'b4j-meta';
    const parts = [T + ' pieces, ' + UNITS.word.length + ' words/specials, ' + L + ' layers, ' + DATA.measures[0].heads + ' heads'];
    if (DATA.model.hash) parts.push('model hash ' + DATA.model.hash);
    Object.keys(DATA.settings).forEach((k) => parts.push(k + ' = ' + DATA.settings[k]));
    meta.textContent = parts.join(' \u00b7 ');
    hd.appendChild(meta);
    const notes = [];
    const scaled = DATA.measures.filter((m) => m.normalise).map((m) => m.short || m.label);
    notes.push('Attention rows are the attending token. G and G* rows are the receiving token t2, columns the source t1. ' +
      'Rollout and flow rows are the token after the chosen layer, columns the input tokens. ' +
      (scaled.length ? 'Each map of ' + scaled.join(', ') + ' is scaled by its own maximum; the others are shown as they are (0 to 1). ' : '') +
      'Word level (every measure): to a word = sum over its pieces, from a word = mean over its pieces; ' +
      'a word\'s DeepLIFT (or other attribution) score = sum over its pieces. Head view lines below ' + MIN_LINE + ' are not drawn.');
    if (DATA.encoding.kind !== 'f32') {
      notes.push('This input is long (' + T + ' pieces), so maps are stored 8-bit quantized per row and sparsified: entries below ' +
        (100 * DATA.encoding.relThreshold) + '% of their row maximum, and beyond the ' + DATA.encoding.maxPerRow +
        ' largest of a row, are dropped (shown as 0).');
    }
    $('b4j-notes').textContent = notes.join(' ');
  }

  function redrawAll() {
    drawHeadView();
    buildModelView();
    if (SCORE_SETS.length) drawLegend();
    publishState();
  }

  function publishState() {
    const d = root.dataset;
    d.measure = DATA.measures[state.measure].id;
    d.layer = String(state.layer);
    d.layerCount = String(L);
    d.selectedHeads = state.heads.join(',');
    d.headCount = String(DATA.measures[state.measure].heads);
    d.tokenCount = String(currentUnits().length);
    d.level = levelName();
    d.hoverToken = state.hover ? state.hover.side + ':' + state.hover.idx : '';
    d.zoom = state.zoom ? cellLabel(state.zoom.layer, state.zoom.head) : '';
    d.deeplift = state.deeplift ? String(state.dlLayer) : '';
    d.scoreSet = SCORE_SETS.length ? SCORE_SETS[state.dlSet].id : '';
  }

  // For tests and scripting: the displayed numbers, un-normalised, row-major.
  window.bertology4j = {
    matrix: (measureId, layer, head, level) => {
      const mi = DATA.measures.findIndex((m) => m.id === measureId);
      if (mi < 0) throw new Error('no measure ' + measureId);
      return Array.from(view(mi, layer, head, level || 'piece').values);
    },
    units: (level) => UNITS[level || 'piece'].map((u) => u.label),
  };

  state.heads = allHeads();
  buildHeader();
  buildControls();
  buildHeadBoxes();
  redrawAll();
  root.dataset.ready = 'true';
})();
