//! MathML that HTML checkers accept.
//!
//! MathML Core lets every element carry `displaystyle` and `scriptlevel`, and math-core
//! writes them where they apply (`<mfrac displaystyle="false">` for `\tfrac`,
//! `<mtable scriptlevel="0">` for a matrix). The HTML checker (the Nu validator) knows the
//! MathML 3 schema, where they belong to `<mstyle>` (and `displaystyle` to `<mtable>` too),
//! and reports every page with a fraction or a matrix as invalid. Here they move to an
//! `<mstyle>` around the element, which browsers render the same way: the values are
//! inherited by the element, and no browser style sets them on the element itself.

use std::borrow::Cow;

/// The attributes moved out of an element.
const MOVED: [&str; 2] = ["displaystyle", "scriptlevel"];

/// `mathml` with `displaystyle` and `scriptlevel` moved to an `<mstyle>` around each element
/// that the MathML 3 schema does not give them to. `mathml` is math-core's output: tags
/// with double-quoted attributes, `<` and `>` escaped in text and values.
pub(super) fn for_checkers(mathml: &str) -> Cow<'_, str> {
    if !MOVED.iter().any(|a| mathml.contains(a)) {
        return Cow::Borrowed(mathml);
    }
    let mut out = String::with_capacity(mathml.len() + 64);
    // Per open element: whether it was wrapped.
    let mut open: Vec<bool> = Vec::new();
    let mut rest = mathml;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else {
            break;
        };
        let tag = &rest[lt..lt + gt + 1];
        rest = &rest[lt + gt + 1..];
        if tag.starts_with("</") {
            out.push_str(tag);
            if open.pop() == Some(true) {
                out.push_str("</mstyle>");
            }
            continue;
        }
        let wrapped = write_start(&mut out, tag);
        if tag.ends_with("/>") {
            if wrapped {
                out.push_str("</mstyle>");
            }
        } else {
            open.push(wrapped);
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Writes start tag `tag` (`<name attr="v"…>` or `…/>`), after an `<mstyle>` holding the
/// attributes it may not carry; returns whether it wrote one.
fn write_start(out: &mut String, tag: &str) -> bool {
    let inner = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
    let name = &inner[..name_end];
    let attrs = attributes(&inner[name_end..]);
    let keeps = |attr: &str| {
        !MOVED.contains(&attr)
            || matches!(name, "mstyle" | "math")
            || (name == "mtable" && attr == "displaystyle")
    };
    if attrs.iter().all(|(a, _)| keeps(a)) {
        out.push_str(tag);
        return false;
    }
    out.push_str("<mstyle");
    for (a, v) in attrs.iter().filter(|(a, _)| !keeps(a)) {
        push_attr(out, a, v);
    }
    out.push_str("><");
    out.push_str(name);
    for (a, v) in attrs.iter().filter(|(a, _)| keeps(a)) {
        push_attr(out, a, v);
    }
    out.push_str(if tag.ends_with("/>") { "/>" } else { ">" });
    true
}

/// Appends ` name="value"` (the value as it was written, escaped already).
fn push_attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    out.push_str(value);
    out.push('"');
}

/// The `name="value"` pairs of `s`, in order.
fn attributes(s: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = s.trim_start();
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].trim();
        let after = &rest[eq + 2..];
        let Some(close) = after.find('"') else {
            break;
        };
        out.push((name, &after[..close]));
        rest = after[close + 1..].trim_start();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_attributes_move_to_an_mstyle() {
        let m = "<math><mfrac displaystyle=\"false\"><mn>1</mn><mfrac displaystyle=\"true\"><mi>a</mi><mi>b</mi></mfrac></mfrac></math>";
        assert_eq!(
            for_checkers(m),
            "<math><mstyle displaystyle=\"false\"><mfrac><mn>1</mn><mstyle displaystyle=\"true\"><mfrac><mi>a</mi><mi>b</mi></mfrac></mstyle></mfrac></mstyle></math>"
        );
        let m = "<math display=\"block\"><mtable displaystyle=\"true\" scriptlevel=\"0\" style=\"width: 100%\"><mtr><mtd><mspace width=\"1em\"/></mtd></mtr></mtable></math>";
        assert_eq!(
            for_checkers(m),
            "<math display=\"block\"><mstyle scriptlevel=\"0\"><mtable displaystyle=\"true\" style=\"width: 100%\"><mtr><mtd><mspace width=\"1em\"/></mtd></mtr></mtable></mstyle></math>"
        );
        let m = "<math><mrow scriptlevel=\"1\"/><mstyle displaystyle=\"true\"><mi>x</mi></mstyle></math>";
        assert_eq!(
            for_checkers(m),
            "<math><mstyle scriptlevel=\"1\"><mrow/></mstyle><mstyle displaystyle=\"true\"><mi>x</mi></mstyle></math>"
        );
    }

    #[test]
    fn mathml_without_them_is_borrowed() {
        let m = "<math><mi>x</mi><mo>&lt;</mo><mn>1</mn></math>";
        assert!(matches!(for_checkers(m), Cow::Borrowed(_)));
    }
}
