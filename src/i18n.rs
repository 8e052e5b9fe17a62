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

    /// The merged strings as the templates' `i18n` value. Its tables are looked up by hash:
    /// a page reads dozens of strings (`i18n.ui.next`), and a serialized table is a sorted
    /// map searched by comparing keys. Iterated, a table gives its keys in sorted order.
    pub fn template_value(&self) -> minijinja::Value {
        table_value(self.merged())
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

/// A TOML table as a template value (see [`UiStrings::template_value`]).
fn table_value(table: toml::Table) -> minijinja::Value {
    let keys: Vec<String> = table.keys().cloned().collect();
    let values = table
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                toml::Value::Table(t) => table_value(t),
                other => minijinja::Value::from_serialize(&other),
            };
            (k, v)
        })
        .collect();
    minijinja::Value::from_object(TemplateTable { keys, values })
}

/// A table of UI strings seen by templates: values by key, keys in sorted order.
#[derive(Debug)]
struct TemplateTable {
    keys: Vec<String>,
    values: rustc_hash::FxHashMap<String, minijinja::Value>,
}

impl minijinja::value::Object for TemplateTable {
    fn get_value(self: &std::sync::Arc<Self>, key: &minijinja::Value) -> Option<minijinja::Value> {
        self.values.get(key.as_str()?).cloned()
    }

    fn enumerate(self: &std::sync::Arc<Self>) -> minijinja::value::Enumerator {
        minijinja::value::Enumerator::Values(
            self.keys
                .iter()
                .map(|k| minijinja::Value::from(k.as_str()))
                .collect(),
        )
    }

    fn enumerator_len(self: &std::sync::Arc<Self>) -> Option<usize> {
        Some(self.keys.len())
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

    #[test]
    fn templates_read_merged_strings() {
        let vi: toml::Table = toml::from_str("[ui]\nnext = \"Tiếp\"\nn = 3").unwrap();
        let en: toml::Table =
            toml::from_str("[ui]\nnext = \"Next\"\nprev = \"Previous\"\n[search]\nx = \"X\"")
                .unwrap();
        let s = UiStrings::new(vi, vec![en]);
        let env = minijinja::Environment::new();
        let render = |t: &str| {
            env.render_str(t, minijinja::context! { i18n => s.template_value() })
                .unwrap()
        };
        assert_eq!(
            render("{{ i18n.ui.next }} {{ i18n.ui.prev }} {{ i18n.search.x }} {{ i18n.ui.n + 1 }}"),
            "Tiếp Previous X 4"
        );
        assert_eq!(
            render("[{{ i18n.ui.none }}]{% if i18n.none is undefined %}undefined{% endif %}"),
            "[]undefined"
        );
        assert_eq!(
            render("{% for k, v in i18n.ui|items %}{{ k }}={{ v }};{% endfor %}{{ i18n|length }}"),
            "n=3;next=Tiếp;prev=Previous;2"
        );
        // The same as the serialized table.
        let t = "{% for g, t in i18n|items %}{{ g }}:{% for k, v in t|items %}{{ k }}={{ v }},{% endfor %};{% endfor %}";
        let direct = env
            .render_str(
                t,
                minijinja::context! { i18n => minijinja::Value::from_serialize(s.merged()) },
            )
            .unwrap();
        assert_eq!(render(t), direct);
    }
}
