//! The published Vietnamese report is complete: every paragraph of the source text
//! (`tests/fixtures/bao-cao-691-BC-TU-2020.txt`, a byte-identical copy of the source) appears
//! in the built Vietnamese pages, not only in `print.html`.
//!
//! The fixture is text extracted from printed pages, so before comparing:
//! - paragraphs that a page break split in two are rejoined (the list below is explicit, and an
//!   unlisted paragraph that starts in lower case fails the test, so a new split is not missed);
//! - the receiving office's stamp ("TRƯỞNG CHÍNH TRỊ / HOÀNG ĐÌNH GIÔNG / Số... 479 …") is left
//!   out: it is document metadata (site.toml), not body text, and must not appear in a chapter;
//! - the footnote marker `¹` is dropped from the body text and from the start of the footnote;
//! - `**` (bold markers present in the extracted text) are dropped;
//! - a paragraph whose lines all start with `- ` (the recipients) is checked line by line;
//! - whitespace is normalised.
//!
//! Prose is compared exactly (same words, spelling, tone marks, punctuation). Table rows
//! (tab-separated lines) are checked cell by cell, tolerating the locale's number format
//! (`2272` is rendered `2.272`), letter case and spacing inside a cell; a cell that a page break
//! split is found as a part of the joined cell. Every table of the source must be rendered
//! with its data: a table whose data is missing fails the test.

// Test, benchmark and example crates: their `pub` items are shared between their own modules.
#![allow(unreachable_pub)]

use std::collections::{BTreeMap, BTreeSet};

use scraper::{ElementRef, Html, Node};

#[path = "common/mod.rs"]
mod common;

use common::report;
use common::site::{selector, Doc};

/// The source text of the report.
const FIXTURE: &str = include_str!("fixtures/bao-cao-691-BC-TU-2020.txt");

/// Beginnings of the paragraphs that continue the previous one across a page break.
const PAGE_BREAK_CONTINUATIONS: &[&str] = &[
    // 1.1: "…về nâng cao hiệu quả" / "công tác dân vận của cơ quan nhà nước…"
    "công tác dân vận của cơ quan nhà nước các cấp (sau đây viết tắt",
    // 1.2: "…sơ kết, tổng kết việc thực hiện" / "Kết luận số 114-KL/TW và các chỉ thị…"
    "Kết luận số 114-KL/TW và các chỉ thị, nghị quyết",
    // 2.4: "…các sở, ban, ngành, UBND" / "huyện, thành phố xây dựng lịch tiếp dân…"
    "huyện, thành phố xây dựng lịch tiếp dân",
    // 2.6: "…tiêu chuẩn chức danh" / "công chức, viên chức; từng bước…"
    "công chức, viên chức; từng bước xây dựng",
    // 2.7: "…19 tiêu chí nông thôn" / "mới, bình quân toàn tỉnh…"
    "mới, bình quân toàn tỉnh",
    // III.1: "…kết quả tích cực. Cấp ủy," / "chính quyền các cấp đã quan tâm…"
    "chính quyền các cấp đã quan tâm lãnh đạo",
    // IV.1: "…Chỉ thị số 05-CT/TW và các văn" / "bản chỉ đạo, hướng dẫn của tỉnh…"
    "bản chỉ đạo, hướng dẫn của tỉnh",
];

/// First line of the receiving office's stamp.
const STAMP_FIRST_LINE: &str = "TRƯỞNG CHÍNH TRỊ";

/// In Phụ lục 2, the paragraph that precedes a table (by its beginning) and the table's id.
const APPENDIX_2_TABLES: &[(&str, &str)] = &[
    ("1. Số văn bản lãnh đạo", "pl2-1-van-ban-chi-dao"),
    ("2. Chức danh cán bộ", "pl2-2-chuc-danh"),
    ("3. Công tác kiểm tra", "pl2-3-kiem-tra"),
    ("CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN", "pl2-4-1-dich-vu-cong"),
    ("4.2. Tình hình biên chế", "pl2-4-2-bien-che"),
    ("5.1. Đơn thư khiếu nại", "pl2-5-1-khieu-nai"),
    ("5.2. Đơn thư tố cáo", "pl2-5-2-to-cao"),
    ("6. Thủ trưởng cơ quan", "pl2-6-tiep-cong-dan"),
    ("7. Kết quả công tác hòa giải", "pl2-7-hoa-giai"),
    ("8. Về giải quyết các vụ việc", "pl2-8-vu-viec-phuc-tap"),
    ("9. Số điển hình", "pl2-9-dan-van-kheo"),
];

/// What the fixture says must be published.
#[derive(Debug, Default)]
struct Expected {
    /// Prose units (paragraphs, headings, list lines), whitespace-normalised.
    prose: Vec<String>,
    /// Table cells by table id, in source order.
    cells: BTreeMap<&'static str, Vec<String>>,
}

fn normalise_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits the fixture into paragraphs (separated by blank lines).
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(cur.join("\n"));
                cur.clear();
            }
        } else {
            cur.push(line);
        }
    }
    if !cur.is_empty() {
        out.push(cur.join("\n"));
    }
    out
}

fn is_table(paragraph: &str) -> bool {
    paragraph.contains('\t')
}

/// Reads the fixture into what must be published, checking the page-break list against it.
fn expected(text: &str) -> Expected {
    let all = paragraphs(text);
    let stamps = all
        .iter()
        .filter(|p| p.starts_with(STAMP_FIRST_LINE))
        .count();
    assert_eq!(
        stamps, 1,
        "the stamp paragraph should occur once in the fixture"
    );

    // Rejoin page-break splits.
    let mut joined: Vec<String> = Vec::new();
    let mut used = BTreeSet::new();
    for p in all.into_iter().filter(|p| !p.starts_with(STAMP_FIRST_LINE)) {
        if let Some(c) = PAGE_BREAK_CONTINUATIONS.iter().find(|c| p.starts_with(**c)) {
            assert!(used.insert(*c), "continuation {c:?} occurs twice");
            let prev = joined
                .last_mut()
                .expect("a continuation has a paragraph before it");
            assert!(
                !prev.ends_with(['.', ':', ';', '!', '?']),
                "the paragraph before {c:?} ends a sentence: not a page-break split"
            );
            prev.push(' ');
            prev.push_str(&p);
        } else {
            assert!(
                is_table(&p) || !p.starts_with(char::is_lowercase),
                "a paragraph starts in lower case but is not listed as a page-break \
                 continuation: {:?}",
                p.chars().take(60).collect::<String>()
            );
            joined.push(p);
        }
    }
    assert_eq!(
        used.len(),
        PAGE_BREAK_CONTINUATIONS.len(),
        "every listed page-break continuation occurs in the fixture"
    );

    let mut exp = Expected::default();
    let mut table: Option<&'static str> = None;
    let mut table_paragraphs = 0;
    for p in &joined {
        if is_table(p) {
            table_paragraphs += 1;
            let id = table.unwrap_or_else(|| panic!("no table id known for rows {p:?}"));
            let cells = exp.cells.entry(id).or_default();
            for cell in p.split(['\n', '\t']) {
                let cell = normalise_ws(cell);
                if !cell.is_empty() && !cell.chars().all(|c| c == '-') {
                    cells.push(cell);
                }
            }
            continue;
        }
        if p == "Phụ lục 1" {
            table = Some("pl1-van-ban");
        } else if p == "Phụ lục 2" {
            table = None;
        } else if let Some((_, id)) = APPENDIX_2_TABLES.iter().find(|(h, _)| p.starts_with(h)) {
            table = Some(id);
        }
        let lines: Vec<&str> = p.lines().collect();
        let units: Vec<String> = if lines.iter().all(|l| l.starts_with("- ")) {
            lines.iter().map(|l| l[2..].to_string()).collect()
        } else {
            vec![p.clone()]
        };
        for u in units {
            let u = u.strip_prefix("¹ ").unwrap_or(&u);
            let u = u.replace('¹', "").replace("**", "");
            exp.prose.push(normalise_ws(&u));
        }
    }
    assert_eq!(table_paragraphs, 14, "table blocks found in the fixture");
    assert_eq!(exp.cells.len(), 12, "tables found in the fixture");
    exp
}

/// Elements whose text is not part of a page's content.
fn skipped(el: &ElementRef) -> bool {
    let e = el.value();
    let name = e.name();
    if matches!(
        name,
        "script" | "style" | "template" | "noscript" | "nav" | "svg" | "button"
    ) {
        return true;
    }
    // Footnote references and back-references: their text ("1", "↩") is generated.
    if e.classes().any(|c| {
        c.starts_with("footnote-ref") || c.starts_with("footnote-back") || c.contains("backref")
    }) {
        return true;
    }
    if name == "sup" {
        let a = selector("a[href^='#']");
        if el.select(&a).next().is_some() {
            return true;
        }
    }
    if name == "a" && e.attr("href").is_some_and(|h| h.starts_with("#fnref")) {
        return true;
    }
    false
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "br"
            | "td"
            | "th"
            | "tr"
            | "table"
            | "caption"
            | "thead"
            | "tbody"
            | "tfoot"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "main"
            | "aside"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "dl"
            | "dt"
            | "dd"
            | "hr"
            | "pre"
            | "details"
            | "summary"
    )
}

/// The visible text of an element, with a space between block elements.
fn collect_text(el: ElementRef, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let Some(child_el) = ElementRef::wrap(child) else {
                    continue;
                };
                if skipped(&child_el) {
                    continue;
                }
                let block = is_block(e.name());
                if block {
                    out.push(' ');
                }
                collect_text(child_el, out);
                if block {
                    out.push(' ');
                }
            }
            _ => {}
        }
    }
}

/// A built page: its path under `vi/`, its parsed HTML and its content text.
struct Page {
    rel: String,
    html: Html,
    text: String,
}

fn page_text(html: &Html) -> String {
    let main = selector("main");
    let body = selector("body");
    let root = html
        .select(&main)
        .next()
        .or_else(|| html.select(&body).next())
        .unwrap_or_else(|| html.root_element());
    let mut s = String::new();
    collect_text(root, &mut s);
    normalise_ws(&s)
}

/// The Vietnamese pages of the built report, without `print.html`.
fn vi_pages() -> Vec<Page> {
    report::built()
        .output
        .iter()
        .filter_map(|(path, bytes)| {
            let rel = path.strip_prefix("vi/")?;
            if !rel.ends_with(".html") || rel == "print.html" {
                return None;
            }
            let html = Doc::parse(std::str::from_utf8(bytes).expect("UTF-8 HTML")).0;
            let text = page_text(&html);
            Some(Page {
                rel: rel.to_string(),
                html,
                text,
            })
        })
        .collect()
}

/// Removes the dots that group the digits of an integer (`2.272` -> `2272`).
fn ungroup_digits(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == '.'
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.len() > i + 3
            && chars[i + 1..i + 4].iter().all(|d| d.is_ascii_digit())
            && chars.get(i + 4).is_none_or(|n| !n.is_ascii_digit())
        {
            continue;
        }
        out.push(c);
    }
    out
}

/// The form in which a table cell is compared: digits ungrouped, no spaces, lower case.
fn cell_form(s: &str) -> String {
    ungroup_digits(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `text` (digits ungrouped) holds the integer `n` as a whole number (leading zeros of the
/// source such as `02` may be dropped by the table's number format).
fn holds_integer(text: &str, n: u64) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()) {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let run: String = chars[start..i].iter().collect();
            if run.parse::<u64>().ok() == Some(n) {
                return true;
            }
        } else {
            i += 1;
        }
    }
    false
}

/// Whether a table with `id` is rendered on a page.
fn has_table(page: &Page, id: &str) -> bool {
    let any = selector("[id], [data-table], a[href]");
    page.html.select(&any).any(|e| {
        let v = e.value();
        v.id() == Some(id)
            || v.attr("data-table") == Some(id)
            || v.attr("href")
                .is_some_and(|h| h.ends_with(&format!("/{id}.csv")))
    })
}

#[test]
fn fixture_is_read_as_expected() {
    let exp = expected(FIXTURE);
    assert!(exp.prose.len() > 90, "prose units: {}", exp.prose.len());
    // A joined page-break paragraph is one unit.
    assert!(exp.prose.iter().any(|p| p.contains(
        "về nâng cao hiệu quả công tác dân vận của cơ quan nhà nước các cấp (sau đây viết tắt"
    )));
    assert!(!exp.prose.iter().any(|p| p.contains("HOÀNG ĐÌNH GIÔNG")));
    assert!(exp
        .prose
        .iter()
        .any(|p| p.starts_with("Chỉ số PAR-INDEX: Năm 2015")));
    assert!(exp.prose.contains(&"Lưu Văn phòng Tỉnh uỷ.".to_string()));
    assert_eq!(exp.cells["pl2-3-kiem-tra"].len(), 4 * 8);
    assert!(exp.cells["pl2-5-1-khieu-nai"].contains(&"1571 (99,42%)".to_string()));
    assert_eq!(cell_form("1.571 (99,42%)"), cell_form("1571 (99,42%)"));
    assert_eq!(
        ungroup_digits("1.095 VBQPPL, 10,41 tiêu chí"),
        "1095 VBQPPL, 10,41 tiêu chí"
    );
    assert_eq!(ungroup_digits("ngày 12.8.2020"), "ngày 12.8.2020");
    assert!(holds_integer("02|2|32", 2) && !holds_integer("32", 2));
}

#[test]
fn every_paragraph_of_the_report_is_published_in_the_vietnamese_pages() {
    let exp = expected(FIXTURE);
    let pages = vi_pages();
    assert!(pages.len() >= 24, "Vietnamese pages built: {}", pages.len());

    // Prose: exact, in some page other than print.html.
    let missing: Vec<&String> = exp
        .prose
        .iter()
        .filter(|u| !pages.iter().any(|p| p.text.contains(u.as_str())))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} paragraphs of the report are not in the Vietnamese pages:\n{}",
        missing.len(),
        exp.prose.len(),
        missing
            .iter()
            .map(|m| format!("  - {m}"))
            .collect::<Vec<_>>()
            .join("\n")
    );

    // The stamp is metadata: no chapter shows it (the cover may, in the document's fields).
    for p in pages.iter().filter(|p| p.rel != "index.html") {
        assert!(
            !p.text.contains("HOÀNG ĐÌNH GIÔNG") && !p.text.contains("Lưu hồ sơ số"),
            "the receipt stamp appears in {}",
            p.rel
        );
    }

    // "(có phụ lục …)" links to Phụ lục 1.
    let a = selector("a[href]");
    let linked = pages.iter().any(|p| {
        p.html.select(&a).any(|e| {
            e.text().collect::<String>() == "(có phụ lục các văn bản đã ban hành kèm theo)"
                && e.value()
                    .attr("href")
                    .is_some_and(|h| h.contains("phu-luc-1.html"))
        })
    });
    assert!(linked, "“(có phụ lục …)” should link to Phụ lục 1");

    // The footnote ¹ of 2.5 is a real footnote, referenced right after "quyết liệt".
    let page_2_5 = pages
        .iter()
        .find(|p| p.rel == "2-ket-qua/2-co-quan-nha-nuoc/2-5-cai-cach-hanh-chinh.html")
        .expect("the page of 2.5");
    let note_ref = selector("sup a[href^='#']");
    let refs: Vec<ElementRef> = page_2_5.html.select(&note_ref).collect();
    assert_eq!(refs.len(), 1, "2.5 has one footnote reference");
    let sup = refs[0].parent().expect("the reference's sup");
    let before = sup
        .prev_sibling()
        .and_then(|n| n.value().as_text().map(|t| t.to_string()))
        .unwrap_or_default();
    assert!(
        before.ends_with("được chỉ đạo quyết liệt"),
        "the footnote reference follows “quyết liệt”, not {before:?}"
    );
    let target = refs[0].value().attr("href").expect("href")[1..].to_string();
    let note = page_2_5
        .html
        .select(&selector("[id]"))
        .find(|e| e.value().id() == Some(target.as_str()))
        .expect("the footnote the reference points to");
    let mut note_text = String::new();
    collect_text(note, &mut note_text);
    let note_text = normalise_ws(&note_text);
    assert!(
        note_text.contains("Chỉ số PAR-INDEX: Năm 2015 đạt 75,83%")
            && note_text.contains("Chỉ số PAPI: năm 2016 đạt 34,32 điểm"),
        "the footnote holds both paragraphs: {note_text:?}"
    );

    // The recipients and the signature close chapter IV, in their blocks.
    let closing = pages
        .iter()
        .find(|p| p.rel == "4-nhiem-vu-trong-tam.html")
        .expect("the page of IV");
    let block = |sel: &str| {
        let el = closing
            .html
            .select(&selector(sel))
            .next()
            .unwrap_or_else(|| panic!("{sel} in 4-nhiem-vu-trong-tam.html"));
        let mut t = String::new();
        collect_text(el, &mut t);
        normalise_ws(&t)
    };
    let recipients = block(".recipients");
    assert!(recipients.starts_with("Nơi nhận:") && recipients.ends_with("Lưu Văn phòng Tỉnh uỷ."));
    assert_eq!(
        block(".recipients li:first-child"),
        "Ban Dân vận Trung ương (báo cáo),"
    );
    assert_eq!(
        block(".signature"),
        "T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ THƯỜNG TRỰC Triệu Đình Lê"
    );

    // Table cells, in the page that renders the table: every table of the source is
    // rendered, with its data.
    let mut missing_cells = Vec::new();
    for (id, cells) in &exp.cells {
        let Some(page) = pages.iter().find(|p| has_table(p, id)) else {
            missing_cells.push(format!("{id}: the table is not rendered in any page"));
            continue;
        };
        let spaced = ungroup_digits(&page.text);
        let compact = cell_form(&page.text);
        for cell in cells {
            let found = match cell.parse::<u64>() {
                Ok(n) => holds_integer(&spaced, n),
                Err(_) => compact.contains(&cell_form(cell)),
            };
            if !found {
                missing_cells.push(format!("{id}: {cell}"));
            }
        }
    }
    assert!(
        missing_cells.is_empty(),
        "table cells not found:\n{}",
        missing_cells.join("\n")
    );
}
