//! Benchmark corpus generator for songngu.
//!
//! Writes a complete two-language site (`content/site.toml`, `content/vi/**`, `content/en/**`) of
//! N chapters per language in the content format of the report: nested sections with `_index.md`,
//! chapters of about 700 words of Vietnamese (vocabulary and phrasing taken from report
//! 691-BC/TU, both tone placements, `đ`, identifiers such as `114-KL/TW`, numbers such as `2.272`)
//! or English text, each with 3–5 `##`/`###` headings, one GFM table, one footnote and 2–3
//! cross-links to other chapters as relative `.md` paths, some with a `#heading` anchor.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --pages N --out DIR [--seed S] [--code-blocks [plain]]
//! ```
//!
//! `--code-blocks` puts one 30-line fenced code block in every chapter, after the first
//! paragraph under its first heading, in one of twelve languages (Rust, Python, JavaScript,
//! TypeScript, Bash, TOML, JSON, YAML, C, Go, HTML, CSS) by turn, its digits varied from page
//! to page; `--code-blocks plain` writes the same blocks as plain fences (no language), the
//! baseline of the highlighter's cost. Without it the corpus is as before, byte for byte.
//!
//! `N` counts chapters per language; the cover, the top sections and the sub-sections are
//! `_index.md` pages on top of that (10 top sections, sub-sections of at most 50 chapters).
//! English pages live at the same relative paths as the Vietnamese ones. The output depends only
//! on `N` and the seed. `DIR/content` is removed and rewritten; nothing else in `DIR` is touched.
//!
//! The benchmark (`benches/build.rs`) includes this file as a module and calls [`generate`].

// Also included as a module by benchmarks and tests, which use its `pub` items.
#![allow(unreachable_pub)]

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use unicode_normalization::UnicodeNormalization;

/// Version of the generated corpus; bump it when the output of [`generate`] changes so that
/// cached corpora are regenerated.
pub const CORPUS_VERSION: u32 = 2;

/// Chapters per sub-section.
const PER_SUBSECTION: usize = 50;
/// Maximum number of top-level sections.
const TOP_SECTIONS: usize = 10;

/// What [`generate`] wrote.
#[derive(Debug, Clone, Default)]
pub struct CorpusStats {
    /// Chapters per language (the `N` asked for).
    pub chapters: usize,
    /// Section pages (`_index.md`, cover included) per language.
    pub sections: usize,
    /// Files written, `site.toml` included.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Whitespace-separated words in the chapters of both languages (front matter excluded).
    pub words: u64,
}

/// What code blocks the chapters carry (`--code-blocks`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Code {
    /// None: the corpus of the standing benchmark.
    #[default]
    None,
    /// One 30-line block a chapter, its language on the fence (highlighted).
    Highlighted,
    /// The same blocks as plain fences (no language, so not highlighted).
    Plain,
}

/// Writes a corpus of `pages` chapters per language under `out/content`, determined by `seed`.
pub fn generate(out: &Path, pages: usize, seed: u64) -> io::Result<CorpusStats> {
    generate_with(out, pages, seed, Code::None)
}

/// [`generate`], with the code blocks `code` says.
pub fn generate_with(out: &Path, pages: usize, seed: u64, code: Code) -> io::Result<CorpusStats> {
    let plan = Plan::new(pages, seed);
    let content = out.join("content");
    if content.exists() {
        fs::remove_dir_all(&content)?;
    }
    fs::create_dir_all(&content)?;
    let mut stats = CorpusStats {
        chapters: pages,
        sections: plan.sections.len(),
        ..CorpusStats::default()
    };
    let mut write = |path: PathBuf, text: String| -> io::Result<()> {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        stats.files += 1;
        stats.bytes += text.len() as u64;
        fs::write(path, text)
    };
    write(content.join("site.toml"), site_toml())?;
    for lang in [Lang::Vi, Lang::En] {
        let base = content.join(lang.code());
        for section in &plan.sections {
            write(base.join(section.rel_path()), section_page(lang, section))?;
        }
        for (index, chapter) in plan.chapters.iter().enumerate() {
            let text = chapter_page(lang, &plan, index, seed, code);
            let body_start = text.find("\n+++\n").map_or(0, |i| i + 5);
            stats.words += text[body_start..].split_whitespace().count() as u64;
            write(base.join(chapter.rel_path()), text)?;
        }
    }
    Ok(stats)
}

fn main() -> ExitCode {
    let mut pages: Option<usize> = None;
    let mut out: Option<PathBuf> = None;
    let mut seed: u64 = 1;
    let args = std::env::args().skip(1);
    let mut code = Code::None;
    let usage = "usage: gen_corpus --pages N --out DIR [--seed S] [--code-blocks [plain]]";
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "--code-blocks" => {
                code = Code::Highlighted;
                if args.peek().is_some_and(|v| v == "plain") {
                    args.next();
                    code = Code::Plain;
                }
                continue;
            }
            "--pages" | "--out" | "--seed" => args.next(),
            "-h" | "--help" => {
                println!("{usage}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("error: unknown argument `{other}`\n{usage}");
                return ExitCode::from(2);
            }
        };
        let Some(value) = value else {
            eprintln!("error: `{arg}` needs a value\n{usage}");
            return ExitCode::from(2);
        };
        let ok = match arg.as_str() {
            "--pages" => value.parse().map(|n| pages = Some(n)).is_ok(),
            "--seed" => value.parse().map(|s| seed = s).is_ok(),
            _ => {
                out = Some(PathBuf::from(value.clone()));
                true
            }
        };
        if !ok {
            eprintln!("error: `{arg} {value}` is not a non-negative integer\n{usage}");
            return ExitCode::from(2);
        }
    }
    let (Some(pages), Some(out)) = (pages, out) else {
        eprintln!("error: --pages and --out are required\n{usage}");
        return ExitCode::from(2);
    };
    if pages == 0 {
        eprintln!("error: --pages must be at least 1");
        return ExitCode::from(2);
    }
    match generate_with(&out, pages, seed, code) {
        Ok(s) => {
            println!(
                "wrote {} chapters + {} section pages per language ({} files, {:.1} MB, {} words, {:.0} words/chapter) to {}",
                s.chapters,
                s.sections,
                s.files,
                s.bytes as f64 / 1e6,
                s.words,
                s.words as f64 / (2 * s.chapters) as f64,
                out.join("content").display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write the corpus to {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Random numbers

/// SplitMix64: small, fast and good enough for text generation.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xA24B_AED4_963E_E407));
        r.0 ^= index.wrapping_mul(0x9FB2_1C65_1E98_DF25);
        r.next_u64();
        r
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const STREAM_PLAN: u64 = 1;
const STREAM_SHAPE: u64 = 2;
const STREAM_TEXT_VI: u64 = 3;
const STREAM_TEXT_EN: u64 = 4;
const STREAM_HEADING_VI: u64 = 5;
const STREAM_HEADING_EN: u64 = 6;
const STREAM_CODE: u64 = 7;

// ---------------------------------------------------------------------------------------------
// Languages and vocabulary

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    Vi,
    En,
}

impl Lang {
    fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    fn clauses(self) -> &'static [&'static str] {
        match self {
            Lang::Vi => vocabulary().0.as_slice(),
            Lang::En => vocabulary().1.as_slice(),
        }
    }

    /// Clauses short enough for a heading or a title.
    fn short_clauses(self) -> &'static [&'static str] {
        match self {
            Lang::Vi => vocabulary().2.as_slice(),
            Lang::En => vocabulary().3.as_slice(),
        }
    }
}

type Vocabulary = (
    Vec<&'static str>,
    Vec<&'static str>,
    Vec<&'static str>,
    Vec<&'static str>,
);

fn vocabulary() -> &'static Vocabulary {
    static VOCABULARY: std::sync::OnceLock<Vocabulary> = std::sync::OnceLock::new();
    VOCABULARY.get_or_init(|| {
        let vi: Vec<&str> = VI_CLAUSES.lines().filter(|l| !l.is_empty()).collect();
        let en: Vec<&str> = EN_CLAUSES.lines().filter(|l| !l.is_empty()).collect();
        let short = |v: &[&'static str]| -> Vec<&'static str> {
            v.iter()
                .copied()
                .filter(|c| (3..=8).contains(&c.split_whitespace().count()))
                .collect()
        };
        let (vs, es) = (short(&vi), short(&en));
        (vi, en, vs, es)
    })
}

/// Vietnamese tone marks on `oa`, `oe`, `uy` at the end of a syllable: old style (`hoà`, `thuỷ`)
/// and new style (`hòa`, `thủy`). The report itself mixes both.
const TONE_PAIRS: [(&str, &str); 15] = [
    ("oà", "òa"),
    ("oá", "óa"),
    ("oả", "ỏa"),
    ("oã", "õa"),
    ("oạ", "ọa"),
    ("oè", "òe"),
    ("oé", "óe"),
    ("oẻ", "ỏe"),
    ("oẽ", "õe"),
    ("oẹ", "ọe"),
    ("uỳ", "ùy"),
    ("uý", "úy"),
    ("uỷ", "ủy"),
    ("uỹ", "ũy"),
    ("uỵ", "ụy"),
];

/// Rewrites every open `oa`/`oe`/`uy` syllable of `text` in the old (`old = true`) or new style.
fn tone_style(text: &str, old: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let core_len = word
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_alphabetic())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let (core, tail) = word.split_at(core_len);
        let mut replaced = false;
        for (o, n) in TONE_PAIRS {
            let (from, to) = if old { (n, o) } else { (o, n) };
            if let Some(stem) = core.strip_suffix(from) {
                // `qu` is a consonant: `quý` keeps its mark on the `y` in both styles.
                if !(from.starts_with('u') || from.ends_with('y')) || !stem.ends_with(['q', 'Q']) {
                    out.push_str(stem);
                    out.push_str(to);
                    replaced = true;
                }
                break;
            }
        }
        if !replaced {
            out.push_str(core);
        }
        out.push_str(tail);
    }
    out
}

/// Heading slug as the site generator computes it: Vietnamese letters folded to ASCII
/// (`đ` -> `d`, diacritics removed), lowercase, runs of anything else collapsed to one `-`,
/// trimmed.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            '\u{300}'..='\u{36f}' => continue,
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn roman(n: usize) -> String {
    const TABLE: [(usize, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// `2272` -> `2.272` (vi) or `2,272` (en).
fn thousands(n: usize, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = if lang == Lang::Vi { '.' } else { ',' };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// `83.6` with one decimal: `83,6%` (vi) or `83.6%` (en).
fn percent(tenths: usize, lang: Lang) -> String {
    let sep = if lang == Lang::Vi { ',' } else { '.' };
    format!("{}{sep}{}%", tenths / 10, tenths % 10)
}

/// A party or state document identifier: `114-KL/TW`, `2305-QĐ/TU`, `04/2015/NĐ-CP`.
fn identifier(rng: &mut Rng) -> String {
    if rng.chance(25) {
        return format!("{:02}/{}/NĐ-CP", rng.range(1, 150), rng.range(2010, 2020));
    }
    let kind = rng.pick(&["KL", "NQ", "QĐ", "CT", "KH", "HD", "CTr", "CV"]);
    let level = rng.pick(&["TW", "TU", "TW", "TU", "HU"]);
    format!("{}-{kind}/{level}", rng.range(1, 2999))
}

fn date(rng: &mut Rng) -> String {
    format!(
        "{}/{}/{}",
        rng.range(1, 28),
        rng.range(1, 12),
        rng.range(2010, 2020)
    )
}

// ---------------------------------------------------------------------------------------------
// The plan: every page's path, titles and headings, known before any page is written so that
// cross-links can name headings of their targets.

struct Section {
    /// Folder names from the language root; empty for the cover.
    dirs: Vec<String>,
    weight: usize,
    titles: [String; 2],
}

impl Section {
    fn rel_path(&self) -> PathBuf {
        let mut p: PathBuf = self.dirs.iter().collect();
        p.push("_index.md");
        p
    }
}

struct Chapter {
    dirs: Vec<String>,
    file: String,
    weight: usize,
    titles: [String; 2],
    /// Heading levels (2 or 3) and texts, per language.
    headings: [Vec<(u8, String)>; 2],
}

impl Chapter {
    fn rel_path(&self) -> PathBuf {
        let mut p: PathBuf = self.dirs.iter().collect();
        p.push(&self.file);
        p
    }
}

struct Plan {
    sections: Vec<Section>,
    chapters: Vec<Chapter>,
    /// For each chapter, the range of chapters of its sub-section (for nearby links).
    neighbourhood: Vec<(usize, usize)>,
}

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Vi => 0,
        Lang::En => 1,
    }
}

/// A short title phrase in both languages.
fn title_phrases(rng: &mut Rng) -> [String; 2] {
    [
        capitalize(rng.pick(Lang::Vi.short_clauses())),
        capitalize(rng.pick(Lang::En.short_clauses())),
    ]
}

/// The first `n` words of a slug, for folder and file names.
fn short_slug(text: &str, n: usize) -> String {
    slug(text).split('-').take(n).collect::<Vec<_>>().join("-")
}

impl Plan {
    fn new(pages: usize, seed: u64) -> Plan {
        let mut rng = Rng::new(seed, STREAM_PLAN, 0);
        let mut sections = vec![Section {
            dirs: Vec::new(),
            weight: 0,
            titles: [
                "Báo cáo tổng hợp công tác dân vận (bộ dữ liệu thử)".to_string(),
                "Consolidated report on mass mobilisation work (test corpus)".to_string(),
            ],
        }];
        let mut chapters = Vec::with_capacity(pages);
        let mut neighbourhood = Vec::with_capacity(pages);
        let tops = pages.div_ceil(PER_SUBSECTION).clamp(1, TOP_SECTIONS);
        for top in 0..tops {
            let count = pages / tops + usize::from(top < pages % tops);
            let [vi, en] = title_phrases(&mut rng);
            let top_dir = format!("{:02}-{}", top + 1, short_slug(&vi, 4));
            let top_number = top + 1;
            sections.push(Section {
                dirs: vec![top_dir.clone()],
                weight: top + 1,
                titles: [
                    format!("{}- {}", roman(top_number), vi.to_uppercase()),
                    format!("Part {}: {en}", roman(top_number)),
                ],
            });
            // One overview chapter directly in the top section, the rest in sub-sections.
            let mut remaining = count;
            if count > 1 {
                let number = format!("{top_number}.0");
                chapters.push(Self::chapter(
                    &mut rng,
                    seed,
                    chapters.len(),
                    vec![top_dir.clone()],
                    1,
                    number,
                ));
                neighbourhood.push((chapters.len() - 1, chapters.len()));
                remaining -= 1;
            }
            let subs = remaining.div_ceil(PER_SUBSECTION);
            for sub in 0..subs {
                let in_sub = remaining / subs + usize::from(sub < remaining % subs);
                let [vi, en] = title_phrases(&mut rng);
                let sub_dir = format!("{:02}-{}", sub + 1, short_slug(&vi, 4));
                let dirs = vec![top_dir.clone(), sub_dir];
                sections.push(Section {
                    dirs: dirs.clone(),
                    weight: sub + 2,
                    titles: [format!("{}. {vi}", sub + 1), format!("{}. {en}", sub + 1)],
                });
                let first = chapters.len();
                for ch in 0..in_sub {
                    let number = format!("{top_number}.{}.{}", sub + 1, ch + 1);
                    chapters.push(Self::chapter(
                        &mut rng,
                        seed,
                        chapters.len(),
                        dirs.clone(),
                        ch + 1,
                        number,
                    ));
                }
                neighbourhood.extend((first..chapters.len()).map(|_| (first, chapters.len())));
            }
        }
        Plan {
            sections,
            chapters,
            neighbourhood,
        }
    }

    fn chapter(
        rng: &mut Rng,
        seed: u64,
        index: usize,
        dirs: Vec<String>,
        weight: usize,
        number: String,
    ) -> Chapter {
        let [vi, en] = title_phrases(rng);
        let file = format!("{weight:03}-{}.md", short_slug(&vi, 5));
        // Heading levels are shared by both languages, texts are drawn per language.
        let mut shape = Rng::new(seed, STREAM_SHAPE, index as u64);
        let count = shape.range(3, 5);
        let mut levels = Vec::with_capacity(count);
        for i in 0..count {
            let level = if i > 0 && shape.chance(40) { 3 } else { 2 };
            levels.push(level);
        }
        let mut headings: [Vec<(u8, String)>; 2] = [Vec::new(), Vec::new()];
        for lang in [Lang::Vi, Lang::En] {
            let stream = match lang {
                Lang::Vi => STREAM_HEADING_VI,
                Lang::En => STREAM_HEADING_EN,
            };
            let mut hr = Rng::new(seed, stream, index as u64);
            let old_style = hr.chance(50);
            let (mut major, mut minor) = (0, 0);
            for &level in &levels {
                let phrase = capitalize(hr.pick(lang.short_clauses()));
                let phrase = if lang == Lang::Vi {
                    tone_style(&phrase, old_style)
                } else {
                    phrase
                };
                let text = if level == 2 {
                    major += 1;
                    minor = 0;
                    format!("{major}. {phrase}")
                } else {
                    minor += 1;
                    format!("{major}.{minor}. {phrase}")
                };
                headings[lang_index(lang)].push((level, text));
            }
        }
        Chapter {
            dirs,
            file,
            weight,
            titles: [format!("{number}. {vi}"), format!("{number}. {en}")],
            headings,
        }
    }
}

/// Relative link from a page in folder `from` to the file `to_file` in folder `to`.
fn relative_link(from: &[String], to: &[String], to_file: &str) -> String {
    let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
    let mut link = "../".repeat(from.len() - common);
    for dir in &to[common..] {
        link.push_str(dir);
        link.push('/');
    }
    link.push_str(to_file);
    link
}

// ---------------------------------------------------------------------------------------------
// Writing pages

fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn site_toml() -> String {
    r#"# Generated by `cargo run --release --example gen_corpus`: a benchmark corpus, not a real document.
languages = ["vi", "en"]
base_path = "/"

[lang.vi]
name = "Tiếng Việt"
title = "Báo cáo tổng hợp (bộ dữ liệu thử)"
description = "Bộ dữ liệu thử sinh tự động để đo tốc độ dựng trang."

[lang.en]
name = "English"
title = "Consolidated report (test corpus)"
description = "A generated test corpus for measuring build speed."

[document]
issuer = { vi = "Tỉnh ủy Cao Bằng", en = "Cao Bang Provincial Party Committee" }
number = "691-BC/TU"
date = 2020-08-07
place = { vi = "Cao Bằng", en = "Cao Bang" }
subject = { vi = "Sơ kết 05 năm thực hiện Kết luận số 114-KL/TW (dữ liệu thử)", en = "Five-year review of Conclusion No. 114-KL/TW (test data)" }
signer = { vi = "Triệu Đình Lê, Phó Bí thư Thường trực (T/M Ban Thường vụ)", en = "Trieu Dinh Le, Standing Deputy Secretary (on behalf of the Standing Committee)" }

[[document.fields]]
label = { vi = "Ghi chú", en = "Note" }
value = { vi = "Văn bản sinh tự động cho phép đo", en = "Generated text for benchmarks" }
"#
    .to_string()
}

fn section_page(lang: Lang, section: &Section) -> String {
    let l = lang_index(lang);
    let mut out = String::new();
    out.push_str("+++\n");
    let _ = writeln!(out, "title = {}", toml_string(&section.titles[l]));
    if !section.dirs.is_empty() {
        let _ = writeln!(out, "weight = {}", section.weight);
    }
    out.push_str("+++\n\n");
    if section.dirs.is_empty() {
        out.push_str(match lang {
            Lang::Vi => "Đây là bộ dữ liệu thử được sinh tự động từ vốn từ của Báo cáo số 691-BC/TU, dùng để đo tốc độ dựng trang. Nội dung được chia thành các phần, mỗi phần gồm nhiều mục và chương. Dùng ô tìm kiếm ở đầu trang để tìm theo từ khoá, có dấu hoặc không dấu.\n",
            Lang::En => "This is a generated test corpus built from the vocabulary of Report No. 691-BC/TU, used to measure build speed. The content is divided into parts, each with several sections and chapters. Use the search box at the top of the page to search by keyword.\n",
        });
    } else {
        let mut rng = Rng::new(
            section.dirs.len() as u64,
            STREAM_TEXT_VI + l as u64,
            section.weight as u64,
        );
        out.push_str(&sentence(lang, &mut rng, false));
        out.push('\n');
    }
    out
}

/// One sentence of 1–3 clauses, sometimes with an identifier, a date or a number.
fn sentence(lang: Lang, rng: &mut Rng, old_style: bool) -> String {
    let clauses = lang.clauses();
    let n = rng.range(1, 3);
    let mut s = capitalize(rng.pick(clauses));
    for i in 1..n {
        let joiner = match (lang, i, rng.below(3)) {
            (Lang::Vi, _, 0) => "; ",
            (Lang::Vi, _, _) => ", ",
            (Lang::En, 1, 0) => "; ",
            (Lang::En, _, 1) => " and ",
            (Lang::En, _, _) => ", ",
        };
        s.push_str(joiner);
        if rng.chance(4) {
            let _ = write!(s, "**{}**", rng.pick(clauses));
        } else {
            s.push_str(rng.pick(clauses));
        }
    }
    match rng.below(10) {
        0 | 1 => {
            let id = identifier(rng);
            let d = date(rng);
            match lang {
                Lang::Vi => {
                    let kind = rng.pick(&[
                        "Kết luận",
                        "Nghị quyết",
                        "Quyết định",
                        "Chỉ thị",
                        "Kế hoạch",
                    ]);
                    let _ = write!(s, " theo {kind} số {id}, ngày {d}");
                }
                Lang::En => {
                    let kind =
                        rng.pick(&["Conclusion", "Resolution", "Decision", "Directive", "Plan"]);
                    let _ = write!(s, " under {kind} No. {id} of {d}");
                }
            }
        }
        2 => {
            let count = thousands(rng.range(12, 18_000), lang);
            let share = percent(rng.range(300, 1000), lang);
            match lang {
                Lang::Vi => {
                    let unit = rng.pick(&[
                        "đơn thư",
                        "biên chế",
                        "văn bản",
                        "lượt người",
                        "đơn vị",
                        "thủ tục hành chính",
                    ]);
                    let _ = write!(s, ", với {count} {unit}, đạt {share}");
                }
                Lang::En => {
                    let unit = rng.pick(&[
                        "petitions",
                        "staff positions",
                        "documents",
                        "visits",
                        "units",
                        "administrative procedures",
                    ]);
                    let _ = write!(s, ", with {count} {unit}, or {share}");
                }
            }
        }
        _ => {}
    }
    s.push('.');
    if lang == Lang::Vi {
        tone_style(&s, old_style)
    } else {
        s
    }
}

/// A paragraph of about `words` words.
fn paragraph(lang: Lang, rng: &mut Rng, words: usize, old_style: bool) -> String {
    let mut p = String::new();
    let mut count = 0;
    while count < words {
        let s = sentence(lang, rng, old_style);
        count += s.split_whitespace().count();
        if !p.is_empty() {
            p.push(' ');
        }
        p.push_str(&s);
    }
    p
}

fn table(lang: Lang, rng: &mut Rng, old_style: bool) -> String {
    let mut t = String::new();
    t.push_str(match lang {
        Lang::Vi => "| Stt | Nội dung | Số lượng | Tỷ lệ |\n",
        Lang::En => "| No. | Item | Count | Share |\n",
    });
    t.push_str("| ---: | --- | ---: | ---: |\n");
    let rows = rng.range(4, 8);
    for row in 1..=rows {
        let item = capitalize(rng.pick(lang.short_clauses()));
        let item = if lang == Lang::Vi {
            tone_style(&item, old_style)
        } else {
            item
        };
        let _ = writeln!(
            t,
            "| {row} | {item} | {} | {} |",
            thousands(rng.range(1, 20_000), lang),
            percent(rng.range(10, 1000), lang)
        );
    }
    let total = match lang {
        Lang::Vi => "**Cộng**",
        Lang::En => "**Total**",
    };
    let _ = writeln!(
        t,
        "| | {total} | {} | {} |",
        thousands(rng.range(20_000, 90_000), lang),
        percent(1000, lang)
    );
    t
}

fn footnote(lang: Lang, rng: &mut Rng) -> String {
    let years: Vec<usize> = (0..rng.range(2, 4)).map(|i| 2015 + i).collect();
    let mut parts = Vec::new();
    for y in years {
        let score = format!("{},{:02}", rng.range(30, 80), rng.range(0, 99));
        let rank = rng.range(1, 63);
        parts.push(match lang {
            Lang::Vi => format!("năm {y} đạt {score} điểm, xếp {rank}/63"),
            Lang::En => format!("{y}: {} points, ranked {rank}/63", score.replace(',', ".")),
        });
    }
    match lang {
        Lang::Vi => format!(
            "Chỉ số {}: {}.",
            rng.pick(&["PAPI", "PAR-INDEX", "SIPAS"]),
            parts.join("; ")
        ),
        Lang::En => format!(
            "{} index: {}.",
            rng.pick(&["PAPI", "PAR-INDEX", "SIPAS"]),
            parts.join("; ")
        ),
    }
}

fn chapter_page(lang: Lang, plan: &Plan, index: usize, seed: u64, code: Code) -> String {
    let l = lang_index(lang);
    let chapter = &plan.chapters[index];
    let stream = match lang {
        Lang::Vi => STREAM_TEXT_VI,
        Lang::En => STREAM_TEXT_EN,
    };
    let mut rng = Rng::new(seed, stream, index as u64);
    // The structure (where the table, footnote and links go) is shared by both languages.
    let mut shape = Rng::new(seed, STREAM_SHAPE, index as u64 ^ 0xFFFF);
    let old_style = rng.chance(50);

    let headings = &chapter.headings[l];
    // Paragraph slots: 1–2 before the first heading, 1–2 after each heading.
    let mut slots: Vec<usize> = vec![shape.range(1, 2)];
    slots.extend(headings.iter().map(|_| shape.range(1, 2)));
    let paragraphs: usize = slots.iter().sum();
    let target_words = shape.range(430, 530);
    let words_per_paragraph = target_words / paragraphs;
    let table_slot = shape.range(1, headings.len());
    let footnote_paragraph = shape.below(paragraphs);
    // A third of the pages have a bullet list after one paragraph.
    let list_paragraph = if shape.chance(33) {
        Some(shape.below(paragraphs))
    } else {
        None
    };
    let link_count = shape.range(2, 3);
    let mut link_paragraphs: Vec<usize> =
        (0..link_count).map(|_| shape.below(paragraphs)).collect();
    link_paragraphs.sort_unstable();

    // Link targets: one nearby (same sub-section) when possible, the others anywhere.
    let mut links = Vec::with_capacity(link_count);
    for i in 0..link_count {
        let (lo, hi) = plan.neighbourhood[index];
        let target = if i == 0 && hi - lo > 1 {
            lo + shape.below(hi - lo)
        } else {
            shape.below(plan.chapters.len())
        };
        if target == index || plan.chapters.len() < 2 {
            let fallback = (index + 1 + i) % plan.chapters.len();
            if fallback == index {
                continue;
            }
            links.push((fallback, shape.chance(50)));
        } else {
            links.push((target, shape.chance(50)));
        }
    }
    let heading_choice: Vec<usize> = links.iter().map(|_| shape.below(8)).collect();

    let mut out = String::with_capacity(6000);
    out.push_str("+++\n");
    let _ = writeln!(out, "title = {}", toml_string(&chapter.titles[l]));
    let _ = writeln!(out, "weight = {}", chapter.weight);
    if shape.chance(30) {
        let d = sentence(lang, &mut rng, old_style);
        let _ = writeln!(out, "description = {}", toml_string(&d));
    }
    out.push_str("+++\n");

    let mut paragraph_no = 0;
    let mut link_iter = 0;
    for (slot, &count) in slots.iter().enumerate() {
        if slot > 0 {
            let (level, text) = &headings[slot - 1];
            let _ = write!(out, "\n{} {text}\n", "#".repeat(*level as usize));
        }
        for k in 0..count {
            let mut p = paragraph(lang, &mut rng, words_per_paragraph, old_style);
            if paragraph_no == footnote_paragraph {
                // Attach the footnote to the end of the first sentence.
                let at = p
                    .match_indices(". ")
                    .map(|(i, _)| i)
                    .find(|&i| !p[..i].ends_with("No"))
                    .unwrap_or(p.len() - 1);
                p.insert_str(at, "[^1]");
            }
            while link_iter < links.len() && link_paragraphs[link_iter] == paragraph_no {
                let (target, with_anchor) = links[link_iter];
                let t = &plan.chapters[target];
                let mut href = relative_link(&chapter.dirs, &t.dirs, &t.file);
                if with_anchor {
                    let hs = &t.headings[l];
                    let (_, h) = &hs[heading_choice[link_iter] % hs.len()];
                    href.push('#');
                    href.push_str(&slug(h));
                }
                let _ = match lang {
                    Lang::Vi => write!(p, " Xem thêm [{}]({href}).", t.titles[l]),
                    Lang::En => write!(p, " See also [{}]({href}).", t.titles[l]),
                };
                link_iter += 1;
            }
            out.push('\n');
            out.push_str(&p);
            out.push('\n');
            if list_paragraph == Some(paragraph_no) {
                out.push('\n');
                for _ in 0..rng.range(3, 5) {
                    let item = capitalize(rng.pick(lang.clauses()));
                    let item = if lang == Lang::Vi {
                        tone_style(&item, old_style)
                    } else {
                        item
                    };
                    let _ = writeln!(out, "- {item};");
                }
            }
            if slot == table_slot && k == 0 {
                out.push('\n');
                out.push_str(&table(lang, &mut rng, old_style));
            }
            if slot == 1 && k == 0 && code != Code::None {
                out.push('\n');
                out.push_str(&code_block(index, seed, code));
            }
            paragraph_no += 1;
        }
    }
    let _ = write!(out, "\n[^1]: {}\n", footnote(lang, &mut rng));
    out
}

/// The code block of chapter `index` (the same in both languages): a sample by turn, each
/// digit shifted by an amount drawn for the page.
fn code_block(index: usize, seed: u64, code: Code) -> String {
    let (lang, text) = CODE_SAMPLES[index % CODE_SAMPLES.len()];
    let shift = Rng::new(seed, STREAM_CODE, index as u64).below(10) as u8;
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str("```");
    if code == Code::Highlighted {
        out.push_str(lang);
    }
    out.push('\n');
    out.extend(text.chars().map(|c| match c {
        '0'..='9' => char::from(b'0' + (c as u8 - b'0' + shift) % 10),
        c => c,
    }));
    out.push_str("```\n");
    out
}

/// Thirty lines of each language, as a documentation page would show them.
const CODE_SAMPLES: [(&str, &str); 12] = [
    (
        "rust",
        r##"use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// A page loaded from disk, with its front matter already split off.
#[derive(Debug, Clone)]
pub struct Page {
    pub path: PathBuf,
    pub title: String,
    pub weight: i64,
    body: String,
}

impl Page {
    /// Reads `path` and splits its `+++` front matter from the body.
    pub fn load(path: &Path) -> std::io::Result<Page> {
        let text = fs::read_to_string(path)?;
        let (front, body) = match text.strip_prefix("+++\n") {
            Some(rest) => rest.split_once("\n+++\n").unwrap_or(("", rest)),
            None => ("", text.as_str()),
        };
        let mut fields: HashMap<&str, &str> = HashMap::new();
        for line in front.lines().filter(|l| !l.trim().is_empty()) {
            if let Some((k, v)) = line.split_once('=') {
                fields.insert(k.trim(), v.trim().trim_matches('"'));
            }
        }
        let weight = fields.get("weight").and_then(|w| w.parse().ok()).unwrap_or(0);
        let title = fields.get("title").copied().unwrap_or("Untitled").to_string();
        Ok(Page { path: path.to_owned(), title, weight, body: body.to_string() })
"##,
    ),
    (
        "python",
        r##"import json
import re
from dataclasses import dataclass, field
from pathlib import Path

WORD = re.compile(r"[\w']+", re.UNICODE)


@dataclass
class Index:
    """An inverted index of words to the pages that contain them."""

    postings: dict[str, set[int]] = field(default_factory=dict)
    titles: list[str] = field(default_factory=list)

    def add(self, title: str, text: str) -> int:
        page = len(self.titles)
        self.titles.append(title)
        for word in WORD.findall(text.lower()):
            self.postings.setdefault(word, set()).add(page)
        return page

    def search(self, query: str) -> list[str]:
        words = WORD.findall(query.lower())
        if not words:
            return []
        hits = set.intersection(*(self.postings.get(w, set()) for w in words))
        return [self.titles[i] for i in sorted(hits)]


"##,
    ),
    (
        "javascript",
        r##"// Filters the table of contents as the reader types.
const input = document.querySelector('#toc-filter');
const items = Array.from(document.querySelectorAll('nav.toc li'));

function fold(text) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .toLowerCase();
}

const folded = items.map((li) => fold(li.textContent || ''));

let timer = null;
input?.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(() => {
    const q = fold(input.value.trim());
    let shown = 0;
    items.forEach((li, i) => {
      const hit = q === '' || folded[i].includes(q);
      li.hidden = !hit;
      if (hit) shown += 1;
    });
    document.querySelector('#toc-count').textContent = `${shown} / ${items.length}`;
  }, 80);
});

export async function loadToc(url) {
"##,
    ),
    (
        "typescript",
        r##"// Loads a language's table of contents and finds a page by its folded title.
export interface Entry {
  url: string;
  title: string;
  depth: number;
  children?: Entry[];
}

type Folded = { entry: Entry; key: string };

const cache = new Map<string, Folded[]>();

function fold(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

export async function load(lang: "vi" | "en", root = "../"): Promise<Folded[]> {
  const hit = cache.get(lang);
  if (hit) return hit;
  const res = await fetch(`${root}assets/toc-${lang}.json`);
  const entries = (await res.json()) as Entry[];
  const folded = entries.map((entry) => ({ entry, key: fold(entry.title) }));
  cache.set(lang, folded);
  return folded;
}

export function find(all: readonly Folded[], query: string, limit = 10): Entry[] {
  const q = fold(query.trim());
  return all.filter((f) => f.key.includes(q)).slice(0, limit).map((f) => f.entry);
}
"##,
    ),
    (
        "bash",
        r##"#!/usr/bin/env bash
# Builds the site and publishes it to the web server.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${OUT:-$ROOT/public}"
HOST="${DEPLOY_HOST:-docs.example.org}"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if ! command -v songngu >/dev/null 2>&1; then
  log "songngu not found; installing"
  cargo install --locked --path "$ROOT"
fi

log "building into $OUT"
rm -rf "$OUT"
songngu build --root "$ROOT" --out "$OUT"

count=$(find "$OUT" -name '*.html' | wc -l)
if [[ $count -lt 10 ]]; then
  log "only $count pages: refusing to deploy"
  exit 1
fi

for lang in vi en; do
  test -f "$OUT/$lang/index.html" || { log "missing $lang cover"; exit 1; }
done

rsync -az --delete "$OUT/" "deploy@$HOST:/srv/docs/"
"##,
    ),
    (
        "toml",
        r##"# Site configuration
title = "Báo cáo tổng kết"
base_url = "https://docs.example.org/"
base_path = "/bao-cao/"
default_language = "vi"

[languages.vi]
name = "Tiếng Việt"
weight = 1

[languages.en]
name = "English"
weight = 2

[search]
enabled = true
max_results = 20
stop_words = ["và", "của", "the", "of", "a"]

[markdown]
smart_punctuation = false
linenos = true

[[menu]]
name = "GitHub"
url = "https://example.org/repo"
weight = 10

[extra]
authors = [{ name = "Nguyễn Văn A", email = "a@example.org" }]
"##,
    ),
    (
        "json",
        r##"{
  "name": "songngu-theme",
  "version": "1.4.2",
  "private": true,
  "description": "Default theme of the site, with search and dark mode",
  "scripts": {
    "lint": "eslint static/*.js",
    "test": "node --test tests/",
    "format": "prettier --write static"
  },
  "browserslist": ["> 0.5%", "last 2 versions", "not dead"],
  "devDependencies": {
    "eslint": "^9.2.0",
    "prettier": "^3.3.1"
  },
  "search": {
    "shards": 16,
    "minLength": 2,
    "fold": true,
    "weights": { "title": 4.0, "heading": 2.0, "body": 1.0 }
  },
  "languages": [
    { "code": "vi", "name": "Tiếng Việt", "default": true },
    { "code": "en", "name": "English", "default": false }
  ],
  "features": {
    "copyButton": true,
    "lineNumbers": null,
    "maxWidth": 72.5
  },
"##,
    ),
    (
        "yaml",
        r##"# CI workflow: build the site and check every link
name: docs
on:
  push:
    branches: [main]
  pull_request:
    paths:
      - "content/**"
      - "theme/**"

env:
  CARGO_TERM_COLOR: always
  RUST_LOG: info

jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 20
    steps:
      - uses: actions/checkout@v4
      - name: Install toolchain
        run: rustup toolchain install stable --profile minimal
      - name: Build
        run: |
          cargo build --release
          ./target/release/songngu build --out public
      - name: Check links
        run: ./target/release/songngu build --check-links=error
      - uses: actions/upload-artifact@v4
        with:
"##,
    ),
    (
        "c",
        r##"#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE 4096

/* Counts the words of each line of a file, as wc -w would. */
typedef struct {
    size_t lines;
    size_t words;
} counts_t;

static int count_file(const char *path, counts_t *out) {
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        perror(path);
        return -1;
    }
    char buf[MAX_LINE];
    while (fgets(buf, sizeof buf, f) != NULL) {
        int in_word = 0;
        out->lines++;
        for (char *p = buf; *p != '\0'; p++) {
            int space = (*p == ' ' || *p == '\t' || *p == '\n');
            if (!space && !in_word) out->words++;
            in_word = !space;
        }
    }
    fclose(f);
    return 0;
"##,
    ),
    (
        "go",
        r##"package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"sync"
	"time"
)

// Counter counts page views per path, safe for concurrent use.
type Counter struct {
	mu    sync.Mutex
	views map[string]int
}

func (c *Counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	c.views[r.URL.Path]++
	n := c.views[r.URL.Path]
	c.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(map[string]int{"views": n}); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func main() {
	c := &Counter{views: make(map[string]int)}
"##,
    ),
    (
        "html",
        r##"<!DOCTYPE html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{ page.title }} — {{ site.title }}</title>
  <link rel="stylesheet" href="{{ root }}assets/style.css">
  <!-- The theme's script runs after the page is parsed -->
  <script src="{{ root }}assets/songngu.js" defer></script>
</head>
<body class="chapter">
  <a class="skip" href="#content">Bỏ qua phần điều hướng</a>
  <header>
    <button type="button" id="menu" aria-expanded="false" aria-controls="sidebar">Mục lục</button>
    <form role="search" action="{{ root }}search.html">
      <label for="q">Tìm kiếm</label>
      <input id="q" name="q" type="search" autocomplete="off">
    </form>
  </header>
  <nav id="sidebar" aria-label="Mục lục">
    <ol>
      <li><a href="1-mo-dau.html" aria-current="page">Mở đầu</a></li>
      <li><a href="2-ket-qua/index.html">Kết quả</a></li>
    </ol>
  </nav>
  <main id="content">
    <article>
      <h1>Mở đầu</h1>
      <p>Năm 2023, tỉnh đạt <strong>83,6&nbsp;%</strong> kế hoạch.</p>
    </article>
"##,
    ),
    (
        "css",
        r##"/* Layout of the page: sidebar on the left, article on the right. */
:root {
  --fg: #1d1d1f;
  --bg: #ffffff;
  --accent: #0b5cad;
  --sidebar-width: 18rem;
}

@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e8e8ea;
    --bg: #16171a;
    --accent: #7db4f0;
  }
}

body {
  display: grid;
  grid-template-columns: var(--sidebar-width) minmax(0, 1fr);
  margin: 0;
  font: 1rem/1.6 system-ui, sans-serif;
  color: var(--fg);
  background: var(--bg);
}

nav#sidebar a[aria-current="page"] {
  font-weight: 600;
  border-left: 3px solid var(--accent);
}

"##,
    ),
];

// ---------------------------------------------------------------------------------------------
// Vocabulary. Vietnamese: clauses of report 691-BC/TU (I–III). English: clauses in the register
// of its translation.

const VI_CLAUSES: &str = "\
01 Ban Quản lý Khu kinh tế\n\
01 thành phố và 161 xã\n\
01 thành phố với 161 xã\n\
02 quyết định về đối ngoại hợp tác quốc tế triển khai\n\
100% các cơ quan\n\
2.427 chi bộ trực thuộc đảng bộ cơ sở với trên 56 nghìn đảng viên\n\
5 năm qua\n\
CBCCVC Các cơ quan nhà nước thực hiện nghiêm túc Nghị định số 04/2015/NĐ-CP\n\
Cao Bằng là tỉnh miền núi\n\
Chỉ số PAPI\n\
Chỉ số PAR-INDEX\n\
Chỉ thị số 05-CT/TW và các văn bản chỉ đạo\n\
Chỉ thị số 16/CT-TTg\n\
Chỉ đạo thủ trưởng các cơ quan\n\
Chỉ đạo thực hiện nghiêm túc công tác rà soát và giải quyết đơn thư\n\
Chỉ đạo xây dựng\n\
Chỉ đạo đẩy mạnh cải cách hành chính\n\
HĐND và UBND các cấp trên địa bàn tỉnh đã ban hành 1.095 VBQPPL\n\
Kết luận số 03-KL/TW\n\
Kết luận số 114-KL/TW\n\
Kết quả thực hiện Kết luận số 114-KL/TW của cơ quan nhà nước các cấp 2.1\n\
Kết quả thực hiện Nghị quyết số 18-NQ/TW\n\
Kết quả thực hiện công tác tiếp công dân\n\
Mặt trận Tổ quốc và các tổ chức chính trị - xã hội được quan tâm\n\
Nghị quyết Trung ương 4 khóa XII về tăng cường xây dựng\n\
Nghị quyết số 25-NQ/TW\n\
Nghị định số 64/2014/NĐ-CP\n\
Nhà nước có nơi còn hình thức\n\
Nhà nước về công tác dân vận của cấp uỷ\n\
Quy định về việc tiếp công dân\n\
Tỉnh có 9 huyện\n\
UBND các cấp\n\
UBND các cấp được chú trọng\n\
UBND cấp huyện\n\
UBND cấp xã\n\
UBND tỉnh ban hành\n\
UBND tỉnh ban hành văn bản về tăng cường chỉ đạo\n\
UBND tỉnh ban hành đúng căn cứ pháp lý\n\
UBND tỉnh đã ban hành 14 văn bản sửa đổi\n\
an ninh trên địa bàn tỉnh\n\
an toàn lao động\n\
ban hành các cơ chế\n\
biên chế của các cơ quan\n\
bình quân toàn tỉnh đạt 10,41 tiêu chí/xã\n\
bảo vệ môi trường\n\
bảo đảm quyền lợi hợp pháp\n\
bảo đảm quốc phòng\n\
bảo đảm để nhân dân tham gia quản lý xã hội\n\
bầu ban thanh tra nhân dân\n\
bố trí tinh gọn đầu mối\n\
bổ sung hệ thống các quy chế\n\
bổ sung và ban hành mới hệ thống tiêu chuẩn chức danh công chức\n\
chính quyền chưa quan tâm đúng mức đến việc lãnh đạo\n\
chính quyền các cấp\n\
chính quyền các cấp quan tâm thực hiện lấy ý kiến của cán bộ\n\
chính quyền các cấp thường xuyên quán triệt các chủ trương\n\
chính quyền các cấp trong tình hình mới\n\
chính quyền các cấp và ban hành các văn bản chỉ đạo triển khai\n\
chính quyền các cấp đã quan tâm lãnh đạo\n\
chính quyền nhận thức chưa đầy đủ về công tác dân vận\n\
chính quyền thường xuyên quan tâm chỉ đạo công tác kiểm tra\n\
chính quyền với nhân dân\n\
chính sách an sinh xã hội\n\
chính sách của Nhà nước trên các lĩnh vực của đời sống\n\
chính sách của cơ quan Nhà nước cấp trên\n\
chính sách của Đảng\n\
chính sách liên quan đến quyền và lợi ích của cán bộ\n\
chính sách phát triển kinh tế - xã hội trên địa bàn tỉnh\n\
chính sách tuyển dụng\n\
chính sách về phát triển kinh tế - xã hội\n\
chính đáng của công dân\n\
chú trọng công tác kiểm tra\n\
chưa gắn việc tiếp dân với chỉ đạo xử lý và đôn đốc\n\
chưa kịp thời\n\
chương trình giám sát chuyên đề về công tác tiếp công dân\n\
chương trình hành động số 38-CTr/TU\n\
chấn chỉnh vi phạm trong công tác tiếp công dân\n\
chất lượng phục vụ nhân dân của cán bộ công chức từng bước được nâng cao\n\
chất lượng và cơ cấu của đội ngũ cán bộ\n\
chỉ đạo công tác dân vận trong các cơ quan nhà nước\n\
chỉ đạo của Trung ương\n\
chỉ đạo sản xuất\n\
chỉ đạo triển khai quán triệt và tổ chức thực hiện Kết luận số 114-KL/TW\n\
chỉnh đốn đảng\n\
chủ trương của Đảng về công tác dân vận thành chính sách\n\
chủ động nắm tình hình tư tưởng\n\
chủ động phòng chống thiên tai\n\
chủ động xây dựng\n\
chủ động xây dựng chương trình\n\
các VBQPPL do HĐND\n\
các cơ quan\n\
các cơ quan chức năng chủ động xây dựng kế hoạch\n\
các cơ quan nhà nước\n\
các cấp uỷ đảng\n\
các hoạt động của cơ quan nhà nước và cán bộ\n\
các hoạt động tôn giáo trái pháp luật\n\
các ngành chưa giải quyết được\n\
các ngành thường xuyên quan tâm\n\
các tổ chức chính trị - xã hội trong tuyên truyền vận động đoàn viên\n\
các tổ chức chính trị - xã hội và nhân dân tham gia giám sát\n\
các văn bản ban hành đảm bảo đúng trình tự\n\
các vụ kiện đông người\n\
các đoàn thể chính trị xã hội được tăng cường\n\
các đoàn thể chưa được triển khai đồng bộ Một là\n\
các đơn thư khiếu nại\n\
các đơn vị sự nghiệp được thực hiện đồng bộ\n\
có 11 xã đạt 19 tiêu chí nông thôn mới\n\
có nơi chưa kịp thời\n\
có sự phối hợp chặt chẽ giữa chính quyền\n\
có tinh thần trách nhiệm khi giải quyết các công việc\n\
có ý thức trách nhiệm trong công việc\n\
có đường biên giới tiếp giáp với Trung Quốc dài trên 333 km\n\
công chức hoàn thành tốt nhiệm vụ chính trị\n\
công chức một cách hợp lý\n\
công chức tham gia xử lý những công việc liên quan trực tiếp đến người dân\n\
công chức và nhân dân theo quy định và quy chế làm việc\n\
công chức về công tác dân vận chính quyền còn hạn chế\n\
công khai minh bạch trong hoạt động quản lý\n\
công tác cán bộ của cơ quan\n\
công tác cải cách hành chính\n\
công tác dân vận các cơ quan nhà nước nói riêng tới đông đảo cán bộ\n\
công tác dân vận của cơ quan nhà nước đã góp phần phát huy dân chủ\n\
công tác kiểm tra\n\
công tác quán triệt\n\
công tác thể chế hóa\n\
công tác tiếp dân\n\
công tác tuyên truyền\n\
công tác xây dựng\n\
cơ chế giám sát\n\
cơ cấu lại đội ngũ cán bộ\n\
cơ quan Nhà nước các cấp đã thể chế hóa thành quy chế trong chỉ đạo\n\
cơ quan ngang sở\n\
cơ quan nhà nước các cấp Công tác quán triệt\n\
cơ quan nhà nước các cấp phối hợp\n\
cơ quan nhà nước các cấp được cấp uỷ\n\
cải cách thủ tục hành chính\n\
cải cách thủ tục hành chính và thực hiện các chủ trương\n\
cải tiến lề lối làm việc\n\
cấp huyện 212 TTHC\n\
cấp huyện thực hiện rà soát 1.309 văn bản\n\
cấp tỉnh đã thực hiện rà soát 92 văn bản do HĐND\n\
cấp xã 119 TTHC\n\
cấp xã ban hành có nội dung phù hợp với Hiến pháp năm 2013\n\
cấp xã thực hiện rà soát 808 văn bản\n\
cụ thể hóa các quan điểm\n\
cụ thể hóa những chủ trương\n\
của tỉnh về công tác dân vận\n\
của tỉnh về công tác dân vận chính quyền\n\
của địa phương\n\
duy trì hiệu quả đường dây nóng\n\
dân kiểm tra\n\
dễ thực hiện\n\
giá sản phẩm nông nghiệp thấp\n\
giám sát cán bộ\n\
giám sát hoạt động của cơ quan Nhà nước\n\
giám sát quá trình tổ chức thực hiện của chính quyền\n\
giám sát việc thực hiện các chủ trương của Đảng\n\
giám sát việc triển khai\n\
giám sát việc triển khai thực hiện và sơ kết\n\
giám sát việc tăng cường kỷ luật\n\
giáo dục tư tưởng chính trị\n\
giải quyết khiếu nại\n\
giải quyết kịp thời những kiến nghị\n\
giải quyết những vấn đề bức xúc trong xã hội\n\
giải quyết tốt đơn\n\
giải quyết đơn thư\n\
giảm 95 phòng\n\
gây phiền hà cho công dân và doanh nghiệp\n\
góp phần hoàn thiện thể chế\n\
góp phần làm trong sạch bộ máy\n\
góp phần động viên cán bộ\n\
góp ý xây dựng Đảng\n\
gương mẫu của cán bộ\n\
gắn việc thực hiện dân chủ với thực hiện nhiệm vụ chuyên môn của đơn vị\n\
gắn với chức năng\n\
hiệu lực của bộ máy Nhà nước\n\
hiệu quả công tác cải cách hành chính\n\
hiệu quả công tác dân vận trong các cơ quan hành chính nhà nước các cấp\n\
hiệu quả công tác tiếp dân\n\
hiệu quả trong hoạt động của cơ quan nhà nước các cấp\n\
hoàn thành việc sắp xếp tổ chức bộ máy bên trong của 21/21 sở\n\
hoạt động hiệu lực\n\
hình thức tuyên truyền chậm đổi mới\n\
hòm thư góp ý tại cơ quan nhằm tiếp thu\n\
hạn chế tình trạng sách nhiễu\n\
học dân và có trách nhiệm với dân\n\
học dân và có trách nhiệm với nhân dân\n\
hội viên và các tầng lớp nhân dân\n\
hội viên và các tầng lớp nhân dân thực hiện chủ trương của Đảng\n\
hội viên và nhân dân đối với đại hội đảng bộ các cấp\n\
khai thác khoáng sản\n\
khen thưởng và nhân rộng các điển hình trong thực hiện công tác dân vận\n\
khiếu nại tố cáo\n\
không để vụ việc phức tạp kéo dài\n\
không để xảy ra hiện tượng tiêu cực\n\
kinh tế của tỉnh tiếp tục phát triển ổn định\n\
kinh tế thế giới và trong nước có nhiều diễn biến phức tạp\n\
kiến nghị kèm theo Quyết định số 2305-QĐ/TU\n\
kiểm tra trực tiếp 119 đơn vị về thực hiện QCDC ở cơ sở\n\
kiểm tra việc chấp hành pháp luật về khai thác tài nguyên khoáng sản\n\
kiện toàn tổ chức\n\
kiện toàn tổ chức bộ máy\n\
kiện toàn tổ chức bộ máy và công tác cán bộ\n\
kéo dài trên địa bàn tỉnh\n\
kế hoạch hành động thực hiện các văn bản của Trung ương\n\
kế hoạch tổ chức thực hiện đảm bảo sự lãnh đạo của tổ chức Đảng\n\
kết luận của Trung ương\n\
kịp thời kiến nghị biện pháp phòng ngừa\n\
kịp thời phát hiện\n\
kỷ cương nâng cao hiệu quả thực thi pháp luật\n\
luân chuyển cán bộ\n\
làm ảnh hưởng đến sản xuất và đời sống nhân dân\n\
lãng phí chưa cao\n\
lãnh đạo UBND tỉnh\n\
lấy ý kiến góp ý về các phương pháp tổ chức\n\
lề lối làm việc\n\
lợi ích của nhân dân chậm được bổ sung\n\
minh bạch trong hoạt động quản lý\n\
minh bạch tài sản\n\
mỗi cán bộ\n\
một số cơ chế chính sách liên quan trực tiếp đến quyền\n\
một số cấp ủy\n\
một số kiến nghị chính đáng của nhân dân chưa được giải quyết kịp thời\n\
mở rộng dân chủ\n\
nghe dân nói\n\
nghị quyết của đảng\n\
nguyện vọng của nhân dân\n\
nguyện vọng của đoàn viên\n\
ngành được tiếp nhận và trả kết quả tại Trung tâm\n\
ngày 12/12/2013 của Bộ Chính trị\n\
ngày 12/8/2010 của Ban Thường vụ Tỉnh uỷ\n\
ngày 26/8/2013 của Tỉnh uỷ về thực hiện Nghị quyết số 25-NQ/TW\n\
ngày càng diễn biến phức tạp\n\
người đứng đầu\n\
người đứng đầu cơ quan\n\
nhiều mô hình\n\
nhiệm kỳ 2020-2022\n\
nhiệm vụ chính trị của tỉnh\n\
nhiệm vụ của các cơ quan\n\
nhiệm vụ của cơ quan Nhà nước\n\
nhiệm vụ phát triển kinh tế\n\
nhiệm vụ và tình hình thực tiễn tại cơ quan\n\
nhiệt tình tham mưu tổ chức thực hiện hiệu quả nhiệm vụ được giao\n\
nhà nước về công tác dân vận\n\
nhân rộng các điển hình tiên tiến tiêu biểu\n\
nhất là công tác dân vận của các cơ quan Nhà nước\n\
nhất là công tác dân vận của các cơ quan nhà nước\n\
nhất là cơ quan chính quyền các cấp về công tác dân vận được nâng lên\n\
nhất là những lĩnh vực liên quan trực tiếp đến lợi ích của người dân\n\
nhất là việc thực hiện Quy chế dân chủ ở cơ sở\n\
nhất là đội ngũ cán bộ\n\
nhất là ở cơ sở\n\
nhận được 2.272 đơn thư khiếu nại và 461 đơn thư tố cáo\n\
nâng cao chất lượng\n\
nâng cao năng lực quản lý\n\
nâng cao đời sống mọi mặt của nhân dân\n\
nói dân hiểu\n\
năm 2015 đạt 75,83%\n\
năm 2016 đạt 34,32 điểm\n\
năm 2016 đạt 61,39%\n\
năm 2017 đạt 35,85 điểm\n\
năm 2017 đạt 74,55%\n\
năm 2018 đạt 44,06 điểm\n\
năm 2018 đạt 71,22%\n\
năm 2019 đạt 44,81 điểm\n\
nội dung phù hợp với quy định của Hiến pháp năm 2013\n\
nội quy tiếp công dân tại Tỉnh ủy Cao Bằng kèm theo Quyết định số 2304-QĐ/TU\n\
phong cách Hồ Chí Minh Cấp uỷ\n\
pháp luật Thực hiện các văn bản lãnh đạo\n\
pháp luật của Nhà nước\n\
pháp luật của Nhà nước về công tác dân vận\n\
phát huy quyền làm chủ của cán bộ\n\
phát huy quyền làm chủ của nhân dân\n\
phát huy sức mạnh khối đại đoàn kết toàn dân tộc\n\
phát huy tính chủ động\n\
phát huy tốt vai trò của Mặt trận Tổ quốc Việt Nam\n\
phát huy vai trò của người đứng đầu cấp ủy\n\
phát triển kinh tế - xã hội\n\
phân công lãnh đạo phụ trách công tác dân vận của địa phương\n\
phân công lãnh đạo phụ trách công tác dân vận tại các cơ quan\n\
phân cấp cho cơ sở\n\
phòng chống dịch bệnh cho gia súc\n\
phòng chống tham nhũng\n\
phòng thuộc chi cục\n\
phù hợp với Hiến pháp năm 2013\n\
phải nêu cao tính tiên phong\n\
phản biện xã hội\n\
phản ánh của công dân mà lãnh đạo cấp ủy\n\
phối hợp xây dựng hướng dẫn\n\
phụ trách công tác dân vận trong các cơ quan nhà nước chưa được phát huy\n\
phục vụ yêu cầu cải cách tư pháp\n\
qua rà soát\n\
qua rà soát các văn bản của HĐND\n\
qua theo dõi\n\
qua đó phát huy và nâng cao quyền làm chủ của nhân dân\n\
quan tâm tạo điều kiện cho các tổ chức đoàn thể\n\
quy chế của nhà nước\n\
quy chế để cán bộ\n\
quy trình công tác\n\
quy tắc ứng xử của đội ngũ CBCCVN\n\
quy định về thực hiện dân chủ trong đơn vị\n\
quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW\n\
quá trình thực hiện tinh giản biên chế và cơ cấu lại đội ngũ cán bộ\n\
quán triệt kịp thời các quan điểm\n\
quán triệt và tổ chức thực hiện có hiệu quả các văn bản của Trung ương\n\
rà soát 12 văn bản về quyền của một nhóm đối tượng dễ bị tổn thương\n\
rà soát chức năng\n\
rút ngắn thời gian giải quyết hồ sơ hành chính\n\
sau rà soát\n\
sau sắp xếp còn 154/249 đơn vị\n\
sách nhiễu nhân dân của CBCCVC\n\
sáng tạo trong công việc\n\
sắp xếp kiện toàn tổ chức bộ máy cơ quan hành chính nhà nước\n\
sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn\n\
sửa đổi các quy chế\n\
sự phối hợp giữa chính quyền với các cơ quan dân vận\n\
sự quản lý điều hành của Nhà nước\n\
tham gia quản lý nhà nước\n\
tham gia thực hiện quy trình bầu cử trưởng xóm\n\
tham gia tuyên truyền\n\
tham gia xây dựng Đảng\n\
tham gia xây dựng đảng\n\
tham nhũng trong giải quyết công việc\n\
thanh tra tỉnh\n\
thay thế theo đúng trình tự\n\
thi hành Hiến pháp năm 2013\n\
thành lập tổ rà soát và đã tiến hành rà soát 8 vụ việc\n\
thành phố trực thuộc Trung ương\n\
thông qua việc thảo luận\n\
thúc đẩy quá trình chuyển dịch cơ cấu kinh tế\n\
thư khiếu nại\n\
thư tố cáo\n\
thường trực Tỉnh ủy xây dựng lịch tiếp công dân hằng tháng theo quy định\n\
thời tiết diễn biến bất thường\n\
thủ trưởng các cơ quan\n\
thủ tục Luật quy định\n\
thủ tục hành chính liên quan đến tổ chức\n\
thủ tục và thẩm quyền\n\
thực hiện các chế độ\n\
thực hiện giảm được 1.302 biên chế\n\
thực hiện giảm được 194 biên chế\n\
thực hiện nghiêm túc quy chế tiếp công dân\n\
thực hiện thắng lợi các nhiệm vụ chính trị của mỗi địa phương\n\
thực hiện tốt việc tinh giản biên chế\n\
thực hiện và chỉ đạo việc sơ kết\n\
thực hành dân chủ\n\
tin tưởng vào sự lãnh đạo của Đảng\n\
tiếp xúc cử tri\n\
tranh chấp đất đai,\n\
triển khai thực hiện Kết luận số 114-KL/TW gắn với các văn bản của Đảng\n\
triển khai thực hiện phù hợp với điều kiện thực tế của tỉnh\n\
triển khai thực hiện tốt công tác kê khai\n\
triển khai và thực hiện Kết luận số 114-KL/TW\n\
triển khai xây dựng vị trí việc làm\n\
trong những năm qua\n\
trong đó dân tộc thiểu số chiếm khoảng 95%\n\
trách nhiệm của các tổ chức\n\
trình độ chuyên môn\n\
trả lời cho công dân theo quy định của pháp luật\n\
trật tự an toàn xã hội được bảo đảm\n\
trọng tâm là\n\
tác phong làm việc\n\
tìm kiếm cứu nạn\n\
tình hình chính trị\n\
tình hình nhân dân các dân tộc trong tỉnh cơ bản ổn định\n\
tích cực rà soát\n\
tích cực thu hút đầu tư\n\
tính từ ngày 01/01/2016 đến ngày 31/12/2020 toàn tỉnh thực hiện tinh giản 1.166 biên chế\n\
tính đến hết năm 2020\n\
tăng cường các hoạt động giám sát\n\
tăng cường công tác kiểm tra\n\
tăng cường hiệu lực\n\
tăng cường kiểm tra\n\
tăng cường kỷ luật\n\
tại Bộ phận tiếp nhận và trả kết quả giải quyết TTHC của các cơ quan\n\
tạo sự đồng thuận của nhân dân\n\
tạo điều kiện cho Mặt trận Tổ quốc Việt Nam\n\
tạo điều kiện thuận lợi cho nhân dân đến giải quyết công việc\n\
tạo điều kiện thuận lợi để nhân dân được kiểm tra\n\
tạo điều kiện thực hiện việc giám sát các lĩnh vực của đời sống xã hội\n\
tạo điều kiện để Mặt trận Tổ quốc Việt Nam\n\
tạo điều kiện để nhân dân phát huy quyền làm chủ\n\
tạo được sự đồng thuận của các cấp\n\
tạo được sự đồng thuận và ủng hộ của nhân dân\n\
tập trung chỉ đạo giải quyết dứt điểm các vụ việc\n\
tập trung giải quyết dứt điểm các vụ việc khiếu kiện\n\
tập trung xây dựng các giải pháp tháo gỡ khó khăn cho doanh nghiệp\n\
tỉnh Cao Bằng có 19 cơ quan chuyên môn cấp tỉnh\n\
tỉnh chỉ đạo thành lập Tổ kiểm tra\n\
tỉnh tiến hành sắp xếp\n\
tỉnh đã thành lập 29 đoàn kiểm tra\n\
tố cáo đông người phức tạp\n\
tố cáo đạt trên 83%\n\
tổ chức hội nghị\n\
tổ chức nghiên cứu\n\
tổ chức nền nếp hội nghị cán bộ công chức hằng năm\n\
tổ chức sơ kết\n\
tổ chức thực hiện công tác dân vận chính quyền các cấp\n\
tổ chức thực hiện công tác dân vận trong các cơ quan hành chính\n\
tổ chức được trên 75 cuộc đối thoại với nhân dân\n\
tổ chức đảng\n\
tổ trưởng tổ dân phố nhiệm kỳ 2020-2025\n\
tổng kết các chỉ thị\n\
tổng kết các văn bản liên quan đến công tác dân vận tại cơ quan\n\
tổng kết việc thực hiện Kết luận số 114-KL/TW và các chỉ thị\n\
từ năm 2015 đến nay\n\
từ năm 2015 đến tháng 4/2020\n\
từng bước xây dựng cơ cấu đội ngũ cán bộ\n\
tỷ lệ cắt giảm thời gian đạt tối thiểu từ 20% - 30%\n\
tỷ lệ giải quyết đơn thư khiếu nại\n\
vai trò của một số cán bộ được phân công\n\
viên chức chấp hành tốt các chủ trương\n\
viên chức có sự chuyển biến tích cực\n\
viên chức hằng năm\n\
viên chức thực hiện\n\
viên chức trong thực hiện công tác dân vận\n\
viên chức trong thực thi công vụ\n\
viên chức tỉnh đã chỉ đạo sửa đổi\n\
viên chức được thực hiện công khai\n\
việc ban hành văn bản lãnh đạo\n\
việc kiểm tra\n\
việc nắm tình hình nhân dân có lúc\n\
việc phát huy vai trò của nhân dân tham gia quản lý xã hội\n\
việc thực hiện chính sách hỗ trợ\n\
việc thực hiện các quy định về đạo đức công vụ\n\
việc triển khai tích cực\n\
văn hoá - xã hội có nhiều tiến bộ\n\
văn hóa công sở\n\
văn phòng HĐND tỉnh\n\
văn phòng UBND tỉnh\n\
văn phòng Đoàn ĐBQH\n\
vấn đề môi trường\n\
vấn đề vệ sinh an toàn thực phẩm\n\
vận động và hướng dẫn nhân dân thực hiện các chủ trương\n\
vận động và hướng dẫn nhân dân trong việc thực hiện các chủ trương của Đảng\n\
về thực hiện quy chế dân chủ của chính quyền\n\
vị trí địa lý\n\
xây dựng chính quyền\n\
xây dựng chính quyền của Mặt trận Tổ quốc\n\
xây dựng chính quyền theo quy định của Hiến pháp năm 2013\n\
xây dựng chính quyền trong sạch\n\
xây dựng chương trình\n\
xây dựng nếp sống văn minh công sở trong các cơ quan\n\
xếp 15/63 tỉnh\n\
xếp 59/63 tỉnh\n\
xếp loại cán bộ\n\
xử lý những thông tin của tổ chức\n\
xử lý đơn\n\
xử lý đơn thư và giải quyết khiếu nại\n\
ý thức trách nhiệm của một số cán bộ\n\
Đảng bộ tỉnh có 15 đảng bộ trực thuộc với 588 tổ chức cơ sở đảng\n\
đa số cán bộ\n\
đang tiến hành 03 vụ việc\n\
điều chỉnh kịp thời các quan hệ mới phát sinh\n\
điều hành công tác quản lý và sử dụng tài sản công\n\
điều hành của bộ máy chính quyền các cấp\n\
điều hành của cơ quan Nhà nước\n\
điều hành của cơ quan nhà nước\n\
đoàn thể tổ chức quán triệt\n\
đã huy động được cả hệ thống chính trị tham gia\n\
đôn đốc 17 vụ việc thuộc địa bàn 05 huyện\n\
đúng thẩm quyền\n\
đúng trình tự và thời gian quy định\n\
đơn vị gắn với vị trí việc làm\n\
đơn vị khác\n\
đơn vị sự nghiệp công lập\n\
đơn vị thực hiện khá tốt\n\
đơn vị thực hiện nghiêm túc các quy định của pháp luật về tiếp công dân\n\
đơn vị trên địa bàn tỉnh tiếp trên 1.876 lượt người\n\
đơn vị và CBCCVC cơ bản chấp hành tốt các chính sách\n\
đơn vị và xây dựng nông thôn mới\n\
đơn vị xử lý\n\
đơn vị đảm bảo đúng lộ trình theo quy định\n\
đường lối của Đảng\n\
đạo đức nghề nghiệp cho cán bộ công chức được quan tâm\n\
đảm bảo công khai\n\
đảm bảo quốc phòng\n\
đảm bảo thống nhất\n\
đảng viên trong hệ thống chính trị\n\
đấu tranh với tổ chức bất hợp pháp Dương Văn Minh\n\
đầu tư xây dựng cơ bản\n\
đẩy lùi sự suy thoái về tư tưởng\n\
đẩy mạnh công tác tuyên truyền\n\
đẩy mạnh cải cách thủ tục hành chính\n\
đẩy mạnh hoạt động giám sát\n\
đẩy mạnh phong trào xây dựng nông thôn mới\n\
đẩy nhanh tiến độ các dự án trọng điểm của tỉnh\n\
đều có kết luận và thông báo giao trách nhiệm cho các cơ quan\n\
địa phương triển khai thực hiện với nhiều hình thức\n\
đối thoại trực tiếp giữa người đứng đầu cấp uỷ\n\
đối thoại với nhân dân\n\
đối với các vụ việc phức tạp kéo dài\n\
đồng bộ với văn bản của Trung ương\n\
đồng thời chỉ đạo các cấp uỷ Đảng\n\
đồng thời chỉ đạo việc thực hiện\n\
đồng thời cụ thể hóa thành những nội quy\n\
đồng tình với những chủ trương\n\
đổi mới cơ chế\n\
đổi mới phương thức tuyên truyền\n\
đội ngũ cán bộ\n\
đời sống vật chất và tinh thần của nhân dân từng bước được cải thiện\n\
ủng hộ và đồng thuận của nhân dân đối với chính quyền các cấp\n\
";

const EN_CLAUSES: &str = "\
mass mobilisation work of state agencies at all levels\n\
the provincial Party Committee issued guiding documents\n\
party committees and authorities paid regular attention\n\
the review of five years of implementation\n\
in line with the practical conditions of the province\n\
the people know, discuss, do, inspect and supervise\n\
democracy at the grassroots was promoted\n\
administrative procedure reform was accelerated\n\
the one-stop-shop mechanism was applied at every level\n\
citizens were received on the sixteenth day of each month\n\
complaints and denunciations were settled in time\n\
the Fatherland Front and socio-political organisations took part\n\
the supervision and social criticism of the people\n\
cadres, civil servants and public employees\n\
the heads of agencies held direct dialogues with the people\n\
the legal documents issued were reviewed in full\n\
in accordance with the Constitution of 2013\n\
the streamlining of staff was carried out openly\n\
the organisational apparatus was rearranged\n\
the emulation movement for skilful mass mobilisation\n\
studying and following the thought, ethics and style of Ho Chi Minh\n\
new rural areas were built with the participation of the people\n\
the great national unity bloc was strengthened\n\
the awareness and responsibility of party members improved\n\
some party committees did not pay due attention\n\
the dissemination of policies was still formal in places\n\
the inspection and supervision were not regular\n\
the capacity of some officials remained limited\n\
the legitimate petitions of the people were not settled in time\n\
lessons learned from the implementation\n\
the leadership of the Party over mass mobilisation work\n\
close coordination between the authorities and the Front\n\
the exemplary role of cadres and party members\n\
the key tasks for the coming period\n\
to renew the methods of propaganda and persuasion\n\
to improve the quality of citizen reception\n\
to strengthen the inspection of the implementation\n\
the public administration service centre came into operation\n\
more than 1,200 administrative procedures were received\n\
the processing time was cut by 20% to 30%\n\
the satisfaction of citizens and enterprises increased\n\
the province has nine districts and one city\n\
161 communes, wards and townships\n\
ethnic minorities make up about 95% of the population\n\
the economy continued to develop steadily\n\
material and spiritual life improved step by step\n\
national defence and security were ensured\n\
the situation at the border remained stable\n\
natural disasters and epidemics became more complex\n\
land disputes affected production and daily life\n\
the compensation and resettlement policies were not always ensured\n\
the Provincial People's Committee issued a plan\n\
the Provincial People's Council approved the resolutions\n\
the Department of Justice reviewed the legal documents\n\
the Department of Home Affairs led the inspection team\n\
the hotline numbers were made public\n\
the code of conduct of public servants was observed\n\
the culture of the public office was promoted\n\
violations were corrected promptly\n\
the rights and interests of public employees were respected\n\
the annual conference of civil servants was held regularly\n\
assets and incomes were declared transparently\n\
the management of public property was made public\n\
the grassroots democracy regulations were implemented seriously\n\
petitions and feedback from organisations and individuals\n\
the complicated and prolonged cases were reviewed\n\
the rights of citizens were protected\n\
direct dialogue between the leaders and the people\n\
the schedule of citizen reception was published\n\
the working days of the reception office\n\
the prolonged complaints involving many people\n\
the review teams examined the files again\n\
the results of the review were reported\n\
the party committees of districts and the city\n\
the party organisations directly under the provincial committee\n\
the departments, boards and sectors of the province\n\
the mass organisations of the province\n\
the mobilisation of ethnic minority communities\n\
the models of skilful mass mobilisation were replicated\n\
outstanding collectives and individuals were commended\n\
the motivation of the people to work and produce\n\
the participation in building the Party and the government\n\
the assessment and classification of civil servants\n\
the criteria for evaluating officials each year\n\
the results achieved in the past five years\n\
the shortcomings, difficulties and their causes\n\
the causes were both objective and subjective\n\
some mechanisms and policies were slow to be amended\n\
the grasp of the situation among the people\n\
the mechanism of supervision was not implemented uniformly\n\
strengthening the leadership of party committees\n\
mass mobilisation is the task of the whole political system\n\
raising the management capacity of the government apparatus\n\
improving working methods and the civilised lifestyle at the office\n\
the vanguard and exemplary role of the head of each agency\n\
praising and rewarding good examples\n\
the documents of the central and provincial levels\n\
bringing about a strong change in awareness\n\
the legitimate aspirations of the people\n\
the fields directly related to the interests of the people\n\
practising democracy, openness and transparency\n\
the people take part in managing society\n\
the movements of patriotic emulation continued\n\
the Resolution of the fourth Central Committee meeting\n\
the inspection of the implementation of party documents\n\
the information was received and processed\n\
the feedback of organisations and individuals on the work of the agency\n\
a transparent and accountable administration\n\
the district and communal levels\n\
the provincial level handled 1,406 procedures\n\
the share of online public services rose\n\
the staff quota assigned in 2015\n\
the number of public employees was reduced\n\
the vacant positions were not filled\n\
the public service units were merged\n\
the reorganisation of internal departments was completed\n\
the results of the reconciliation at the grassroots\n\
the conciliation teams in villages and residential groups\n\
the elections of village heads for the new term\n\
the contributions of the people to the draft documents\n\
the Party congresses at all levels\n\
the illegal organisations and abnormal religious activities\n\
persuading citizens to comply with lawful decisions\n\
the clearance of land for development projects\n\
the exploitation of minerals and the protection of the environment\n\
the prevention of livestock and poultry diseases\n\
attracting investment and removing obstacles for enterprises\n\
speeding up the key projects of the province\n\
discipline and order in the exercise of public duties\n\
the implementation of law was made more effective\n\
the coordination programme for the period 2016–2021\n\
the plan for the year of mobilisation in government\n\
the guidance on the year of skilful mass mobilisation\n\
the rules on the reception of citizens by the Party Secretary\n\
the decision on consolidating the steering committee\n\
the democracy regulations at the grassroots\n\
the working regulations of the Standing Committee\n\
reporting to the Central Commission for Mass Mobilisation\n\
the Standing Board of the Provincial Party Committee\n\
the offices of the Provincial Party Committee\n\
the annual review and the final assessment\n\
the thematic supervision of citizen reception\n\
the recommendations to prevent violations\n\
the settlement rate of complaints reached over 83%\n\
more than 75 dialogues were held with the people\n\
the inspection teams visited 368 grassroots units\n\
a total of 98 inspection teams were set up\n\
the people trust the leadership of the Party\n\
the policies of the Party and the laws of the State\n\
the complicated developments in the region and the world\n\
";
