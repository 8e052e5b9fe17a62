// songngu page behaviour: full table of contents in the sidebar, sidebar toggle on phones,
// light/dark toggle (remembered), left/right arrow keys for previous/next page, and a copy
// button on each code block.
// Plain JavaScript; works from file:// (the table of contents is a script file, not fetched).
(function () {
  "use strict";
  var body = document.body;
  var root = body.getAttribute("data-root") || "";
  var lang = body.getAttribute("data-lang") || "";
  var current = body.getAttribute("data-page") || "";

  // Full table of contents from assets/toc-<lang>.js: [url, title, depth] in reading order.
  // A section's pages fold under a button next to its link (a link inside a <summary>
  // would nest two controls); the current page's sections start open.
  var expandLabel = (document.getElementById("sidebar") || body).getAttribute("data-expand") || "+";
  function setOpen(button, list, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    list.hidden = !open;
  }
  function buildTree(items) {
    var nav = document.getElementById("sidebar");
    if (!nav || !items || !items.length) return;
    var container = document.createElement("div");
    container.className = "toc-tree";
    var rootList = document.createElement("ul");
    container.appendChild(rootList);
    var stack = [{ depth: 0, list: rootList, button: null }];
    var currentItem = null;
    for (var i = 1; i < items.length; i++) {
      var url = items[i][0], title = items[i][1], depth = items[i][2];
      while (stack.length > 1 && stack[stack.length - 1].depth >= depth) stack.pop();
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + url;
      a.textContent = title;
      li.appendChild(a);
      stack[stack.length - 1].list.appendChild(li);
      if (url === current) {
        a.setAttribute("aria-current", "page");
        currentItem = li;
        for (var s = 1; s < stack.length; s++) setOpen(stack[s].button, stack[s].list, true);
      }
      var hasChildren = i + 1 < items.length && items[i + 1][2] > depth;
      if (hasChildren) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "toc-toggle";
        button.setAttribute("aria-label", expandLabel + ": " + title);
        var sub = document.createElement("ul");
        sub.id = "toc-" + i;
        button.setAttribute("aria-controls", sub.id);
        setOpen(button, sub, url === current);
        button.addEventListener("click", (function (b, l) {
          return function () { setOpen(b, l, b.getAttribute("aria-expanded") !== "true"); };
        })(button, sub));
        li.insertBefore(button, a);
        li.classList.add("has-children");
        li.appendChild(sub);
        stack.push({ depth: depth, list: sub, button: button });
      }
    }
    var staticPart = nav.querySelector(".toc-static");
    nav.insertBefore(container, staticPart);
    nav.classList.add("has-tree");
    if (currentItem) {
      var r = currentItem.getBoundingClientRect();
      if (r.top > window.innerHeight - 40) nav.scrollTop = r.top - window.innerHeight / 2;
    }
  }
  if (window.songnguToc && window.songnguToc[lang]) buildTree(window.songnguToc[lang]);

  // Sidebar toggle (phones).
  var toggle = document.querySelector(".sidebar-toggle");
  if (toggle && document.getElementById("sidebar")) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = body.classList.toggle("sidebar-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        var first = document.querySelector("#sidebar a");
        if (first) first.focus();
      }
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && body.classList.contains("sidebar-open")) {
        body.classList.remove("sidebar-open");
        toggle.setAttribute("aria-expanded", "false");
        toggle.focus();
      }
    });
  } else if (toggle) {
    toggle.remove();
  }

  // Light/dark toggle, remembered in localStorage; follows the system until used.
  var themeBtn = document.querySelector(".theme-toggle");
  if (themeBtn) {
    themeBtn.hidden = false;
    var html = document.documentElement;
    var isDark = function () {
      var t = html.getAttribute("data-theme");
      if (t) return t === "dark";
      return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    };
    var sync = function () { themeBtn.setAttribute("aria-pressed", isDark() ? "true" : "false"); };
    sync();
    themeBtn.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      html.setAttribute("data-theme", next);
      try { localStorage.setItem("songngu-theme", next); } catch (e) { /* private mode */ }
      sync();
    });
  }

  // Left/right arrows: previous/next page, unless typing or a modifier is held.
  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    var t = e.target;
    var tag = t && t.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    var link = null;
    if (e.key === "ArrowLeft") link = document.querySelector('a[rel="prev"]');
    if (e.key === "ArrowRight") link = document.querySelector('a[rel="next"]');
    if (link) { e.preventDefault(); window.location.href = link.href; }
  });

  // Copy buttons on code blocks. The strings ride on the page's first block (data-copy,
  // data-copied, data-copy-failed); the code's text is copied without the line numbers
  // (generated by CSS). From file:// the clipboard API may be missing or refused: a hidden
  // textarea and execCommand("copy") do it then. A polite live region says it is done.
  var blocks = document.querySelectorAll("main pre > code");
  var strings = document.querySelector("pre[data-copy]");
  if (blocks.length && strings) {
    var status = document.createElement("div");
    status.className = "code-copy-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    body.appendChild(status);
    var say = function (text) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    };
    var copyFallback = function (text, button) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.top = "0";
      area.style.left = "-9999px";
      body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      body.removeChild(area);
      button.focus();
      return ok;
    };
    var copy = function (code, button) {
      var text = code.textContent.replace(/\n$/, "");
      var done = function (ok) {
        say(strings.getAttribute(ok ? "data-copied" : "data-copy-failed") || "");
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, function () {
          done(copyFallback(text, button));
        });
      } else {
        done(copyFallback(text, button));
      }
    };
    Array.prototype.forEach.call(blocks, function (code) {
      var pre = code.parentNode;
      var wrap = document.createElement("div");
      wrap.className = "code-block";
      pre.parentNode.insertBefore(wrap, pre);
      wrap.appendChild(pre);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "code-copy";
      button.textContent = strings.getAttribute("data-copy");
      button.addEventListener("click", function () { copy(code, button); });
      wrap.appendChild(button);
    });
  }
})();
