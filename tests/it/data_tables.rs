//! Data tables: loading, validation, rendering, downloads and charts.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use songngu::data::{self, DataSet, Placement, TableContext, TableJson};
use songngu::diagnostics::{Diagnostic, Location, Severity};
use songngu::i18n::UiStrings;

use crate::common::site::{selector, Doc, Site};

fn langs() -> Vec<String> {
    vec!["vi".to_string(), "en".to_string()]
}

fn strings(lang: &str) -> UiStrings {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("theme/i18n/{lang}.toml"));
    let own: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    UiStrings::new(own, vec![])
}

fn site() -> (DataSet, Vec<Diagnostic>) {
    data::load(Path::new(env!("CARGO_MANIFEST_DIR")), &langs())
}

fn from_str(text: &str) -> (DataSet, Vec<Diagnostic>) {
    DataSet::from_files(
        vec![(PathBuf::from("content/data/t.toml"), text.to_string())],
        &langs(),
    )
}

fn errors(text: &str) -> Vec<Diagnostic> {
    from_str(text).1
}

/// A placement of `id` as if written in a chapter, the fence body starting on line 3.
#[allow(clippy::result_large_err)]
fn placement(body: &str) -> Result<Placement, Diagnostic> {
    let md = format!("## Heading\n\n```table\n{body}```\n");
    let start = md.find("```table\n").unwrap() + "```table\n".len();
    let src: Arc<str> = Arc::from(md.as_str());
    let loc = Location::new("content/vi/phu-luc-2.md", src, start..start + body.len());
    data::parse_placement(body, loc)
}

fn render(set: &DataSet, id: &str, chart: bool, lang: &str) -> String {
    let body = format!("id = \"{id}\"\nchart = {chart}\n");
    let p = placement(&body).unwrap();
    let s = strings(lang);
    let ctx = TableContext {
        lang,
        root: "../",
        strings: &s,
    };
    set.render(&p, &ctx).unwrap()
}

const SMALL: &str = r#"
[[table]]
id = "t"
caption = { vi = "Bảng <thử> & “kiểm”", en = "Test <table> & \"check\"" }
row_header = "nam"
rows = [
    [2015, 1095, { vi = "Một, hai", en = "One, \"two\"" }],
    [2016, 1177, { vi = "Ba", en = "Three" }],
]

[[table.columns]]
key = "nam"
label = { vi = "Năm", en = "Year" }
type = "year"

[[table.columns]]
key = "doan"
label = { vi = "Số đoàn", en = "Teams" }
type = "integer"

[[table.columns]]
key = "ten"
label = { vi = "Tên", en = "Name" }
type = "text"


[table.total]
label = { vi = "Cộng", en = "Total" }
sum = true
values = { doan = 2272 }
"#;

// ---------------------------------------------------------------------------
// The real content

#[test]
fn real_content_loads_without_errors() {
    let (set, diags) = site();
    let errs: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_plain())
        .collect();
    assert!(errs.is_empty(), "{errs:#?}");
    let ids: Vec<&str> = set.tables().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "pl1-van-ban",
            "pl2-1-van-ban-chi-dao",
            "pl2-2-chuc-danh",
            "pl2-3-kiem-tra",
            "pl2-4-1-dich-vu-cong",
            "pl2-4-2-bien-che",
            "pl2-5-1-khieu-nai",
            "pl2-5-2-to-cao",
            "pl2-6-tiep-cong-dan",
            "pl2-7-hoa-giai",
            "pl2-8-vu-viec-phuc-tap",
            "pl2-9-dan-van-kheo",
        ]
    );
    // The source's stated percentages that differ from the computed ones: warnings only.
    let warnings: Vec<&str> = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(warnings.len(), 5, "{warnings:#?}");
    assert!(warnings
        .contains(&"stated percentage 99.42% differs from the computed 99.43% (1571 of 1580)"));
}

#[test]
fn appendix_1_has_every_document_in_three_groups() {
    let (set, _) = site();
    let t = set.get("pl1-van-ban").unwrap();
    let sizes: Vec<usize> = t.groups.iter().map(|g| g.rows.len()).collect();
    assert_eq!(sizes, [12, 7, 7]);
    let html = render(&set, "pl1-van-ban", false, "vi");
    assert_eq!(
        Doc::fragment(&html).texts("th[scope=rowgroup]"),
        [
            "Văn bản của Tỉnh ủy",
            "Văn bản của UBND tỉnh",
            "Văn bản chỉ đạo thực hiện QCDC ở cơ sở"
        ]
    );
    // The row split across a page break in the source is one row here.
    assert!(html.contains(
        "Công văn về việc tăng cường chỉ đạo, tổ chức thực hiện công tác dân vận trong các cơ quan hành chính, chính quyền các cấp</th>"
    ));
    assert!(html.contains("Số 921-QĐ/TU, ngày 28/3/2017"));
    let en = render(&set, "pl1-van-ban", false, "en");
    assert!(en.contains("No. 921-QĐ/TU, 28/3/2017"));
    assert_eq!(Doc::fragment(&en).texts("tbody").len(), 3);
}

#[test]
fn appendix_2_figures_in_both_locales() {
    let (set, _) = site();
    let vi = render(&set, "pl2-5-1-khieu-nai", false, "vi");
    let cells = Doc::fragment(&vi).texts("tbody td");
    assert_eq!(
        cells,
        [
            "2.272",
            "1.580",
            "1.571 (99,42%)",
            "9 (0,58%)",
            "0",
            "14",
            "13 (92,8%)",
            "1 (7,2%)",
            "0"
        ]
    );
    let en = render(&set, "pl2-5-1-khieu-nai", false, "en");
    let cells = Doc::fragment(&en).texts("tbody td");
    assert_eq!(
        cells,
        [
            "2,272",
            "1,580",
            "1,571 (99.42%)",
            "9 (0.58%)",
            "0",
            "14",
            "13 (92.8%)",
            "1 (7.2%)",
            "0"
        ]
    );
    let kt = render(&set, "pl2-3-kiem-tra", false, "vi");
    assert_eq!(
        Doc::fragment(&kt).texts("tbody th[scope=row]"),
        ["2015", "2016", "2017", "2018", "2019", "2020"]
    );
    assert_eq!(
        Doc::fragment(&kt).texts("tfoot th, tfoot td"),
        ["Cộng", "98", "224", "368"]
    );
    let kt_en = render(&set, "pl2-3-kiem-tra", false, "en");
    assert_eq!(Doc::fragment(&kt_en).texts("tfoot th"), ["Total"]);
    let tcd = render(&set, "pl2-6-tiep-cong-dan", false, "vi");
    assert_eq!(
        Doc::fragment(&tcd).texts("tbody td"),
        ["1.792", "84", "154", "63", "2", "32"]
    );
    assert_eq!(
        Doc::fragment(&render(&set, "pl2-9-dan-van-kheo", false, "en")).texts("tbody td"),
        ["69", "122"]
    );
}

// ---------------------------------------------------------------------------
// Rendering

#[test]
fn grouped_headers_have_spans_scopes_and_headers() {
    let (set, _) = site();
    let html = render(&set, "pl2-4-2-bien-che", false, "vi");
    let doc = Doc::fragment(&html);
    let rows: Vec<_> = doc.0.select(&selector("thead tr")).collect();
    assert_eq!(rows.len(), 2);
    let th = selector("th");
    type HeaderCell<'a> = (String, Option<&'a str>, Option<&'a str>, Option<&'a str>);
    let first: Vec<HeaderCell> = rows[0]
        .select(&th)
        .map(|e| {
            (
                e.text().collect(),
                e.value().attr("scope"),
                e.value().attr("colspan"),
                e.value().attr("rowspan"),
            )
        })
        .collect();
    assert_eq!(
        first,
        [
            ("Cấp xã".to_string(), Some("col"), None, Some("2")),
            ("Cấp huyện".to_string(), Some("colgroup"), Some("2"), None),
            ("Cấp tỉnh".to_string(), Some("colgroup"), Some("2"), None),
        ]
    );
    assert_eq!(
        Doc::fragment(&html).texts("thead tr:nth-child(2) th[scope=col]"),
        ["Công chức", "Viên chức", "Công chức", "Viên chức"]
    );
    assert_eq!(Doc::fragment(&html).attrs("colgroup", "span"), ["2", "2"]);
    // Each cell names its column label and the group above it.
    let headers = Doc::fragment(&html).attrs("tbody td", "headers");
    assert_eq!(
        headers,
        [
            "tbl-pl2-4-2-bien-che-c0",
            "tbl-pl2-4-2-bien-che-c1 tbl-pl2-4-2-bien-che-g0",
            "tbl-pl2-4-2-bien-che-c2 tbl-pl2-4-2-bien-che-g0",
            "tbl-pl2-4-2-bien-che-c3 tbl-pl2-4-2-bien-che-g1",
            "tbl-pl2-4-2-bien-che-c4 tbl-pl2-4-2-bien-che-g1",
        ]
    );
    let ids = Doc::fragment(&html).attrs("th", "id");
    for h in headers.iter().flat_map(|h| h.split(' ')) {
        assert!(ids.iter().any(|i| i == h), "headers names a missing id {h}");
    }
}

#[test]
fn simple_table_uses_scope_caption_alignment_and_escaping() {
    let (set, diags) = from_str(SMALL);
    assert!(diags.is_empty(), "{diags:?}");
    let vi = render(&set, "t", false, "vi");
    let vi_doc = Doc::fragment(&vi);
    assert_eq!(vi_doc.texts("caption"), ["Bảng <thử> & “kiểm”"]);
    assert!(vi.contains("Bảng &lt;thử&gt; &amp; “kiểm”"));
    assert!(!vi.contains("<thử>"));
    assert_eq!(vi_doc.attrs("thead th", "scope"), ["col", "col", "col"]);
    assert_eq!(vi_doc.attrs("tbody th", "scope"), ["row", "row"]);
    assert!(vi_doc.attrs("td", "headers").is_empty());
    assert_eq!(
        vi_doc.attrs("tbody td", "class"),
        ["sn-num", "sn-text", "sn-num", "sn-text"]
    );
    assert_eq!(vi_doc.texts("tbody td.sn-num"), ["1.095", "1.177"]);
    assert_eq!(vi_doc.texts("tfoot td"), ["2.272", ""]);
    let en = render(&set, "t", false, "en");
    let en_doc = Doc::fragment(&en);
    assert_eq!(en_doc.texts("tbody td.sn-num"), ["1,095", "1,177"]);
    assert_eq!(en_doc.texts("tbody th"), ["2015", "2016"]);
    assert!(en.contains("One, &quot;two&quot;"));
    // Scroll wrapper, labelled by the caption, keyboard-focusable.
    assert_eq!(
        en_doc.attrs("div.sn-table-scroll", "aria-labelledby"),
        ["tbl-t-caption"]
    );
    assert_eq!(en_doc.attrs("caption", "id"), ["tbl-t-caption"]);
    // Downloads, relative to the site root.
    assert_eq!(
        en_doc.attrs(".sn-table-downloads a", "href"),
        ["../data/en/t.csv", "../data/en/t.json"]
    );
    assert_eq!(
        en_doc.attrs(".sn-table-downloads a", "download"),
        ["t-en.csv", "t-en.json"]
    );
}

#[test]
fn notes_and_source_under_the_table() {
    let (set, _) = site();
    let doc = Doc::fragment(&render(&set, "pl2-4-1-dich-vu-cong", false, "en"));
    assert_eq!(doc.texts(".sn-table-source .sn-table-label"), ["Source:"]);
    assert!(doc.texts(".sn-table-note")[0].contains("Level 4 (177/537 procedures = 33.15%)"));
    assert_eq!(
        doc.texts("tbody td"),
        ["357 (66.85%)", "534", "177 (33.15%)", "537"]
    );
}

// ---------------------------------------------------------------------------
// Placements

#[test]
fn placement_parses_id_and_chart() {
    let p = placement("id = \"pl2-3-kiem-tra\"\nchart = true\n").unwrap();
    assert_eq!(p.id, "pl2-3-kiem-tra");
    assert!(p.chart);
    assert_eq!(format!("{:?}", p.location), "content/vi/phu-luc-2.md:4:6");
    let p = placement("id = \"x\"\n").unwrap();
    assert!(!p.chart);
}

#[test]
fn placement_errors_point_into_the_fence() {
    let e = placement("id = \"x\"\ncaption = \"y\"\n").unwrap_err();
    assert_eq!(e.message, "unknown key `caption` in a table placement");
    assert_eq!(e.position().unwrap(), "content/vi/phu-luc-2.md:5:1");
    assert!(e.hint.unwrap().contains("chart = true"));
    let e = placement("chart = true\n").unwrap_err();
    assert_eq!(e.message, "a table placement has no `id`");
    assert_eq!(e.position().unwrap(), "content/vi/phu-luc-2.md:4:1");
    let e = placement("id = \"x\"\nchart = \"yes\"\n").unwrap_err();
    assert_eq!(
        e.message,
        "`chart` of a table placement must be true or false"
    );
    assert_eq!(e.position().unwrap(), "content/vi/phu-luc-2.md:5:9");
    let e = placement("id = \n").unwrap_err();
    assert!(
        e.message.starts_with("invalid table placement"),
        "{}",
        e.message
    );
    assert!(e
        .position()
        .unwrap()
        .starts_with("content/vi/phu-luc-2.md:4:"));
}

#[test]
fn unknown_id_is_an_error_at_the_placement() {
    let (set, _) = site();
    let p = placement("id = \"pl2-3-kiem-traa\"\n").unwrap();
    let s = strings("vi");
    let ctx = TableContext {
        lang: "vi",
        root: "",
        strings: &s,
    };
    let e = set.render(&p, &ctx).unwrap_err();
    assert_eq!(e.message, "unknown table id `pl2-3-kiem-traa`");
    assert_eq!(e.position().unwrap(), "content/vi/phu-luc-2.md:4:6");
    assert_eq!(e.hint.as_deref(), Some("did you mean `pl2-3-kiem-tra`?"));
    let p = placement("id = \"pl2-9-dan-van-kheo\"\nchart = true\n").unwrap();
    let e = set.render(&p, &ctx).unwrap_err();
    assert_eq!(e.message, "table `pl2-9-dan-van-kheo` declares no chart");
}

// ---------------------------------------------------------------------------
// Validation

fn one(text: &str) -> Diagnostic {
    let d = errors(text);
    assert_eq!(d.len(), 1, "{d:#?}");
    d.into_iter().next().unwrap()
}

const TOP: &str = "[[table]]\nid = \"t\"\ncaption = { vi = \"C\", en = \"C\" }\n";

/// A two-column table (`nam`, `doan`) with `rows` (TOML lines before the first column) and
/// `tail` (after the columns).
fn doc(rows: &str, tail: &str) -> String {
    format!("{TOP}{rows}\n{COLS}{tail}")
}

const COLS: &str = r#"[[table.columns]]
key = "nam"
label = { vi = "Năm", en = "Year" }
type = "year"

[[table.columns]]
key = "doan"
label = { vi = "Đoàn", en = "Teams" }
type = "integer"
"#;

#[test]
fn unknown_column_in_a_row() {
    let d = one(&doc(
        "",
        "\n[[table.rows]]\nnam = 2015\ndoan = 1\ndaon = 2\n",
    ));
    assert_eq!(d.message, "unknown column `daon`");
    assert_eq!(d.position().unwrap(), "content/data/t.toml:18:1");
    assert!(d.hint.unwrap().starts_with("did you mean `doan`?"));
}

#[test]
fn missing_column_in_a_row() {
    let d = one(&doc("rows = [{ nam = 2015 }]", ""));
    assert_eq!(d.message, "row has no value for column `doan`");
    assert_eq!(d.position().unwrap(), "content/data/t.toml:4:9");
}

#[test]
fn missing_label_in_a_language() {
    let text = doc("rows = [[2015, 1]]", "")
        .replace("{ vi = \"Đoàn\", en = \"Teams\" }", "{ vi = \"Đoàn\" }");
    let d = one(&text);
    assert_eq!(d.message, "the label of column `doan` has no `en` text");
    assert_eq!(d.position().unwrap(), "content/data/t.toml:12:9");
    assert!(d.hint.unwrap().contains("en = \"...\""));
}

#[test]
fn wrong_value_type() {
    let d = one(&doc("rows = [[2015, \"14\"]]", ""));
    assert_eq!(
        d.message,
        "wrong value type for column `doan` (integer): found a string"
    );
    assert_eq!(d.position().unwrap(), "content/data/t.toml:4:16");
    assert!(d.hint.unwrap().contains("without quotes"));
}

#[test]
fn row_of_wrong_length() {
    let d = one(&doc("rows = [\n  [2015, 1],\n  [2016, 2, 3],\n]", ""));
    assert_eq!(d.message, "row has 3 cells but the table has 2 columns");
    assert_eq!(d.position().unwrap(), "content/data/t.toml:6:3");
}

#[test]
fn duplicate_id_across_files() {
    let body = doc("rows = [[2015, 1]]", "");
    let (set, diags) = DataSet::from_files(
        vec![
            (PathBuf::from("content/data/a.toml"), body.clone()),
            (PathBuf::from("content/data/b.toml"), body),
        ],
        &langs(),
    );
    assert_eq!(set.len(), 1);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].message, "duplicate table id `t`");
    assert_eq!(diags[0].position().unwrap(), "content/data/b.toml:2:6");
    assert!(diags[0]
        .hint
        .as_ref()
        .unwrap()
        .contains("content/data/a.toml:2:6"));
    // A first definition with errors still claims the id.
    let broken = doc("rows = [[2015, \"x\"]]", "");
    let (set, diags) = DataSet::from_files(
        vec![
            (PathBuf::from("content/data/a.toml"), broken),
            (
                PathBuf::from("content/data/b.toml"),
                doc("rows = [[2015, 1]]", ""),
            ),
        ],
        &langs(),
    );
    assert_eq!(set.len(), 0);
    let msgs: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        msgs,
        [
            "wrong value type for column `doan` (integer): found a string",
            "duplicate table id `t`"
        ]
    );
}

#[test]
fn a_total_that_does_not_add_up() {
    let d = one(&doc(
        "rows = [[2015, 14], [2016, 17]]",
        "\n[table.total]\nsum = true\nvalues = { doan = 30 }\n",
    ));
    assert!(d.is_error());
    assert_eq!(
        d.message,
        "total of column `doan` is 30 but the rows add up to 31"
    );
    assert_eq!(d.position().unwrap(), "content/data/t.toml:17:19");
    // Declared not a sum: not checked.
    let d = errors(&doc(
        "rows = [[2015, 14], [2016, 17]]",
        "\n[table.total]\nsum = false\nvalues = { doan = 30 }\n",
    ));
    assert!(d.is_empty());
}

#[test]
fn a_stated_percentage_that_differs_is_a_warning_and_is_kept() {
    let text = r#"[[table]]
id = "kn"
caption = { vi = "C", en = "C" }

rows = [[1580, { count = 1571, percent = 99.42 }], [185, { count = 181, percent = 97.8 }]]

[[table.columns]]
key = "tq"
label = { vi = "Thẩm quyền", en = "Competent" }
type = "integer"

[[table.columns]]
key = "gq"
label = { vi = "Đã giải quyết", en = "Settled" }
type = "count-with-percent"
percent_of = "tq"
"#;
    let (set, diags) = from_str(text);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = &diags[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(
        d.message,
        "stated percentage 99.42% differs from the computed 99.43% (1571 of 1580)"
    );
    assert_eq!(d.position().unwrap(), "content/data/t.toml:5:42");
    assert_eq!(set.len(), 1);
    let html = render(&set, "kn", false, "vi");
    assert_eq!(
        Doc::fragment(&html).texts("td"),
        ["1.580", "1.571 (99,42%)", "185", "181 (97,8%)"]
    );
}

#[test]
fn every_problem_is_reported_and_the_table_left_out() {
    let text = doc(
        "captoin = \"x\"\nrows = [[2015, \"a\"], [\"2016\", 2], [2017]]",
        "",
    );
    let diags = errors(&text);
    let msgs: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        msgs,
        [
            "unknown key `captoin` in a table",
            "wrong value type for column `doan` (integer): found a string",
            "wrong value type for column `nam` (year): found a string",
            "row has 1 cells but the table has 2 columns",
        ]
    );
    assert!(diags[0]
        .hint
        .as_ref()
        .unwrap()
        .starts_with("did you mean `caption`?"));
    assert_eq!(from_str(&text).0.len(), 0);
}

#[test]
fn other_structural_errors() {
    let d = one(&doc("rows = [[2015, 1]]", "\n[[table.header_groups]]\nlabel = { vi = \"G\", en = \"G\" }\ncolumns = [\"nam\", \"x\"]\n"));
    assert_eq!(d.message, "unknown column `x`");
    let d = one(&doc(
        "rows = [[2015, 1]]",
        "\n[table.chart]\ntype = \"pie\"\nx = \"nam\"\ny = [\"doan\"]\n",
    ));
    assert_eq!(d.message, "unknown chart type `pie`");
    let d = one("[[table]]\nid = \"t\"\ncaption = \n");
    assert!(d.message.starts_with("invalid TOML"), "{}", d.message);
    assert_eq!(d.position().unwrap(), "content/data/t.toml:3:11");
    let d = one(&doc("rows = [[2015, 1]]", "").replace("type = \"integer\"", "type = \"int\""));
    assert_eq!(d.message, "unknown column type `int`");
}

// ---------------------------------------------------------------------------
// Downloads

#[test]
fn csv_has_bom_crlf_and_rfc4180_quoting() {
    let (set, _) = from_str(SMALL);
    let out = set.outputs(&langs());
    let paths: Vec<&str> = out.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "data/en/t.csv",
            "data/en/t.json",
            "data/vi/t.csv",
            "data/vi/t.json"
        ]
    );
    let en = &out[0].1;
    assert_eq!(
        en.as_slice(),
        "\u{feff}Year,Teams,Name\r\n2015,1095,\"One, \"\"two\"\"\"\r\n2016,1177,Three\r\nTotal,2272,\r\n"
            .as_bytes()
    );
    let vi = std::str::from_utf8(&out[2].1).unwrap();
    assert_eq!(
        vi,
        "\u{feff}Năm,Số đoàn,Tên\r\n2015,1095,\"Một, hai\"\r\n2016,1177,Ba\r\nCộng,2272,\r\n"
    );
}

#[test]
fn csv_flattens_grouped_headers_and_splits_percentages() {
    let (set, _) = site();
    let out = set.outputs(&["vi".to_string()]);
    let csv = |id: &str| {
        let bytes = &out
            .iter()
            .find(|(p, _)| p == &format!("data/vi/{id}.csv"))
            .unwrap()
            .1;
        String::from_utf8(bytes.clone()).unwrap()
    };
    let kn = csv("pl2-5-1-khieu-nai");
    let mut lines = kn.trim_start_matches('\u{feff}').split("\r\n");
    let header = lines.next().unwrap();
    assert!(header.starts_with(
        "Số lượng đơn thư đã tiếp nhận,Tiếp nhận – Số đơn thư thuộc thẩm quyền giải quyết"
    ) || header.starts_with(
        "Số lượng đơn thư đã tiếp nhận,\"Tiếp nhận, giải quyết – Số đơn thư thuộc thẩm quyền giải quyết\""
    ), "{header}");
    assert!(header.contains(
        "\"Tiếp nhận, giải quyết – Số đơn thư đã giải quyết (đơn/vụ việc); đạt tỷ lệ %\",\"Tiếp nhận, giải quyết – Số đơn thư đã giải quyết (đơn/vụ việc); đạt tỷ lệ % (%)\""
    ), "{header}");
    assert_eq!(
        lines.next().unwrap(),
        "2272,1580,1571,99.42,9,0.58,0,,14,13,92.8,1,7.2,0,"
    );
    let pl1 = csv("pl1-van-ban");
    let mut lines = pl1.trim_start_matches('\u{feff}').split("\r\n");
    assert_eq!(
        lines.next().unwrap(),
        "Nhóm,Stt,Tên văn bản,\"Số, ký hiệu, ngày ban hành\",Cơ quan ban hành"
    );
    assert!(lines
        .next()
        .unwrap()
        .starts_with("Văn bản của Tỉnh ủy,1,\"Quyết định ban hành Quy chế"));
    assert_eq!(pl1.matches("\r\n").count(), 27);
}

#[test]
fn json_round_trips_with_typed_values() {
    let (set, _) = site();
    let out = set.outputs(&langs());
    for (path, bytes) in &out {
        if !path.ends_with(".json") {
            continue;
        }
        let parsed: TableJson = serde_json::from_slice(bytes).unwrap();
        let again = serde_json::to_vec_pretty(&parsed).unwrap();
        assert_eq!(&again[..], &bytes[..bytes.len() - 1], "{path}");
        let table = set.get(&parsed.id).unwrap();
        assert_eq!(parsed, TableJson::from_table(table, &parsed.lang));
    }
    let kn: TableJson = serde_json::from_slice(
        &out.iter()
            .find(|(p, _)| p == "data/en/pl2-5-1-khieu-nai.json")
            .unwrap()
            .1,
    )
    .unwrap();
    let row = &kn.rows[0].values;
    assert_eq!(row["tiep_nhan"], serde_json::json!(2272));
    assert_eq!(
        row["da_giai_quyet"],
        serde_json::json!({"count": 1571, "percent": 99.42})
    );
    assert_eq!(row["vuot_cap"], serde_json::json!({"count": 0}));
    assert_eq!(kn.columns[2].groups, ["Receipt and settlement"]);
    assert_eq!(kn.columns[2].percent_of.as_deref(), Some("tham_quyen"));
    let kt: TableJson = serde_json::from_slice(
        &out.iter()
            .find(|(p, _)| p == "data/vi/pl2-3-kiem-tra.json")
            .unwrap()
            .1,
    )
    .unwrap();
    assert_eq!(kt.rows[0].values["nam"], serde_json::json!(2015));
    let total = kt.total.unwrap();
    assert_eq!(total.label.as_deref(), Some("Cộng"));
    assert_eq!(total.values["don_vi"], serde_json::json!(368));
    assert!(!total.values.contains_key("nam"));
}

// ---------------------------------------------------------------------------
// Charts

fn svg_of(html: &str) -> &str {
    let start = html.find("<svg").expect("an svg");
    let end = html.find("</svg>").expect("svg end") + "</svg>".len();
    &html[start..end]
}

#[test]
fn chart_is_well_formed_accessible_svg() {
    let (set, _) = site();
    let html = render(&set, "pl2-3-kiem-tra", true, "vi");
    assert!(!html.contains("<script"));
    let svg = svg_of(&html);
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"));
    let labelled: Vec<&str> = root
        .attribute("aria-labelledby")
        .unwrap()
        .split(' ')
        .collect();
    let title = doc
        .descendants()
        .find(|n| n.attribute("id") == Some(labelled[0]))
        .unwrap();
    assert_eq!(title.tag_name().name(), "title");
    assert_eq!(
        title.text(),
        Some("Công tác kiểm tra việc thực hiện Kết luận số 114-KL/TW, 2015–2020")
    );
    let desc = doc
        .descendants()
        .find(|n| n.attribute("id") == Some(labelled[1]))
        .unwrap();
    assert_eq!(desc.tag_name().name(), "desc");
    let d = desc.text().unwrap();
    assert!(
        d.starts_with("Biểu đồ đường. Năm: từ 2015 đến 2020."),
        "{d}"
    );
    assert!(
        d.contains("Số đoàn kiểm tra: 2015: 14; 2016: 17; 2017: 21; 2018: 18; 2019: 20; 2020: 8."),
        "{d}"
    );
    let lines = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "polyline")
        .count();
    assert_eq!(lines, 3);
    let text: Vec<&str> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "text")
        .filter_map(|n| n.text())
        .collect();
    for label in ["2015", "2020", "Năm", "Số đơn vị kiểm tra", "0", "100"] {
        assert!(text.contains(&label), "missing {label} in {text:?}");
    }
    // The chart sits inside the table's wrapper, before the scroll box.
    assert!(html.find("<svg").unwrap() < html.find("sn-table-scroll").unwrap());
    // Without `chart = true` there is no chart.
    assert!(!render(&set, "pl2-3-kiem-tra", false, "vi").contains("<svg"));
}

#[test]
fn chart_axis_numbers_follow_the_locale() {
    let text = r#"[[table]]
id = "c"
caption = { vi = "Biểu đồ", en = "Chart" }
rows = [[2015, 1500], [2016, 2500]]

[[table.columns]]
key = "nam"
label = { vi = "Năm", en = "Year" }
type = "year"

[[table.columns]]
key = "n"
label = { vi = "Số <lượng>", en = "Count" }
type = "integer"

[table.chart]
type = "bar"
x = "nam"
y = ["n"]
"#;
    let (set, diags) = from_str(text);
    assert!(diags.is_empty(), "{diags:?}");
    let vi = render(&set, "c", true, "vi");
    let doc = roxmltree::Document::parse(svg_of(&vi)).unwrap();
    let labels: Vec<&str> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "text")
        .filter_map(|n| n.text())
        .collect();
    assert!(labels.contains(&"2.500"), "{labels:?}");
    assert!(labels.contains(&"Số <lượng>"), "{labels:?}");
    assert_eq!(
        doc.descendants()
            .filter(|n| n.tag_name().name() == "rect")
            .count(),
        3
    );
    let en = render(&set, "c", true, "en");
    let doc = roxmltree::Document::parse(svg_of(&en)).unwrap();
    let desc = doc
        .descendants()
        .find(|n| n.tag_name().name() == "desc")
        .unwrap()
        .text()
        .unwrap()
        .to_string();
    assert_eq!(
        desc,
        "Bar chart. Year: 2015 to 2016. Count: 2015: 1,500; 2016: 2,500."
    );
}

#[test]
fn fingerprint_follows_the_files() {
    let (a, _) = from_str(SMALL);
    let (b, _) = from_str(SMALL);
    let (c, _) = from_str(&SMALL.replace("1095", "1096").replace("2272", "2273"));
    assert_eq!(a.fingerprint(), b.fingerprint());
    assert_ne!(a.fingerprint(), c.fingerprint());
}

#[test]
fn missing_data_folder_is_an_empty_set() {
    let (set, diags) = data::load(Site::new().root(), &langs());
    assert!(set.is_empty());
    assert!(diags.is_empty());
}
