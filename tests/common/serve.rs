//! Helpers for the serve tests: a minimal HTTP/1 client written on `TcpStream` so that
//! requests go on the wire exactly as written (no client-side normalisation of `..` or
//! `%2e`), an event-stream reader, a stand-in build for library-level tests, and a running
//! `songngu serve` on a small site.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use songngu::diagnostics::{Diagnostic, Diagnostics};
use songngu::output::Output;

use super::site::{Site, BIN};

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

/// Parses a whole response (head and body) as read from the wire.
pub fn parse(buf: &[u8]) -> Resp {
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

    /// Connects and reads the first event, which must be `hello`; returns the stream and
    /// that event.
    pub fn hello(addr: SocketAddr) -> (Events, Event) {
        let mut events = Events::connect(addr);
        let hello = events.next(Duration::from_secs(20)).expect("a hello event");
        assert_eq!(hello.event, "hello", "the first event: {hello:?}");
        (events, hello)
    }

    /// Connects and reads past the `hello` event: the stream is then open and registered.
    pub fn after_hello(addr: SocketAddr) -> Events {
        Events::hello(addr).0
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

    /// Whether the server ends the stream within `timeout` (what it sends before the end
    /// is skipped). A stream still open when the time is up is not closed.
    pub fn closes_within(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                return false;
            };
            self.reader
                .get_ref()
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .unwrap();
            let mut line = String::new();
            match self.reader.read_line(&mut line) {
                Ok(0) => return true,
                Ok(_) => {}
                Err(e) => {
                    let timed_out = matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    );
                    return !timed_out;
                }
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
            // Hidden files (`.#1-a.md`, the lock file of an editor) are not pages.
            if p.file_name().unwrap().to_string_lossy().starts_with('.') {
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

/// A small two-language site in the report's format, for the real preview.
pub fn preview_site() -> Site {
    let site = Site::new();
    site.page("vi/_index.md", "title = \"Báo cáo\"", "Trang bìa.\n")
        .page(
            "vi/1-dac-diem.md",
            "title = \"I. Đặc điểm\"\nweight = 1",
            "## Tình hình\n\nNội dung ban đầu.\n",
        )
        .page(
            "vi/2-ket-qua/_index.md",
            "title = \"II. Kết quả\"\nweight = 2",
            "",
        )
        .page(
            "vi/2-ket-qua/2-1-so-lieu.md",
            "title = \"2.1. Số liệu\"\nweight = 1",
            "Số liệu.\n",
        )
        .page("en/_index.md", "title = \"Report\"", "Cover.\n")
        .page(
            "en/1-dac-diem.md",
            "title = \"I. Background\"\nweight = 1",
            "## Situation\n\nFirst text.\n",
        )
        .page(
            "en/2-ket-qua/_index.md",
            "title = \"II. Results\"\nweight = 2",
            "",
        )
        .page(
            "en/2-ket-qua/2-1-so-lieu.md",
            "title = \"2.1. Figures\"\nweight = 1",
            "Figures.\n",
        );
    site
}

/// A running `songngu serve`, stopped with SIGINT when dropped.
pub struct Live {
    /// The process.
    pub child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
    /// The site it previews.
    pub site: Site,
    /// Every line it printed so far, standard output and error mixed.
    pub lines: Arc<Mutex<Vec<String>>>,
}

impl Live {
    /// Previews [`preview_site`] on a port the system chooses.
    pub fn start() -> Live {
        Self::start_in(preview_site(), &["--port", "0"])
    }

    /// Previews `site` with the extra arguments `extra`; waits for the URL it prints.
    pub fn start_in(site: Site, extra: &[&str]) -> Live {
        let mut child = Command::new(BIN)
            .arg("serve")
            .arg("--root")
            .arg(site.root())
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
            site,
            lines,
        }
    }

    /// The path of `rel` under the site root.
    pub fn file(&self, rel: &str) -> PathBuf {
        self.site.path(rel)
    }

    /// What it printed so far.
    pub fn output(&self) -> String {
        self.lines.lock().unwrap().join("\n")
    }

    /// Sends SIGINT (Ctrl-C) and waits up to 10 s for the process to end.
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

/// Requests that try to leave the served root for `secret.txt` in the folder above it (the
/// site root, beside `content/`) or two above (the folder holding the site root), each with
/// the status the server must answer: 403 from the path check, or 400 where the request is
/// not even valid HTTP. Never 404: that would mean the path was looked up.
pub const TRAVERSALS: &[(&str, u16)] = &[
    ("/../secret.txt", 403),
    ("/../../secret.txt", 403),
    ("/vi/../secret.txt", 403),
    ("/vi/../../secret.txt", 403),
    ("/vi/../../../secret.txt", 403),
    ("/./../secret.txt", 403),
    ("/%2e%2e/secret.txt", 403),
    ("/%2E%2E/%2e%2e/secret.txt", 403),
    ("/vi/%2e%2e/%2e%2e/secret.txt", 403),
    ("/.%2e/secret.txt", 403),
    ("/..%2fsecret.txt", 403),
    ("/..%2F..%2Fsecret.txt", 403),
    ("/%2E%2E%2Fsecret.txt", 403),
    ("/..%5csecret.txt", 403),
    ("/..\\secret.txt", 403),
    ("/vi/..\\..\\secret.txt", 403),
    ("/%252e%252e/secret.txt", 403),
    ("/%c0%ae%c0%ae/secret.txt", 403),
    ("/vi/1-a.html%00.css", 403),
    ("/%00", 403),
    ("/C:/Windows/win.ini", 403),
    ("http://localhost/../secret.txt", 403),
];

/// Sends every request of [`TRAVERSALS`] to `addr` and checks its status, and that no answer
/// holds `secret` (the text of the `secret.txt` files) or a line of `/etc/passwd`. Then the
/// absolute paths of the secret files, and `/etc/passwd`, which name files inside the
/// served root: not found.
pub fn assert_traversals_refused(addr: SocketAddr, secret: &str, secret_files: &[&Path]) {
    let absolute: Vec<(String, u16)> = secret_files
        .iter()
        .flat_map(|f| [format!("/{}", f.display()), format!("//{}", f.display())])
        .chain(["/etc/passwd".to_string(), "//etc/passwd".to_string()])
        .map(|p| (p, 404))
        .collect();
    let traversals = TRAVERSALS.iter().map(|&(p, s)| (p.to_string(), s));
    for (target, status) in traversals.chain(absolute) {
        let r = raw(
            addr,
            format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        let body = r.text();
        assert!(!body.contains(secret), "{target} served the secret file");
        assert!(!body.contains("root:x:0"), "{target} served /etc/passwd");
        let start: String = body.chars().take(200).collect();
        assert_eq!(r.status, status, "{target}: {start}");
    }
}
