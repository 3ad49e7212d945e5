//! One dialog box for every dialog: a title, a body that wraps, and the dialog's keys on a line of
//! their own that is always inside the box. The box grows with the wrapped text; when the screen is
//! too short for the body, the body scrolls and the bottom border says how much is hidden, but the
//! key line never leaves the box, so something on screen always says how to answer.

use super::super::keys::Hint;
use super::super::theme::Theme;
use super::widgets::{centered, hint_line};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Wrap};

pub struct Dialog<'a> {
    pub title: String,
    pub body: Vec<Line<'a>>,
    /// The keys that answer the dialog, shown on the last line inside the box.
    pub keys: Vec<Hint>,
    /// Preferred width; narrower screens get the whole width.
    pub width: u16,
    /// Rows of wrapped body scrolled off the top (clamped to what can scroll).
    pub scroll: u16,
    /// A body line that must stay visible (a cursor): the scroll follows it.
    pub focus: Option<usize>,
    /// The body scrolls with ↑/↓: the key line says so whenever something is hidden.
    pub scrollable: bool,
}

/// Where the pieces of a dialog go in `area`, and how far its body can scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DialogLayout {
    pub rect: Rect,
    pub body: Rect,
    pub keys: Rect,
    pub scroll: u16,
    /// Wrapped body rows hidden below the visible ones.
    pub below: u16,
    pub above: u16,
}

/// Borders left and right plus one cell of padding each side.
const SIDE: u16 = 4;

impl<'a> Dialog<'a> {
    pub fn new(title: impl Into<String>, body: Vec<Line<'a>>, keys: Vec<Hint>) -> Dialog<'a> {
        Dialog {
            title: title.into(),
            body,
            keys,
            width: 60,
            scroll: 0,
            focus: None,
            scrollable: false,
        }
    }

    /// The body scrolls by keys (help); `scroll` is how far it is scrolled.
    pub fn scrolled(mut self, scroll: u16) -> Self {
        self.scroll = scroll;
        self.scrollable = true;
        self
    }

    /// The key line: the dialog's keys, after "↑/↓ scroll" when it scrolls and something is hidden.
    fn key_hints(&self, hidden: bool) -> Vec<Hint> {
        let mut keys = Vec::new();
        if self.scrollable && hidden {
            keys.push(key("↑/↓", "scroll"));
        }
        keys.extend(self.keys.iter().copied());
        keys
    }

    pub fn width(mut self, width: u16) -> Self {
        self.width = width;
        self
    }

    pub fn focus(mut self, line: usize) -> Self {
        self.focus = Some(line);
        self
    }

    fn body_paragraph(&self) -> Paragraph<'a> {
        Paragraph::new(self.body.clone()).wrap(Wrap { trim: false })
    }

    /// Wrapped rows of body lines `0..n` at `width`: where a body line starts once wrapped.
    fn rows_before(&self, n: usize, width: u16) -> usize {
        Paragraph::new(self.body[..n.min(self.body.len())].to_vec())
            .wrap(Wrap { trim: false })
            .line_count(width)
    }

    pub fn layout(&self, area: Rect, theme: &Theme) -> DialogLayout {
        let w = self.width.min(area.width).max(SIDE + 8);
        let inner_w = w.saturating_sub(SIDE);
        let body_rows = self.body_paragraph().line_count(inner_w) as u16;
        // Room for the scroll hint is kept whether or not it shows, so the box does not jump.
        let key_rows = Paragraph::new(hint_line(theme, &self.key_hints(true)))
            .wrap(Wrap { trim: true })
            .line_count(inner_w)
            .max(1) as u16;
        // Borders, the key line and a blank line above it; a blank row top and bottom when it fits.
        let fixed = 2 + key_rows + 1;
        let roomy = fixed + 2 + body_rows <= area.height;
        let pad = if roomy { 1 } else { 0 };
        let body_room = area.height.saturating_sub(fixed + 2 * pad).max(1);
        let shown = body_rows.min(body_room).max(1);
        let h = fixed + 2 * pad + shown;
        let rect = centered(area, w, h);
        let max_scroll = body_rows.saturating_sub(shown);
        let mut scroll = self.scroll.min(max_scroll);
        if let Some(f) = self.focus {
            let start = self.rows_before(f, inner_w) as u16;
            let end = self.rows_before(f + 1, inner_w) as u16;
            if start < scroll {
                scroll = start;
            } else if end > scroll + shown {
                scroll = (end - shown).min(max_scroll);
            }
        }
        let x = rect.x + 2;
        let body = Rect::new(x, rect.y + 1 + pad, inner_w, shown);
        let keys = Rect::new(
            x,
            (rect.y + rect.height).saturating_sub(1 + pad + key_rows),
            inner_w,
            key_rows,
        );
        DialogLayout {
            rect,
            body,
            keys,
            scroll,
            below: max_scroll - scroll,
            above: scroll,
        }
    }

    pub fn draw(&self, theme: &Theme, frame: &mut Frame, area: Rect) {
        let l = self.layout(area, theme);
        frame.render_widget(Clear, l.rect);
        let mut block = Block::bordered()
            .border_style(theme.border)
            .title(Span::styled(format!(" {} ", self.title), theme.title))
            .padding(Padding::ZERO);
        if l.above > 0 {
            block = block.title_top(
                Line::styled(format!(" ↑ {} more ", l.above), theme.dim).right_aligned(),
            );
        }
        if l.below > 0 {
            block = block.title_bottom(
                Line::styled(format!(" ↓ {} more ", l.below), theme.dim).right_aligned(),
            );
        }
        frame.render_widget(block, l.rect);
        frame.render_widget(self.body_paragraph().scroll((l.scroll, 0)), l.body);
        let hidden = l.above > 0 || l.below > 0;
        frame.render_widget(
            Paragraph::new(hint_line(theme, &self.key_hints(hidden))).wrap(Wrap { trim: true }),
            l.keys,
        );
    }
}

/// A dialog key: `key` then what it does.
pub const fn key(keys: &'static str, label: &'static str) -> Hint {
    Hint {
        keys,
        label,
        priority: 0,
    }
}
