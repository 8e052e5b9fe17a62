//! The browser tests: headless Chromium driven through chromedriver (see
//! `tests/common/browser.rs`). Without a browser they are skipped loudly; under `CI=true`
//! they fail instead.

// Test, benchmark and example crates: their `pub` items are shared between their own modules.
#![allow(unreachable_pub)]

#[path = "../common/mod.rs"]
mod common;

#[path = "../common/browser.rs"]
#[allow(dead_code)]
mod browser;

mod code_focus_browser;
mod copy_button_browser;
mod search_browser;
mod serve_browser;
