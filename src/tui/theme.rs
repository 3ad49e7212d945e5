//! Styles in one place. With NO_COLOR the mono theme carries state by reverse, bold, underline and
//! text markers only: crossterm's NO_COLOR handling emits an SGR reset that would cancel modifiers
//! set alongside a colour, so colours are dropped at the theme level instead.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub name: &'static str,
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub accent: Style,
    pub cursor: Style,
    pub selected: Style,
    pub struck: Style,
    pub flag: Style,
    pub correct: Style,
    pub incorrect: Style,
    pub warn: Style,
    pub danger: Style,
    pub border: Style,
    pub key: Style,
}

impl Theme {
    pub fn color() -> Theme {
        Theme {
            name: "color",
            text: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().add_modifier(Modifier::BOLD),
            accent: Style::new().fg(Color::Cyan),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            selected: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            struck: Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::CROSSED_OUT),
            flag: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            correct: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            incorrect: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            warn: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            danger: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        }
    }

    pub fn mono() -> Theme {
        let plain = Style::new();
        Theme {
            name: "mono",
            text: plain,
            dim: plain,
            title: plain.add_modifier(Modifier::BOLD),
            accent: plain.add_modifier(Modifier::BOLD),
            cursor: plain.add_modifier(Modifier::REVERSED),
            selected: plain.add_modifier(Modifier::BOLD),
            struck: plain.add_modifier(Modifier::CROSSED_OUT),
            flag: plain.add_modifier(Modifier::BOLD),
            correct: plain.add_modifier(Modifier::BOLD),
            incorrect: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            warn: plain.add_modifier(Modifier::BOLD),
            danger: plain.add_modifier(Modifier::BOLD | Modifier::REVERSED),
            border: plain,
            key: plain.add_modifier(Modifier::BOLD),
        }
    }

    /// Mono when `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::mono(),
            _ => Theme::color(),
        }
    }
}
