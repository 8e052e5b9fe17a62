//! The preview server through its library API, with a small stand-in build: watching,
//! debouncing, swapping, events, HTTP behaviour and path checks, independent of the real
//! pipeline. (`serve_live.rs` runs the real binary on a real site.)

use std::fs;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use songngu::serve::{ServeOptions, Server, WatchMode};

use crate::common::serve::{
    assert_traversals_refused, fake_build, get, page, parse, request, save_by_rename, wait_until,
    Events,
};
use crate::common::site::Site;

const WAIT: Duration = Duration::from_secs(10);

/// What the secret files hold; no answer may ever contain it.
const SECRET: &str = "TOPSECRET-7f3a";

/// A running preview of a stand-in site (the server first: it stops before the site goes).
struct Preview {
    server: Server,
    site: Site,
}

impl Preview {
    fn addr(&self) -> SocketAddr {
        self.server.addr()
    }
    fn file(&self, rel: &str) -> PathBuf {
        self.site.path(rel)
    }
}

fn start() -> Preview {
    start_with(|_| {})
}

/// Starts a preview of a stand-in site (see [`fake_build`]) with the configuration
/// `adjust` makes.
///
/// Secret files lie around the site: `secret.txt` in the site root (beside `content/`, one
/// level above the served output, which stands for `public/`) and in the folder holding the
/// site root. The preview serves from memory, so the stand-in build publishes them too, under
/// the names a traversal resolves to when nothing checks it (`../secret.txt`,
/// `../../secret.txt`): only the server's path check keeps them from being served.
fn start_with(adjust: impl FnOnce(&mut ServeOptions)) -> Preview {
    let site = Site::new();
    site.file("content/vi/_index.md", "Trang bìa")
        .file("content/vi/1-a.md", "Chương một")
        .file("content/vi/2-b/_index.md", "Mục hai")
        .file("content/vi/2-b/2-1.md", "Mục 2.1")
        .file("content/en/_index.md", "Cover")
        .file("content/en/1-a.md", "Chapter one")
        .file("theme/i18n/en.toml", "[serve]\nhide = \"Close\"\n")
        .file("secret.txt", SECRET);
    fs::write(site.outside().join("secret.txt"), SECRET).unwrap();
    let mut config = ServeOptions::new(site.root());
    config.port = 0;
    config.verbose = false;
    adjust(&mut config);
    let root = site.root().to_path_buf();
    let (server, first) = Server::start(config, move || {
        let root = root.clone();
        move || {
            let (mut output, warnings) = fake_build(&root)?;
            for (key, file) in [
                ("../secret.txt", root.join("secret.txt")),
                ("../../secret.txt", root.join("../secret.txt")),
            ] {
                if let Ok(secret) = fs::read(file) {
                    output.insert(key, secret);
                }
            }
            Ok((output, warnings))
        }
    })
    .unwrap();
    assert!(first.ok);
    Preview { server, site }
}

#[test]
fn parses_a_response() {
    let r = parse(b"HTTP/1.1 404 Not Found\r\ncontent-type: text/plain\r\n\r\nnope");
    assert_eq!(r.status, 404);
    assert_eq!(r.header("Content-Type"), Some("text/plain"));
    assert_eq!(r.text(), "nope");
}

#[test]
fn rename_over_save_serves_the_new_page_after_the_reload_event() {
    let preview = start();
    let addr = preview.addr();
    assert!(page(addr, "/vi/1-a.html").contains("Chương một"));
    let (mut events, hello) = Events::hello(addr);
    assert!(hello.data.contains("\"gen\":1"), "{}", hello.data);

    save_by_rename(&preview.file("content/vi/1-a.md"), "Chương một, đã sửa");
    let ev = events.wait_for("reload", WAIT).expect("a reload event");
    assert!(ev.data.contains("\"gen\":2"), "{}", ev.data);
    // The reload event comes after the swap: the page is already new.
    let html = page(addr, "/vi/1-a.html");
    assert!(html.contains("đã sửa"), "{html}");
    // Only one build for one save (temp write + rename + chmod…).
    assert!(events.next(Duration::from_millis(400)).is_none());
    assert_eq!(preview.server.generation(), 2);
}

#[test]
fn editor_litter_does_not_trigger_a_rebuild() {
    let preview = start();
    let mut events = Events::after_hello(preview.addr());
    let dir = preview.file("content/vi");
    for name in [
        ".1-a.md.swp",
        "1-a.md~",
        "4913",
        "#1-a.md#",
        ".#1-a.md",
        "x___jb_tmp___",
    ] {
        fs::write(dir.join(name), "BROKEN").unwrap();
    }
    // Longer than the watcher waits before it builds a batch.
    let heard = events.next(Duration::from_millis(700));
    assert!(
        heard.is_none(),
        "no rebuild for swap/backup files: {heard:?}"
    );
    assert_eq!(preview.server.generation(), 1);
    fs::write(dir.join("1-a.md"), "sửa").unwrap();
    let ev = events.wait_for("reload", WAIT).expect("rebuilt");
    assert!(ev.data.contains("\"gen\":2"), "{}", ev.data);
    assert!(page(preview.addr(), "/vi/1-a.html").contains("sửa"));
}

#[test]
fn a_broken_save_keeps_the_old_page_and_the_next_good_one_recovers() {
    let preview = start();
    let addr = preview.addr();
    let mut events = Events::after_hello(addr);
    save_by_rename(&preview.file("content/vi/1-a.md"), "Chương\nmột BROKEN");
    let ev = events
        .wait_for("build-error", WAIT)
        .expect("an error event");
    assert!(
        ev.data
            .contains("content/vi/1-a.md:2:5: error: this page is broken"),
        "{}",
        ev.data
    );
    assert!(
        ev.data.contains("\"gen\":1"),
        "still the old build: {}",
        ev.data
    );
    let html = page(addr, "/vi/1-a.html");
    assert!(
        html.contains("Chương một") && !html.contains("BROKEN"),
        "{html}"
    );
    // A page opened now learns about the error at once.
    let (_late, hello) = Events::hello(addr);
    assert!(hello.data.contains("this page is broken"), "{}", hello.data);

    save_by_rename(&preview.file("content/vi/1-a.md"), "Chương một, sửa xong");
    let ev = events.wait_for("reload", WAIT).expect("recovery");
    assert!(ev.data.contains("\"errors\":[]"), "{}", ev.data);
    assert!(page(addr, "/vi/1-a.html").contains("sửa xong"));
}

#[test]
fn new_and_deleted_pages_and_folders_change_the_navigation() {
    let preview = start();
    let addr = preview.addr();
    let _events = Events::after_hello(addr);
    let dir = preview.file("content/vi/3-moi");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("_index.md"), "Mục mới").unwrap();
    fs::write(dir.join("3-1.md"), "Trang mới").unwrap();
    wait_until(WAIT, || {
        let html = page(addr, "/vi/1-a.html");
        html.contains("vi/3-moi/3-1.html").then_some(())
    })
    .expect("the new page appears in the navigation");
    assert!(page(addr, "/vi/3-moi/3-1.html").contains("Trang mới"));

    fs::remove_dir_all(&dir).unwrap();
    wait_until(WAIT, || {
        let html = page(addr, "/vi/1-a.html");
        (!html.contains("3-moi")).then_some(())
    })
    .expect("the deleted folder leaves the navigation");
    assert_eq!(get(addr, "/vi/3-moi/3-1.html").status, 404);

    // A rename is a delete plus an add.
    fs::rename(
        preview.file("content/vi/1-a.md"),
        preview.file("content/vi/1-c.md"),
    )
    .unwrap();
    wait_until(WAIT, || {
        (get(addr, "/vi/1-c.html").status == 200 && get(addr, "/vi/1-a.html").status == 404)
            .then_some(())
    })
    .expect("the renamed page moves");
}

#[test]
fn http_answers_like_a_static_server_with_the_script_only_in_html() {
    let preview = start();
    let addr = preview.addr();
    let r = get(addr, "/vi/1-a.html");
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(r.header("cache-control"), Some("no-cache"));
    let text = r.text();
    assert_eq!(text.matches("data-songngu-live").count(), 1);
    assert!(text.find("data-songngu-live").unwrap() < text.find("</body>").unwrap());
    assert!(
        text.contains("\"hide\":\"Ẩn\""),
        "Vietnamese strings on a vi page"
    );

    let css = get(addr, "/assets/style.css");
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(
        css.text(),
        "body { color: black }",
        "no script outside HTML"
    );
    assert_eq!(
        get(addr, "/data/vi/t.csv").header("content-type"),
        Some("text/csv; charset=utf-8")
    );

    // Folders: index.html, and a redirect when the slash is missing.
    assert!(page(addr, "/vi/2-b/").contains("Mục hai"));
    let redirect = get(addr, "/vi/2-b?x=1");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location"), Some("/vi/2-b/?x=1"));

    // The site's 404 page, with status 404, in English strings (the site overrides `hide`).
    let missing = get(addr, "/vi/nope.html");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("Page not found"));
    assert!(
        missing.text().contains("\"hide\":\"Close\""),
        "{}",
        missing.text()
    );

    // HEAD: same headers, no body.
    let head = request(addr, "HEAD", "/vi/1-a.html", &[]);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("content-length"), r.header("content-length"));
    assert_eq!(head.header("etag"), r.header("etag"));

    // ETag: 304 while unchanged, a new tag after a rebuild.
    let etag = r.header("etag").unwrap().to_string();
    let again = request(addr, "GET", "/vi/1-a.html", &[("If-None-Match", &etag)]);
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    save_by_rename(&preview.file("content/vi/1-a.md"), "mới");
    wait_until(WAIT, || (preview.server.generation() >= 2).then_some(())).unwrap();
    let fresh = request(addr, "GET", "/vi/1-a.html", &[("If-None-Match", &etag)]);
    assert_eq!(
        fresh.status, 200,
        "a rebuilt page is never answered from cache"
    );
    assert!(fresh.text().contains("mới"));

    let post = request(addr, "POST", "/vi/1-a.html", &[("Content-Length", "0")]);
    assert_eq!(post.status, 405);
}

#[test]
fn paths_leaving_the_root_are_refused() {
    let preview = start();
    let addr = preview.addr();
    let secrets = [
        preview.file("secret.txt"),
        preview.site.outside().join("secret.txt"),
    ];
    for f in &secrets {
        assert_eq!(fs::read_to_string(f).unwrap(), SECRET);
    }
    let secrets: Vec<&Path> = secrets.iter().map(PathBuf::as_path).collect();
    assert_traversals_refused(addr, SECRET, &secrets);
    // The same server answers plain paths from the same output.
    assert!(page(addr, "/vi/1-a.html").contains("Chương một"));
    assert_eq!(get(addr, "/vi/secret.txt").status, 404);
}

#[test]
fn requests_succeed_while_many_event_streams_are_open() {
    let preview = start();
    let addr = preview.addr();
    let mut streams: Vec<Events> = (0..64).map(|_| Events::after_hello(addr)).collect();
    let start = std::time::Instant::now();
    let workers: Vec<_> = (0..8)
        .map(|i| {
            std::thread::spawn(move || {
                for j in 0..25 {
                    let path = if (i + j) % 2 == 0 {
                        "/vi/1-a.html"
                    } else {
                        "/assets/style.css"
                    };
                    assert_eq!(get(addr, path).status, 200);
                }
            })
        })
        .collect();
    for w in workers {
        w.join().expect("a request failed");
    }
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "200 requests took {:?}",
        start.elapsed()
    );
    // Every open stream still hears about the next build.
    fs::write(preview.file("content/en/1-a.md"), "Chapter one, edited").unwrap();
    for s in &mut streams {
        s.wait_for("reload", WAIT).expect("reload on every stream");
    }
}

#[test]
fn a_panicking_build_is_reported_and_the_preview_goes_on() {
    let preview = start();
    let addr = preview.addr();
    let mut events = Events::after_hello(addr);
    save_by_rename(&preview.file("content/vi/1-a.md"), "PANIC");
    let ev = events
        .wait_for("build-error", WAIT)
        .expect("an error event");
    assert!(
        ev.data.contains("the build stopped unexpectedly"),
        "{}",
        ev.data
    );
    assert!(page(addr, "/vi/1-a.html").contains("Chương một"));
    save_by_rename(&preview.file("content/vi/1-a.md"), "đã ổn");
    events.wait_for("reload", WAIT).expect("recovery");
    assert!(page(addr, "/vi/1-a.html").contains("đã ổn"));
}

#[test]
fn a_replaced_content_folder_is_watched_again() {
    let preview = start();
    let addr = preview.addr();
    let content = preview.file("content");
    let old = preview.file("content.old");
    fs::rename(&content, &old).unwrap();
    fs::create_dir(&content).unwrap();
    for entry in walkdir::WalkDir::new(&old) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&old).unwrap();
        let to = content.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&to).unwrap();
        } else {
            fs::copy(entry.path(), &to).unwrap();
        }
    }
    wait_until(WAIT, || (preview.server.generation() >= 2).then_some(())).expect("rebuilt");
    std::thread::sleep(Duration::from_millis(200));
    let gen = preview.server.generation();
    fs::write(preview.file("content/vi/1-a.md"), "trong thư mục mới").unwrap();
    wait_until(WAIT, || {
        (preview.server.generation() > gen && page(addr, "/vi/1-a.html").contains("thư mục mới"))
            .then_some(())
    })
    .expect("edits in the new content/ folder are seen");
}

#[test]
fn the_polling_watcher_sees_saves_too() {
    let preview = start_with(|c| c.watch = WatchMode::Poll(Duration::from_millis(50)));
    let addr = preview.addr();
    let mut events = Events::after_hello(addr);
    save_by_rename(&preview.file("content/en/1-a.md"), "Polled edit");
    events.wait_for("reload", WAIT).expect("reload");
    assert!(page(addr, "/en/1-a.html").contains("Polled edit"));
}
