//! The merge of the runs' words: every run's local raw tokens become the language's word
//! forms and keys (folded, English stemmed), and pairs of adjacent raw tokens pairs of keys.

use super::count::{pack16, Counted};
use super::HashMap;
use crate::search::{fold, tokenize};

/// The language's words, as the merge of the runs made them.
pub(super) struct Words {
    /// Word forms, by form id: (exact form, `""` when it is the key; key id).
    pub(super) forms: Vec<(String, u32)>,
    /// Keys, by key id.
    pub(super) keys: Vec<String>,
    /// Per run: its local raw token ids to (form id, key id).
    pub(super) rmaps: Vec<Vec<(u32, u32)>>,
    /// Distinct raw tokens of the language (for the timings).
    pub(super) raw_words: usize,
}

/// Interns the raw tokens of every run, in run order (ids are numbered in order of
/// appearance, so the output does not depend on how the runs were scheduled).
pub(super) fn merge(counted: &[Counted], stem: bool) -> Words {
    let mut vocab = Vocab {
        stem,
        short: HashMap::default(),
        long: HashMap::default(),
        form_ids: HashMap::default(),
        forms: Vec::new(),
        key_ids: HashMap::default(),
        keys: Vec::new(),
    };
    let rmaps: Vec<Vec<(u32, u32)>> = counted
        .iter()
        .map(|c| {
            c.raw_tokens()
                .map(|(t, compound)| vocab.intern(t, compound))
                .collect()
        })
        .collect();
    Words {
        raw_words: vocab.short.len() + vocab.long.len(),
        forms: vocab.forms,
        keys: vocab.keys,
        rmaps,
    }
}

/// Interned words: raw token text → (word form id, key id).
struct Vocab<'a> {
    stem: bool,
    short: HashMap<u128, (u32, u32)>,
    long: HashMap<&'a str, (u32, u32)>,
    form_ids: HashMap<(u32, String), u32>,
    /// Word forms: (exact form, key id).
    forms: Vec<(String, u32)>,
    key_ids: HashMap<String, u32>,
    keys: Vec<String>,
}

/// Interned pairs of adjacent key ids (first << 32 | second), numbered in order of appearance.
#[derive(Default)]
pub(super) struct PairVocab {
    pair_ids: HashMap<u64, u32>,
    /// The pairs, by pair id.
    pub(super) pairs: Vec<u64>,
}

impl PairVocab {
    /// The id of the pair of keys `a`, `b`.
    pub(super) fn pair(&mut self, a: u32, b: u32) -> u32 {
        let pair = ((a as u64) << 32) | b as u64;
        let next = self.pairs.len() as u32;
        let pid = *self.pair_ids.entry(pair).or_insert(next);
        if pid == next {
            self.pairs.push(pair);
        }
        pid
    }
}

impl<'a> Vocab<'a> {
    /// The (form id, key id) of the raw token `raw`.
    #[inline]
    fn intern(&mut self, raw: &'a str, compound: bool) -> (u32, u32) {
        let packed = pack16(raw);
        let found = match packed {
            Some(p) => self.short.get(&p),
            None => self.long.get(raw),
        };
        if let Some(&ids) = found {
            return ids;
        }
        let ids = self.intern_new(raw, compound);
        match packed {
            Some(p) => self.short.insert(p, ids),
            None => self.long.insert(raw, ids),
        };
        ids
    }

    /// [`Vocab::intern`] for a raw token not seen before.
    #[cold]
    fn intern_new(&mut self, raw: &str, compound: bool) -> (u32, u32) {
        let exact = fold::exact(raw);
        let mut key = tokenize::key_of(&exact, compound);
        if self.stem && !compound {
            key = fold::stem_en(&key);
        }
        // English keeps one form per key; Vietnamese keeps each exact form apart.
        let form = if self.stem || exact == key {
            String::new()
        } else {
            exact
        };
        let kid = match self.key_ids.get(&key) {
            Some(&k) => k,
            None => {
                let k = self.keys.len() as u32;
                self.keys.push(key.clone());
                self.key_ids.insert(key, k);
                k
            }
        };
        let form_key = (kid, form);
        let fid = match self.form_ids.get(&form_key) {
            Some(&f) => f,
            None => {
                let f = self.forms.len() as u32;
                self.forms.push((form_key.1.clone(), kid));
                self.form_ids.insert(form_key, f);
                f
            }
        };
        (fid, kid)
    }
}
