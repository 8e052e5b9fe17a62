//! Helpers shared by the test binaries (`tests/it`, `tests/browser`, `tests/report`).
//!
//! - [`site`]: the temporary-site fixture, running the binary, reading HTML back.
//! - [`serve`]: a raw HTTP client, the live-reload event stream, a stand-in build and a
//!   running `songngu serve`.
//! - [`report`]: the repository's own content, built in-process.
//!
//! The browser harness (`browser.rs`) is declared by the browser binary alone.

#![allow(dead_code)]

pub mod report;
pub mod serve;
pub mod site;
