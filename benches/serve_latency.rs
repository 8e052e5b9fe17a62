//! Save-to-reload latency of `songngu serve` (harness = false).
//!
//! ```text
//! cargo bench --bench serve_latency                       # the report (if content/ exists) and 5,000 chapters per language
//! cargo bench --bench serve_latency -- report             # only the report
//! cargo bench --bench serve_latency -- 5000 500           # generated corpora of N chapters per language
//! cargo bench --bench serve_latency -- /path/to/site      # any site root
//! SONGNGU_BENCH_RUNS=30 cargo bench --bench serve_latency
//! SONGNGU_BENCH_BIN=/path/to/songngu cargo bench --bench serve_latency   # another binary
//! ```
//!
//! For each site it copies `content/` (and `theme/`, if any) into a scratch folder under
//! `target/bench-serve/`, starts the release binary `songngu serve --root COPY --port 0`,
//! opens the event stream `/__songngu/events` and then, `SONGNGU_BENCH_RUNS` times (default
//! 20), saves one chapter the way editors do (write a temporary file, rename it over the
//! chapter) and measures the time from just before the rename to the arrival of the
//! `reload` event, which the server sends only once the new output is being served. It also
//! collects the server's own "built in N ms" figure for each rebuild, so that the time spent
//! in `build::Builder` can be told apart from watching, debouncing and delivery.
//! Generated corpora come from `examples/gen_corpus.rs` (cached under `target/bench-corpus/`).

// Test, benchmark and example crates: their `pub` items are shared between their own modules.
#![allow(unreachable_pub)]

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn main() {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target = manifest.join("target");
    // Another binary (e.g. an older build kept for comparison) may be measured instead.
    let exe = std::env::var_os("SONGNGU_BENCH_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_songngu")),
        PathBuf::from,
    );
    let runs: usize = std::env::var("SONGNGU_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let mut args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if args.is_empty() {
        if manifest.join("content/site.toml").exists() {
            args.push("report".into());
        }
        args.push("5000".into());
    }
    let mut table = String::from(
        "| site | pages | first build | save → reload: min | median | p90 | max | Builder time (median) | serve's own share (median) |\n|---|---|---|---|---|---|---|---|---|\n",
    );
    for arg in args {
        let (name, source) = if arg == "report" {
            ("report".to_string(), manifest.clone())
        } else if let Ok(n) = arg.parse::<usize>() {
            (format!("corpus {n}/lang"), corpus(&target, n, 1))
        } else {
            (arg.clone(), PathBuf::from(&arg))
        };
        let scratch = target.join("bench-serve").join(sanitize(&name));
        if let Err(e) = prepare(&source, &scratch) {
            eprintln!("{name}: cannot copy {}: {e}", source.display());
            continue;
        }
        match measure(&exe, &scratch, runs) {
            Ok(r) => {
                let row = r.row(&name);
                println!("{row}");
                table.push_str(&row);
                table.push('\n');
            }
            Err(e) => eprintln!("{name}: {e}"),
        }
    }
    println!("\n{table}");
}

fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

struct Result_ {
    pages: usize,
    first: String,
    latencies: Vec<Duration>,
    builds: Vec<u64>,
}

impl Result_ {
    fn row(&self, name: &str) -> String {
        let mut l = self.latencies.clone();
        l.sort();
        let mut b = self.builds.clone();
        b.sort();
        // Latency minus the build time of the same save: watching, debouncing, swapping and
        // delivering the event.
        let mut own: Vec<f64> = self
            .latencies
            .iter()
            .zip(&self.builds)
            .map(|(l, b)| l.as_secs_f64() * 1000.0 - *b as f64)
            .collect();
        own.sort_by(f64::total_cmp);
        let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
        let pick = |q: f64| l[((l.len() - 1) as f64 * q).round() as usize];
        format!(
            "| {name} | {} | {} | {} | {} | {} | {} | {} | {} |",
            self.pages,
            self.first,
            ms(l[0]),
            ms(pick(0.5)),
            ms(pick(0.9)),
            ms(l[l.len() - 1]),
            b.get(b.len() / 2)
                .map_or("?".to_string(), |v| format!("{v} ms")),
            own.get(own.len() / 2)
                .map_or("?".to_string(), |v| format!("{v:.1} ms")),
        )
    }
}

/// The cached generated corpus of `pages` chapters per language.
fn corpus(target: &Path, pages: usize, seed: u64) -> PathBuf {
    let dir = target
        .join("bench-corpus")
        .join(format!("p{pages}-s{seed}-v{}", gen_corpus::CORPUS_VERSION));
    let stamp = dir.join(".complete");
    if !stamp.exists() {
        if let Err(e) = gen_corpus::generate(&dir, pages, seed) {
            eprintln!("cannot generate the corpus in {}: {e}", dir.display());
            std::process::exit(1);
        }
        let _ = fs::write(&stamp, "");
    }
    dir
}

/// A fresh copy of `source`'s `content/` and `theme/` in `scratch`.
fn prepare(source: &Path, scratch: &Path) -> std::io::Result<()> {
    if scratch.exists() {
        fs::remove_dir_all(scratch)?;
    }
    for dir in ["content", "theme"] {
        let from = source.join(dir);
        if !from.is_dir() {
            continue;
        }
        for entry in walkdir(&from)? {
            let rel = entry.strip_prefix(source).unwrap();
            let to = scratch.join(rel);
            fs::create_dir_all(to.parent().unwrap())?;
            fs::copy(&entry, &to)?;
        }
    }
    Ok(())
}

fn walkdir(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d)? {
            let e = e?;
            if e.file_type()?.is_dir() {
                stack.push(e.path());
            } else {
                out.push(e.path());
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A chapter to edit: a Markdown file that is not a section page, from the middle of the list.
fn pick_chapter(root: &Path) -> Option<PathBuf> {
    let all = walkdir(&root.join("content")).ok()?;
    let chapters: Vec<PathBuf> = all
        .into_iter()
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md")
                && p.file_name().is_some_and(|n| n != "_index.md")
        })
        .collect();
    chapters.get(chapters.len() / 2).cloned()
}

struct Server {
    child: Child,
    addr: SocketAddr,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(exe: &Path, root: &Path) -> Result<(Server, Duration), String> {
    let t0 = Instant::now();
    let mut child = Command::new(exe)
        .arg("serve")
        .arg("--root")
        .arg(root)
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
    let stdout = child.stdout.take().unwrap();
    let lines = Arc::new(Mutex::new(Vec::new()));
    let (tx, rx) = mpsc::channel();
    {
        let lines = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(at) = line.find("http://") {
                    let _ = tx.send(line[at + 7..].split('/').next().unwrap_or("").to_string());
                }
                lines.lock().unwrap().push(line);
            }
        });
    }
    let host = rx
        .recv_timeout(Duration::from_secs(300))
        .map_err(|_| "the server printed no URL".to_string())?;
    let addr = host.parse().map_err(|e| format!("{host}: {e}"))?;
    Ok((Server { child, addr, lines }, t0.elapsed()))
}

fn read_event(reader: &mut BufReader<TcpStream>, deadline: Instant) -> Option<(String, String)> {
    let mut event = String::new();
    let mut data = String::new();
    loop {
        let left = deadline.checked_duration_since(Instant::now())?;
        reader
            .get_ref()
            .set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .ok()?;
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            if !event.is_empty() {
                return Some((event, data));
            }
        } else if let Some(v) = line.strip_prefix("event:") {
            event = v.trim().to_string();
        } else if let Some(v) = line.strip_prefix("data:") {
            data.push_str(v.trim());
        }
    }
}

fn measure(exe: &Path, root: &Path, runs: usize) -> Result<Result_, String> {
    let chapter = pick_chapter(root).ok_or("no chapter to edit")?;
    let original = fs::read_to_string(&chapter).map_err(|e| e.to_string())?;
    let pages = walkdir(&root.join("content"))
        .map_err(|e| e.to_string())?
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .count();
    let (server, first) = start(exe, root)?;
    let first_line = server
        .lines
        .lock()
        .unwrap()
        .iter()
        .find(|l| l.starts_with("first build"))
        .cloned()
        .unwrap_or_default();
    if first_line.contains("failed") {
        return Err(format!("the site does not build: {first_line}"));
    }
    let mut stream = TcpStream::connect(server.addr).map_err(|e| e.to_string())?;
    stream
        .write_all(b"GET /__songngu/events HTTP/1.0\r\n\r\n")
        .map_err(|e| e.to_string())?;
    let mut reader = BufReader::new(stream);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).map_err(|e| e.to_string())?;
        if line.trim().is_empty() || Instant::now() > deadline {
            break;
        }
    }
    read_event(&mut reader, Instant::now() + Duration::from_secs(10)).ok_or("no hello event")?;

    let tmp = chapter.with_file_name(".bench-save.tmp");
    let mut latencies = Vec::new();
    for i in 0..runs {
        let text = format!("{original}\n\nĐoạn thêm khi đo lần {i}.\n");
        fs::write(&tmp, text).map_err(|e| e.to_string())?;
        let t0 = Instant::now();
        fs::rename(&tmp, &chapter).map_err(|e| e.to_string())?;
        loop {
            match read_event(&mut reader, t0 + Duration::from_secs(120)) {
                Some((e, _)) if e == "reload" => break,
                Some((e, data)) if e == "build-error" => {
                    return Err(format!("the edit did not build: {data}"))
                }
                Some(_) => continue,
                None => return Err(format!("no reload event within 120 s (run {i})")),
            }
        }
        latencies.push(t0.elapsed());
        // Let the server finish its summary line before the next save.
        std::thread::sleep(Duration::from_millis(150));
    }
    fs::write(&chapter, &original).map_err(|e| e.to_string())?;
    let builds: Vec<u64> = server
        .lines
        .lock()
        .unwrap()
        .iter()
        .filter(|l| !l.starts_with("first build"))
        .filter_map(|l| {
            let at = l.find("built in ")? + "built in ".len();
            l[at..].split(' ').next()?.parse().ok()
        })
        .collect();
    let first_ms = first_line
        .split("built in ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .map_or(format!("{} ms (start)", first.as_millis()), |ms| {
            format!("{ms} ms")
        });
    Ok(Result_ {
        pages,
        first: first_ms,
        latencies,
        builds,
    })
}
