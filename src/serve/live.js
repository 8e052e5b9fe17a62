(function () {
  "use strict";
  var cfg = window.__songnguLive;
  if (!cfg || window.__songnguLiveStarted) return;
  window.__songnguLiveStarted = true;
  var KEY = "songngu-scroll:" + location.pathname;
  var reloading = false;

  // Put the page back where the reader was before the last reload.
  try {
    var saved = sessionStorage.getItem(KEY);
    if (saved) {
      sessionStorage.removeItem(KEY);
      var pos = JSON.parse(saved);
      if ("scrollRestoration" in history) history.scrollRestoration = "manual";
      var restore = function () { window.scrollTo(pos.x || 0, pos.y || 0); };
      restore();
      window.addEventListener("load", restore);
    }
  } catch (e) { /* storage may be disabled: reloading still works */ }

  function reload() {
    if (reloading) return;
    reloading = true;
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ x: window.scrollX, y: window.scrollY }));
    } catch (e) { /* ignore */ }
    location.reload();
  }

  function el(tag, style, text) {
    var e = document.createElement(tag);
    if (style) e.setAttribute("style", style);
    if (text) e.textContent = text;
    return e;
  }

  var overlay = null;
  function hideErrors() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  function showErrors(state) {
    hideErrors();
    var s = cfg.strings;
    overlay = el("div", "position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,20,.88);" +
      "color:#fff;overflow:auto;padding:2rem;font:15px/1.5 system-ui,sans-serif");
    overlay.id = "songngu-error-overlay";
    overlay.setAttribute("role", "alert");
    var box = el("div", "max-width:60rem;margin:0 auto");
    box.appendChild(el("h2", "margin:0 0 .5rem;color:#ff8a80;font-size:1.4rem", s.error_title));
    box.appendChild(el("p", "margin:0 0 1rem", state.gen === 0 ? s.no_site : s.error_kept));
    box.appendChild(el("p", "margin:0 0 .5rem;font-weight:bold",
      s.error_count.replace("{count}", String(state.errors.length))));
    var pre = el("pre", "white-space:pre-wrap;background:#000;padding:1rem;border-radius:4px;" +
      "font:14px/1.45 ui-monospace,monospace");
    pre.textContent = state.errors.join("\n\n");
    box.appendChild(pre);
    var btn = el("button", "margin-top:1rem;font:inherit;padding:.3rem 1rem", s.hide);
    btn.addEventListener("click", hideErrors);
    box.appendChild(btn);
    overlay.appendChild(box);
    document.body.appendChild(overlay);
  }

  var badge = null;
  function setDisconnected(down) {
    if (down && !badge) {
      badge = el("div", "position:fixed;right:1rem;bottom:1rem;z-index:2147483647;background:#333;" +
        "color:#fff;padding:.4rem .8rem;border-radius:4px;font:13px system-ui,sans-serif",
        cfg.strings.reconnecting);
      badge.id = "songngu-disconnected";
      document.body.appendChild(badge);
    } else if (!down && badge) {
      badge.remove();
      badge = null;
    }
  }

  function onState(ev) {
    var state;
    try { state = JSON.parse(ev.data); } catch (e) { return; }
    setDisconnected(false);
    // A different server (restarted) or a newer good build than the one this page came
    // from: the page is stale, fetch it again.
    if (state.instance !== cfg.instance || state.gen !== cfg.gen) { reload(); return; }
    if (state.errors && state.errors.length) showErrors(state); else hideErrors();
  }

  var source = null;
  function connect() {
    if (source) source.close();
    source = new EventSource(cfg.events);
    source.addEventListener("hello", onState);
    source.addEventListener("reload", onState);
    source.addEventListener("build-error", onState);
    source.onerror = function () {
      setDisconnected(true);
      // EventSource retries by itself unless it gave up; then start again.
      if (source.readyState === 2) setTimeout(connect, 1000);
    };
  }
  connect();
})();
