//! Task lists (`- [ ] to do`, `- [x] done`): the item is `<li class="task">` (the theme
//! shows it without a bullet) and its box a disabled checkbox labelled in the page's
//! language ("Đã xong" / "Chưa xong"), so that a screen reader says what the state means.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag};

use super::Renderer;
use crate::text::escape_into;

/// Whether the list item that starts at `events[i]` is a task: its first event, or the
/// first event of its first paragraph (a loose list), is a task marker.
pub(super) fn is_task(events: &[(Event<'_>, Range<usize>)], i: usize) -> bool {
    match events.get(i + 1).map(|e| &e.0) {
        Some(Event::TaskListMarker(_)) => true,
        Some(Event::Start(Tag::Paragraph)) => {
            matches!(events.get(i + 2), Some((Event::TaskListMarker(_), _)))
        }
        _ => false,
    }
}

/// The HTML of a task's box: checked when `done`, labelled `label` (in `lang` when the text
/// around it is in another language).
fn box_html(done: bool, label: &str, lang: Option<&str>) -> String {
    let mut html = String::with_capacity(96 + label.len());
    html.push_str("<input type=\"checkbox\" class=\"task-box\" disabled");
    if done {
        html.push_str(" checked");
    }
    if let Some(lang) = lang {
        html.push_str(" lang=\"");
        escape_into(&mut html, lang);
        html.push('"');
    }
    html.push_str(" aria-label=\"");
    escape_into(&mut html, label);
    html.push_str("\"> ");
    html
}

impl Renderer<'_> {
    /// Opens a list item that is a task.
    pub(super) fn task_item(&mut self) {
        let li = if self.line_ended() {
            "<li class=\"task\">"
        } else {
            "\n<li class=\"task\">"
        };
        self.emit(Event::Html(CowStr::Borrowed(li)));
    }

    /// Writes the box of a task, checked when `done`.
    pub(super) fn task_box(&mut self, done: bool) {
        let key = if done {
            "markdown.task_done"
        } else {
            "markdown.task_open"
        };
        let lang = self.ui_lang();
        let html = box_html(done, self.ctx.strings.t(key), lang);
        self.emit(Event::InlineHtml(CowStr::from(html)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_are_disabled_and_labelled() {
        assert_eq!(
            box_html(true, "Done", None),
            "<input type=\"checkbox\" class=\"task-box\" disabled checked aria-label=\"Done\"> "
        );
        assert_eq!(
            box_html(false, "\"x\"", Some("en")),
            "<input type=\"checkbox\" class=\"task-box\" disabled lang=\"en\" aria-label=\"&quot;x&quot;\"> "
        );
    }
}
