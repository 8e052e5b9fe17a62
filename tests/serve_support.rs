//! Helpers for the serve tests: a minimal HTTP/1 client written on `TcpStream` so that
//! requests go on the wire exactly as written (no client-side normalisation of `..` or
//! `%2e`), an event-stream reader, and a stand-in build for library-level tests.
//! Included by the other `serve_*` tests with `#[path = "serve_support.rs"] mod support;`.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use songngu::diagnostics::{Diagnostic, Diagnostics};
use songngu::output::Output;

/// A parsed response.
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    /// The value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `request` as is and reads the response until the server closes the connection.
pub fn raw(addr: SocketAddr, request: &[u8]) -> Resp {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(request).expect("send request");
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).expect("read response");
    parse(&buf)
}

fn parse(buf: &[u8]) -> Resp {
    let end = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(buf)));
    let head = String::from_utf8_lossy(&buf[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Resp {
        status,
        headers,
        body: buf[end + 4..].to_vec(),
    }
}

/// `GET path` (with `Connection: close`).
pub fn get(addr: SocketAddr, path: &str) -> Resp {
    request(addr, "GET", path, &[])
}

/// `method path` with extra headers.
pub fn request(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)]) -> Resp {
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    raw(addr, req.as_bytes())
}

/// The text of `GET path`, which must answer 200.
pub fn page(addr: SocketAddr, path: &str) -> String {
    let r = get(addr, path);
    assert_eq!(r.status, 200, "GET {path}: {}", r.text());
    r.text()
}

/// One Server-Sent Event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub event: String,
    pub data: String,
}

/// An open `/__songngu/events` stream.
pub struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// Connects and reads the response head (HTTP/1.0, so the body is not chunked).
    pub fn connect(addr: SocketAddr) -> Events {
        let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).expect("connect");
        s.write_all(b"GET /__songngu/events HTTP/1.0\r\nAccept: text/event-stream\r\n\r\n")
            .unwrap();
        let mut reader = BufReader::new(s);
        let mut status = String::new();
        reader
            .get_ref()
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        reader.read_line(&mut status).unwrap();
        assert!(status.contains(" 200 "), "events status: {status}");
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if line.to_ascii_lowercase().starts_with("content-type") {
                assert!(line.contains("text/event-stream"), "{line}");
            }
        }
        Events { reader }
    }

    /// The next event within `timeout` (comments and keep-alives are skipped).
    pub fn next(&mut self, timeout: Duration) -> Option<Event> {
        let deadline = Instant::now() + timeout;
        let mut event = String::new();
        let mut data = String::new();
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            self.reader
                .get_ref()
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .unwrap();
            let mut line = String::new();
            match self.reader.read_line(&mut line) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(_) => return None,
            }
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                if !event.is_empty() || !data.is_empty() {
                    return Some(Event { event, data });
                }
                continue;
            }
            if let Some(v) = line.strip_prefix("event:") {
                event = v.trim().to_string();
            } else if let Some(v) = line.strip_prefix("data:") {
                data.push_str(v.trim_start());
            }
        }
    }

    /// Reads events until one named `name` arrives (within `timeout` in all).
    pub fn wait_for(&mut self, name: &str, timeout: Duration) -> Option<Event> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let e = self.next(left)?;
            if e.event == name {
                return Some(e);
            }
        }
    }
}

/// Polls `f` every 20 ms until it returns `Some`, for at most `timeout`.
pub fn wait_until<T>(timeout: Duration, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(v) = f() {
            return Some(v);
        }
        if Instant::now() > deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Replaces `path` the way editors save: write a temporary file beside it, then rename it
/// over the original.
pub fn save_by_rename(path: &std::path::Path, text: &str) {
    let tmp = path.with_file_name(format!(
        ".{}.tmp",
        path.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// A stand-in for the real build: one HTML page per Markdown file, with a navigation list
/// of every page of its language; a file containing `BROKEN` is an error at that spot, and
/// one containing `PANIC` makes the build panic.
pub fn fake_build(root: &Path) -> Result<(Output, Diagnostics), Diagnostics> {
    let mut out = Output::new();
    let mut errors = Diagnostics::new();
    let content = root.join("content");
    for lang in ["vi", "en"] {
        let dir = content.join(lang);
        let mut pages = Vec::new();
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let Ok(entry) = entry else { continue };
            let p = entry.path();
            if p.extension().and_then(|e| e.to_str()) != Some("md") {
                continue;
            }
            if songngu::serve::watch::is_editor_litter(&p.file_name().unwrap().to_string_lossy()) {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(p) else {
                continue;
            };
            let rel = p
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let key = if rel.ends_with("_index.md") {
                format!("{lang}/{}", rel.replace("_index.md", "index.html"))
            } else {
                format!("{lang}/{}", rel.replace(".md", ".html"))
            };
            assert!(
                !text.contains("PANIC"),
                "the stand-in build panics on PANIC"
            );
            if let Some(at) = text.find("BROKEN") {
                let src: Arc<str> = Arc::from(text.as_str());
                errors.push(
                    Diagnostic::error("this page is broken")
                        .at_span(format!("content/{lang}/{rel}"), &src, at..at + 6)
                        .with_hint("remove the word BROKEN"),
                );
            }
            pages.push((key, text));
        }
        let nav: String = pages.iter().map(|(k, _)| format!("<li>{k}</li>")).collect();
        for (key, text) in &pages {
            out.insert(
                key.clone(),
                format!(
                    "<!doctype html>\n<html lang=\"{lang}\"><head><title>t</title></head><body><nav>{nav}</nav><main>{text}</main></body></html>\n"
                ),
            );
        }
    }
    if errors.has_errors() {
        return Err(errors);
    }
    out.insert(
        "index.html",
        "<!doctype html><html lang=\"vi\"><body>root</body></html>",
    );
    out.insert(
        "404.html",
        "<!doctype html><html lang=\"en\"><body><h1>Page not found</h1></body></html>",
    );
    out.insert("assets/style.css", "body { color: black }");
    out.insert("data/vi/t.csv", "a,b\n1,2\n");
    Ok((out, Diagnostics::new()))
}

/// The `songngu` binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_songngu");

/// A small two-language site in the report's format.
pub const SITE: &[(&str, &str)] = &[
    (
        "content/site.toml",
        "languages = [\"vi\", \"en\"]\nbase_path = \"/\"\n\n[lang.vi]\nname = \"Tiếng Việt\"\ntitle = \"Báo cáo thử\"\n\n[lang.en]\nname = \"English\"\ntitle = \"Test report\"\n",
    ),
    ("content/vi/_index.md", "+++\ntitle = \"Báo cáo thử\"\n+++\nTrang bìa.\n"),
    (
        "content/vi/1-dac-diem.md",
        "+++\ntitle = \"I. Đặc điểm\"\nweight = 1\n+++\n## Tình hình\n\nNội dung ban đầu.\n",
    ),
    (
        "content/vi/2-ket-qua/_index.md",
        "+++\ntitle = \"II. Kết quả\"\nweight = 2\n+++\n",
    ),
    (
        "content/vi/2-ket-qua/2-1-so-lieu.md",
        "+++\ntitle = \"2.1. Số liệu\"\nweight = 1\n+++\nSố liệu.\n",
    ),
    ("content/en/_index.md", "+++\ntitle = \"Test report\"\n+++\nCover.\n"),
    (
        "content/en/1-dac-diem.md",
        "+++\ntitle = \"I. Background\"\nweight = 1\n+++\n## Situation\n\nFirst text.\n",
    ),
    (
        "content/en/2-ket-qua/_index.md",
        "+++\ntitle = \"II. Results\"\nweight = 2\n+++\n",
    ),
    (
        "content/en/2-ket-qua/2-1-so-lieu.md",
        "+++\ntitle = \"2.1. Figures\"\nweight = 1\n+++\nFigures.\n",
    ),
];

pub fn write_site(root: &Path) {
    for (rel, text) in SITE {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

/// A running `songngu serve`, stopped with SIGINT when dropped.
pub struct Live {
    pub child: Child,
    pub addr: SocketAddr,
    pub root: PathBuf,
    pub tmp: tempfile::TempDir,
    pub lines: Arc<Mutex<Vec<String>>>,
}

impl Live {
    pub fn start() -> Live {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        write_site(&root);
        Self::start_in(tmp, root, &["--port", "0"])
    }

    pub fn start_in(tmp: tempfile::TempDir, root: PathBuf, extra: &[&str]) -> Live {
        let mut child = Command::new(BIN)
            .arg("serve")
            .arg("--root")
            .arg(&root)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start songngu serve");
        let lines = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let lines = lines.clone();
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines() {
                    let Ok(line) = line else { break };
                    if let Some(at) = line.find("http://") {
                        let url = line[at + 7..].split('/').next().unwrap_or("").to_string();
                        let _ = tx.send(url);
                    }
                    lines.lock().unwrap().push(line);
                }
            });
        }
        let host = rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("no URL printed: {:?}", lines.lock().unwrap()));
        Live {
            child,
            addr: host.parse().expect("host:port"),
            root,
            tmp,
            lines,
        }
    }

    pub fn file(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn output(&self) -> String {
        self.lines.lock().unwrap().join("\n")
    }

    pub fn interrupt(&mut self) -> Option<std::process::ExitStatus> {
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGINT);
        }
        wait_until(Duration::from_secs(10), || {
            self.child.try_wait().ok().flatten()
        })
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        if self.interrupt().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Drops the live-reload script, so that served HTML can be compared with built HTML.
pub fn strip_script(html: &str) -> String {
    match (
        html.find("<script data-songngu-live>"),
        html.rfind("</script>\n"),
    ) {
        (Some(a), Some(b)) if b > a => format!("{}{}", &html[..a], &html[b + 10..]),
        _ => html.to_string(),
    }
}

#[test]
fn parses_a_response() {
    let r = parse(b"HTTP/1.1 404 Not Found\r\ncontent-type: text/plain\r\n\r\nnope");
    assert_eq!(r.status, 404);
    assert_eq!(r.header("Content-Type"), Some("text/plain"));
    assert_eq!(r.text(), "nope");
}
