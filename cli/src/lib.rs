//! The `cehours` command's parts, as a library so that its bench and tests can drive them:
//! reading spreadsheets ([`columns`]), screening on every core ([`screen`]) and printing a
//! 学时认定单 as a web page ([`html`]). The command itself is `src/main.rs`.

pub mod columns;
pub mod html;
pub mod screen;

/// The language of headings, verdicts and the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// Chinese (中文).
    #[default]
    Zh,
    /// English.
    En,
}
