/* songngu search client: plain JavaScript, no dependencies, nothing from other hosts.
 * The index (written by src/search) is a set of script files under search/<lang>/ that call
 * SongnguSearch.add(key, data); they are loaded with <script> elements, so search also works
 * from file://. Folding, tokenising and ranking mirror src/search/{fold,tokenize,query}.rs.
 * Indexed text only ever reaches the page through textContent. */
(function () {
  "use strict";
  if (window.SongnguSearch && window.SongnguSearch.ui) return;

  var registry = {}, pending = {};
  var api = (window.SongnguSearch = window.SongnguSearch || {});
  api.add = function (key, data) { registry[key] = data; };

  /* ---------- loading ---------- */
  function load(root, key) {
    if (Object.prototype.hasOwnProperty.call(registry, key)) return Promise.resolve(registry[key]);
    if (pending[key]) return pending[key];
    pending[key] = new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = root + "search/" + key + ".js";
      s.async = true;
      s.onload = function () {
        s.remove();
        if (Object.prototype.hasOwnProperty.call(registry, key)) resolve(registry[key]);
        else { delete pending[key]; reject(new Error("bad index file " + key)); }
      };
      s.onerror = function () { s.remove(); delete pending[key]; reject(new Error("cannot load " + s.src)); };
      document.head.appendChild(s);
    });
    return pending[key];
  }

  /* ---------- folding (src/search/fold.rs) ---------- */
  var MARK = /\p{M}/u, MARKS = /\p{M}/gu, ALPHA = /\p{Alphabetic}/u;
  var WORD = /[\p{Alphabetic}\p{N}\p{M}]/u, NONASCII = /[^\x00-\x7f]/;
  var TONE = /[\u0300\u0301\u0303\u0309\u0323]/;

  function retone(word) {
    var cl = [];
    for (var ch of word.normalize("NFD")) {
      if (MARK.test(ch) && cl.length) cl[cl.length - 1].m.push(ch);
      else cl.push({ c: ch, m: [] });
    }
    var n = cl.length, i = 0, changed = false;
    while (i < n) {
      if (!ALPHA.test(cl[i].c)) { i++; continue; }
      var j = i;
      while (j < n && ALPHA.test(cl[j].c)) j++;
      if (j - i >= 2) {
        var a = cl[j - 2], b = cl[j - 1], p = a.c + b.c;
        var pair = (p === "oa" || p === "oe" || p === "uy") && !(p === "uy" && j - 2 > i && cl[j - 3].c === "q");
        if (pair && a.m.length === 0 && b.m.length === 1 && TONE.test(b.m[0])) {
          a.m.push(b.m.pop());
          changed = true;
        }
      }
      i = j;
    }
    if (!changed) return word;
    return cl.map(function (x) { return x.c + x.m.join(""); }).join("").normalize("NFC");
  }
  function exact(w) {
    var l = w.normalize("NFC").toLowerCase();
    return NONASCII.test(l) ? retone(l) : l;
  }
  function foldExact(e) {
    return NONASCII.test(e) ? e.normalize("NFD").replace(MARKS, "").replace(/[đĐðÐ]/g, "d") : e;
  }
  function hasMarks(e) { return NONASCII.test(e) && foldExact(e) !== e; }
  function stemEn(k) {
    var n = k.length;
    if (n <= 3 || !/^[a-z]+$/.test(k)) return k;
    var e = function (s) { return k.slice(-s.length) === s; };
    if (e("ies") && !e("eies") && !e("aies")) return k.slice(0, n - 3) + "y";
    if (e("es") && !(e("aes") || e("ees") || e("oes"))) return k.slice(0, n - 1);
    if (e("s") && !e("us") && !e("ss")) return k.slice(0, n - 1);
    return k;
  }

  /* ---------- tokenising (src/search/tokenize.rs) ---------- */
  var MAX_WORD = 80;
  function utf8len(s) { return new TextEncoder().encode(s).length; }
  function tokenize(text) {
    var chars = [], offs = [], o = 0;
    for (var ch of text) { chars.push(ch); offs.push(o); o += ch.length; }
    var n = chars.length, out = [], pos = 0, i = 0;
    var end = function (k) { return k < n ? offs[k] : text.length; };
    var digit = function (c) { return c >= "0" && c <= "9"; };
    while (i < n) {
      if (!WORD.test(chars[i])) { i++; continue; }
      var words = [], k = i;
      for (;;) {
        var s = k;
        while (k < n && WORD.test(chars[k])) k++;
        words.push([s, k]);
        if (k + 1 < n && WORD.test(chars[k + 1])) {
          var j = chars[k];
          var jn = j === "-" || j === "/" || j === "_" || j === "\u2010" || j === "\u2011";
          if (jn || ((j === "." || j === ",") && digit(chars[k - 1]) && digit(chars[k + 1]))) { k++; continue; }
        }
        break;
      }
      var cs = offs[i], ce = end(k);
      if (words.length > 1 && utf8len(text.slice(cs, ce)) <= MAX_WORD)
        out.push({ text: text.slice(cs, ce), start: cs, end: ce, pos: pos, compound: true });
      for (var w = 0; w < words.length; w++) {
        var bs = offs[words[w][0]], be = end(words[w][1]);
        var t = text.slice(bs, be);
        if (utf8len(t) <= MAX_WORD) out.push({ text: t, start: bs, end: be, pos: pos, compound: false });
        pos++;
      }
      i = k;
    }
    return out;
  }
  function plainNumber(s) {
    var m = /^(\d{1,3})([.,])(\d{3}(?:\2\d{3})*)$/.exec(s);
    return m ? s.split(m[2]).join("") : null;
  }
  function keyOf(e, compound) {
    var f = foldExact(e);
    if (compound) { var p = plainNumber(f); if (p !== null) return p; }
    return f;
  }

  /* ---------- queries (src/search/query.rs) ---------- */
  var PREFIX_WEIGHT = 0.8, FOLDED_WEIGHT = 0.5, PAIR_WEIGHT = 1.0, MAX_COMPLETIONS = 24, PREFIX_SHARDS = 1;

  function parse(q, stem) {
    var chars = Array.from(q);
    var openEnd = chars.length > 0 && WORD.test(chars[chars.length - 1]);
    var groups = [], compoundEnd = 0;
    var make = function (t) {
      var e = exact(t.text), raw = keyOf(e, t.compound);
      return { exact: e, raw: raw, key: stem && !t.compound ? stemEn(raw) : raw, marks: hasMarks(e), prefix: false };
    };
    tokenize(q).forEach(function (t) {
      if (t.compound) { groups.push({ compound: make(t), words: [] }); compoundEnd = t.end; }
      else if (t.end <= compoundEnd && groups.length) groups[groups.length - 1].words.push(make(t));
      else groups.push({ compound: null, words: [make(t)] });
    });
    if (openEnd && groups.length) {
      var lastG = groups[groups.length - 1], ws = lastG.words, n = 0;
      if (ws.length) ws[ws.length - 1].prefix = true;
      groups.forEach(function (g) { n += g.words.length; });
      // A single letter being typed after other words would complete to too much: wait.
      if (n > 1 && !lastG.compound && ws.length && Array.from(ws[ws.length - 1].raw).length === 1) groups.pop();
    }
    return groups;
  }

  function Lang(code, root) { this.code = code; this.root = root; this.m = null; this.cache = {}; }
  Lang.prototype.ready = function () {
    var self = this;
    return this.m ? Promise.resolve(this) : load(this.root, this.code + "/manifest").then(function (m) {
      if (!Array.isArray(m.sep)) {
        var prev = "", seps = [];
        if (m.shards) m.sep.split("|").forEach(function (p) {
          prev = prev.slice(0, decode1(p.charCodeAt(0))) + p.slice(1);
          seps.push(prev);
        });
        m.sep = seps;
      }
      self.m = m;
      return self;
    });
  };
  Lang.prototype.shardOf = function (key) {
    var sep = this.m.sep, lo = 0, hi = sep.length;
    while (lo + 1 < hi) { var mid = (lo + hi) >> 1; if (sep[mid] <= key) lo = mid; else hi = mid; }
    return lo;
  };
  Lang.prototype.shard = function (i) { return registry[this.code + "/t/" + i]; };
  /* Loads the term shards a query needs: compounds first, then only what ranking will read. */
  Lang.prototype.need = function (groups) {
    var self = this;
    var fetch = function (keys) {
      var want = {};
      keys.forEach(function (k) {
        if (!self.m.sep.length) return;
        var prefix = k.charAt(0) === "*", s = self.shardOf(prefix ? k.slice(1) : k);
        for (var e = Math.min(s + (prefix ? PREFIX_SHARDS : 1), self.m.sep.length); s < e; s++) want[s] = true;
      });
      return Promise.all(Object.keys(want).map(function (s) { return load(self.root, self.code + "/t/" + s); }));
    };
    var compounds = groups.filter(function (g) { return g.compound; }).map(function (g) { return g.compound.key; });
    return fetch(compounds).then(function () {
      var keys = [], slots = self.slots(groups);
      slots.forEach(function (sl, i) {
        var t = sl.t;
        keys.push(t.key);
        if (t.prefix) keys.push("*" + t.raw);
        var p = slots[i - 1];
        if (p && !p.c && !sl.c) { keys.push(p.t.key + " " + t.key); if (t.prefix) keys.push("*" + p.t.key + " " + t.raw); }
      });
      return fetch(keys);
    });
  };
  Lang.prototype.slots = function (groups) {
    var self = this, slots = [];
    groups.forEach(function (g) {
      if (g.compound && self.lookup(g.compound.key)) slots.push({ t: g.compound, c: true });
      else g.words.forEach(function (w) { slots.push({ t: w, c: false }); });
    });
    return slots;
  };
  Lang.prototype.entry = function (si, i) {
    var ck = si + ":" + i, hit = this.cache[ck];
    if (hit) return hit;
    var raw = this.shard(si)[1][i], forms = [];
    for (var f = 1; f + 1 < raw.length; f += 2) forms.push([raw[f], decode(raw[f + 1])]);
    hit = { idf: raw[0] / 1000, forms: forms, df: forms.reduce(function (a, x) { return a + x[1].length / 2; }, 0) };
    this.cache[ck] = hit;
    return hit;
  };
  Lang.prototype.lookup = function (key) {
    if (!this.m.sep.length) return null;
    var si = this.shardOf(key), sh = this.shard(si);
    if (!sh) return null;
    var keys = sh[0], lo = 0, hi = keys.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (keys[mid] === key) return this.entry(si, mid);
      if (keys[mid] < key) lo = mid + 1; else hi = mid - 1;
    }
    return null;
  };
  Lang.prototype.completions = function (prefix) {
    if (!this.m.sep.length) return [];
    var first = this.shardOf(prefix), pair = prefix.indexOf(" ") >= 0, out = [];
    for (var s = first; s < Math.min(first + PREFIX_SHARDS, this.m.sep.length); s++) {
      var sh = this.shard(s);
      if (!sh) continue;
      for (var i = 0; i < sh[0].length; i++) {
        var k = sh[0][i];
        if (k.lastIndexOf(prefix, 0) === 0 && (pair || k.indexOf(" ") < 0)) out.push([k, this.entry(s, i)]);
      }
    }
    out.sort(function (a, b) { return b[1].df - a[1].df || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0); });
    return out.slice(0, MAX_COMPLETIONS);
  };
  Lang.prototype.candidates = function (t, pairOf) {
    var key = pairOf ? pairOf.key + " " + t.key : t.key, raw = pairOf ? pairOf.key + " " + t.raw : t.raw;
    var out = [], e = this.lookup(key);
    if (e) out.push([key, e, 1]);
    if (t.prefix) this.completions(raw).forEach(function (c) { if (c[0] !== key) out.push([c[0], c[1], PREFIX_WEIGHT]); });
    return out;
  };
  function decode1(c) {
    return c >= 65 && c <= 90 ? c - 65 : c >= 97 && c <= 122 ? c - 71 : c >= 48 && c <= 57 ? c + 4 : c === 45 ? 62 : 63;
  }
  function decode(s) {
    var out = [], v = 0, shift = 0, prev = -1;
    for (var i = 0; i < s.length; i++) {
      var d = decode1(s.charCodeAt(i));
      v |= (d & 31) << shift;
      if (d & 32) shift += 5;
      else { out.push(v); v = 0; shift = 0; }
    }
    for (var j = 0; j < out.length; j += 2) { prev = prev + 1 + out[j]; out[j] = prev; }
    return out; // [doc, impact, doc, impact, ...]
  }
  /* Ranks all sections; returns {hits:[{doc,score,lang}], slots}. */
  Lang.prototype.rank = function (groups) {
    var self = this, slots = this.slots(groups);
    var score = new Map(), hits = new Map();
    slots.forEach(function (sl) {
      var t = sl.t, best = new Map();
      self.candidates(t, null).forEach(function (c) {
        var e = c[1];
        e.forms.forEach(function (f) {
          var ve = f[0] === "" ? c[0] : f[0];
          var same = ve === t.exact || (t.prefix && ve.lastIndexOf(t.exact, 0) === 0);
          var w = c[2] * (!t.marks || same ? 1 : FOLDED_WEIGHT) * e.idf, p = f[1];
          for (var i = 0; i < p.length; i += 2) { var s = w * p[i + 1], b = best.get(p[i]); if (b === undefined || s > b) best.set(p[i], s); }
        });
      });
      best.forEach(function (s, d) { score.set(d, (score.get(d) || 0) + s); hits.set(d, (hits.get(d) || 0) + 1); });
    });
    for (var k = 0; k + 1 < slots.length; k++) {
      if (slots[k].c || slots[k + 1].c) continue;
      var best = new Map();
      self.candidates(slots[k + 1].t, slots[k].t).forEach(function (c) {
        var w = c[2] * PAIR_WEIGHT * c[1].idf;
        c[1].forms.forEach(function (f) {
          var p = f[1];
          for (var i = 0; i < p.length; i += 2) { var s = w * p[i + 1], b = best.get(p[i]); if (b === undefined || s > b) best.set(p[i], s); }
        });
      });
      best.forEach(function (s, d) { if (score.has(d)) score.set(d, score.get(d) + s); });
    }
    var n = slots.length, out = [];
    score.forEach(function (s, d) { var sh = hits.get(d) / n; out.push({ doc: d, score: s * sh * sh, lang: self.code }); });
    out.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return { hits: out, slots: slots };
  };
  Lang.prototype.docs = function (hits) {
    var self = this, per = this.m.per, want = {};
    hits.forEach(function (h) { want[Math.floor(h.doc / per)] = true; });
    return Promise.all(Object.keys(want).map(function (j) { return load(self.root, self.code + "/d/" + j); })).then(function () {
      hits.forEach(function (h) {
        var sh = registry[self.code + "/d/" + Math.floor(h.doc / per)], d = sh[1][h.doc % per], pg = sh[0][d[0]];
        h.href = d[1] ? pg[2] + "#" + d[1] : pg[2]; h.title = pg[0]; h.crumb = pg[1]; h.trail = d[2]; h.text = d[3];
      });
      return hits;
    });
  };

  var langs = {};
  function getLang(code, root) { return langs[code] || (langs[code] = new Lang(code, root)); }

  /* Searches `codes` (languages) for q; resolves to {hits, total, ms, slots}. */
  function search(root, codes, q) {
    return Promise.all(codes.map(function (c) { return getLang(c, root).ready(); })).then(function (ls) {
      var parsed = ls.map(function (L) { return parse(q, !!L.m.stem); });
      return Promise.all(ls.map(function (L, i) { return L.need(parsed[i]); })).then(function () {
        var t0 = performance.now(), all = [], slots = {};
        ls.forEach(function (L, i) {
          var r = L.rank(parsed[i]);
          slots[L.code] = r.slots;
          all = all.concat(r.hits);
        });
        all.sort(function (a, b) { return b.score - a.score || (a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : a.doc - b.doc); });
        return { hits: all, total: all.length, ms: performance.now() - t0, slots: slots };
      });
    });
  }
  function withDocs(root, hits) {
    var by = {};
    hits.forEach(function (h) { (by[h.lang] = by[h.lang] || []).push(h); });
    return Promise.all(Object.keys(by).map(function (c) { return getLang(c, root).docs(by[c]); })).then(function () { return hits; });
  }

  /* ---------- highlighting ---------- */
  /* Ranges [start, end) of `text` matching the query's slots, merged and sorted. */
  function matches(text, slots, stem) {
    var ranges = [], found = {};
    tokenize(text).forEach(function (tok) {
      var e = exact(tok.text), raw = keyOf(e, tok.compound), key = stem && !tok.compound ? stemEn(raw) : raw;
      for (var i = 0; i < slots.length; i++) {
        var s = slots[i], t = s.t, ok;
        ok = key === t.key || (!s.c && !tok.compound && t.prefix && raw.lastIndexOf(t.raw, 0) === 0);
        if (ok) { ranges.push([tok.start, tok.end, tok.pos, i]); found[i] = true; }
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] < last[1]) { if (r[1] > last[1]) last[1] = r[1]; last.slots[r[3]] = true; }
      else { var m = [r[0], r[1]]; m.pos = r[2]; m.slots = {}; m.slots[r[3]] = true; merged.push(m); }
    });
    return merged;
  }
  /* Appends text[a, b) to el with marks for ranges. */
  function appendMarked(el, text, a, b, ranges) {
    var at = a;
    ranges.forEach(function (r) {
      if (r[1] <= a || r[0] >= b) return;
      var s = Math.max(r[0], a), e = Math.min(r[1], b);
      if (s > at) el.appendChild(document.createTextNode(text.slice(at, s)));
      var mk = document.createElement("mark");
      mk.textContent = text.slice(s, e);
      el.appendChild(mk);
      at = e;
    });
    if (at < b) el.appendChild(document.createTextNode(text.slice(at, b)));
  }
  var SNIPPET_WORDS = 26;
  function snippet(el, text, slots, stem) {
    text = text.replace(/\s+/g, " ");
    var ranges = matches(text, slots, stem), words = tokenize(text).filter(function (t) { return !t.compound; });
    if (!words.length) return;
    var startWord = 0;
    if (ranges.length) {
      // The window of SNIPPET_WORDS words holding the most distinct query terms.
      var bestScore = -1;
      ranges.forEach(function (r) {
        var from = Math.max(0, r.pos - 4), to = from + SNIPPET_WORDS, seen = {}, cnt = 0, tot = 0;
        ranges.forEach(function (x) { if (x.pos >= from && x.pos < to) { tot++; for (var k in x.slots) if (!seen[k]) { seen[k] = 1; cnt++; } } });
        var sc = cnt * 100 + tot;
        if (sc > bestScore) { bestScore = sc; startWord = from; }
      });
    }
    var endWord = Math.min(words.length, startWord + SNIPPET_WORDS);
    startWord = Math.max(0, Math.min(startWord, endWord - SNIPPET_WORDS));
    var a = startWord === 0 ? 0 : words[startWord].start, b = endWord >= words.length ? text.length : words[endWord - 1].end;
    if (a > 0) el.appendChild(document.createTextNode("… "));
    appendMarked(el, text, a, b, ranges);
    if (b < text.length) el.appendChild(document.createTextNode(" …"));
  }

  /* ---------- UI ---------- */
  var DEBOUNCE = 120, PAGE = 8;
  function fmt(s, n) { return (s || "").replace("{n}", String(n)); }

  function init(box) {
    var root = box.getAttribute("data-root") || "";
    var lang = box.getAttribute("data-lang") || "";
    var all = (box.getAttribute("data-langs") || lang).split(/\s+/).filter(Boolean);
    var t = function (k) { return box.getAttribute("data-i18n-" + k) || ""; };
    var input = box.querySelector(".sn-search-input");
    var panel = box.querySelector(".sn-search-panel");
    var list = box.querySelector(".sn-search-results");
    var status = box.querySelector(".sn-search-status");
    var both = box.querySelector(".sn-search-both");
    var more = box.querySelector(".sn-search-more");
    if (!input || !panel || !list || !status) return;
    if (both && all.length < 2) both.parentNode.hidden = true;
    try { if (both && localStorage.getItem("songngu-search-both") === "1") both.checked = true; } catch (e) { /* storage off */ }

    var seq = 0, timer = 0, active = -1, current = null, shown = 0;
    // The element that says whether the list is open: the combobox wrapper around the input.
    var combo = input.closest('[role="combobox"]') || input;

    function codes() {
      if (!both || !both.checked) return [lang];
      return [lang].concat(all.filter(function (c) { return c !== lang; }));
    }
    function open() { panel.hidden = false; combo.setAttribute("aria-expanded", "true"); }
    function close() {
      panel.hidden = true;
      combo.setAttribute("aria-expanded", "false");
      setActive(-1);
    }
    function setActive(i) {
      var items = list.children;
      if (active >= 0 && items[active]) items[active].setAttribute("aria-selected", "false");
      active = i;
      if (i >= 0 && items[i]) {
        items[i].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", items[i].id);
        items[i].scrollIntoView({ block: "nearest" });
      } else input.removeAttribute("aria-activedescendant");
    }
    function say(msg) { status.textContent = msg; }
    function item(h, idx) {
      var stem = langs[h.lang] && langs[h.lang].m.stem, slots = current.slots[h.lang] || [];
      var li = document.createElement("li");
      li.id = "sn-search-result-" + idx;
      li.className = "sn-search-result";
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      if (h.lang !== lang) li.setAttribute("lang", h.lang);
      var a = document.createElement("a");
      a.href = root + h.href;
      a.tabIndex = -1;
      var title = document.createElement("span");
      title.className = "sn-search-title";
      var trail = h.trail ? h.trail.split(" › ") : [];
      var head = trail.length ? trail[trail.length - 1] : h.title;
      if (h.lang !== lang) {
        var badge = document.createElement("span");
        badge.className = "sn-search-lang";
        badge.textContent = h.lang.toUpperCase();
        title.appendChild(badge);
        title.appendChild(document.createTextNode(" "));
      }
      appendMarked(title, head, 0, head.length, matches(head, slots, stem));
      var crumbs = (h.crumb ? h.crumb.split(" › ") : []).concat(trail.length ? [h.title].concat(trail.slice(0, -1)) : []);
      a.appendChild(title);
      if (crumbs.length) {
        var c = document.createElement("span");
        c.className = "sn-search-crumb";
        c.textContent = crumbs.join(" › ");
        a.appendChild(c);
      }
      var sn = document.createElement("span");
      sn.className = "sn-search-snippet";
      snippet(sn, h.text || "", slots, stem);
      a.appendChild(sn);
      li.appendChild(a);
      li.addEventListener("mousedown", function (e) { e.preventDefault(); });
      return li;
    }
    function render(res, from) {
      var page = res.hits.slice(from, from + PAGE), my = seq;
      return withDocs(root, page).then(function () {
        if (my !== seq) return;
        if (from === 0) { list.textContent = ""; setActive(-1); }
        page.forEach(function (h, i) { list.appendChild(item(h, from + i)); });
        shown = from + page.length;
        if (more) more.hidden = shown >= res.total;
      });
    }
    function run() {
      var q = input.value, my = ++seq;
      if (q.trim().length < 2 && !/\d/.test(q)) {
        list.textContent = ""; say(""); current = null; if (more) more.hidden = true;
        if (!q.trim()) close();
        return;
      }
      open();
      if (!current) say(t("loading"));
      search(root, codes(), q).then(function (res) {
        if (my !== seq) return;
        current = res;
        api.lastQueryMs = res.ms;
        box.setAttribute("data-query-ms", res.ms.toFixed(2));
        return render(res, 0).then(function () {
          if (my !== seq) return;
          say(res.total ? fmt(res.total === 1 ? t("results-one") : t("results-many"), res.total) : fmt(t("no-results"), "").replace("{q}", q.trim()));
          if (!res.total) { list.textContent = ""; }
          box.setAttribute("data-state", "done");
        });
      }).catch(function (err) {
        if (my !== seq) return;
        say(t("error"));
        box.setAttribute("data-state", "error");
        if (window.console) console.error(err);
      });
    }
    input.addEventListener("input", function () {
      box.setAttribute("data-state", "busy");
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE);
    });
    input.addEventListener("focus", function () {
      getLang(lang, root).ready().catch(function () {});
      if (input.value.trim() && list.children.length) open();
    });
    input.addEventListener("keydown", function (e) {
      var n = list.children.length;
      if (e.key === "ArrowDown") {
        e.preventDefault();
        if (panel.hidden && input.value.trim()) open();
        if (n) setActive(active + 1 >= n ? 0 : active + 1);
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        if (n) setActive(active <= 0 ? n - 1 : active - 1);
      } else if (e.key === "Enter") {
        var target = list.children[active >= 0 ? active : 0];
        if (target && !panel.hidden) {
          e.preventDefault();
          var a = target.querySelector("a");
          if (a) window.location.href = a.href;
        }
      } else if (e.key === "Escape") {
        e.preventDefault();
        if (!panel.hidden) close();
        else { input.value = ""; input.blur(); }
      }
    });
    if (both) both.addEventListener("change", function () {
      try { localStorage.setItem("songngu-search-both", both.checked ? "1" : "0"); } catch (e) { /* storage off */ }
      current = null;
      if (input.value.trim()) run();
    });
    if (more) more.addEventListener("click", function () { if (current) render(current, shown); });
    document.addEventListener("mousedown", function (e) { if (!box.contains(e.target)) close(); });
    box.addEventListener("focusout", function (e) { if (!e.relatedTarget || !box.contains(e.relatedTarget)) close(); });
    document.addEventListener("keydown", function (e) {
      var el = document.activeElement, tag = el && el.tagName;
      var typing = tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (el && el.isContentEditable);
      if ((e.key === "k" || e.key === "K") && (e.ctrlKey || e.metaKey) && !e.altKey) {
        e.preventDefault();
        input.focus();
        input.select();
      } else if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        input.focus();
      }
    });
    box.setAttribute("data-ready", "true");
  }

  api.ui = true;
  api.search = function (q, opts) {
    opts = opts || {};
    var box = document.querySelector(".sn-search");
    var root = opts.root != null ? opts.root : box ? box.getAttribute("data-root") || "" : "";
    var codes = opts.langs || [box ? box.getAttribute("data-lang") : "vi"];
    return search(root, codes, q).then(function (r) {
      var top = r.hits.slice(0, opts.limit || PAGE);
      return withDocs(root, top).then(function () { r.top = top; return r; });
    });
  };
  api.fold = function (w) { return foldExact(exact(w)); };
  api.exact = exact;
  function start() { Array.prototype.forEach.call(document.querySelectorAll(".sn-search"), init); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
