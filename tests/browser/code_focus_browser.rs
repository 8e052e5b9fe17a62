//! A wide code block in headless Chromium: Tab reaches it, its focus ring shows, and the
//! arrow keys scroll it.

use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::json;

use crate::browser::{file_url, Browser};
use crate::common::site::Site;

#[tokio::test]
async fn tab_reaches_a_wide_code_block_and_the_arrow_keys_scroll_it() {
    let site = Site::new();
    let wide = "x".repeat(600);
    let body = format!("[Trước](https://example.org/)\n\n```rust\n{wide}\n```\n");
    site.page("vi/_index.md", "title = \"Bìa\"", "")
        .page("vi/a.md", "title = \"A\"", &body);
    let built = site.build().assert_success();
    let Some(b) = Browser::start().await else {
        return;
    };
    b.goto(&file_url(&built.path("vi/a.html"))).await;
    // From the link just before the block, one Tab, then the right arrow key.
    b.eval("document.querySelector('article p a').focus();", vec![])
        .await;
    let (tab, right): (char, char) = (Key::Tab.into(), Key::Right.into());
    let mut keys = KeyActions::new("keyboard".into());
    for k in [tab, right, right, right] {
        keys = keys
            .then(KeyAction::Down { value: k })
            .then(KeyAction::Up { value: k });
    }
    b.client.perform_actions(keys).await.expect("key actions");
    let state = b
        .eval(
            "const e = document.activeElement, s = getComputedStyle(e);\
             return [e.tagName, e.getAttribute('aria-label'), s.outlineStyle, s.outlineOffset];",
            vec![],
        )
        .await;
    assert_eq!(state, json!(["PRE", "Đoạn mã: rust", "solid", "-3px"]));
    // Scrolling may be smooth: it ends a little after the keys.
    let scrolled = "document.activeElement.scrollLeft > 0";
    b.wait_for(scrolled, Duration::from_secs(5), "the block to scroll")
        .await;
    b.close().await;
}
