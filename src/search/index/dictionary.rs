//! The dictionary: every key (with its word forms) and every pair of keys, sorted in
//! JavaScript string order, the order of the term shards.

use rayon::prelude::*;

use super::order::{order_prefix, utf16_cmp};

/// An entry of the dictionary.
#[derive(Clone, Copy)]
pub(super) enum Item {
    /// The key with this id, with all its word forms.
    Word(u32),
    /// The pair of keys with this id.
    Pair(u32),
}

/// A dictionary entry: (its key, what it is, the key's [`order_prefix`]).
pub(super) type Entry<'a> = (&'a str, Item, u64);

/// The forms of every key: those of key `k` are `key_forms[form_start[k]..form_start[k + 1]]`
/// (one list for all keys, not a vector each).
pub(super) struct KeyForms {
    form_start: Vec<u32>,
    key_forms: Vec<u32>,
}

impl KeyForms {
    /// Groups the word forms (exact form, key id) by key.
    pub(super) fn new(forms: &[(String, u32)], keys: usize) -> KeyForms {
        let mut form_start = vec![0u32; keys + 1];
        for (_, k) in forms {
            form_start[*k as usize + 1] += 1;
        }
        for k in 0..keys {
            form_start[k + 1] += form_start[k];
        }
        let mut key_forms = vec![0u32; forms.len()];
        let mut next = form_start.clone();
        for (f, (_, k)) in forms.iter().enumerate() {
            key_forms[next[*k as usize] as usize] = f as u32;
            next[*k as usize] += 1;
        }
        KeyForms {
            form_start,
            key_forms,
        }
    }

    /// The form ids of key `k`.
    #[inline]
    pub(super) fn of(&self, k: u32) -> &[u32] {
        let start = &self.form_start;
        &self.key_forms[start[k as usize] as usize..start[k as usize + 1] as usize]
    }
}

/// The keys of the pairs ("a b"), one after the other in one string.
pub(super) struct PairKeys {
    text: String,
    ends: Vec<u32>,
}

impl PairKeys {
    /// The keys of `pairs` (first key id << 32 | second key id), in pair id order.
    pub(super) fn new(pairs: &[u64], keys: &[String]) -> PairKeys {
        let mut text = String::new();
        let mut ends: Vec<u32> = Vec::with_capacity(pairs.len());
        for &p in pairs {
            text.push_str(&keys[(p >> 32) as usize]);
            text.push(' ');
            text.push_str(&keys[(p & 0xffff_ffff) as usize]);
            ends.push(text.len() as u32);
        }
        PairKeys { text, ends }
    }
}

/// Every key and pair as an entry, sorted in JavaScript string order.
pub(super) fn sorted<'a>(keys: &'a [String], pairs: &'a PairKeys) -> Vec<Entry<'a>> {
    let mut items: Vec<Entry> = Vec::with_capacity(keys.len() + pairs.ends.len());
    items.extend(
        keys.iter()
            .enumerate()
            .map(|(k, s)| (s.as_str(), Item::Word(k as u32), order_prefix(s))),
    );
    let mut start = 0;
    items.extend(pairs.ends.iter().enumerate().map(|(i, &end)| {
        let s = &pairs.text[start..end as usize];
        start = end as usize;
        (s, Item::Pair(i as u32), order_prefix(s))
    }));
    // Sorted by the keys' first eight bytes as one number first (most keys differ there),
    // by the whole keys only when those are the same.
    items.par_sort_unstable_by(|a, b| a.2.cmp(&b.2).then_with(|| utf16_cmp(a.0, b.0)));
    items
}
