//! `songngu serve` end to end: the real binary on a temporary two-language site, driven the
//! way authors and their editors drive it.

use std::collections::BTreeMap;
use std::fs;
use std::time::{Duration, Instant};

use crate::common::serve::{
    assert_traversals_refused, get, page, preview_site, save_by_rename, strip_script, wait_until,
    Events, Live,
};
use crate::common::site::Site;

const WAIT: Duration = Duration::from_secs(20);

#[test]
fn a_rename_over_save_serves_new_html_and_sends_a_reload_event() {
    let live = Live::start();
    let addr = live.addr;
    assert!(page(addr, "/vi/1-dac-diem.html").contains("Nội dung ban đầu"));
    let mut events = Events::after_hello(addr);
    save_by_rename(
        &live.file("content/vi/1-dac-diem.md"),
        "+++\ntitle = \"I. Đặc điểm\"\nweight = 1\n+++\n## Tình hình\n\nNội dung đã sửa.\n",
    );
    events.wait_for("reload", WAIT).expect("a reload event");
    let html = page(addr, "/vi/1-dac-diem.html");
    assert!(html.contains("Nội dung đã sửa"), "{html}");
    assert!(
        html.contains("data-songngu-live"),
        "served HTML carries the script"
    );
    // print.html is finished just after the reload event; asked for at once, it is
    // already the new one (the request waits for it).
    let print = page(addr, "/vi/print.html");
    assert!(
        print.contains("Nội dung đã sửa") && !print.contains("Nội dung ban đầu"),
        "print.html right after the reload is the new one"
    );
    assert!(
        wait_until(WAIT, || live
            .output()
            .contains("content/vi/1-dac-diem.md: built in")
            .then_some(()))
        .is_some(),
        "one summary line per rebuild: {}",
        live.output()
    );
}

#[test]
fn adding_and_deleting_a_page_changes_the_navigation() {
    let live = Live::start();
    let addr = live.addr;
    let mut events = Events::after_hello(addr);
    assert!(!page(addr, "/assets/toc-vi.js").contains("3-ket-luan"));
    fs::write(
        live.file("content/vi/3-ket-luan.md"),
        "+++\ntitle = \"III. Kết luận\"\nweight = 3\n+++\nKết luận.\n",
    )
    .unwrap();
    events
        .wait_for("reload", WAIT)
        .expect("reload after adding");
    let toc = page(addr, "/assets/toc-vi.js");
    assert!(
        toc.contains("vi/3-ket-luan.html") && toc.contains("III. Kết luận"),
        "{toc}"
    );
    let previous = page(addr, "/vi/2-ket-qua/2-1-so-lieu.html");
    assert!(
        previous.contains("3-ket-luan.html"),
        "the pager links the new page"
    );
    assert!(page(addr, "/vi/3-ket-luan.html").contains("Kết luận."));

    fs::remove_file(live.file("content/vi/3-ket-luan.md")).unwrap();
    events
        .wait_for("reload", WAIT)
        .expect("reload after deleting");
    assert!(!page(addr, "/assets/toc-vi.js").contains("3-ket-luan"));
    assert!(!page(addr, "/vi/2-ket-qua/2-1-so-lieu.html").contains("3-ket-luan"));
    let gone = get(addr, "/vi/3-ket-luan.html");
    assert_eq!(gone.status, 404);
    assert!(gone.text().contains("<html"), "the site's own 404 page");

    // A new folder with a page in it, then the folder removed.
    let dir = live.file("content/en/3-conclusion");
    fs::create_dir(&dir).unwrap();
    fs::write(
        dir.join("_index.md"),
        "+++\ntitle = \"III. Conclusion\"\nweight = 3\n+++\n",
    )
    .unwrap();
    wait_until(WAIT, || {
        page(addr, "/assets/toc-en.js")
            .contains("III. Conclusion")
            .then_some(())
    })
    .expect("the new folder appears");
    assert_eq!(get(addr, "/en/3-conclusion/").status, 200);
    fs::remove_dir_all(&dir).unwrap();
    wait_until(WAIT, || {
        (!page(addr, "/assets/toc-en.js").contains("III. Conclusion")).then_some(())
    })
    .expect("the deleted folder disappears");
}

#[test]
fn a_broken_save_shows_the_error_keeps_the_old_page_and_recovers() {
    let live = Live::start();
    let addr = live.addr;
    let mut events = Events::after_hello(addr);
    let chapter = live.file("content/vi/1-dac-diem.md");
    save_by_rename(
        &chapter,
        "+++\ntitle = \"I. Đặc điểm\"\nweigth = 1\n+++\nHỏng.\n",
    );
    let ev = events
        .wait_for("build-error", WAIT)
        .expect("an error event");
    assert!(
        ev.data.contains("content/vi/1-dac-diem.md:3:"),
        "{}",
        ev.data
    );
    assert!(ev.data.contains("weigth"), "{}", ev.data);
    let html = page(addr, "/vi/1-dac-diem.html");
    assert!(
        html.contains("Nội dung ban đầu") && !html.contains("Hỏng"),
        "the last good page"
    );
    assert!(
        wait_until(WAIT, || live
            .output()
            .contains("still serving the last good build")
            .then_some(()))
        .is_some(),
        "{}",
        live.output()
    );

    save_by_rename(
        &chapter,
        "+++\ntitle = \"I. Đặc điểm\"\nweight = 1\n+++\nĐã sửa lỗi.\n",
    );
    let ev = events.wait_for("reload", WAIT).expect("recovery");
    assert!(ev.data.contains("\"errors\":[]"), "{}", ev.data);
    assert!(page(addr, "/vi/1-dac-diem.html").contains("Đã sửa lỗi."));
}

#[test]
fn after_a_burst_of_200_edits_the_served_site_equals_a_clean_build() {
    let live = Live::start();
    let addr = live.addr;
    let vi = live.file("content/vi/1-dac-diem.md");
    let en = live.file("content/en/2-ket-qua/2-1-so-lieu.md");
    for i in 0..200 {
        let vi_text = format!(
            "+++\ntitle = \"I. Đặc điểm\"\nweight = 1\n+++\n## Tình hình\n\nLần sửa {i}.\n"
        );
        let en_text = format!("+++\ntitle = \"2.1. Figures\"\nweight = 1\n+++\nEdit {i}.\n");
        if i % 2 == 0 {
            save_by_rename(&vi, &vi_text);
        } else {
            fs::write(&vi, &vi_text).unwrap();
        }
        if i % 5 == 0 {
            save_by_rename(&en, &en_text);
        }
    }
    fs::write(
        &en,
        "+++\ntitle = \"2.1. Figures\"\nweight = 1\n+++\nFinal.\n",
    )
    .unwrap();

    let clean = live.site.outside().join("clean");
    live.site.build_into(&clean).assert_success();
    let mut expected = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&clean) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&clean).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            expected.insert(rel, fs::read(entry.path()).unwrap());
        }
    }
    assert!(expected.len() > 10);
    let mismatch = || {
        for (rel, bytes) in &expected {
            let r = get(addr, &format!("/{rel}"));
            let body = if rel.ends_with(".html") {
                strip_script(&r.text()).into_bytes()
            } else {
                r.body.clone()
            };
            if r.status != 200 || &body != bytes {
                return Some(rel.clone());
            }
        }
        None
    };
    let settled = wait_until(WAIT, || match mismatch() {
        None => Some(()),
        Some(_) => None,
    });
    assert!(
        settled.is_some(),
        "served {:?} differs from the clean build",
        mismatch()
    );
    assert!(page(addr, "/vi/1-dac-diem.html").contains("Lần sửa 199."));
}

#[test]
fn paths_leaving_the_root_are_refused() {
    const SECRET: &str = "TOPSECRET-51c2";
    let site = preview_site();
    site.file("secret.txt", SECRET);
    let outside = site.outside().join("secret.txt");
    fs::write(&outside, SECRET).unwrap();
    let live = Live::start_in(site, &["--port", "0"]);
    let inside = live.file("secret.txt");
    assert_traversals_refused(live.addr, SECRET, &[&inside, &outside]);
    assert_eq!(get(live.addr, "/vi/1-dac-diem.html").status, 200);
    // Previewing never writes a public/ folder.
    assert!(!live.file("public").exists());
}

#[test]
fn requests_succeed_with_many_event_streams_open() {
    let live = Live::start();
    let addr = live.addr;
    let mut streams: Vec<Events> = (0..48).map(|_| Events::after_hello(addr)).collect();
    let start = Instant::now();
    let workers: Vec<_> = (0..6)
        .map(|_| {
            std::thread::spawn(move || {
                for p in ["/vi/1-dac-diem.html", "/assets/style.css", "/en/", "/"].repeat(6) {
                    assert_eq!(get(addr, p).status, 200, "{p}");
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    assert!(start.elapsed() < WAIT);
    fs::write(
        live.file("content/en/1-dac-diem.md"),
        "+++\ntitle = \"I. Background\"\nweight = 1\n+++\nEdited.\n",
    )
    .unwrap();
    for s in &mut streams {
        s.wait_for("reload", WAIT)
            .expect("every stream hears the reload");
    }
}

#[test]
fn a_taken_port_is_reported_and_the_next_one_used_and_ctrl_c_stops_cleanly() {
    let blocker = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = blocker.local_addr().unwrap().port();
    let mut live = Live::start_in(preview_site(), &["--port", &port.to_string()]);
    assert_ne!(live.addr.port(), port);
    let expected = format!(
        "port {port} is already in use; using port {}",
        live.addr.port()
    );
    assert!(
        wait_until(WAIT, || live.output().contains(&expected).then_some(())).is_some(),
        "{}",
        live.output()
    );
    assert_eq!(get(live.addr, "/vi/").status, 200);
    // Open event streams do not keep it from stopping.
    let mut streams: Vec<Events> = (0..4).map(|_| Events::after_hello(live.addr)).collect();
    let asked = Instant::now();
    let status = live.interrupt().expect("stops within 10 s of Ctrl-C");
    assert!(
        asked.elapsed() < Duration::from_secs(3),
        "{:?}",
        asked.elapsed()
    );
    for s in &mut streams {
        assert!(s.closes_within(WAIT), "the stream is closed");
    }
    assert!(wait_until(WAIT, || live
        .output()
        .contains("Stopping the preview.")
        .then_some(()))
    .is_some());
    assert!(status.success(), "{status:?}");
}

#[test]
fn a_site_that_does_not_build_at_first_is_served_once_fixed() {
    let site = preview_site();
    let chapter = site.path("content/vi/1-dac-diem.md");
    fs::write(&chapter, "+++\ntitle = 3\n+++\n").unwrap();
    let live = Live::start_in(site, &["--port", "0"]);
    let r = get(live.addr, "/vi/1-dac-diem.html");
    assert_eq!(r.status, 503);
    assert!(r.text().contains("data-songngu-live"));
    let (mut events, hello) = Events::hello(live.addr);
    assert!(
        hello.data.contains("content/vi/1-dac-diem.md:2:"),
        "{}",
        hello.data
    );
    save_by_rename(
        &chapter,
        "+++\ntitle = \"I. Đặc điểm\"\nweight = 1\n+++\nSửa rồi.\n",
    );
    events
        .wait_for("reload", WAIT)
        .expect("the first good build");
    assert!(page(live.addr, "/vi/1-dac-diem.html").contains("Sửa rồi."));
}

#[test]
fn usage_errors_exit_with_code_2() {
    let out = Site::empty().run(&["serve", "--port", "0"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("no content/ folder"), "{}", out.stderr);

    let out = preview_site().run(&["serve", "--bind", "not-an-address"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("not an IP address"), "{}", out.stderr);
}
