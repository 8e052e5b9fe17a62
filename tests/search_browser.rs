//! Browser tests of the search UI in headless Chromium (see tests/common/browser.rs).

mod common;

use std::time::Duration;

use common::browser::{file_url, Browser, StaticServer};

/// The harness itself: http:// under a sub-path and file:// both run page scripts.
#[tokio::test]
async fn harness_serves_http_and_file_urls() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("a")).unwrap();
    std::fs::write(
        dir.path().join("a/page.html"),
        "<!doctype html><meta charset=utf-8><title>t</title><script src=\"../s.js\"></script>",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("s.js"),
        "document.title = 'loaded ' + location.protocol;",
    )
    .unwrap();

    let server = StaticServer::start(dir.path(), "/sub/path/");
    browser.goto(&server.url("a/page.html")).await;
    browser
        .wait_for(
            "document.title === 'loaded http:'",
            Duration::from_secs(5),
            "script over http",
        )
        .await;
    assert!(server
        .served()
        .iter()
        .any(|s| s.path == "/sub/path/s.js" && s.status == 200));

    browser
        .goto(&file_url(&dir.path().join("a/page.html")))
        .await;
    browser
        .wait_for(
            "document.title === 'loaded file:'",
            Duration::from_secs(5),
            "script over file://",
        )
        .await;
    browser.close().await;
}
