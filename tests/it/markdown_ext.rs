//! Markdown extensions: alerts titled in the page's language, task lists with labelled
//! boxes, definition lists, sub- and superscript, formulas as MathML (and `$` prices left
//! alone), smart punctuation as a setting, and bad formulas reported where they are.

use std::fs;

use crate::common::site::{Site, SITE_TOML};
use songngu::search::extract::sections;

/// A page with every extension, in Vietnamese (`vi/a.md`) and in English (`en/a.md`).
const BODY: &str = "\
> [!NOTE]
> Văn bản *ghi chú*.

> [!TIP]
> Mẹo nhỏ.

> [!IMPORTANT]
> Quan trọng lắm.

> [!WARNING]
> Coi chừng.

> [!CAUTION]
> Cẩn thận.

> Plain quote.

- [x] done item
- [ ] open item
- plain item

Term
: Its definition.

H~2~O and x^2^ and ~~struck~~.

Inline $a^2 + b^2$ and display:

$$\\frac{1}{2}$$
";

fn site() -> Site {
    let site = Site::new();
    site.page("vi/_index.md", "title = \"Bìa\"", "Giới thiệu.\n")
        .page("vi/a.md", "title = \"A\"", BODY)
        .page("en/_index.md", "title = \"Cover\"", "Intro.\n")
        .page("en/a.md", "title = \"A\"", BODY);
    site
}

/// The `<article>` of a page's HTML.
fn article(html: &str) -> &str {
    let start = html.find("<article").expect("an article");
    let end = html.find("</article>").expect("its end");
    &html[start..end + "</article>".len()]
}

#[test]
fn alerts_are_titled_notes_in_the_pages_language() {
    let site = site();
    let built = site.build().assert_success();
    let vi = built.html("vi/a.html");
    let en = built.html("en/a.html");
    let classes = vi.attrs("article div[role=note]", "class");
    assert_eq!(
        classes,
        [
            "alert alert-note",
            "alert alert-tip",
            "alert alert-important",
            "alert alert-warning",
            "alert alert-caution"
        ]
    );
    assert_eq!(
        vi.texts(".alert > p.alert-title"),
        ["Ghi chú", "Lưu ý", "Quan trọng", "Cảnh báo", "Thận trọng"]
    );
    assert_eq!(
        en.texts(".alert > p.alert-title"),
        ["Note", "Tip", "Important", "Warning", "Caution"]
    );
    // The body stays Markdown; a plain quote stays a quote.
    assert_eq!(vi.texts(".alert-note em"), ["ghi chú"]);
    assert_eq!(vi.texts("article blockquote"), ["Plain quote."]);
    assert_eq!(vi.count("blockquote[class]"), 0);
    // On the English page the Vietnamese text inside the alert is marked, the title is not.
    assert_eq!(en.texts(".alert-note span[lang=vi]"), ["Văn bản"]);
    assert_eq!(en.count(".alert-title span"), 0);
}

#[test]
fn alert_titles_and_formulas_stay_out_of_the_search_text() {
    let site = site();
    let built = site.build().assert_success();
    let html = built.read("vi/a.html");
    let text: String = sections(article(&html))
        .iter()
        .map(|s| s.joined().to_string())
        .collect();
    assert!(text.contains("Văn bản ghi chú."), "{text}");
    assert!(text.contains("Mẹo nhỏ."), "{text}");
    assert!(!text.contains("Ghi chú"), "{text}");
    assert!(!text.contains("Thận trọng"), "{text}");
    assert!(!text.contains("frac"), "{text}");
    assert!(text.contains("Inline and display:"), "{text}");
}

#[test]
fn task_lists_have_disabled_labelled_boxes_without_bullets() {
    let site = site();
    let built = site.build().assert_success();
    let vi = built.html("vi/a.html");
    assert_eq!(vi.count("li.task"), 2);
    assert_eq!(vi.count("li:not(.task)"), vi.count("li") - 2);
    assert_eq!(
        vi.attrs("li.task > input[type=checkbox][disabled]", "aria-label"),
        ["Đã xong", "Chưa xong"]
    );
    assert_eq!(vi.count("li.task > input[checked]"), 1);
    assert_eq!(vi.texts("li.task"), ["done item", "open item"]);
    let en = built.html("en/a.html");
    assert_eq!(
        en.attrs("li.task > input", "aria-label"),
        ["Done", "Not done"]
    );
    // A loose list puts the box in the item's paragraph.
    site.page("vi/b.md", "title = \"B\"", "- [x] one\n\n- [ ] two\n");
    let built = site.build().assert_success();
    let b = built.html("vi/b.html");
    assert_eq!(b.count("li.task > p > input.task-box"), 2);
}

#[test]
fn definition_lists_sub_and_superscript() {
    let site = site();
    let built = site.build().assert_success();
    let vi = built.html("vi/a.html");
    assert_eq!(vi.texts("article dl > dt"), ["Term"]);
    assert_eq!(vi.texts("article dl > dd"), ["Its definition."]);
    assert_eq!(vi.texts("article sub"), ["2"]);
    assert_eq!(vi.texts("article sup"), ["2"]);
    // Two tildes strike through, one makes a subscript.
    assert_eq!(vi.texts("article del"), ["struck"]);
    // Escaped marks stay text; word-bounded ones are pulldown-cmark's own.
    site.page(
        "vi/b.md",
        "title = \"B\"",
        "H\\~2\\~O, ~a~ b, 2^10^ và ~~x~~ ^y^.\n",
    );
    let built = site.build().assert_success();
    let b = built.html("vi/b.html");
    assert_eq!(b.texts("article sub"), ["a"]);
    assert_eq!(b.texts("article sup"), ["10", "y"]);
    assert_eq!(b.texts("article del"), ["x"]);
    assert!(b.texts("article p")[0].starts_with("H~2~O, a b, 210"));
}

#[test]
fn vietnamese_phrases_are_marked_in_tasks_and_definitions() {
    let site = site();
    site.page(
        "en/b.md",
        "title = \"B\"",
        "- [ ] Report to Bộ Chính trị\n\nThe Committee\n: Known as Tỉnh ủy Cao Bằng.\n",
    );
    let built = site.build().assert_success();
    let b = built.html("en/b.html");
    assert_eq!(b.texts("li.task span[lang=vi]"), ["Bộ Chính trị"]);
    assert_eq!(b.texts("dd span[lang=vi]"), ["Tỉnh ủy Cao Bằng"]);
}

#[test]
fn formulas_are_mathml_inline_and_block() {
    let site = site();
    let built = site.build().assert_success();
    let html = built.read("vi/a.html");
    let vi = built.html("vi/a.html");
    assert_eq!(vi.count("article math"), 2);
    // The inline formula has no `display`, the other is a block.
    assert_eq!(vi.attrs("article math", "display"), ["block"]);
    assert!(html.contains("<p>Inline <math><semantics>"), "{html}");
    assert_eq!(vi.count("article math[display=block] mfrac"), 1);
    // A display formula scrolls in a box the keyboard reaches, named in the page's language.
    assert_eq!(
        vi.attrs(".math-display[tabindex='0'][role=group]", "aria-label"),
        ["Công thức"]
    );
    assert_eq!(vi.count(".math-display > math[display=block]"), 1);
    let en = built.html("en/a.html");
    assert_eq!(en.attrs(".math-display", "aria-label"), ["Formula"]);
    assert_eq!(vi.count("article math msup"), 2);
    assert!(!html.contains("class=\"math math-"), "{html}");
    // The English page marks Vietnamese phrases but never inside MathML.
    site.page(
        "en/b.md",
        "title = \"B\"",
        "The sum $\\text{tổng cộng} = n$ (tổng cộng), $\\tfrac{1}{2}$.\n",
    );
    let built = site.build().assert_success();
    let b = built.html("en/b.html");
    // MathML Core's style attributes are moved where HTML checkers accept them.
    assert_eq!(b.count("math mstyle[displaystyle=false] > mfrac"), 1);
    assert_eq!(b.count("mfrac[displaystyle]"), 0);
    assert_eq!(b.count("math mtext"), 1);
    assert_eq!(b.count("math span"), 0);
    assert_eq!(b.texts("article p span[lang=vi]"), ["tổng cộng"]);
}

#[test]
fn formulas_in_headings_tables_and_notes() {
    let site = site();
    site.page(
        "vi/b.md",
        "title = \"B\"",
        "## Độ phức tạp $O(n)$\n\n| a |\n|---|\n| $x_1$ |\n\nChú thích[^1].\n\n[^1]: Với $y$.\n",
    );
    let built = site.build().assert_success();
    let b = built.html("vi/b.html");
    assert_eq!(b.count("article h2 math"), 1);
    assert_eq!(b.attrs("article h2", "id"), ["do-phuc-tap"]);
    assert_eq!(b.count("article td math msub"), 1);
    assert_eq!(b.count(".footnotes math"), 1);
}

#[test]
fn dollar_prices_in_prose_stay_text() {
    let site = site();
    site.page(
        "en/b.md",
        "title = \"B\"",
        "It costs $5 and $10, or $ 20, from $5 to $10 a month.\n\nEscaped \\$x\\$ stays.\n",
    );
    let built = site.build().assert_success();
    let b = built.html("en/b.html");
    assert_eq!(b.count("math"), 0);
    assert_eq!(
        b.texts("article p"),
        [
            "It costs $5 and $10, or $ 20, from $5 to $10 a month.",
            "Escaped $x$ stays."
        ]
    );
}

#[test]
fn math_can_be_turned_off() {
    let site = site();
    // Two `$` that pair up: a formula, unless the site turns formulas off.
    site.page("en/b.md", "title = \"B\"", "From US$5 and US$10.\n");
    let built = site.build().assert_success();
    assert_eq!(built.html("en/b.html").count("math"), 1);
    site.file(
        "content/site.toml",
        format!("{SITE_TOML}[markdown]\nmath = false\n"),
    );
    let built = site.build().assert_success();
    let b = built.html("en/b.html");
    assert_eq!(b.count("math"), 0);
    assert_eq!(b.texts("article p"), ["From US$5 and US$10."]);
    let a = built.html("en/a.html");
    assert_eq!(a.count("math"), 0);
}

#[test]
fn smart_punctuation_is_a_setting() {
    let site = site();
    let text = "He said \"yes\" -- it's 1990---2000...\n";
    site.page("en/b.md", "title = \"B\"", text);
    let built = site.build().assert_success();
    assert_eq!(
        built.html("en/b.html").texts("article p"),
        ["He said \"yes\" -- it's 1990---2000..."]
    );
    site.file(
        "content/site.toml",
        format!("{SITE_TOML}[markdown]\nsmart_punctuation = true\n"),
    );
    let built = site.build().assert_success();
    assert_eq!(
        built.html("en/b.html").texts("article p"),
        ["He said “yes” – it’s 1990—2000…"]
    );
}

#[test]
fn an_unknown_markdown_setting_is_an_error() {
    let site = site();
    site.file(
        "content/site.toml",
        format!("{SITE_TOML}[markdown]\nmaths = false\n"),
    );
    let o = site.build();
    assert_eq!(o.code, Some(1), "{}", o.stderr);
    assert!(o.stderr.contains("content/site.toml:9:1"), "{}", o.stderr);
    assert!(o.stderr.contains("`math`"), "{}", o.stderr);
}

#[test]
fn a_bad_formula_is_one_error_where_it_is_and_the_output_stays() {
    let site = site();
    site.build().assert_success();
    let before = fs::read(site.path("public/vi/a.html")).unwrap();
    // Line 6 of the file (3 lines of front matter), `\nope` at column 26.
    site.page(
        "vi/b.md",
        "title = \"B\"",
        "Đoạn đầu.\n\nCông thức $\\frac{a}{b} + \\nope$ sai.\n",
    );
    let o = site.build();
    let err = &o.stderr;
    assert_eq!(o.code, Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        err.matches("this formula does not parse").count(),
        1,
        "{err}"
    );
    assert!(err.contains("content/vi/b.md:6:26"), "{err}");
    assert!(err.contains("this formula does not parse"), "{err}");
    assert!(err.contains("nope"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    assert_eq!(fs::read(site.path("public/vi/a.html")).unwrap(), before);
    assert!(!site.path("public/vi/b.html").exists());
}

#[test]
fn every_bad_formula_of_a_run_is_reported() {
    let site = site();
    site.page("vi/b.md", "title = \"B\"", "Một $\\frac{1}$ sai.\n")
        .page("en/b.md", "title = \"B\"", "Text.\n\n$$\\sqrt$$\n");
    let o = site.build();
    let err = &o.stderr;
    assert_eq!(o.code, Some(1), "{err}");
    assert_eq!(
        err.matches("this formula does not parse").count(),
        2,
        "{err}"
    );
    assert!(err.contains("content/vi/b.md:4:"), "{err}");
    assert!(err.contains("content/en/b.md:6:"), "{err}");
}

#[test]
fn the_preview_renders_pages_again_when_the_settings_change() {
    let site = site();
    site.page(
        "en/b.md",
        "title = \"B\"",
        "From US$5 and US$10, \"quoted\".\n",
    );
    let mut b = site.builder(true);
    let html = |b: &mut songngu::build::Builder| {
        let built = b.build().expect("a good build");
        String::from_utf8(built.output.get("en/b.html").unwrap().to_vec()).unwrap()
    };
    assert!(html(&mut b).contains("<math>"));
    site.file(
        "content/site.toml",
        format!("{SITE_TOML}[markdown]\nmath = false\nsmart_punctuation = true\n"),
    );
    b.invalidate(&[site.path("content/site.toml")]);
    let now = html(&mut b);
    assert!(!now.contains("<math>"), "{now}");
    assert!(now.contains("“quoted”"), "{now}");
}
