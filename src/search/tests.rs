//! Ranking tests over real index files, through the Rust twin of the client ([`super::query`]).

use super::query::{parse, Index};
use super::{build_index, SearchPage};

fn page<'a>(url: &'a str, title: &'a str, html: &'a str) -> SearchPage<'a> {
    SearchPage {
        lang: "vi",
        url,
        title,
        breadcrumb: vec!["Phần 1"],
        html,
        weight: 1.0,
    }
}

fn index(pages: &[SearchPage]) -> Index {
    let files = build_index(pages, &["vi".into(), "en".into()]);
    Index::load(&files, pages.first().map_or("vi", |p| p.lang)).expect("index loads")
}

fn hrefs(ix: &Index, q: &str) -> Vec<String> {
    ix.search(q, 20).into_iter().map(|h| h.href).collect()
}

const FILLER: &str =
    "Trong năm qua tỉnh đã triển khai nhiều nhiệm vụ quan trọng về kinh tế xã hội.";

#[test]
fn exact_diacritics_rank_above_folded_matches() {
    let a = format!("<p>{FILLER} Hướng dẫn thực hiện.</p>");
    let b = format!("<p>{FILLER} Nhân dân thực hiện.</p>");
    let ix = index(&[page("vi/a.html", "A", &a), page("vi/b.html", "B", &b)]);
    assert_eq!(hrefs(&ix, "dân"), vec!["vi/b.html", "vi/a.html"]);
    assert_eq!(hrefs(&ix, "dẫn"), vec!["vi/a.html", "vi/b.html"]);
    // Without diacritics both forms match.
    assert_eq!(hrefs(&ix, "dan ").len(), 2);
}

#[test]
fn queries_without_diacritics_find_vietnamese_words() {
    let ix = index(&[
        page(
            "vi/a.html",
            "A",
            "<p>Giải quyết khiếu nại, tố cáo của công dân.</p>",
        ),
        page("vi/b.html", "B", "<p>Công tác Đảng và đoàn thể.</p>"),
    ]);
    assert_eq!(hrefs(&ix, "khieu nai"), vec!["vi/a.html"]);
    assert_eq!(hrefs(&ix, "KHIẾU NẠI"), vec!["vi/a.html"]);
    assert_eq!(hrefs(&ix, "dang"), vec!["vi/b.html"]);
    assert_eq!(hrefs(&ix, "doan the"), vec!["vi/b.html"]);
}

#[test]
fn adjacent_syllables_rank_above_scattered_ones() {
    let scattered = format!("<p>Vận động nhân dân. {FILLER} Công tác vận tải.</p>");
    let adjacent = format!("<p>{FILLER} Công tác dân vận được tăng cường.</p>");
    let ix = index(&[
        page("vi/scattered.html", "A", &scattered),
        page("vi/adjacent.html", "B", &adjacent),
    ]);
    assert_eq!(
        hrefs(&ix, "dan van"),
        vec!["vi/adjacent.html", "vi/scattered.html"]
    );
    assert_eq!(hrefs(&ix, "dân vận")[0], "vi/adjacent.html");
}

#[test]
fn old_and_new_tone_placement_find_each_other() {
    let ix = index(&[
        page(
            "vi/a.html",
            "A",
            "<p>Văn hoá và thể thao; uỷ ban nhân dân.</p>",
        ),
        page("vi/b.html", "B", "<p>Khóa học về tỏa sáng.</p>"),
    ]);
    assert_eq!(hrefs(&ix, "văn hóa"), vec!["vi/a.html"]);
    assert_eq!(hrefs(&ix, "ủy ban"), vec!["vi/a.html"]);
    assert_eq!(hrefs(&ix, "khoá"), vec!["vi/b.html"]);
    assert_eq!(hrefs(&ix, "toả"), vec!["vi/b.html"]);
    // The exact form matches at full weight whichever placement was typed.
    let new = ix.search("văn hóa ", 1)[0].score;
    let old = ix.search("văn hoá ", 1)[0].score;
    assert_eq!(new, old);
}

#[test]
fn identifiers_and_numbers_are_searchable_as_typed() {
    let ix = index(&[
        page(
            "vi/a.html",
            "A",
            "<p>Thực hiện Kết luận số 114-KL/TW của Ban Bí thư.</p>",
        ),
        page(
            "vi/b.html",
            "B",
            "<p>Theo Nghị định số 04/2015/NĐ-CP của Chính phủ.</p>",
        ),
        page("vi/c.html", "C", "<p>Tiếp nhận 2.272 hồ sơ trong năm.</p>"),
        page("vi/d.html", "D", "<p>Có 2272 lượt công dân đến.</p>"),
        page("vi/e.html", "E", "<p>Năm 2015 có 114 cuộc họp.</p>"),
    ]);
    assert_eq!(hrefs(&ix, "114-KL/TW")[0], "vi/a.html");
    assert_eq!(hrefs(&ix, "114-kl/tw").len(), 1);
    assert_eq!(hrefs(&ix, "04/2015/NĐ-CP"), vec!["vi/b.html"]);
    assert_eq!(hrefs(&ix, "04/2015/nd-cp"), vec!["vi/b.html"]);
    let mut n = hrefs(&ix, "2272");
    n.sort();
    assert_eq!(n, vec!["vi/c.html", "vi/d.html"]);
    let mut n = hrefs(&ix, "2.272");
    n.sort();
    assert_eq!(n, vec!["vi/c.html", "vi/d.html"]);
    // Parts of identifiers are words too.
    assert!(hrefs(&ix, "NĐ-CP").contains(&"vi/b.html".to_string()));
}

#[test]
fn last_word_matches_as_prefix_while_typing() {
    let ix = index(&[
        page(
            "vi/a.html",
            "A",
            "<p>Cải cách hành chính được đẩy mạnh.</p>",
        ),
        page("vi/b.html", "B", "<p>Khiếu nại kéo dài.</p>"),
    ]);
    assert_eq!(hrefs(&ix, "cải cá"), vec!["vi/a.html"]);
    assert_eq!(hrefs(&ix, "cai cach hanh ch"), vec!["vi/a.html"]);
    assert_eq!(hrefs(&ix, "khie"), vec!["vi/b.html"]);
    // A lone letter after other words waits for more; alone it is a prefix.
    assert_eq!(hrefs(&ix, "khiếu nại k"), vec!["vi/b.html"]);
    assert_eq!(hrefs(&ix, "k"), vec!["vi/b.html"]);
    // A finished word (followed by a space) is not a prefix.
    assert!(hrefs(&ix, "khie ").is_empty());
}

#[test]
fn titles_and_headings_rank_above_body_text() {
    let ix = index(&[
        page(
            "vi/body.html",
            "Tổng quan",
            &format!("<p>{FILLER} Công tác PAPI.</p>"),
        ),
        page("vi/title.html", "Chỉ số PAPI", &format!("<p>{FILLER}</p>")),
        page(
            "vi/heading.html",
            "Kết quả",
            &format!("<p>{FILLER}</p><h2 id=\"chi-so-papi\">Chỉ số PAPI</h2><p>{FILLER}</p>"),
        ),
    ]);
    let r = hrefs(&ix, "papi");
    assert_eq!(r[2], "vi/body.html", "{r:?}");
    assert!(
        r.contains(&"vi/heading.html#chi-so-papi".to_string()),
        "{r:?}"
    );
}

#[test]
fn sections_link_to_their_heading_anchor() {
    let ix = index(&[page(
        "vi/2-ket-qua/2-4.html",
        "Kết quả",
        "<p>Mở đầu.</p><h2 id=\"khieu-nai\">Khiếu nại</h2><p>Giải quyết đơn thư.</p>\
         <section class=\"footnotes\"><ol><li id=\"fn-1\">Theo báo cáo thanh tra.</li></ol></section>",
    )]);
    assert_eq!(
        hrefs(&ix, "don thu"),
        vec!["vi/2-ket-qua/2-4.html#khieu-nai"]
    );
    assert_eq!(
        hrefs(&ix, "thanh tra"),
        vec!["vi/2-ket-qua/2-4.html#khieu-nai"]
    );
    assert_eq!(hrefs(&ix, "mo dau"), vec!["vi/2-ket-qua/2-4.html"]);
}

#[test]
fn english_is_case_insensitive_with_light_stemming() {
    let pages = [
        SearchPage {
            lang: "en",
            url: "en/a.html",
            title: "Complaints",
            breadcrumb: vec![],
            html: "<p>Handling of Policies and complaints.</p>",
            weight: 1.0,
        },
        SearchPage {
            lang: "en",
            url: "en/b.html",
            title: "Other",
            breadcrumb: vec![],
            html: "<p>A policy on reports.</p>",
            weight: 1.0,
        },
    ];
    let ix = index(&pages);
    let mut r = hrefs(&ix, "POLICY");
    r.sort();
    assert_eq!(r, vec!["en/a.html", "en/b.html"]);
    assert_eq!(hrefs(&ix, "complaint"), vec!["en/a.html"]);
    assert_eq!(hrefs(&ix, "compl"), vec!["en/a.html"]);
    assert_eq!(hrefs(&ix, "report "), vec!["en/b.html"]);
}

#[test]
fn query_parsing_groups_compounds() {
    let g = parse("04/2015/NĐ-CP dân vi", false);
    assert_eq!(g.len(), 3);
    assert_eq!(g[0].compound.as_ref().unwrap().key, "04/2015/nd-cp");
    assert_eq!(g[0].words.len(), 4);
    assert!(g[1].words[0].marks && !g[1].words[0].prefix);
    assert!(g[2].words[0].prefix);
    assert_eq!(parse("04/2015/NĐ-CP dân v", false).len(), 2);
}

#[test]
fn output_is_deterministic_and_sharded() {
    let htmls: Vec<String> = (0..400)
        .map(|i| {
            format!(
                "<h2 id=\"s{i}\">Mục {i}</h2><p>từ{i} chung riêng{} {FILLER}</p>",
                i * 7
            )
        })
        .collect();
    let urls: Vec<String> = (0..400).map(|i| format!("vi/p{i}.html")).collect();
    let pages: Vec<SearchPage> = (0..400)
        .map(|i| page(&urls[i], "Trang", &htmls[i]))
        .collect();
    let a = build_index(&pages, &["vi".into()]);
    let b = build_index(&pages, &["vi".into()]);
    assert_eq!(a, b);
    let term_shards = a
        .iter()
        .filter(|(p, _)| p.starts_with("search/vi/t/"))
        .count();
    assert!(term_shards > 1, "{term_shards} term shards");
    let ix = Index::load(&a, "vi").unwrap();
    for i in [0, 57, 199, 399] {
        assert_eq!(
            hrefs(&ix, &format!("từ{i} ")),
            vec![format!("vi/p{i}.html#s{i}")]
        );
    }
    assert_eq!(hrefs(&ix, "chung").len(), 20);
}

#[test]
fn empty_and_odd_input_is_harmless() {
    let files = build_index(&[], &["vi".into()]);
    assert_eq!(files.len(), 1);
    let ix = Index::load(&files, "vi").unwrap();
    assert!(ix.search("dân", 10).is_empty());
    let ix = index(&[page("vi/a.html", "", "<<<>>>&&&;<h2 id=\"\"></h2>")]);
    assert!(ix.search("", 10).is_empty());
    assert!(ix.search("   ", 10).is_empty());
    assert!(ix.search("…", 10).is_empty());
}

#[test]
fn separators_round_trip_through_front_coding() {
    use super::index::{front_code, front_decode};
    let seps: Vec<String> = [
        "",
        "b",
        "ba",
        "bao cao",
        "bao d",
        "c",
        "đường",
        "đườz",
        "𝒳a",
        "𝒳b",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let coded = front_code(&seps);
    assert!(coded.len() < seps.iter().map(|s| s.len() + 3).sum::<usize>());
    assert_eq!(front_decode(&coded, seps.len()), seps);
    assert!(front_decode("", 0).is_empty());
}

#[test]
fn a_page_search_weight_lowers_or_raises_its_rank() {
    let text = "<p>Cải cách hành chính, cải cách thủ tục hành chính.</p>";
    let score = |ix: &Index, href: &str| {
        ix.search("cải cách hành chính", 20)
            .into_iter()
            .find(|h| h.href == href)
            .map(|h| h.score)
            .expect("found")
    };
    let mut glossary = page("vi/thuat-ngu.html", "Mục", text);
    let chapter = page("vi/2-5.html", "Mục", text);
    let ix = index(&[glossary.clone(), chapter.clone()]);
    assert_eq!(score(&ix, "vi/thuat-ngu.html"), score(&ix, "vi/2-5.html"));
    // A reference page that weighs less comes after the chapter with the same text.
    glossary.weight = 0.5;
    let ix = index(&[glossary.clone(), chapter.clone()]);
    assert!(score(&ix, "vi/thuat-ngu.html") < score(&ix, "vi/2-5.html"));
    assert_eq!(
        hrefs(&ix, "cải cách hành chính"),
        vec!["vi/2-5.html", "vi/thuat-ngu.html"]
    );
    // A page that weighs more comes first.
    glossary.weight = 1.0;
    let heavier = SearchPage {
        weight: 2.0,
        ..chapter
    };
    let ix = index(&[glossary, heavier]);
    assert!(score(&ix, "vi/thuat-ngu.html") < score(&ix, "vi/2-5.html"));
}
