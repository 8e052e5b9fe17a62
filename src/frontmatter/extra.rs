//! `extra`: a site's own metadata, any table, in a page's front matter (`[extra]`, or
//! `extra:` in YAML) and in `site.toml`; templates read it as `page.extra` and `site.extra`.
//!
//! Kept as TOML values, whichever syntax it was written in (YAML is read into the same
//! values), so a page means the same in both. Templates see strings, numbers, booleans,
//! lists and tables; a date or a time (`2024-01-02`, `1979-05-27T07:32:00Z`) is its text in
//! TOML's form.

use std::hash::{Hash, Hasher};

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Serialize, Serializer};

/// The `extra` table of a page or of the site.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(transparent)]
pub struct Extra(pub toml::Table);

impl Extra {
    /// Whether the table has no key.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_table(&self.0, s)
    }
}

/// A table as templates see it.
fn serialize_table<S: Serializer>(table: &toml::Table, s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(table.len()))?;
    for (k, v) in table {
        map.serialize_entry(k, &Plain(v))?;
    }
    map.end()
}

/// A TOML value as templates see it: a date or a time as its text.
struct Plain<'a>(&'a toml::Value);

impl Serialize for Plain<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            toml::Value::String(v) => s.serialize_str(v),
            toml::Value::Integer(v) => s.serialize_i64(*v),
            toml::Value::Float(v) => s.serialize_f64(*v),
            toml::Value::Boolean(v) => s.serialize_bool(*v),
            toml::Value::Datetime(v) => s.collect_str(v),
            toml::Value::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Plain(item))?;
                }
                seq.end()
            }
            toml::Value::Table(t) => serialize_table(t, s),
        }
    }
}

impl Hash for Extra {
    fn hash<H: Hasher>(&self, h: &mut H) {
        hash_table(&self.0, h);
    }
}

/// Hashes every key and value of `table`, in order.
fn hash_table<H: Hasher>(table: &toml::Table, h: &mut H) {
    table.len().hash(h);
    for (k, v) in table {
        k.hash(h);
        hash_value(v, h);
    }
}

/// Hashes `v` with its kind, so that `1`, `1.0`, `"1"` and `true` differ.
fn hash_value<H: Hasher>(v: &toml::Value, h: &mut H) {
    match v {
        toml::Value::String(s) => (0u8, s).hash(h),
        toml::Value::Integer(i) => (1u8, i).hash(h),
        toml::Value::Float(f) => (2u8, f.to_bits()).hash(h),
        toml::Value::Boolean(b) => (3u8, b).hash(h),
        toml::Value::Datetime(d) => (4u8, d.to_string()).hash(h),
        toml::Value::Array(items) => {
            (5u8, items.len()).hash(h);
            for item in items {
                hash_value(item, h);
            }
        }
        toml::Value::Table(t) => {
            6u8.hash(h);
            hash_table(t, h);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_text_and_kinds_hash_apart() {
        let extra: Extra = toml::from_str(
            "d = 2024-01-02\nt = 1979-05-27T07:32:00Z\nl = [1, \"a\"]\n[sub]\nx = true\n",
        )
        .unwrap();
        assert_eq!(
            serde_json::to_value(&extra).unwrap(),
            serde_json::json!({"d": "2024-01-02", "l": [1, "a"], "sub": {"x": true}, "t": "1979-05-27T07:32:00Z"})
        );
        let fp = |text: &str| {
            let e: Extra = toml::from_str(text).unwrap();
            let mut h = std::collections::hash_map::DefaultHasher::new();
            e.hash(&mut h);
            h.finish()
        };
        let all = [
            "x = 1",
            "x = 1.0",
            "x = \"1\"",
            "x = true",
            "x = [1]",
            "y = 1",
        ];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(fp(a), fp(b), "{a} / {b}");
            }
        }
    }
}
