//! UI strings per language, read from the theme's `i18n/<lang>.toml`.
//!
//! The files are TOML tables grouped by component (`[ui]`, `[search]`, `[table]`,
//! `[serve]`, ...). Code looks a string up by its dotted key (`"search.no_results"`);
//! templates see the same table as `i18n` (`{{ i18n.search.no_results }}`).
//! A key missing in a language falls back to the source language, then to English,
//! then to the key itself, so a half-translated theme still renders.

use std::collections::BTreeMap;

/// The UI strings of one language, with the fallback languages' strings behind them.
#[derive(Debug, Clone, Default)]
pub struct UiStrings {
    /// The language's own table, then its fallbacks, most specific first.
    layers: Vec<toml::Table>,
}

impl UiStrings {
    /// Strings from `own`, falling back to each table of `fallbacks` in turn.
    pub fn new(own: toml::Table, fallbacks: Vec<toml::Table>) -> Self {
        let mut layers = vec![own];
        layers.extend(fallbacks);
        UiStrings { layers }
    }

    /// The string at dotted `key`, if any layer has it.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.layers.iter().find_map(|t| lookup(t, key))
    }

    /// The string at dotted `key`, or the key itself when no language has it.
    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.get(key).unwrap_or(key)
    }

    /// The string at `key` with each `{name}` replaced by its value from `args`.
    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> String {
        let template = self.t(key);
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        // One pass: a value that holds `{name}` itself is not replaced again.
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let arg = after.find('}').and_then(|close| {
                let name = &after[..close];
                args.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v, close))
            });
            match arg {
                Some((value, close)) => {
                    out.push_str(value);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// All strings merged into one table (own strings win), as templates see them.
    pub fn merged(&self) -> toml::Table {
        let mut out = toml::Table::new();
        for layer in self.layers.iter().rev() {
            merge(&mut out, layer);
        }
        out
    }

    /// The merged strings of one group (such as `"search"`) as a flat map.
    pub fn group(&self, group: &str) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        if let Some(toml::Value::Table(t)) = self.merged().get(group) {
            for (k, v) in t {
                if let toml::Value::String(s) = v {
                    out.insert(k.clone(), s.clone());
                }
            }
        }
        out
    }
}

fn lookup<'a>(table: &'a toml::Table, key: &str) -> Option<&'a str> {
    let mut parts = key.split('.');
    let first = parts.next()?;
    let mut v = table.get(first)?;
    for p in parts {
        v = v.as_table()?.get(p)?;
    }
    v.as_str()
}

fn merge(into: &mut toml::Table, from: &toml::Table) {
    for (k, v) in from {
        match (into.get_mut(k), v) {
            (Some(toml::Value::Table(a)), toml::Value::Table(b)) => merge(a, b),
            _ => {
                into.insert(k.clone(), v.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_key_by_key() {
        let vi: toml::Table = toml::from_str("[ui]\nnext = \"Tiếp\"").unwrap();
        let en: toml::Table = toml::from_str(
            "[ui]\nnext = \"Next\"\nprev = \"Previous\"\n[search]\nn = \"{count} results\"",
        )
        .unwrap();
        let s = UiStrings::new(vi, vec![en]);
        assert_eq!(s.t("ui.next"), "Tiếp");
        assert_eq!(s.t("ui.prev"), "Previous");
        assert_eq!(s.t("ui.none"), "ui.none");
        assert_eq!(s.format("search.n", &[("count", "3")]), "3 results");
        // Unknown names and lone braces are kept; values are not read as templates.
        let t: toml::Table = toml::from_str("[ui]\nx = \"{a} {b} {c {a}} }{ {\"").unwrap();
        let braces = UiStrings::new(t, Vec::new());
        assert_eq!(
            braces.format("ui.x", &[("a", "{b}"), ("b", "B")]),
            "{b} B {c {b}} }{ {"
        );
        assert_eq!(s.group("ui").get("next").map(String::as_str), Some("Tiếp"));
    }
}
