//! Plain TOML values: strings, texts given once per language, integers, and the names of
//! value types for messages.

use std::collections::BTreeMap;

use toml::de::DeValue;

use super::{Cx, SV};
use crate::data::model::Text;

/// The name of a value's TOML type, for messages ("found a string").
pub(super) fn type_name(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl Cx<'_> {
    /// A string value; anything else is an error naming `what`.
    pub(super) fn string<'v>(&mut self, v: &'v SV, what: &str) -> Option<&'v str> {
        match v.get_ref() {
            DeValue::String(s) => Some(s),
            other => {
                self.error(
                    v.span(),
                    format!("{what} must be a string, found {}", type_name(other)),
                    "put the value in double quotes",
                );
                None
            }
        }
    }

    /// A text per language: `{ vi = "...", en = "..." }`.
    pub(super) fn text(&mut self, v: &SV, what: &str) -> Option<Text> {
        let example = self
            .langs
            .iter()
            .map(|l| format!("{l} = \"...\""))
            .collect::<Vec<_>>()
            .join(", ");
        let DeValue::Table(t) = v.get_ref() else {
            self.error(
                v.span(),
                format!(
                    "{what} must give one text per language, found {}",
                    type_name(v.get_ref())
                ),
                format!("write it as {{ {example} }}"),
            );
            return None;
        };
        let mut out = BTreeMap::new();
        let mut ok = true;
        for (k, val) in t.iter() {
            let lang = k.get_ref().as_ref();
            if !self.langs.iter().any(|l| l == lang) {
                self.error(
                    k.span(),
                    format!("unknown language `{lang}` in {what}"),
                    format!("the site's languages are: {}", self.langs.join(", ")),
                );
                ok = false;
                continue;
            }
            match self.text_string(val, lang, what) {
                Some(s) => {
                    out.insert(lang.to_string(), s.to_string());
                }
                None => ok = false,
            }
        }
        ok &= self.all_languages_given(v, t, what, &example);
        ok.then_some(Text(out))
    }

    /// The string of one language in a text.
    fn text_string<'v>(&mut self, val: &'v SV, lang: &str, what: &str) -> Option<&'v str> {
        match val.get_ref() {
            DeValue::String(s) => Some(s),
            other => {
                self.error(
                    val.span(),
                    format!(
                        "the `{lang}` text of {what} must be a string, found {}",
                        type_name(other)
                    ),
                    "put the text in double quotes",
                );
                None
            }
        }
    }

    /// Whether the text table `t` (the value `v`) has every site language; an error for each
    /// one missing.
    fn all_languages_given(
        &mut self,
        v: &SV,
        t: &toml::de::DeTable,
        what: &str,
        example: &str,
    ) -> bool {
        let mut ok = true;
        for l in self.langs {
            if !t.contains_key(l.as_str()) {
                self.error(
                    v.span(),
                    format!("{what} has no `{l}` text"),
                    format!(
                        "add `{l} = \"...\"`: every text needs one string per language ({example})"
                    ),
                );
                ok = false;
            }
        }
        ok
    }

    /// The integer written as `digits` in base `radix`; an error when it does not fit.
    pub(super) fn integer(&mut self, v: &SV, digits: &str, radix: u32) -> Option<i64> {
        match i64::from_str_radix(digits, radix) {
            Ok(n) => Some(n),
            Err(_) => {
                self.error(v.span(), "integer out of range", "use a smaller number");
                None
            }
        }
    }
}
