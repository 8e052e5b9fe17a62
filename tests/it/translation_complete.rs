//! The English translation of the report is complete, up to date and consistent.
//!
//! 1. Every Markdown page under `content/vi/` has a counterpart at the same relative path under
//!    `content/en/`, with a non-empty `title` and, wherever the Vietnamese page has a body, a
//!    non-empty body (section `_index.md` pages may have an empty body in both languages).
//! 2. The real `songngu translations --strict` command reports every English page up to date
//!    (exit status 0), and fails on a root without `content/`. This passes only once the
//!    `translations` command exists and the English pages have been marked with
//!    `songngu translations --mark`.
//! 3. The glossary (`content/en/thuat-ngu.md`, the same table as `content/vi/thuat-ngu.md`) is
//!    used: for every glossary term that occurs in a Vietnamese page, the English page at the
//!    same path contains the glossary's English term.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use crate::common::site::{songngu, Site};

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Relative paths (with `/` separators) of every `.md` file under `dir`, sorted.
fn markdown_pages(dir: &Path) -> Vec<String> {
    let mut pages: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| entry.unwrap_or_else(|e| panic!("cannot walk {}: {e}", dir.display())))
        .filter(|entry| entry.file_type().is_file())
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "md"))
        .map(|entry| {
            entry
                .path()
                .strip_prefix(dir)
                .expect("walkdir yields paths under its root")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect();
    pages.sort();
    pages
}

/// A page split into its `+++` TOML front matter (parsed) and its body.
struct Page {
    title: String,
    body: String,
}

fn read_page(path: &Path) -> Result<Page, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let rest = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
        .ok_or("does not start with a `+++` front matter line")?;
    let mut front = String::new();
    let mut body = None;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "+++" {
            body = Some(rest[offset..].to_string());
            break;
        }
        front.push_str(line);
    }
    let body = body.ok_or("front matter has no closing `+++` line")?;
    let table: toml::Table =
        toml::from_str(&front).map_err(|e| format!("bad front matter: {e}"))?;
    let title = match table.get("title") {
        Some(toml::Value::String(s)) => s.clone(),
        Some(_) => return Err("`title` is not a string".into()),
        None => return Err("no `title` in front matter".into()),
    };
    Ok(Page { title, body })
}

#[test]
fn every_vietnamese_page_has_an_english_counterpart() {
    let root = repo_root();
    let vi_dir = root.join("content/vi");
    let en_dir = root.join("content/en");
    let vi_pages = markdown_pages(&vi_dir);
    assert!(
        !vi_pages.is_empty(),
        "no Markdown pages under {}",
        vi_dir.display()
    );

    let mut problems = Vec::new();
    for rel in &vi_pages {
        let vi = match read_page(&vi_dir.join(rel)) {
            Ok(page) => page,
            Err(e) => {
                problems.push(format!("content/vi/{rel}: {e}"));
                continue;
            }
        };
        let en_path = en_dir.join(rel);
        if !en_path.is_file() {
            problems.push(format!(
                "content/en/{rel}: missing (translation of content/vi/{rel})"
            ));
            continue;
        }
        match read_page(&en_path) {
            Err(e) => problems.push(format!("content/en/{rel}: {e}")),
            Ok(en) => {
                if en.title.trim().is_empty() {
                    problems.push(format!("content/en/{rel}: empty title"));
                }
                let needs_body = !vi.body.trim().is_empty() || !rel.ends_with("_index.md");
                if needs_body && en.body.trim().is_empty() {
                    problems.push(format!("content/en/{rel}: empty body"));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s) with the English pages:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn translations_strict_reports_every_english_page_up_to_date() {
    // The command must really check something: a root without content is an error.
    let empty = Site::empty().run(&["translations", "--strict"]);
    assert!(
        !empty.success(),
        "`songngu translations --strict` succeeded on a root without content/"
    );

    let root = repo_root();
    let output = songngu([
        OsStr::new("translations"),
        OsStr::new("--strict"),
        OsStr::new("--root"),
        root.as_os_str(),
    ]);
    assert!(
        output.success(),
        "`songngu translations --strict --root {}` exited with {:?}\nstdout:\n{}\nstderr:\n{}",
        root.display(),
        output.code,
        output.stdout,
        output.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// Glossary

/// Further Vietnamese surface forms of some glossary terms (keyed by the term's first form).
const ALIASES: [(&str, &[&str]); 6] = [
    (
        "khiếu nại, tố cáo",
        &["khiếu nại tố cáo", "tố cáo, khiếu nại"],
    ),
    (
        "vụ việc phức tạp, đông người, kéo dài",
        &[
            "phức tạp, kéo dài",
            "phức tạp kéo dài",
            "đông người, phức tạp, kéo dài",
            "phức tạp, đông người, kéo dài",
        ],
    ),
    (
        "xây dựng Đảng, xây dựng chính quyền",
        &["xây dựng Đảng, chính quyền"],
    ),
    ("kiến nghị, phản ánh", &["phản ánh, kiến nghị"]),
    ("huyện ủy, thành ủy", &["thành ủy"]),
    (
        "tổ chức chính trị - xã hội",
        &["đoàn thể chính trị - xã hội", "đoàn thể chính trị xã hội"],
    ),
];

/// NFC, one tone placement ("Tỉnh uỷ" = "Tỉnh ủy", "khoá" = "khóa"), single spaces.
fn normalize(text: &str) -> String {
    let s: String = text.nfc().collect();
    let s = songngu::search::fold::retone(&s);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One way of spotting a glossary term in Vietnamese text.
#[derive(Debug, Clone)]
struct Form {
    chars: Vec<char>,
    /// Terms written with an initial capital (document types, named bodies) and abbreviations
    /// match case-sensitively; the others ignore case.
    case_sensitive: bool,
}

#[derive(Debug)]
struct Term {
    vi: String,
    en: String,
    vi_forms: Vec<Form>,
    en_forms: Vec<String>,
}

fn strip_parentheses(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn strip_quotes(s: &str) -> &str {
    s.trim()
        .trim_start_matches('“')
        .trim_end_matches('”')
        .trim()
}

fn parenthesised(s: &str) -> Vec<String> {
    s.split('(')
        .skip(1)
        .filter_map(|part| part.split_once(')').map(|(inside, _)| inside.to_string()))
        .collect()
}

/// The rows of a glossary page's tables: (Vietnamese term, English term).
fn glossary_rows(path: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .filter(|line| line.starts_with("| ") && !line.starts_with("| ---"))
        .map(|line| {
            let cells: Vec<&str> = line.trim().trim_matches('|').split(" | ").collect();
            assert!(
                cells.len() >= 2,
                "{}: glossary row without two cells: {line}",
                path.display()
            );
            (cells[0].trim().to_string(), cells[1].trim().to_string())
        })
        // the header rows of the tables
        .filter(|(vi, _)| vi != "Vietnamese term" && vi != "Thuật ngữ tiếng Việt")
        .collect()
}

fn glossary_terms(rows: &[(String, String)]) -> Vec<Term> {
    rows.iter()
        .map(|(vi, en)| {
            let mut vi_forms = Vec::new();
            for variant in vi.split(" / ") {
                for inside in parenthesised(variant) {
                    if !inside.is_empty()
                        && inside.chars().all(|c| c.is_ascii_uppercase() || c == 'Đ')
                    {
                        vi_forms.push(Form {
                            chars: inside.chars().collect(),
                            case_sensitive: true,
                        });
                    }
                }
                let base = normalize(strip_quotes(&strip_parentheses(variant)));
                if !base.is_empty() {
                    let case_sensitive = base.chars().next().is_some_and(char::is_uppercase);
                    vi_forms.push(Form {
                        chars: base.chars().collect(),
                        case_sensitive,
                    });
                }
            }
            let first = normalize(strip_quotes(&strip_parentheses(
                vi.split(" / ").next().unwrap_or(""),
            )));
            for (key, aliases) in ALIASES {
                if normalize(key) == first {
                    for alias in aliases {
                        let alias = normalize(alias);
                        let case_sensitive = alias.chars().next().is_some_and(char::is_uppercase);
                        vi_forms.push(Form {
                            chars: alias.chars().collect(),
                            case_sensitive,
                        });
                    }
                }
            }
            let en_forms = en
                .split(" / ")
                .map(|variant| normalize(strip_quotes(&strip_parentheses(variant))).to_lowercase())
                .filter(|variant| !variant.is_empty())
                .collect();
            Term {
                vi: vi.clone(),
                en: en.clone(),
                vi_forms,
                en_forms,
            }
        })
        .collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Start indices of the whole-word occurrences of `form` in `hay`.
fn occurrences(hay: &[char], form: &Form) -> Vec<usize> {
    let n = form.chars.len();
    if n == 0 || hay.len() < n {
        return Vec::new();
    }
    let same = |a: char, b: char| {
        if form.case_sensitive {
            a == b
        } else {
            a == b || a.to_lowercase().eq(b.to_lowercase())
        }
    };
    (0..=hay.len() - n)
        .filter(|&i| {
            hay[i..i + n]
                .iter()
                .zip(&form.chars)
                .all(|(&a, &b)| same(a, b))
                && (i == 0 || !is_word_char(hay[i - 1]))
                && (i + n == hay.len() || !is_word_char(hay[i + n]))
        })
        .collect()
}

/// Vietnamese page text for the glossary check: title and body, without fenced blocks (data
/// table placements) and without Markdown table rows (table data is not chapter prose).
fn vietnamese_prose(page: &Page) -> String {
    let mut out = page.title.clone();
    let mut in_fence = false;
    for line in page.body.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || trimmed.starts_with('|') {
            continue;
        }
        out.push('\n');
        out.push_str(line);
    }
    normalize(&out)
}

#[test]
fn glossary_is_the_same_in_both_languages_and_large_enough() {
    let root = repo_root();
    let en = glossary_rows(&root.join("content/en/thuat-ngu.md"));
    let vi = glossary_rows(&root.join("content/vi/thuat-ngu.md"));
    assert!(
        en.len() >= 40,
        "the glossary has only {} terms (at least 40 expected)",
        en.len()
    );
    assert_eq!(
        en, vi,
        "content/en/thuat-ngu.md and content/vi/thuat-ngu.md list different terms"
    );
    let distinct: BTreeSet<&String> = en.iter().map(|(vi, _)| vi).collect();
    assert_eq!(
        distinct.len(),
        en.len(),
        "a Vietnamese term is listed twice in the glossary"
    );
}

#[test]
fn english_pages_use_the_glossary_terms() {
    let root = repo_root();
    let terms = glossary_terms(&glossary_rows(&root.join("content/en/thuat-ngu.md")));
    // Longest forms first: a term found inside a longer one ("Chính phủ" in "Thủ tướng Chính
    // phủ") is covered by the longer term's English rendering.
    let mut forms: Vec<(usize, &Form)> = terms
        .iter()
        .enumerate()
        .flat_map(|(i, t)| t.vi_forms.iter().map(move |f| (i, f)))
        .collect();
    forms.sort_by(|a, b| b.1.chars.len().cmp(&a.1.chars.len()).then(a.0.cmp(&b.0)));

    let vi_dir = root.join("content/vi");
    let en_dir = root.join("content/en");
    let mut problems = Vec::new();
    let mut checked = 0;
    for rel in markdown_pages(&vi_dir) {
        // The covers are written separately in each language and the glossary lists every term.
        if rel == "_index.md" || rel == "thuat-ngu.md" {
            continue;
        }
        let (Ok(vi), Ok(en_text)) = (
            read_page(&vi_dir.join(&rel)),
            std::fs::read_to_string(en_dir.join(&rel)),
        ) else {
            continue; // reported by every_vietnamese_page_has_an_english_counterpart
        };
        checked += 1;
        let en_text = normalize(&en_text).to_lowercase();
        let mut hay: Vec<char> = vietnamese_prose(&vi).chars().collect();
        let mut present = BTreeSet::new();
        for (i, form) in &forms {
            let found = occurrences(&hay, form);
            if !found.is_empty() {
                present.insert(*i);
                for start in found {
                    hay[start..start + form.chars.len()].fill('\u{2297}');
                }
            }
        }
        for i in present {
            let term = &terms[i];
            if !term.en_forms.iter().any(|f| en_text.contains(f.as_str())) {
                problems.push(format!(
                    "content/en/{rel}: the Vietnamese page uses “{}” but the English page lacks “{}”",
                    term.vi, term.en
                ));
            }
        }
    }
    assert!(
        checked > 0,
        "no Vietnamese page was checked against the glossary"
    );
    assert!(
        problems.is_empty(),
        "{} glossary term(s) not rendered as the glossary says:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn glossary_matching_finds_terms_across_tone_styles_and_respects_word_boundaries() {
    let rows = vec![
        (
            "Tỉnh ủy".to_string(),
            "Provincial Party Committee".to_string(),
        ),
        (
            "Ủy ban nhân dân (UBND)".to_string(),
            "People's Committee".to_string(),
        ),
        (
            "dân vận / công tác dân vận".to_string(),
            "mass mobilisation".to_string(),
        ),
    ];
    let terms = glossary_terms(&rows);
    let hay: Vec<char> = normalize("Ban Thường vụ Tỉnh uỷ; UBMTTQ; Công tác dân vận")
        .chars()
        .collect();
    assert_eq!(
        occurrences(&hay, &terms[0].vi_forms[0]).len(),
        1,
        "old tone placement"
    );
    let abbr = &terms[1].vi_forms[0];
    assert_eq!(abbr.chars.iter().collect::<String>(), "UBND");
    assert!(
        occurrences(&hay, abbr).is_empty(),
        "UBND must not match inside UBMTTQ"
    );
    // lower-case term, found at the start of a capitalised phrase
    assert_eq!(occurrences(&hay, &terms[2].vi_forms[1]).len(), 1);
    assert_eq!(terms[2].en_forms, vec!["mass mobilisation".to_string()]);
}
