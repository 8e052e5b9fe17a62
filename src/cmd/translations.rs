//! `songngu translations`: the state of every translation, and marking checked ones.
//!
//! Without options it prints, per language other than the source, one line per page:
//! `up to date`, `stale` (the source changed since the translation was marked, or it was
//! never marked), `missing` (readers see the source page with a notice) or `orphan` (no
//! source page). `--strict` exits 1 when anything is not up to date.
//! `--mark PATH…` records in each translated page (or every page under a folder) that it
//! translates the current version of its source page.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use songngu::load::Loader;
use songngu::model::{self, Translation};
use songngu::translations::source_hash;

/// Arguments of `songngu translations`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct TranslationsArgs {
    /// The site's root folder (the one containing `content/`).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Exit with status 1 when any translation is stale, missing or an orphan.
    #[arg(long)]
    pub strict: bool,
    /// Mark these translated pages (files, or folders of them) as translating the current
    /// version of their source page. Paths are taken from the current folder.
    #[arg(long, num_args = 1.., value_name = "PATH")]
    pub mark: Vec<PathBuf>,
}

/// Runs `songngu translations`.
pub(crate) fn run(args: TranslationsArgs) -> ExitCode {
    if let Some(code) = super::check_root(&args.root) {
        return code;
    }
    let mut loader = Loader::new();
    let (content, diags) = loader.load(&args.root);
    let Some(content) = content else {
        eprint!(
            "{}",
            songngu::diagnostics::Diagnostics::from(diags).render(false)
        );
        return super::exit(super::EXIT_CONTENT);
    };
    if !args.mark.is_empty() {
        return mark(&args, &content);
    }
    let errors: songngu::diagnostics::Diagnostics =
        diags.into_iter().filter(|d| d.is_error()).collect();
    if errors.has_errors() {
        eprint!("{}", errors.render(false));
    }
    let (site, _) = model::build(&content, true);
    let src = content.config.source_language();
    let mut not_ok = 0;
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for ls in site.languages.iter().filter(|l| l.code != src) {
        for p in &ls.pages {
            if p.file.is_none() {
                continue;
            }
            let state = match &p.translation {
                Translation::UpToDate => "up to date".to_string(),
                Translation::Stale { marked: None, .. } => {
                    not_ok += 1;
                    "stale (never marked)".to_string()
                }
                Translation::Stale {
                    marked: Some(m),
                    current,
                } => {
                    not_ok += 1;
                    format!("stale (marked {m}, source now {current})")
                }
                Translation::Missing => {
                    not_ok += 1;
                    "missing".to_string()
                }
                Translation::Orphan => {
                    not_ok += 1;
                    "orphan (no source page)".to_string()
                }
                Translation::Source => continue,
            };
            rows.push((
                ls.code.clone(),
                format!("content/{}/{}", ls.code, p.key),
                state,
            ));
        }
    }
    let w = rows
        .iter()
        .map(|r| r.1.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    println!("{:<4}  {:<w$}  status", "lang", "page");
    for (l, p, s) in &rows {
        println!("{l:<4}  {p:<w$}  {s}");
    }
    let total = rows.len();
    println!(
        "{} of {} translated pages up to date",
        total - not_ok,
        total
    );
    if not_ok > 0 {
        println!(
            "hint: after checking a translation against its source, run `songngu translations --mark content/<lang>/<page>.md`"
        );
    }
    if args.strict && not_ok > 0 {
        super::exit(super::EXIT_CONTENT)
    } else {
        super::exit(super::EXIT_OK)
    }
}

fn mark(args: &TranslationsArgs, content: &songngu::load::Content) -> ExitCode {
    let src = content.config.source_language().to_string();
    let content_dir = std::fs::canonicalize(args.root.join("content")).unwrap_or_default();
    let mut files: Vec<PathBuf> = Vec::new();
    for p in &args.mark {
        if p.is_dir() {
            for e in walkdir::WalkDir::new(p)
                .sort_by_file_name()
                .into_iter()
                .flatten()
            {
                if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md") {
                    files.push(e.path().to_path_buf());
                }
            }
        } else {
            files.push(p.clone());
        }
    }
    let mut failed = false;
    for f in files {
        match mark_one(&f, &content_dir, &src, content) {
            Ok(Some(hash)) => println!("marked {} as translating {hash}", f.display()),
            Ok(None) => println!("{} already marked as up to date", f.display()),
            Err(msg) => {
                eprintln!("error: {}: {msg}", f.display());
                failed = true;
            }
        }
    }
    if failed {
        super::exit(super::EXIT_CONTENT)
    } else {
        super::exit(super::EXIT_OK)
    }
}

fn mark_one(
    file: &Path,
    content_dir: &Path,
    src: &str,
    content: &songngu::load::Content,
) -> Result<Option<String>, String> {
    let abs = std::fs::canonicalize(file).map_err(|e| format!("cannot read it: {e}"))?;
    let rel = abs
        .strip_prefix(content_dir)
        .map_err(|_| "not inside the site's content/ folder".to_string())?;
    let mut parts = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let lang = parts.next().unwrap_or_default();
    let key: Vec<String> = parts.collect();
    let key = key.join("/");
    if lang == src {
        return Err(format!(
            "this is a page of the source language `{src}`; mark its translations instead"
        ));
    }
    if !content.config.languages.contains(&lang) {
        return Err(format!("`{lang}` is not a language of this site"));
    }
    let source = content
        .pages
        .get(src)
        .and_then(|m| m.get(&key))
        .ok_or_else(|| format!("there is no source page content/{src}/{key} to translate"))?;
    let page = content
        .pages
        .get(&lang)
        .and_then(|m| m.get(&key))
        .ok_or_else(|| {
            "the page could not be read (see `songngu build` for its errors)".to_string()
        })?;
    let hash = source_hash(source);
    if page.front.translation_of.as_deref() == Some(hash.as_str()) {
        return Ok(None);
    }
    let new_text = page.with_translation_of(&hash);
    std::fs::write(file, new_text).map_err(|e| format!("cannot write it: {e}"))?;
    Ok(Some(hash))
}
