//! Language of parts in the published report: Vietnamese names and terms inside English
//! pages are marked `lang="vi"`, English words around them are not, and Vietnamese pages
//! (already `lang="vi"` as a whole) get no such spans.

use crate::common::report;

#[test]
fn vietnamese_phrases_in_english_pages_are_marked() {
    let built = report::built();
    let page = |p: &str| String::from_utf8(built.output.get(p).expect(p).to_vec()).unwrap();
    let cover = page("en/index.html");
    for phrase in ["Tỉnh ủy Cao Bằng", "Ban Thường vụ", "Báo cáo số"] {
        assert!(
            cover.contains(&format!("<span lang=\"vi\">{phrase}</span>")),
            "{phrase} in the English cover"
        );
    }
    assert!(!cover.contains("<span lang=\"vi\">Provincial"));
    let glossary = page("en/thuat-ngu.html");
    assert!(glossary.contains("<td><span lang=\"vi\">Bộ Chính trị</span></td>"));
    assert!(glossary.contains("<td>Politburo</td>"));
    for p in ["vi/index.html", "vi/thuat-ngu.html"] {
        assert!(!page(p).contains("<span lang=\"vi\">"), "{p}");
    }
}
