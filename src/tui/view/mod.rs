//! Pure drawing: each function renders a state value into a frame and changes nothing.

mod book;
mod dialog;
pub(crate) mod entry;
mod exam;
mod history;
mod home;
mod overlay;
mod preview;
mod results;
mod review;
mod stats;
mod tables;
mod widgets;

use super::app::{App, Screen};
use super::layout::{MIN_HEIGHT, MIN_WIDTH, too_small};
use ratatui::Frame;
use ratatui::layout::Alignment;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

pub use overlay::help_max_scroll;
pub use widgets::clock;

pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if too_small(area) {
        let running = matches!(app.screen, Screen::Exam(_));
        let mut lines = vec![
            Line::from(format!(
                "Terminal too small: {}×{}",
                area.width, area.height
            )),
            Line::from(format!("proctor needs at least {MIN_WIDTH}×{MIN_HEIGHT}.")),
        ];
        if running {
            lines.push(Line::from("The exam timer is still running."));
            if let Some(left) = app.exam().and_then(|e| e.attempt.remaining()) {
                lines.push(Line::from(format!("Time left: {}", clock(left))));
            }
        }
        frame.render_widget(
            Paragraph::new(lines)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    match (&app.screen, &app.preview) {
        (Screen::Home(_), Some(p)) => preview::page(app, p, frame, area),
        (screen, _) => draw_screen(app, screen, frame, area),
    }
    if let (Some(p), false) = (&app.preview, matches!(app.screen, Screen::Home(_))) {
        preview::panel(app, p, frame, area);
    }
    overlay::draw(app, frame, area);
}

fn draw_screen(app: &App, screen: &Screen, frame: &mut Frame, area: ratatui::layout::Rect) {
    match screen {
        Screen::Home(h) => home::draw(app, h, frame, area),
        Screen::Exam(e) => {
            if e.review.is_some() {
                review::draw(app, e, frame, area);
            } else {
                exam::draw(app, e, frame, area);
            }
        }
        Screen::Results(r) => results::draw(app, r, frame, area),
        Screen::Stats(s) => stats::draw(app, s, frame, area),
        Screen::History(h) => history::draw(app, h, frame, area),
    }
}
