//! The fixture the tests start from: a temporary site written file by file, built with the
//! real binary ([`Site::build`]) or in-process ([`Site::builder`]), and the HTML it writes
//! read back through CSS selectors ([`Doc`]).
//!
//! ```ignore
//! let site = Site::new(); // content/site.toml with Vietnamese and English
//! site.page("vi/_index.md", "title = \"Bìa\"", "Giới thiệu.\n")
//!     .page("vi/a.md", "title = \"A\"\nweight = 1", "## Mục một\n");
//! let built = site.build().assert_success();
//! assert_eq!(built.html("vi/a.html").texts("article h1"), ["A"]);
//! ```

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{Html, Selector};
use songngu::build::{BuildOptions, Builder, Built};
use songngu::diagnostics::Diagnostics;

/// The `songngu` binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_songngu");

/// The smallest `site.toml` of a two-language site: Vietnamese, the source, and English.
pub const SITE_TOML: &str = "languages = [\"vi\", \"en\"]\n[lang.vi]\nname = \"Tiếng Việt\"\ntitle = \"Báo cáo\"\n[lang.en]\nname = \"English\"\ntitle = \"Report\"\n";

/// A site in a temporary folder, removed when dropped.
///
/// The site root is a folder `site/` inside the temporary folder, so that the folder around
/// it ([`Site::outside`]) is there for files that must stay out of reach.
pub struct Site {
    tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Site {
    /// A site with [`SITE_TOML`] and no pages yet.
    pub fn new() -> Site {
        let site = Site::empty();
        site.file("content/site.toml", SITE_TOML);
        site
    }

    /// An empty site root: not even `content/`.
    pub fn empty() -> Site {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        let root = tmp.path().join("site");
        fs::create_dir_all(&root).expect("the site root");
        Site { tmp, root }
    }

    /// The site root (the folder holding `content/`).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The canonical site root, the form a file watcher reports paths in.
    pub fn canonical_root(&self) -> PathBuf {
        fs::canonicalize(&self.root).expect("the site root exists")
    }

    /// The temporary folder holding the site root: beside the site, not in it.
    pub fn outside(&self) -> &Path {
        self.tmp.path()
    }

    /// The path of `rel` under the site root.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Writes the Markdown page `content/{path}`: `front_matter` (TOML lines) between `+++`
    /// lines, then `body`.
    pub fn page(&self, path: &str, front_matter: &str, body: &str) -> &Site {
        let front = front_matter.trim_end_matches('\n');
        self.file(
            &format!("content/{path}"),
            format!("+++\n{front}\n+++\n{body}"),
        )
    }

    /// Writes `text` to `path` under the site root, creating the folders on the way.
    pub fn file(&self, path: &str, text: impl AsRef<[u8]>) -> &Site {
        let p = self.root.join(path);
        fs::create_dir_all(p.parent().expect("a file in a folder")).expect("create folders");
        fs::write(&p, text).unwrap_or_else(|e| panic!("write {}: {e}", p.display()));
        self
    }

    /// Removes the file or folder `path` under the site root.
    pub fn remove(&self, path: &str) -> &Site {
        let p = self.root.join(path);
        let result = if p.is_dir() {
            fs::remove_dir_all(&p)
        } else {
            fs::remove_file(&p)
        };
        result.unwrap_or_else(|e| panic!("remove {}: {e}", p.display()));
        self
    }

    /// The text of `path` under the site root.
    pub fn read(&self, path: &str) -> String {
        let p = self.root.join(path);
        fs::read_to_string(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()))
    }

    /// `songngu build --root ROOT`: the site goes to `public/` under the root.
    pub fn build(&self) -> Run {
        self.run_in(&["build"], &[])
            .with_out(self.root.join("public"))
    }

    /// `songngu build --root ROOT --out OUT`.
    pub fn build_into(&self, out: &Path) -> Run {
        let out_arg = out.as_os_str();
        self.run_in(&["build"], &[OsStr::new("--out"), out_arg])
            .with_out(out.to_path_buf())
    }

    /// `songngu ARGS --root ROOT`, from the site root, with `NO_COLOR` set.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_in(args, &[]).with_out(self.root.join("public"))
    }

    fn run_in(&self, args: &[&str], extra: &[&OsStr]) -> Run {
        let mut command = Command::new(BIN);
        command
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .args(extra)
            .current_dir(&self.root);
        run(command)
    }

    /// The build options `serve` and `build` use, for this site.
    pub fn options(&self, preview: bool) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            drafts: false,
            preview,
        }
    }

    /// An in-process builder for this site; `preview` as the preview sets it.
    pub fn builder(&self, preview: bool) -> Builder {
        Builder::new(self.options(preview))
    }

    /// A clean in-process build, with fresh caches.
    pub fn clean_build(&self) -> Result<Built, Diagnostics> {
        self.builder(false).build()
    }
}

/// `songngu ARGS` with no site (the current folder is the test's).
pub fn songngu<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut command = Command::new(BIN);
    command.args(args);
    run(command).with_out(PathBuf::new())
}

fn run(mut command: Command) -> Run {
    let o = command
        .env("NO_COLOR", "1")
        .output()
        .expect("run the songngu binary");
    Run {
        code: o.status.code(),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        out: PathBuf::new(),
    }
}

/// What a run of the binary did: its exit code, what it printed, and where a build wrote.
#[derive(Debug)]
pub struct Run {
    /// The exit code (`None` when killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// The output folder of a build.
    pub out: PathBuf,
}

impl Run {
    fn with_out(mut self, out: PathBuf) -> Run {
        self.out = out;
        self
    }

    /// Whether the exit code is 0.
    pub fn success(&self) -> bool {
        self.code == Some(0)
    }

    /// The run itself, after checking that it succeeded (panics with its stderr otherwise).
    #[track_caller]
    pub fn assert_success(self) -> Run {
        assert!(
            self.success(),
            "songngu exited with {:?}:\n{}{}",
            self.code,
            self.stdout,
            self.stderr
        );
        self
    }

    /// The path of `rel` in the output folder.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.out.join(rel)
    }

    /// The text of the output file `rel`.
    pub fn read(&self, rel: &str) -> String {
        let p = self.path(rel);
        fs::read_to_string(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()))
    }

    /// The output file `rel`, parsed as an HTML document.
    pub fn html(&self, rel: &str) -> Doc {
        Doc::parse(&self.read(rel))
    }
}

/// Parsed HTML, queried with CSS selectors.
pub struct Doc(pub Html);

impl Doc {
    /// A whole document.
    pub fn parse(html: &str) -> Doc {
        Doc(Html::parse_document(html))
    }

    /// A fragment (a rendered table, a snippet).
    pub fn fragment(html: &str) -> Doc {
        Doc(Html::parse_fragment(html))
    }

    /// The trimmed text of every element matching `css`.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.0
            .select(&selector(css))
            .map(|e| e.text().collect::<String>().trim().to_string())
            .collect()
    }

    /// The attribute `attr` of every element matching `css` that has it.
    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        self.0
            .select(&selector(css))
            .filter_map(|e| e.value().attr(attr).map(str::to_string))
            .collect()
    }

    /// How many elements match `css`.
    pub fn count(&self, css: &str) -> usize {
        self.0.select(&selector(css)).count()
    }
}

/// The selector `css`, which must parse.
pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"))
}
