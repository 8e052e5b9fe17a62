//! The copy button of code blocks in headless Chromium, from `file://`: Tab reaches it after
//! its block, it copies the code's text without the line numbers (through the clipboard API,
//! or a hidden textarea when the API is refused or missing), gives the focus back, and says
//! "Đã chép" in a polite live region.

use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::{json, Value};

use crate::browser::{file_url, Browser};
use crate::common::site::Site;

/// A page with a numbered block and a plain one.
const BODY: &str = "[Trước](https://example.org/)\n\n\
```python,linenos,hl_lines=2\nimport os\nprint(os.name)\n```\n\n\
```\nplain & <b>\n```\n";

/// Presses `keys` one after the other.
async fn press(b: &Browser, keys: &[Key]) {
    let mut actions = KeyActions::new("keyboard".into());
    for &k in keys {
        let c: char = k.into();
        actions = actions
            .then(KeyAction::Down { value: c })
            .then(KeyAction::Up { value: c });
    }
    b.client
        .perform_actions(actions)
        .await
        .expect("key actions");
}

/// Replaces the clipboard API: `ok` records what it is given, otherwise it refuses (as from
/// `file://` in some browsers); `None` removes it. A `copy` event (the fallback's
/// `execCommand`) records the textarea's selected text. The live region is emptied.
async fn stub_clipboard(b: &Browser, api: Option<bool>) {
    let script = "window.copied = []; window.fallback = [];\
        document.querySelector('.code-copy-status').textContent = '';\
        if (!window.listening) { window.listening = true;\
          document.addEventListener('copy', e => { const t = e.target;\
            window.fallback.push(t.value.substring(t.selectionStart, t.selectionEnd)); }); }\
        if (arguments[0] === null) {\
          Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });\
        } else {\
          navigator.clipboard.writeText = arguments[0]\
            ? (t => { window.copied.push(t); return Promise.resolve(); })\
            : (() => Promise.reject(new Error('refused')));\
        }";
    let arg = api.map_or(Value::Null, Value::Bool);
    b.eval(script, vec![arg]).await;
}

/// The live region's text once it is not empty.
async fn announced(b: &Browser) -> Value {
    b.wait_for(
        "document.querySelector('.code-copy-status').textContent",
        Duration::from_secs(5),
        "the announcement",
    )
    .await
}

#[tokio::test]
async fn the_copy_button_copies_the_code_without_numbers_and_says_so() {
    let site = Site::new();
    site.page("vi/_index.md", "title = \"Bìa\"", "")
        .page("vi/a.md", "title = \"A\"", BODY);
    let built = site.build().assert_success();
    let Some(b) = Browser::start().await else {
        return;
    };
    b.goto(&file_url(&built.path("vi/a.html"))).await;
    // One real button a block, named in the page's language, and one polite live region.
    let buttons = b
        .eval(
            "return [...document.querySelectorAll('.code-copy')].map(e => [e.tagName, e.type, e.textContent]);",
            vec![],
        )
        .await;
    let one = json!(["BUTTON", "button", "Chép mã"]);
    assert_eq!(buttons, json!([one.clone(), one]));
    let region = b
        .eval(
            "const r = document.querySelectorAll('.code-copy-status');\
             return [r.length, r[0].getAttribute('role'), r[0].getAttribute('aria-live'), r[0].textContent];",
            vec![],
        )
        .await;
    assert_eq!(region, json!([1, "status", "polite", ""]));

    // Tab from the link: the block, then its button; Enter copies through the API.
    stub_clipboard(&b, Some(true)).await;
    b.eval("document.querySelector('article p a').focus();", vec![])
        .await;
    press(&b, &[Key::Tab, Key::Tab]).await;
    let focused = b
        .eval(
            "const e = document.activeElement; return [e.className, e.previousElementSibling.tagName];",
            vec![],
        )
        .await;
    assert_eq!(focused, json!(["code-copy", "PRE"]));
    press(&b, &[Key::Enter]).await;
    assert_eq!(announced(&b).await, json!("Đã chép"));
    let copied = b.eval("return window.copied;", vec![]).await;
    assert_eq!(copied, json!(["import os\nprint(os.name)"]));

    // The API refuses (file:// in some browsers): a hidden textarea and execCommand.
    stub_clipboard(&b, Some(false)).await;
    b.find(".code-block:nth-of-type(2) .code-copy")
        .await
        .click()
        .await
        .expect("click");
    b.wait_for(
        "window.fallback.length",
        Duration::from_secs(5),
        "the fallback copy",
    )
    .await;
    let copied = b
        .eval(
            "return [window.fallback, document.activeElement.className, document.querySelectorAll('textarea').length];",
            vec![],
        )
        .await;
    assert_eq!(copied, json!([["plain & <b>"], "code-copy", 0]));
    assert_eq!(announced(&b).await, json!("Đã chép"));

    // No API at all.
    stub_clipboard(&b, None).await;
    b.find(".code-copy").await.click().await.expect("click");
    let copied = b
        .wait_for(
            "window.fallback.length && window.fallback",
            Duration::from_secs(5),
            "the copy",
        )
        .await;
    assert_eq!(copied, json!(["import os\nprint(os.name)"]));
    b.close().await;
}
