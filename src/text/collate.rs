//! Collation: the order of names that tie otherwise (siblings of equal `weight`).
//!
//! Names compare letter by letter on their letters without marks and case, as a reader
//! looks a word up in a Vietnamese dictionary: `ă`, `â`, `ê`, `ô`, `ơ`, `ư` and the tone marks
//! count as their base letter, while `đ` is a letter of its own, right after `d` (`da`, `dz`,
//! `đa`). Names equal by that rule (`Abc`, `abc`) keep their byte order, so the order never
//! depends on anything but the names.

/// The key that orders `name` by the rule above (compare keys, then the names' bytes):
/// each character lowercased and without its marks, counted twice its code point so that
/// `đ` fits in between `d` and `e`.
pub(crate) fn collation_key(name: &str) -> Vec<u32> {
    let mut key = Vec::with_capacity(name.len());
    super::unmark::for_each_base(name, |c| match c {
        'đ' | 'Đ' => key.push(u32::from('d') * 2 + 1),
        c => c.to_lowercase().for_each(|l| key.push(u32::from(l) * 2)),
    });
    key
}

/// Compares two names by the rule above, then by their bytes (the tests' reference; the
/// model sorts by cached keys).
#[cfg(test)]
pub(crate) fn compare(a: &str, b: &str) -> std::cmp::Ordering {
    collation_key(a)
        .cmp(&collation_key(b))
        .then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort_by(|a, b| compare(a, b));
        v
    }

    #[test]
    fn case_does_not_count() {
        assert_eq!(sorted(&["Zulma", "abridge"]), ["abridge", "Zulma"]);
        assert_eq!(sorted(&["b", "A", "a", "B"]), ["A", "a", "B", "b"]);
    }

    #[test]
    fn d_bar_is_a_letter_after_d() {
        assert_eq!(sorted(&["đa", "da", "dz"]), ["da", "dz", "đa"]);
        assert_eq!(sorted(&["Đặc điểm", "e", "dz"]), ["dz", "Đặc điểm", "e"]);
    }

    #[test]
    fn marks_count_as_their_base_letter() {
        assert_eq!(
            sorted(&["ơn", "ôm", "ba", "ăn", "an"]),
            ["an", "ăn", "ba", "ôm", "ơn"]
        );
        assert_eq!(sorted(&["Tổng", "tong", "Tong"]), ["Tong", "Tổng", "tong"]);
    }
}
