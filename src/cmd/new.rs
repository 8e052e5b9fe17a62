//! `songngu new DIR`: create a small site that builds and serves as it is, in the
//! languages asked for (`--lang`, Vietnamese and English by default), as a report with
//! the document's metadata on its cover or as plain documentation (`--kind`).
//!
//! The pages come from `src/cmd/new/<scaffold>/<vi|en>/`, embedded in the binary: a
//! Vietnamese language gets the Vietnamese text where there is one, every other language
//! the English text. `{lang}` in a page stands for the language's code.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use include_dir::{include_dir, Dir, File};
use songngu::translations::hash_text;

/// Arguments of `songngu new`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct NewArgs {
    /// The folder to create (it must not exist, or be empty).
    pub dir: PathBuf,
    /// A language of the site by its code (`vi`, `en`, `fr`, `zh-Hans`…); repeat it for
    /// each language, the source language first [default: --lang vi --lang en]
    #[arg(long = "lang", value_name = "CODE")]
    pub langs: Vec<String>,
    /// The kind of site.
    #[arg(long, value_enum, default_value_t = Kind::Report)]
    pub kind: Kind,
}

/// The kinds of site `songngu new` makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Kind {
    /// A report: the document's issuer, number, date and place on the cover
    /// (`[document]` in site.toml), then numbered chapters.
    Report,
    /// Plain documentation: a cover and a "Getting started" section of two pages.
    Docs,
}

/// The scaffolds' pages: `<scaffold>/<vi|en>/<path>`.
static SCAFFOLDS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/cmd/new");

/// Common languages' names in their own language; another code is its own name.
const LANGUAGE_NAMES: &[(&str, &str)] = &[
    ("vi", "Tiếng Việt"),
    ("en", "English"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("es", "Español"),
    ("zh", "中文"),
    ("ja", "日本語"),
    ("ko", "한국어"),
    ("th", "ไทย"),
    ("lo", "ລາວ"),
    ("km", "ខ្មែរ"),
    ("ru", "Русский"),
];

/// Runs `songngu new`.
pub(crate) fn run(args: NewArgs) -> ExitCode {
    let langs = if args.langs.is_empty() {
        vec!["vi".to_string(), "en".to_string()]
    } else {
        args.langs
    };
    let problems = check_codes(&langs);
    for (message, hint) in &problems {
        eprintln!("error: {message}\n  hint: {hint}");
    }
    if !problems.is_empty() {
        return super::exit(super::EXIT_USAGE);
    }
    let dir = &args.dir;
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        eprintln!(
            "error: {} already exists and is not empty\n  hint: choose a new folder name",
            dir.display()
        );
        return super::exit(super::EXIT_USAGE);
    }
    match write_site(dir, &langs, args.kind) {
        Ok(()) => {
            print_created(dir, &langs);
            super::exit(super::EXIT_OK)
        }
        Err(e) => {
            eprintln!("error: cannot create {}: {e}", dir.display());
            super::exit(super::EXIT_USAGE)
        }
    }
}

/// Says what was made and what to do next.
fn print_created(dir: &Path, langs: &[String]) {
    let d = dir.display();
    println!("created a new site in {d} ({})", langs.join(", "));
    let english: Vec<&str> = langs
        .iter()
        .filter(|l| !has_own_text(l))
        .map(String::as_str)
        .collect();
    if !english.is_empty() {
        println!(
            "  note: the pages of {} hold the English text, to translate",
            english.join(", ")
        );
    }
    println!("  build it:   songngu build --root {d}\n  preview it: songngu serve --root {d}");
}

/// Checks the language codes: each a BCP 47 tag of letters, digits and `-`, none twice.
/// Every problem, each as its message and a hint.
fn check_codes(langs: &[String]) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    for (i, code) in langs.iter().enumerate() {
        if !is_code(code) {
            let hint = if code.contains('_') && is_code(&code.replace('_', "-")) {
                format!("separate the parts with `-`: `{}`", code.replace('_', "-"))
            } else {
                "a code is 2 or 3 letters, then optional parts after `-`, such as `vi`, `fr`, `zh-Hans` or `pt-BR`".to_string()
            };
            problems.push((format!("`{code}` is not a language code"), hint));
        } else if langs[..i].iter().any(|l| l.eq_ignore_ascii_case(code)) {
            problems.push((
                format!("the language `{code}` is given twice"),
                "give each language once, the source language first: `--lang en --lang fr`"
                    .to_string(),
            ));
        }
    }
    problems
}

/// Whether `code` is a language tag: a language of 2 or 3 letters, then subtags of 1 to
/// 8 letters or digits, each after a `-`. (Longer first parts are not languages in use,
/// and would name the output's `assets/` or `search/` folders.)
fn is_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Whether `code` is Vietnamese (`vi`, `vi-VN`…).
fn is_vietnamese(code: &str) -> bool {
    code.split('-')
        .next()
        .is_some_and(|l| l.eq_ignore_ascii_case("vi"))
}

/// Whether the scaffolds have text in the language of `code` (Vietnamese or English).
fn has_own_text(code: &str) -> bool {
    is_vietnamese(code)
        || code
            .split('-')
            .next()
            .is_some_and(|l| l.eq_ignore_ascii_case("en"))
}

/// The language of the scaffold text a language gets: `vi` or `en`.
fn text_lang(code: &str) -> &'static str {
    if is_vietnamese(code) {
        "vi"
    } else {
        "en"
    }
}

/// The name of language `code` in its own language, or the code.
fn language_name(code: &str) -> &str {
    LANGUAGE_NAMES
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map_or(code, |(_, name)| name)
}

/// The scaffold folder for `kind`: a report with Vietnamese keeps the Vietnamese file
/// names and metadata; without, it is neutral.
fn scaffold(kind: Kind, langs: &[String]) -> &'static str {
    match kind {
        Kind::Docs => "docs",
        Kind::Report if langs.iter().any(|l| is_vietnamese(l)) => "report",
        Kind::Report => "report-neutral",
    }
}

/// The text of page `rel` of `scaffold` for language `code`: its front matter (the TOML
/// between the `+++` lines) and its body, with `{lang}` replaced by the code.
fn page_text(scaffold: &str, code: &str, rel: &str) -> (String, String) {
    let text = SCAFFOLDS
        .get_file(format!("{scaffold}/{}/{rel}", text_lang(code)))
        .or_else(|| SCAFFOLDS.get_file(format!("{scaffold}/en/{rel}")))
        .and_then(File::contents_utf8)
        .unwrap_or_default()
        .replace("{lang}", code);
    let rest = text.strip_prefix("+++\n").unwrap_or(&text);
    match rest.split_once("\n+++\n") {
        Some((front, body)) => (format!("{front}\n"), body.to_string()),
        None => (String::new(), rest.to_string()),
    }
}

/// The `title` of a page's front matter.
fn title_of(front: &str) -> String {
    toml::from_str::<toml::Table>(front)
        .ok()
        .and_then(|t| t.get("title")?.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The paths of every page of a scaffold (its English pages, which are complete).
fn page_paths(scaffold: &str) -> Vec<String> {
    fn walk(dir: &Dir<'static>, base: &Path, out: &mut Vec<String>) {
        for f in dir.files() {
            if let Ok(rel) = f.path().strip_prefix(base) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
        for d in dir.dirs() {
            walk(d, base, out);
        }
    }
    let base = format!("{scaffold}/en");
    let mut out = Vec::new();
    if let Some(dir) = SCAFFOLDS.get_dir(&base) {
        walk(dir, Path::new(&base), &mut out);
    }
    out.sort();
    out
}

/// Writes the site: `content/site.toml`, each page in each language (translations marked
/// up to date with their source page) and a `.gitignore`.
fn write_site(dir: &Path, langs: &[String], kind: Kind) -> std::io::Result<()> {
    let content = dir.join("content");
    std::fs::create_dir_all(&content)?;
    let scaffold = scaffold(kind, langs);
    std::fs::write(content.join("site.toml"), site_toml(scaffold, langs))?;
    for rel in page_paths(scaffold) {
        let (src_front, src_body) = page_text(scaffold, &langs[0], &rel);
        let hash = hash_text(&title_of(&src_front), &src_body);
        for (i, code) in langs.iter().enumerate() {
            let (front, body) = page_text(scaffold, code, &rel);
            let mark = if i == 0 {
                String::new()
            } else {
                format!("translation_of = \"{hash}\"\n")
            };
            let path = content.join(code).join(&rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, format!("+++\n{front}{mark}+++\n{body}"))?;
        }
    }
    std::fs::write(dir.join(".gitignore"), "/public/\n")?;
    Ok(())
}

/// `content/site.toml`: the languages, each with its name, the title of its cover and a
/// description, and for a report the document's metadata.
fn site_toml(scaffold: &str, langs: &[String]) -> String {
    let quoted: Vec<String> = langs.iter().map(|l| format!("\"{l}\"")).collect();
    let mut out = format!(
        "# The languages in order; the first is the source language.\nlanguages = [{}]\n\
         # Where the site will be served (used by 404.html and sitemap.xml only).\nbase_path = \"/\"\n",
        quoted.join(", ")
    );
    for code in langs {
        let title = title_of(&page_text(scaffold, code, "_index.md").0);
        let _ = write!(
            out,
            "\n[lang.{code}]\nname = \"{}\"\ntitle = \"{title}\"\ndescription = \"{}\"\n",
            language_name(code),
            description(text_lang(code), langs.len())
        );
    }
    if scaffold != "docs" {
        out.push_str(&document_table(scaffold, langs));
    }
    out.push_str(
        "\n# Every page has a search box over an index built with the site. Without it:\n\
         # [search]\n# enabled = false\n",
    );
    out
}

/// The site's description in `text_lang` for a site of `count` languages.
fn description(text_lang: &str, count: usize) -> &'static str {
    match (text_lang, count) {
        ("vi", 1) => "Một trang tài liệu tạo bằng songngu.",
        ("vi", 2) => "Một trang tài liệu song ngữ tạo bằng songngu.",
        ("vi", _) => "Một trang tài liệu đa ngữ tạo bằng songngu.",
        (_, 1) => "A documentation site made with songngu.",
        (_, 2) => "A bilingual documentation site made with songngu.",
        _ => "A multilingual documentation site made with songngu.",
    }
}

/// The `[document]` table of a report: the issuer and place per language, a number and
/// a date.
fn document_table(scaffold: &str, langs: &[String]) -> String {
    let vietnamese = scaffold == "report";
    let per_lang = |vi: &str, en: &str| {
        let values: Vec<String> = langs
            .iter()
            .map(|l| {
                let text = if text_lang(l) == "vi" { vi } else { en };
                format!("{l} = \"{text}\"")
            })
            .collect();
        format!("{{ {} }}", values.join(", "))
    };
    let (number, place) = if vietnamese {
        ("01/BC", per_lang("Hà Nội", "Ha Noi"))
    } else {
        ("1", per_lang("Thành phố", "City"))
    };
    format!(
        "\n[document]\nissuer = {}\nnumber = \"{number}\"\ndate = 2026-01-01\nplace = {place}\n",
        per_lang("Tên cơ quan", "Name of the issuing body"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_checked() {
        for good in ["vi", "en", "fil", "zh-Hans", "pt-BR", "sr-Latn-RS", "EN"] {
            assert!(is_code(good), "{good}");
        }
        for bad in [
            "",
            "e",
            "english",
            "en_US",
            "en-",
            "-en",
            "1a",
            "en--US",
            "vi.",
            "fr-abcdefghi",
        ] {
            assert!(!is_code(bad), "{bad}");
        }
        let langs = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(check_codes(&langs(&["en", "fr"])).is_empty());
        let problems = check_codes(&langs(&["en", "fr", "EN", "pt_BR", "x"]));
        let messages: Vec<&str> = problems.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "the language `EN` is given twice",
                "`pt_BR` is not a language code",
                "`x` is not a language code"
            ]
        );
        assert_eq!(problems[1].1, "separate the parts with `-`: `pt-BR`");
    }

    #[test]
    fn every_scaffold_page_has_a_title_and_english_text() {
        for scaffold in ["report", "report-neutral", "docs"] {
            let paths = page_paths(scaffold);
            assert!(
                paths.contains(&"_index.md".to_string()),
                "{scaffold}: {paths:?}"
            );
            for rel in &paths {
                for code in ["vi", "en", "fr"] {
                    let (front, body) = page_text(scaffold, code, rel);
                    assert!(!title_of(&front).is_empty(), "{scaffold}/{code}/{rel}");
                    assert!(
                        !body.contains("{lang}") && !body.is_empty(),
                        "{scaffold}/{code}/{rel}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_default_site_toml_is_unchanged() {
        let langs = ["vi".to_string(), "en".to_string()];
        let toml = site_toml("report", &langs);
        assert!(toml.contains("languages = [\"vi\", \"en\"]\n"), "{toml}");
        assert!(toml.contains("[lang.vi]\nname = \"Tiếng Việt\"\ntitle = \"Tài liệu mới\"\ndescription = \"Một trang tài liệu song ngữ tạo bằng songngu.\"\n"), "{toml}");
        assert!(toml.contains("issuer = { vi = \"Tên cơ quan\", en = \"Name of the issuing body\" }\nnumber = \"01/BC\"\ndate = 2026-01-01\nplace = { vi = \"Hà Nội\", en = \"Ha Noi\" }\n"), "{toml}");
    }
}
