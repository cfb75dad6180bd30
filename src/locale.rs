//! The languages messages are written in.

use serde::{Deserialize, Serialize};

/// A language a caller chooses for messages and labels.
///
/// The bilingual forms (`中文 / English`) stay available where they were
/// ([`FindingCode::message`](crate::FindingCode::message)); the `*_in(Locale)` methods give one
/// language at a time.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Locale {
    /// Simplified Chinese, the language of the notice.
    #[default]
    Zh,
    /// English.
    En,
}

impl Locale {
    /// Every locale, in declaration order.
    pub const ALL: [Locale; 2] = [Locale::Zh, Locale::En];

    /// The locale's tag (`"zh"`, `"en"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::Zh => "zh",
            Locale::En => "en",
        }
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A locale tag was not `zh` or `en`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown locale `{0}` (expected `zh` or `en`)")]
pub struct UnknownLocale(pub String);

impl std::str::FromStr for Locale {
    type Err = UnknownLocale;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Locale::ALL
            .into_iter()
            .find(|l| l.as_str() == text)
            .ok_or_else(|| UnknownLocale(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_parse_back() {
        assert_eq!("zh".parse::<Locale>(), Ok(Locale::Zh));
        assert_eq!("en".parse::<Locale>(), Ok(Locale::En));
        assert_eq!("fr".parse::<Locale>(), Err(UnknownLocale("fr".to_owned())));
    }
}
