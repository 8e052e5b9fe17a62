//! Searching the published report finds what a reader looks for: the chapter about a topic
//! comes before the glossary that merely lists the topic's terms (the glossary pages carry
//! `search_weight = 0.5`), with or without diacritics, in both languages.

use songngu::search::query::Index;

use crate::common::report;

fn indexes() -> (Index, Index) {
    let built = report::built();
    let load = |lang: &str| {
        let files: Vec<(String, Vec<u8>)> = built
            .output
            .iter()
            .filter(|(p, _)| p.starts_with(&format!("search/{lang}/")))
            .map(|(p, b)| (p.to_string(), b.to_vec()))
            .collect();
        Index::load(&files, lang).expect("the index loads")
    };
    (load("vi"), load("en"))
}

fn top(ix: &Index, q: &str, n: usize) -> Vec<String> {
    ix.search(q, n).into_iter().map(|h| h.href).collect()
}

#[test]
fn chapters_rank_above_the_glossary() {
    let (vi, en) = indexes();
    for q in ["cải cách hành chính", "cai cach hanh chinh"] {
        let hits = top(&vi, q, 5);
        assert!(
            hits[0].starts_with("vi/2-ket-qua/2-co-quan-nha-nuoc/2-5-cai-cach-hanh-chinh.html"),
            "{q}: {hits:?}"
        );
    }
    for q in ["khiếu nại", "khieu nai", "dân vận", "dan van"] {
        let hits = top(&vi, q, 5);
        assert!(!hits[0].contains("thuat-ngu"), "{q}: {hits:?}");
    }
    let hits = top(&vi, "khieu nai", 5);
    assert!(
        hits.iter().any(|h| h.contains("2-4-tiep-cong-dan")),
        "{hits:?}"
    );
    let hits = top(&en, "administrative reform", 3);
    assert!(
        hits.iter().any(|h| h.contains("2-5-cai-cach-hanh-chinh")),
        "{hits:?}"
    );
    let hits = top(&en, "complaints", 5);
    assert!(!hits[0].contains("thuat-ngu"), "{hits:?}");
    assert!(
        hits.iter().any(|h| h.contains("2-4-tiep-cong-dan")),
        "{hits:?}"
    );
}

#[test]
fn the_glossary_is_still_found_for_its_own_terms() {
    let (vi, en) = indexes();
    let hits = top(&vi, "thuật ngữ", 3);
    assert!(
        hits.iter().any(|h| h.starts_with("vi/thuat-ngu.html")),
        "{hits:?}"
    );
    let hits = top(&en, "glossary", 3);
    assert!(
        hits.iter().any(|h| h.starts_with("en/thuat-ngu.html")),
        "{hits:?}"
    );
    // Words only the glossary has: it comes first, whatever its weight.
    for q in ["ordinance", "British spelling"] {
        let hits = top(&en, q, 3);
        assert!(hits[0].starts_with("en/thuat-ngu.html"), "{q}: {hits:?}");
    }
}
