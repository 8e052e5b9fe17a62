//! Long random sequences of edits to a small bilingual site, rebuilt after each edit by one
//! [`Builder`] the way `serve` drives it (`invalidate` the saved files, `build`, then finish
//! what the build deferred), and compared after every edit, byte for byte and file by file,
//! with a clean build of the same content.
//!
//! The edits are those an author makes: a chapter's text or heading, a title, a weight, new,
//! deleted and moved chapters (also at the path of an orphaned translation), drafts, a new
//! section folder and its deletion, new, deleted and re-marked translations, the data table,
//! `site.toml`, the interface strings, a save that changes nothing, a broken link and its fix,
//! and several saves in one batch. The sequences are fixed by their seeds; a failure prints
//! the edits that led to it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use songngu::build::Builder;
use songngu::output::Output;

use crate::common::site::{Site, SITE_TOML};

/// A small xorshift generator: the same seed gives the same sequence of edits.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `n` words of `vocabulary`, and up to `more` others.
    fn words(&mut self, vocabulary: &[&str], n: usize, more: usize) -> String {
        let n = n + self.below(more + 1);
        (0..n)
            .map(|_| *self.pick(vocabulary))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

const VI_WORDS: &[&str] = &[
    "cán bộ",
    "dân vận",
    "khiếu nại",
    "tố cáo",
    "chính quyền",
    "cơ sở",
    "Tỉnh ủy",
    "nhân dân",
    "thực hiện",
    "kết quả",
    "hòa giải",
    "đổi mới",
    "văn bản",
    "năm 2020",
    "1.095",
    "quy chế",
];

const EN_WORDS: &[&str] = &[
    "officials",
    "mass mobilisation",
    "complaints",
    "denunciations",
    "authorities",
    "grassroots",
    "Provincial Party Committee",
    "people",
    "implementation",
    "results",
    "mediation",
    "renewal",
    "documents",
    "in 2020",
    "1,095",
    "regulations",
];

/// A Vietnamese page: front matter and a body made of a heading, a paragraph and a fixed
/// tail (the heading other pages link to, or the table's placement).
#[derive(Clone, Debug)]
struct ViPage {
    title: String,
    weight: i64,
    heading: String,
    text: String,
    tail: String,
    /// A draft is left out of the site.
    draft: bool,
    /// Pages every other page relies on: never deleted.
    fixed: bool,
}

impl ViPage {
    fn body(&self) -> String {
        format!("## {}\n\n{}\n{}", self.heading, self.text, self.tail)
    }

    fn front(&self) -> String {
        let draft = if self.draft { "\ndraft = true" } else { "" };
        format!(
            "title = \"{}\"\nweight = {}{draft}",
            self.title, self.weight
        )
    }
}

/// An English page, marked (or not) as the translation of a version of its source.
#[derive(Clone, Debug)]
struct EnPage {
    title: String,
    text: String,
    tail: String,
    mark: Option<String>,
    fixed: bool,
}

impl EnPage {
    fn body(&self) -> String {
        format!("{}\n{}", self.text, self.tail)
    }

    fn front(&self) -> String {
        match &self.mark {
            Some(m) => format!("title = \"{}\"\ntranslation_of = \"{m}\"", self.title),
            None => format!("title = \"{}\"", self.title),
        }
    }
}

/// The site as the edits see it; [`Model::write`] puts a file on disk as the model has it.
struct Model {
    vi: BTreeMap<String, ViPage>,
    en: BTreeMap<String, EnPage>,
    /// Rows of the data table `t`: (year, count).
    rows: Vec<(i64, i64)>,
    caption: String,
    /// The Vietnamese site title, and whether the site has a search index (`site.toml`).
    site_title: String,
    search: bool,
    /// The override of the English "next" link in `theme/i18n/en.toml`, if any.
    next_label: Option<String>,
    next_page: usize,
    /// A chapter whose link was broken on purpose: the next edit mends it.
    broken: Option<String>,
}

const PLACEMENT: &str = "\n```table\nid = \"t\"\nchart = true\n```\n";

impl Model {
    fn new() -> Model {
        let vi_page = |title: &str, weight, heading: &str, tail: &str| ViPage {
            title: title.into(),
            weight,
            heading: heading.into(),
            text: "Văn bản ban đầu.".into(),
            tail: tail.into(),
            draft: false,
            fixed: true,
        };
        let en_page = |title: &str, tail: &str| EnPage {
            title: title.into(),
            text: "First text.".into(),
            tail: tail.into(),
            mark: None,
            fixed: true,
        };
        let mut m = Model {
            vi: BTreeMap::new(),
            en: BTreeMap::new(),
            rows: vec![(2015, 14), (2016, 17)],
            caption: "Kiểm tra".into(),
            site_title: "Báo cáo".into(),
            search: true,
            next_label: None,
            next_page: 1,
            broken: None,
        };
        m.vi.insert("_index.md".into(), vi_page("Báo cáo", 0, "Mở đầu", ""));
        m.vi.insert("keep.md".into(), vi_page("Cố định", 1, "Mục cố định", ""));
        m.vi.insert("a/_index.md".into(), vi_page("Phần A", 2, "Phần A", ""));
        m.vi.insert("a/bang.md".into(), vi_page("Bảng", 9, "Số liệu", PLACEMENT));
        m.en.insert("_index.md".into(), en_page("Report", ""));
        m.en.insert("keep.md".into(), en_page("Fixed", "\n## Fixed part\n"));
        m.en.insert("a/bang.md".into(), en_page("Table", PLACEMENT));
        for i in 0..4 {
            let rel = m.fresh_rel(if i % 2 == 0 { "a/" } else { "" });
            let page = ViPage {
                title: format!("Chương {i}"),
                weight: 3 + i as i64,
                heading: format!("Mục {i}"),
                text: format!("Văn bản {i}. Xem [mục cố định]({}).", link(&rel, true)),
                tail: String::new(),
                draft: false,
                fixed: false,
            };
            m.vi.insert(rel, page);
        }
        m
    }

    /// A path no page has had yet, in the folder `dir` (`""`, `"a/"` or `"b/"`).
    fn fresh_rel(&mut self, dir: &str) -> String {
        let n = self.next_page;
        self.next_page += 1;
        format!("{dir}p{n}.md")
    }

    /// The folders a new chapter can go to: the top, section A, and section B while it is
    /// there.
    fn folders(&self) -> Vec<&'static str> {
        let mut dirs = vec!["", "a/"];
        if self.vi.contains_key("b/_index.md") {
            dirs.push("b/");
        }
        dirs
    }

    fn site_toml(&self) -> String {
        let search = if self.search {
            ""
        } else {
            "[search]\nenabled = false\n"
        };
        SITE_TOML.replace("\"Báo cáo\"", &format!("\"{}\"", self.site_title)) + search
    }

    fn table(&self) -> String {
        let rows: Vec<String> = self
            .rows
            .iter()
            .map(|(y, n)| format!("[{y}, {n}]"))
            .collect();
        format!(
            "[[table]]\nid = \"t\"\ncaption = {{ vi = \"{}\", en = \"Table\" }}\nrows = [{}]\n\n\
             [[table.columns]]\nkey = \"nam\"\nlabel = {{ vi = \"Năm\", en = \"Year\" }}\ntype = \"year\"\n\n\
             [[table.columns]]\nkey = \"n\"\nlabel = {{ vi = \"Số\", en = \"Count\" }}\ntype = \"integer\"\n\n\
             [table.chart]\ntype = \"bar\"\nx = \"nam\"\ny = [\"n\"]\n",
            self.caption,
            rows.join(", ")
        )
    }

    /// Writes the file `kind`, `rel` as the model has it, or removes it; returns its path
    /// under the site root. `kind` is a language (a page `content/{lang}/{rel}`), `data`
    /// (the table), `site` (`site.toml`), `theme` (the English strings) or `folder` (a
    /// folder `content/{rel}`, which only goes away).
    fn write(&self, site: &Site, kind: &str, rel: &str) -> String {
        let (path, text) = match kind {
            "data" => ("content/data/t.toml".to_string(), Some(self.table())),
            "site" => ("content/site.toml".to_string(), Some(self.site_toml())),
            "theme" => (
                "theme/i18n/en.toml".to_string(),
                (self.next_label.as_ref()).map(|l| format!("[ui]\nnext = \"{l}\"\n")),
            ),
            "folder" => (format!("content/{rel}"), None),
            lang => {
                let path = format!("content/{lang}/{rel}");
                let page = match lang {
                    "vi" => self.vi.get(rel).map(|p| (p.front(), p.body())),
                    _ => self.en.get(rel).map(|p| (p.front(), p.body())),
                };
                if let Some((front, body)) = page {
                    site.page(&format!("{lang}/{rel}"), &front, &body);
                    return path;
                }
                (path, None)
            }
        };
        match text {
            Some(text) => {
                site.file(&path, text);
            }
            None if site.path(&path).exists() => {
                site.remove(&path);
            }
            None => {}
        }
        path
    }

    fn write_all(&self, site: &Site) {
        for rel in self.vi.keys() {
            self.write(site, "vi", rel);
        }
        for rel in self.en.keys() {
            self.write(site, "en", rel);
        }
        self.write(site, "data", "t.toml");
        self.write(site, "site", "site.toml");
    }

    /// What the model has at `lang/rel`, for the log of edits.
    fn describe(&self, lang: &str, rel: &str) -> String {
        let page = match lang {
            "vi" => self.vi.get(rel).map(|p| format!("{p:?}")),
            "en" => self.en.get(rel).map(|p| format!("{p:?}")),
            "data" => Some(format!("caption {:?}, rows {:?}", self.caption, self.rows)),
            "site" => Some(format!("{:?}", self.site_toml())),
            "theme" => Some(format!("next = {:?}", self.next_label)),
            _ => None,
        };
        format!("{lang}/{rel} = {}", page.as_deref().unwrap_or("(removed)"))
    }

    /// The Vietnamese source hash of `rel`, as `songngu translations --mark` writes it.
    fn hash(&self, rel: &str) -> Option<String> {
        let p = self.vi.get(rel)?;
        Some(songngu::translations::hash_text(&p.title, &p.body()))
    }
}

/// A link from the page `rel` to the heading of `keep.md` in its language.
fn link(rel: &str, vi: bool) -> String {
    let up = if rel.contains('/') { "../" } else { "" };
    let anchor = if vi { "muc-co-dinh" } else { "fixed-part" };
    format!("{up}keep.md#{anchor}")
}

/// The pages an edit touched, as (language, path under `content/{lang}/`), and what it did.
type Touched = (Vec<(&'static str, String)>, String);

/// An edit of the model; `None` when it does not apply to the site as it is.
type Edit = fn(&mut Model, &mut Rng) -> Option<Touched>;

/// The edits, each with its weight: the odds of an edit are its weight in the sum.
const EDITS: &[(usize, Edit)] = &[
    (26, vi_text),
    (6, vi_heading),
    (8, vi_title),
    (6, vi_weight),
    (7, vi_new),
    (5, vi_delete),
    (3, vi_rename),
    (7, en_new),
    (4, en_delete),
    (10, en_text),
    (3, en_title),
    (4, en_mark),
    (7, data_table),
    (2, saved_unchanged),
    (2, broken_link),
    (2, vi_draft),
    (2, section_b),
    (2, site_config),
    (2, theme_strings),
];

/// One edit, chosen by `rng`: changes the model, writes the files it touched, and returns
/// their paths under the site root and what it did. After a broken link, the edit mends it.
fn edit(m: &mut Model, rng: &mut Rng, site: &Site) -> (Vec<String>, String) {
    let (pages, what) = match m.broken.take() {
        Some(rel) => mend(m, rel),
        None => loop {
            let total: usize = EDITS.iter().map(|(w, _)| w).sum();
            let mut roll = rng.below(total);
            let (_, edit) = EDITS
                .iter()
                .find(|(w, _)| {
                    let hit = roll < *w;
                    roll = roll.saturating_sub(*w);
                    hit
                })
                .expect("a roll below the total weight");
            if let Some(done) = edit(m, rng) {
                break done;
            }
        },
    };
    let paths = pages
        .iter()
        .map(|(lang, rel)| m.write(site, lang, rel))
        .collect();
    let pages: Vec<String> = pages
        .iter()
        .map(|(lang, rel)| m.describe(lang, rel))
        .collect();
    (paths, format!("{what}: {}", pages.join("; ")))
}

fn one(lang: &'static str, rel: String, what: &str) -> Option<Touched> {
    Some((vec![(lang, rel)], what.to_string()))
}

fn pick_vi(m: &Model, rng: &mut Rng, chapters_only: bool) -> Option<String> {
    let keys: Vec<&String> =
        m.vi.iter()
            .filter(|(_, p)| !(chapters_only && p.fixed))
            .map(|(k, _)| k)
            .collect();
    (!keys.is_empty()).then(|| rng.pick(&keys).to_string())
}

fn pick_en(m: &Model, rng: &mut Rng, free_only: bool) -> Option<String> {
    let keys: Vec<&String> =
        m.en.iter()
            .filter(|(_, p)| !(free_only && p.fixed))
            .map(|(k, _)| k)
            .collect();
    (!keys.is_empty()).then(|| rng.pick(&keys).to_string())
}

fn vi_text(m: &mut Model, rng: &mut Rng) -> Option<Touched> {
    let rel = pick_vi(m, rng, false)?;
    let note = if rng.chance(20) {
        "[^1]\n\n[^1]: Chú thích."
    } else {
        ""
    };
    let text = format!(
        "{}. Xem [đây]({}).{note}",
        rng.words(VI_WORDS, 3, 5),
        link(&rel, true)
    );
    m.vi.get_mut(&rel)?.text = text;
    one("vi", rel, "text")
}

fn vi_heading(m: &mut Model, rng: &mut Rng) -> Option<Touched> {
    // Not keep.md: every page links to its heading.
    let rel = pick_vi(m, rng, false).filter(|r| r != "keep.md")?;
    m.vi.get_mut(&rel)?.heading = rng.words(VI_WORDS, 2, 0);
    one("vi", rel, "heading")
}

fn vi_title(m: &mut Model, rng: &mut Rng) -> Option<Touched> {
    let rel = pick_vi(m, rng, false)?;
    let title = format!("{} {}", rng.words(VI_WORDS, 2, 0), rng.below(100));
    m.vi.get_mut(&rel)?.title = title;
    one("vi", rel, "title")
}

fn vi_weight(m: &mut Model, rng: &mut Rng) -> Option<Touched> {
    let rel = pick_vi(m, rng, false)?;
    m.vi.get_mut(&rel)?.weight = 1 + rng.below(12) as i64;
    one("vi", rel, "weight")
}

/// A path for a new chapter: sometimes that of an orphaned translation, which it adopts.
fn new_rel(m: &mut Model, rng: &mut Rng) -> String {
    let orphans: Vec<&String> = m.en.keys().filter(|r| !m.vi.contains_key(*r)).collect();
    if !orphans.is_empty() && rng.chance(40) {
        return rng.pick(&orphans).to_string();
    }
    let dir = *rng.pick(&m.folders());
    m.fresh_rel(dir)
}

fn vi_new(m: &mut Model, rng: &mut Rng) -> Option<Touched> {
    let rel = new_rel(m, rng);
    let page = ViPage {
        title: format!("Mới {}", rng.words(VI_WORDS, 1, 0)),
        weight: 1 + rng.below(12) as i64,
        heading: rng.words(VI_WORDS, 2, 0),
        text: format!("Trang mới. Xem [đây]({}).", link(&rel, true)),
        tail: String::new(),
        draft: false,
        fixed: false,
    };
    m.vi.insert(rel.clone(), page);
    one("vi", rel, "new chapter")
}

/// Deletes a chapter; its translation, if any, stays (an orphan).
fn vi_delete(m: &mut Model, rng: &mut Rng) -> Option<Touched> {
    let rel = pick_vi(m, rng, true)?;
    m.vi.remove(&rel);
    one("vi", rel, "deleted chapter")
}

/// Moves a chapter (a delete and an add in one batch), and its translation with it half of
/// the time.
fn vi_rename(m: &mut Model, rng: &mut Rng) -> Option<Touched> {
    let from = pick_vi(m, rng, true)?;
    let to = new_rel(m, rng);
    if m.vi.contains_key(&to) {
        return None;
    }
    let mut page = m.vi.remove(&from)?;
    page.text = format!("Đã chuyển. Xem [đây]({}).", link(&to, true));
    m.vi.insert(to.clone(), page);
    let mut pages = vec![("vi", from.clone()), ("vi", to.clone())];
    if !m.en.contains_key(&to) && rng.chance(50) {
        if let Some(mut en) = m.en.remove(&from) {
            en.text = format!("Moved. See [here]({}).", link(&to, false));
            m.en.insert(to.clone(), en);
            pages.extend([("en", from), ("en", to)]);
        }
    }
    Some((pages, "renamed chapter".into()))
}

/// A translation of an untranslated page, marked up to date, marked stale or not marked.
fn en_new(m: &mut Model, rng: &mut Rng) -> Option<Touched> {
    let untranslated: Vec<&String> = m.vi.keys().filter(|r| !m.en.contains_key(*r)).collect();
    if untranslated.is_empty() {
        return None;
    }
    let rel = rng.pick(&untranslated).to_string();
    let mark = match rng.below(3) {
        0 => m.hash(&rel),
        1 => Some("000000000000".to_string()),
        _ => None,
    };
    let page = EnPage {
        title: rng.words(EN_WORDS, 2, 0),
        text: format!(
            "{}. See [here]({}).",
            rng.words(EN_WORDS, 4, 0),
            link(&rel, false)
        ),
        tail: String::new(),
        mark,
        fixed: false,
    };
    m.en.insert(rel.clone(), page);
    one("en", rel, "new translation")
}

fn en_delete(m: &mut Model, rng: &mut Rng) -> Option<Touched> {
    let rel = pick_en(m, rng, true)?;
    m.en.remove(&rel);
    one("en", rel, "deleted translation")
}

fn en_text(m: &mut Model, rng: &mut Rng) -> Option<Touched> {
    let rel = pick_en(m, rng, false)?;
    let text = format!(
        "{}. See [here]({}).",
        rng.words(EN_WORDS, 3, 4),
        link(&rel, false)
    );
    m.en.get_mut(&rel)?.text = text;
    one("en", rel, "text")
}

fn en_title(m: &mut Model, rng: &mut Rng) -> Option<Touched> {
    let rel = pick_en(m, rng, false)?;
    m.en.get_mut(&rel)?.title = rng.words(EN_WORDS, 2, 0);
    one("en", rel, "title")
}

/// Marks a translation as translating the current source (`songngu translations --mark`).
fn en_mark(m: &mut Model, rng: &mut Rng) -> Option<Touched> {
    let rel = pick_en(m, rng, false)?;
    let mark = m.hash(&rel).unwrap_or_else(|| "000000000000".into());
    m.en.get_mut(&rel)?.mark = Some(mark);
    one("en", rel, "marked as translated")
}

fn data_table(m: &mut Model, rng: &mut Rng) -> Option<Touched> {
    match rng.below(4) {
        0 => m.caption = rng.words(VI_WORDS, 2, 0),
        1 if m.rows.len() > 1 => {
            m.rows.pop();
        }
        1 | 2 => {
            let year = m.rows.last().map_or(2015, |r| r.0 + 1);
            m.rows.push((year, rng.below(3000) as i64));
        }
        _ => {
            let i = rng.below(m.rows.len());
            m.rows[i].1 = rng.below(3000) as i64;
        }
    }
    one("data", "t.toml".into(), "data table")
}

/// A save that changes nothing: the file is written again as it was.
fn saved_unchanged(m: &mut Model, rng: &mut Rng) -> Option<Touched> {
    one("vi", pick_vi(m, rng, false)?, "saved unchanged")
}

/// A link to a page that does not exist: the build fails until the next edit mends it.
fn broken_link(m: &mut Model, rng: &mut Rng) -> Option<Touched> {
    // Not in a draft: a draft is not built, so its links are not checked.
    let rel = pick_vi(m, rng, true).filter(|r| !m.vi[r].draft)?;
    m.vi.get_mut(&rel)?.text = "Xem [trang không có](khong-co.md).".into();
    m.broken = Some(rel.clone());
    one("vi", rel, "broken link")
}

fn mend(m: &mut Model, rel: String) -> Touched {
    let text = format!("Đã sửa liên kết: [đây]({}).", link(&rel, true));
    m.vi.get_mut(&rel).expect("the broken chapter").text = text;
    (vec![("vi", rel)], "mended link".into())
}

/// Makes a chapter a draft (left out of the site, its translation then an orphan), or
/// publishes it again.
fn vi_draft(m: &mut Model, rng: &mut Rng) -> Option<Touched> {
    let rel = pick_vi(m, rng, true)?;
    let page = m.vi.get_mut(&rel)?;
    page.draft = !page.draft;
    one("vi", rel, "draft switched")
}

/// Adds section B (a folder with its `_index.md` and a chapter, sometimes translated), or
/// deletes the whole folder with what is in it.
fn section_b(m: &mut Model, rng: &mut Rng) -> Option<Touched> {
    if !m.vi.contains_key("b/_index.md") {
        let index = ViPage {
            title: "Phần B".into(),
            weight: 1 + rng.below(12) as i64,
            heading: "Phần B".into(),
            text: format!("Mở đầu. Xem [đây]({}).", link("b/", true)),
            tail: String::new(),
            draft: false,
            fixed: false,
        };
        let rel = m.fresh_rel("b/");
        let chapter = ViPage {
            title: "Chương B".into(),
            text: "Chương trong phần B.".into(),
            ..index.clone()
        };
        m.vi.insert("b/_index.md".into(), index);
        m.vi.insert(rel.clone(), chapter);
        let mut pages = vec![("vi", "b/_index.md".to_string()), ("vi", rel)];
        if rng.chance(50) {
            let en = EnPage {
                title: "Part B".into(),
                text: "Opening.".into(),
                tail: String::new(),
                mark: m.hash("b/_index.md"),
                fixed: false,
            };
            m.en.insert("b/_index.md".into(), en);
            pages.push(("en", "b/_index.md".into()));
        }
        return Some((pages, "new section".into()));
    }
    let mut pages = Vec::new();
    m.vi.retain(|rel, _| !rel.starts_with("b/"));
    pages.push(("folder", "vi/b".to_string()));
    if rng.chance(70) {
        m.en.retain(|rel, _| !rel.starts_with("b/"));
        pages.push(("folder", "en/b".to_string()));
    }
    Some((pages, "deleted section".into()))
}

/// Switches the search index off or on, or renames the Vietnamese site.
fn site_config(m: &mut Model, rng: &mut Rng) -> Option<Touched> {
    if rng.chance(50) {
        m.search = !m.search;
    } else {
        m.site_title = rng.words(VI_WORDS, 2, 0);
    }
    one("site", "site.toml".into(), "site.toml")
}

/// Overrides a string of the English interface, or removes the override.
fn theme_strings(m: &mut Model, rng: &mut Rng) -> Option<Touched> {
    m.next_label = match m.next_label {
        Some(_) if rng.chance(50) => None,
        _ => Some(rng.words(EN_WORDS, 1, 0)),
    };
    one("theme", "i18n/en.toml".into(), "interface strings")
}

/// The first lines where two versions of a file differ, for the failure message.
fn first_difference(path: &str, clean: &Output, rebuilt: &Output) -> String {
    let text = |o: &Output| {
        o.get(path)
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_else(|| "(absent)".into())
    };
    let (a, b) = (text(clean), text(rebuilt));
    let line = a
        .lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or(a.lines().count().min(b.lines().count()));
    let show = |t: &str| t.lines().skip(line).take(3).collect::<Vec<_>>().join("\n");
    format!(
        "{path}, line {}:\n  clean:   {}\n  rebuilt: {}",
        line + 1,
        show(&a),
        show(&b)
    )
}

/// Runs `steps` edits from `seed` and checks every rebuild against a clean build.
fn run_sequence(seed: u64, steps: usize, preview: bool) {
    let site = Site::new();
    let mut model = Model::new();
    model.write_all(&site);
    let root = site.canonical_root();
    let mut builder = Builder::new(songngu::build::BuildOptions {
        root: root.clone(),
        ..site.options(preview)
    });
    builder.build().expect("the first build");
    let mut rng = Rng(seed);
    let mut log = String::new();
    for step in 1..=steps {
        let batch = if rng.chance(15) { 2 + rng.below(2) } else { 1 };
        let mut changed: Vec<PathBuf> = Vec::new();
        for _ in 0..batch {
            let (paths, what) = edit(&mut model, &mut rng, &site);
            let _ = writeln!(log, "  {step}: {what}");
            changed.extend(paths.iter().map(|p| root.join(p)));
        }
        builder.invalidate(&changed);
        let context = || format!("seed {seed:#x}, preview {preview}, step {step}; edits:\n{log}");
        let built = compare(&mut builder, &site, &context);
        // Only a broken link fails the build: the sequence never gets stuck on errors.
        assert_eq!(built, model.broken.is_none(), "{}", context());
    }
}

/// Builds with `builder`, finishes what it deferred, and compares with a clean build;
/// returns whether the site built.
fn compare(builder: &mut Builder, site: &Site, context: &dyn Fn() -> String) -> bool {
    let rebuilt = builder.build();
    let clean = site.clean_build();
    let (rebuilt, clean) = match (rebuilt, clean) {
        (Ok(r), Ok(c)) => (r, c),
        (Err(r), Err(c)) => {
            assert_eq!(
                r.render(false),
                c.render(false),
                "the rebuild and a clean build fail differently; {}",
                context()
            );
            return false;
        }
        (Ok(_), Err(c)) => panic!(
            "the rebuild succeeded, a clean build fails with\n{}\n{}",
            c.render(false),
            context()
        ),
        (Err(r), Ok(_)) => panic!(
            "the rebuild fails, a clean build succeeds:\n{}\n{}",
            r.render(false),
            context()
        ),
    };
    assert_eq!(
        rebuilt.warnings.render(false),
        clean.warnings.render(false),
        "warnings differ; {}",
        context()
    );
    // What the preview serves at once: only the files it holds back (pending) and the
    // search index (updated right after) may still be the previous ones.
    let pending = builder.pending_paths();
    let early: Vec<String> = clean
        .output
        .changed_paths(&rebuilt.output)
        .into_iter()
        .filter(|p| !p.starts_with("search/") && !pending.contains(p))
        .collect();
    assert!(
        early.is_empty(),
        "served before anything is finished, {early:?} differ (pending: {pending:?}); {}\n{}",
        context(),
        early
            .first()
            .map(|p| first_difference(p, &clean.output, &rebuilt.output))
            .unwrap_or_default()
    );
    let finished = builder.finish_deferred().unwrap_or(rebuilt.output);
    let diff = clean.output.changed_paths(&finished);
    assert!(
        diff.is_empty(),
        "the rebuild differs from a clean build in {diff:?}; {}\n{}",
        context(),
        diff.first()
            .map(|p| first_difference(p, &clean.output, &finished))
            .unwrap_or_default()
    );
    true
}

#[test]
fn preview_rebuilds_match_clean_builds_seed_1() {
    run_sequence(0x9e37_79b9_7f4a_7c15, 110, true);
}

#[test]
fn preview_rebuilds_match_clean_builds_seed_2() {
    run_sequence(0xd1b5_4a32_d192_ed03, 110, true);
}

#[test]
fn plain_rebuilds_match_clean_builds() {
    run_sequence(0x94d0_49bb_1331_11eb, 90, false);
}
