//! The code book panel: every installed code system (ICD-10-CM built in; ICD-10-PCS and HCPCS
//! Level II once imported), the matches for what is typed, or one code's page.

use super::super::app::{App, BookState, Screen};
use super::super::layout::wrap;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph};

pub fn draw(app: &App, state: &BookState, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    // Never load the book while drawing: in the background mode it may still be loading.
    let Some(b) = crate::codeset::loaded_book() else {
        let block = Block::bordered()
            .border_style(t.accent)
            .title(Span::styled(" Code book ", t.title));
        let line = Line::styled("Loading the code book…", t.dim);
        frame.render_widget(Paragraph::new(line).block(block), area);
        return;
    };
    let sets: Vec<String> = b
        .systems()
        .map(|s| {
            let name = match s.system() {
                crate::codeset::System::Cm => "ICD-10-CM",
                crate::codeset::System::Pcs => "PCS",
                crate::codeset::System::Hcpcs => "HCPCS",
            };
            format!("{name} {}", s.release())
        })
        .collect();
    // The source goes first when the title does not fit, then the releases: never cut mid-word.
    let source = if sets.len() > 1 {
        "CDC/NCHS, CMS"
    } else {
        "CDC/NCHS"
    };
    let room = area.width.saturating_sub(4) as usize;
    let title = [
        format!(" Code book: {} (Source: {source}) ", sets.join(" · ")),
        format!(" Code book: {} ", sets.join(" · ")),
        " Code book ".to_string(),
    ]
    .into_iter()
    .find(|t| t.chars().count() <= room)
    .unwrap_or_default();
    let block = Block::bordered()
        .border_style(t.accent)
        .title(Span::styled(title, t.title))
        .padding(Padding::horizontal(1));
    let width = area.width.saturating_sub(4) as usize;
    if let Some(tb) = &state.tables {
        let height = area.height.saturating_sub(2) as usize;
        let lines = super::tables::lines(app, tb, width, height);
        frame.render_widget(Paragraph::new(lines).block(block), area);
        return;
    }
    let mut lines = vec![Line::from(vec![
        Span::styled("Find: ", t.title),
        Span::styled(format!("{}_", state.query), t.selected),
    ])];
    let mut scroll = 0;
    let page = state
        .page
        .as_ref()
        .and_then(|(s, c)| b.lookup(c, Some(*s)).into_iter().next());
    if let Some(page) = page {
        lines.push(Line::styled("Esc: back to the list", t.dim));
        for l in &page.lines {
            lines.extend(wrap(l, width).into_iter().map(Line::from));
        }
        scroll = state.scroll;
    } else if state.query.trim().is_empty() {
        let mut help = vec![
            "Type a code (E11.6, 0DT, J9035) or words (chf, type 2 diabetes).",
            "↑/↓ choose · Enter open · Ctrl-U clear · Esc back",
        ];
        if b.newest(crate::codeset::System::Pcs).is_some() {
            help.push("Tab: the ICD-10-PCS tables, one axis at a time.");
        }
        // Only an exam has a clock; over a results review there is nothing to run.
        if matches!(app.screen, Screen::Exam(_)) {
            help.push("The exam timer keeps running.");
        }
        for h in help {
            lines.extend(wrap(h, width).into_iter().map(|l| Line::styled(l, t.dim)));
        }
    } else if state.hits.is_empty() {
        lines.push(Line::styled(
            if state.partial {
                "No match in the tabular list yet: the word lists are still loading."
            } else {
                "No match."
            },
            t.dim,
        ));
    } else {
        if state.partial {
            let note = "Tabular list only: the word lists are still loading.";
            lines.push(Line::styled(
                note.chars().take(width).collect::<String>(),
                t.dim,
            ));
        }
        let visible = (area.height.saturating_sub(4) as usize)
            .saturating_sub(usize::from(state.partial))
            .max(1);
        let first = state.cursor.saturating_sub(visible.saturating_sub(1));
        let several = b.systems().count() > 1;
        for (i, h) in state.hits.iter().enumerate().skip(first).take(visible) {
            let mark = if h.billable { " " } else { "+" };
            let sys = if several {
                format!("{:<6}", h.system.id())
            } else {
                String::new()
            };
            let text: String = format!("{sys}{:<8}{mark} {}", h.code, h.title)
                .chars()
                .take(width)
                .collect();
            let style = if i == state.cursor { t.cursor } else { t.text };
            lines.push(Line::styled(text, style));
        }
    }
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}
