//! Headless Chromium keeps an open preview page up to date: it reloads after a save (at the
//! same scroll position), shows a build error in the page's language, and clears it after
//! the fix, and reconnects and reloads when the server restarts. Uses the WebDriver harness
//! in tests/common/browser.rs and the library server with the stand-in build of
//! tests/common/serve.rs.

use std::path::Path;
use std::time::Duration;

use songngu::serve::{ServeOptions, Server};

use crate::browser::Browser;
use crate::common::serve::{fake_build, save_by_rename, Live};
use crate::common::site::Site;

const WAIT: Duration = Duration::from_secs(15);

fn long_page(marker: &str) -> String {
    let mut s = String::new();
    for i in 0..200 {
        s.push_str(&format!("<p>Đoạn {i} {marker}</p>\n"));
    }
    s
}

/// The preview server on `root` with the stand-in build, on `port` (0: any).
fn start_server(root: &Path, port: u16) -> Server {
    let mut config = ServeOptions::new(root);
    config.port = port;
    config.verbose = false;
    let build_root = root.to_path_buf();
    let (server, first) = Server::start(config, move || {
        let root = build_root.clone();
        move || fake_build(&root)
    })
    .unwrap();
    assert!(first.ok);
    server
}

/// The text of the error overlay, once it shows.
async fn overlay_text(browser: &Browser) -> String {
    let text = browser
        .wait_for(
            "document.getElementById('songngu-error-overlay') && document.getElementById('songngu-error-overlay').textContent",
            WAIT,
            "the error overlay",
        )
        .await;
    text.as_str().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_open_page_reloads_keeps_its_scroll_and_shows_errors() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let site = Site::empty();
    site.file("content/vi/1-a.md", long_page("bản đầu"));
    std::fs::create_dir_all(site.path("content/en")).unwrap();
    let root = site.root().to_path_buf();
    let chapter = site.path("content/vi/1-a.md");
    let server = start_server(&root, 0);
    let url = format!("{}vi/1-a.html", server.url());

    browser.goto(&url).await;
    browser
        .wait_for(
            "document.body.textContent.includes('bản đầu')",
            WAIT,
            "the page",
        )
        .await;
    // Remember this document, scroll down, and wait for the event stream to be open.
    browser
        .eval(
            "window.__sameDocument = true; window.scrollTo(0, 1500); return 1;",
            vec![],
        )
        .await;
    browser
        .wait_for("window.scrollY > 1000", WAIT, "scrolled")
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    save_by_rename(&chapter, &long_page("bản sửa"));
    browser
        .wait_for(
            "!window.__sameDocument && document.body.textContent.includes('bản sửa')",
            WAIT,
            "the page to reload with the new text",
        )
        .await;
    browser
        .wait_for(
            "Math.abs(window.scrollY - 1500) < 50",
            WAIT,
            "the scroll position to be kept",
        )
        .await;

    // A broken save: the overlay, in Vietnamese, with file:line:col; the old text stays.
    save_by_rename(
        &chapter,
        &format!("dòng một\nBROKEN\n{}", long_page("hỏng")),
    );
    let text = overlay_text(&browser).await;
    assert!(text.contains("Chưa dựng được trang"), "{text}");
    assert!(
        text.contains("content/vi/1-a.md:2:1: error: this page is broken"),
        "{text}"
    );
    let body: String = browser
        .eval("return document.querySelector('main').textContent;", vec![])
        .await
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        body.contains("bản sửa") && !body.contains("hỏng"),
        "the last good page stays"
    );

    // The fix clears it.
    save_by_rename(&chapter, &long_page("bản sửa lại"));
    browser
        .wait_for(
            "!document.getElementById('songngu-error-overlay') && document.body.textContent.includes('bản sửa lại')",
            WAIT,
            "recovery",
        )
        .await;

    // The server stops: the page says so; a new server comes up on the same port: the page
    // reconnects and reloads by itself.
    browser
        .eval("window.__beforeRestart = true; return 1;", vec![])
        .await;
    let port = server.addr().port();
    std::thread::spawn(move || server.stop()).join().unwrap();
    browser
        .wait_for(
            "document.getElementById('songngu-disconnected')",
            WAIT,
            "the disconnected notice",
        )
        .await;
    let server = start_server(&root, port);
    assert_eq!(server.addr().port(), port);
    browser
        .wait_for(
            "!window.__beforeRestart && !document.getElementById('songngu-disconnected')",
            WAIT,
            "the reload after the restart",
        )
        .await;
    browser.close().await;
    std::thread::spawn(move || server.stop()).join().unwrap();
}

/// The same with the real binary and the real theme: the script works beside the theme's own
/// scripts, and the overlay heading follows the page's `<html lang>`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_real_preview_reloads_and_shows_errors_in_the_page_language() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let live = Live::start();
    let chapter = live.file("content/en/1-dac-diem.md");
    browser
        .goto(&format!("http://{}/en/1-dac-diem.html", live.addr))
        .await;
    browser
        .wait_for(
            "document.body.textContent.includes('First text.')",
            WAIT,
            "the page",
        )
        .await;
    browser
        .eval("window.__sameDocument = true; return 1;", vec![])
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    save_by_rename(
        &chapter,
        "+++\ntitle = \"I. Background\"\nweight = 1\n+++\n## Situation\n\nSecond text.\n",
    );
    browser
        .wait_for(
            "!window.__sameDocument && document.body.textContent.includes('Second text.')",
            WAIT,
            "the reload",
        )
        .await;
    save_by_rename(&chapter, "+++\ntitle = 1\n+++\n");
    let text = overlay_text(&browser).await;
    assert!(text.contains("This change could not be built"), "{text}");
    assert!(text.contains("content/en/1-dac-diem.md:2:"), "{text}");
    browser.close().await;
}
