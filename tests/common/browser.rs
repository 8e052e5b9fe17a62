//! Browser test harness: Debian's chromedriver + headless Chromium driven through WebDriver
//! (the `fantoccini` crate, which never downloads a browser), a tiny static HTTP server on
//! 127.0.0.1 and `file://` URLs.
//!
//! Usage in a test:
//!
//! ```ignore
//! use crate::browser::{Browser, StaticServer};
//!
//! #[tokio::test]
//! async fn finds_things() {
//!     let Some(browser) = Browser::start().await else { return }; // skipped loudly, or fails under CI=true
//!     let server = StaticServer::start(site_dir, "/docs/");
//!     browser.goto(&server.url("vi/index.html")).await;
//!     // ... drive browser.client ...
//!     browser.close().await;
//! }
//! ```
//!
//! When `/usr/bin/chromium` or `/usr/bin/chromedriver` is missing, [`Browser::start`] prints a
//! loud banner and returns `None`; when the environment variable `CI` is `true` it panics
//! instead, so that a CI run cannot pass without running the browser tests.
//! Set `SONGNGU_CHROMIUM` / `SONGNGU_CHROMEDRIVER` to use other binaries.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Component, Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::Value;

/// Default path of Debian's Chromium.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Default path of Debian's chromedriver.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

fn chromium_path() -> PathBuf {
    std::env::var_os("SONGNGU_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(CHROMIUM))
}

fn chromedriver_path() -> PathBuf {
    std::env::var_os("SONGNGU_CHROMEDRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(CHROMEDRIVER))
}

/// True when the environment says we run in CI (`CI=true`), where skipping is an error.
pub fn in_ci() -> bool {
    std::env::var("CI").map(|v| v == "true").unwrap_or(false)
}

/// Reports that browser tests cannot run: panics under `CI=true`, otherwise prints a banner.
pub fn skip(reason: &str) {
    if in_ci() {
        panic!("browser tests cannot run under CI=true: {reason}");
    }
    // Written to the stderr handle directly: the test harness captures `eprintln!` output of
    // passing tests, and this message must be seen.
    let banner = format!(
        "\n################################################################\n\
         ##  BROWSER TESTS SKIPPED: {reason}\n\
         ##  install them with: apt-get install -y chromium chromium-driver\n\
         ##  (under CI=true this is a failure, not a skip)\n\
         ################################################################\n\n"
    );
    let _ = std::io::stderr().write_all(banner.as_bytes());
}

/// A running chromedriver with one headless Chromium session.
pub struct Browser {
    /// The WebDriver client; use it for anything the helpers below do not cover.
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free local port")
}

/// Kills the whole process group led by `child` (chromedriver and the browsers it started).
fn kill_group(child: &mut Child) {
    let pgid = child.id();
    let _ = Command::new("kill")
        .args(["-TERM", "--", &format!("-{pgid}")])
        .stderr(Stdio::null())
        .status();
    let deadline = Instant::now() + Duration::from_secs(3);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{pgid}")])
        .stderr(Stdio::null())
        .status();
    let _ = child.wait();
}

impl Browser {
    /// Starts chromedriver and a fresh headless Chromium session.
    ///
    /// Returns `None` (after a loud message) when the browser is not installed; panics under
    /// `CI=true` in that case, and whenever the installed browser fails to start.
    pub async fn start() -> Option<Browser> {
        let chromium = chromium_path();
        let driver_bin = chromedriver_path();
        for bin in [&chromium, &driver_bin] {
            if !bin.is_file() {
                skip(&format!("{} is not installed", bin.display()));
                return None;
            }
        }
        let profile = tempfile::Builder::new()
            .prefix("songngu-chromium-")
            .tempdir()
            .expect("cannot create a browser profile directory");
        // A free port can be taken by another test's chromedriver between choosing and
        // binding it (tests run in parallel): then our driver exits, or the session goes to
        // the wrong driver. Start again on a new port a few times before giving up.
        let mut attempt = 0;
        let (client, driver) = loop {
            attempt += 1;
            let port = free_port();
            let mut driver = Command::new(&driver_bin)
                .arg(format!("--port={port}"))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .process_group(0)
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {}: {e}", driver_bin.display()));

            // Wait for chromedriver to listen (and to still be ours).
            let deadline = Instant::now() + Duration::from_secs(20);
            let mut listening = false;
            while Instant::now() < deadline {
                if matches!(driver.try_wait(), Ok(Some(_))) {
                    break;
                }
                if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    listening = true;
                    break;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            if !listening || matches!(driver.try_wait(), Ok(Some(_))) {
                kill_group(&mut driver);
                if attempt < 4 {
                    continue;
                }
                panic!("chromedriver did not listen on port {port} within 20 s");
            }

            let args = vec![
                "--headless".to_string(),
                "--no-sandbox".into(),
                "--disable-gpu".into(),
                "--disable-quic".into(),
                "--no-first-run".into(),
                "--disable-background-networking".into(),
                "--disable-component-update".into(),
                "--disable-sync".into(),
                "--disable-dev-shm-usage".into(),
                "--window-size=1280,900".into(),
                format!("--user-data-dir={}", profile.path().display()),
            ];
            let mut caps = serde_json::Map::new();
            caps.insert("browserName".into(), Value::from("chrome"));
            caps.insert(
                "goog:chromeOptions".into(),
                serde_json::json!({ "binary": chromium.display().to_string(), "args": args }),
            );
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps)
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(c) => break (c, driver),
                Err(e) => {
                    kill_group(&mut driver);
                    if attempt < 4 {
                        continue;
                    }
                    panic!("cannot start a Chromium session through chromedriver: {e}");
                }
            }
        };
        Some(Browser {
            client,
            driver,
            _profile: profile,
        })
    }

    /// Navigates to `url` (http:// or file://).
    pub async fn goto(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and returns its result.
    pub async fn eval(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Polls the JavaScript expression `expr` until it is truthy; returns its last value.
    /// Panics with `what` after `timeout`.
    pub async fn wait_for(&self, expr: &str, timeout: Duration, what: &str) -> Value {
        let deadline = Instant::now() + timeout;
        let script = format!("return ({expr});");
        loop {
            let v = self.eval(&script, vec![]).await;
            let truthy = match &v {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
                Value::String(s) => !s.is_empty(),
                _ => true,
            };
            if truthy {
                return v;
            }
            if Instant::now() > deadline {
                panic!("timed out after {timeout:?} waiting for {what} ({expr})");
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Finds one element by CSS selector (panics when absent).
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element matches {css}: {e}"))
    }

    /// Ends the session and stops chromedriver and the browser.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        kill_group(&mut self.driver);
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Ok(None) = self.driver.try_wait() {
            kill_group(&mut self.driver);
        }
    }
}

/// One request the [`StaticServer`] answered.
#[derive(Clone, Debug)]
pub struct Served {
    /// The request path as sent (without query string).
    pub path: String,
    /// HTTP status code.
    pub status: u16,
    /// Body bytes sent.
    pub bytes: u64,
}

/// A tiny static file server on 127.0.0.1, serving `root` under the URL prefix `prefix`
/// (`"/"` or a sub-path like `"/docs/"`). Paths outside the prefix answer 404.
pub struct StaticServer {
    base: String,
    stop: Arc<AtomicBool>,
    log: Arc<Mutex<Vec<Served>>>,
    port: u16,
    thread: Option<JoinHandle<()>>,
}

impl StaticServer {
    /// Starts serving `root` at `http://127.0.0.1:PORT{prefix}`.
    pub fn start(root: &Path, prefix: &str) -> StaticServer {
        let mut prefix = prefix.to_string();
        if !prefix.starts_with('/') {
            prefix.insert(0, '/');
        }
        if !prefix.ends_with('/') {
            prefix.push('/');
        }
        let listener = TcpListener::bind("127.0.0.1:0").expect("cannot bind 127.0.0.1");
        let port = listener.local_addr().expect("local addr").port();
        let stop = Arc::new(AtomicBool::new(false));
        let log = Arc::new(Mutex::new(Vec::new()));
        let root = root.to_path_buf();
        let (stop2, log2, prefix2) = (stop.clone(), log.clone(), prefix.clone());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (root, prefix, log) = (root.clone(), prefix2.clone(), log2.clone());
                std::thread::spawn(move || handle(stream, &root, &prefix, &log));
            }
        });
        StaticServer {
            base: format!("http://127.0.0.1:{port}{prefix}"),
            stop,
            log,
            port,
            thread: Some(thread),
        }
    }

    /// The URL of `path` (relative to the served root).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path.trim_start_matches('/'))
    }

    /// Every request answered so far.
    pub fn served(&self) -> Vec<Served> {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// Forgets the requests answered so far.
    pub fn clear_log(&self) {
        if let Ok(mut l) = self.log.lock() {
            l.clear();
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The content type the preview server sends for `path` (one table for both servers).
fn content_type(path: &Path) -> &'static str {
    songngu::serve::paths::content_type(&path.to_string_lossy())
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn handle(mut stream: TcpStream, root: &Path, prefix: &str, log: &Mutex<Vec<Served>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Drain headers.
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {}
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/").to_string();

    let file = path.strip_prefix(prefix).and_then(|rest| {
        let rest = percent_decode(rest);
        let rel = Path::new(&rest);
        if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
            return None;
        }
        let mut p = root.join(rel);
        if p.is_dir() {
            p = p.join("index.html");
        }
        p.is_file().then_some(p)
    });
    let (status, reason, body, ctype) = match (method, file) {
        ("GET" | "HEAD", Some(p)) => {
            let mut body = Vec::new();
            match std::fs::File::open(&p).and_then(|mut f| f.read_to_end(&mut body)) {
                Ok(_) => (200, "OK", body, content_type(&p)),
                Err(_) => (
                    500,
                    "Internal Server Error",
                    b"error".to_vec(),
                    "text/plain",
                ),
            }
        }
        ("GET" | "HEAD", None) => (404, "Not Found", b"not found".to_vec(), "text/plain"),
        _ => (405, "Method Not Allowed", Vec::new(), "text/plain"),
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    if method != "HEAD" {
        let _ = stream.write_all(&body);
    }
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Both);
    if let Ok(mut l) = log.lock() {
        l.push(Served {
            path,
            status,
            bytes: body.len() as u64,
        });
    }
}

/// The `file://` URL of an absolute or relative local path.
pub fn file_url(path: &Path) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::from("file://");
    for b in abs.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
