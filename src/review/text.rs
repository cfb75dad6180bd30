//! Names and reasons as people type them: surrounding blanks, including invisible characters,
//! are not part of a name, and a text of nothing but them is empty.

use serde::{Deserialize, Deserializer};

/// Whether `c` shows nothing: Unicode White_Space, a control character, or an invisible
/// format character (zero-width space, joiners and U+2060–U+206F, the byte-order mark,
/// directional marks and embeddings, soft hyphen, Hangul fillers, variation selectors, tags).
pub(crate) fn invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E007F}'
                | '\u{E0100}'..='\u{E01EF}'
        )
}

/// `text` without the invisible characters ([`invisible`]) at either end.
pub(crate) fn normalise(text: &str) -> String {
    trimmed(text).to_owned()
}

/// `text` without the invisible characters at either end, borrowed.
fn trimmed(text: &str) -> &str {
    text.trim_matches(invisible)
}

/// Whether two unit names are one unit: equal once normalised ([`normalise`]), whatever
/// either side was made from. The one place reviewers' units are compared.
pub(crate) fn same_unit(a: &str, b: &str) -> bool {
    trimmed(a) == trimmed(b)
}

/// Whether `text` shows nothing at all.
pub(crate) fn is_blank(text: &str) -> bool {
    text.chars().all(invisible)
}

/// Deserialises a name, normalised ([`normalise`]), so a stored value compares as a made one.
pub(crate) fn normalised<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    String::deserialize(d).map(|s| normalise(&s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_ends_are_trimmed() {
        assert_eq!(normalise(" \u{200B}长沙\u{FEFF}\u{3000} "), "长沙");
        assert_eq!(normalise("长 沙"), "长 沙");
        assert!(is_blank("\u{200B}\u{2060}\u{FEFF} \u{3000}\u{200D}"));
        assert!(!is_blank("\u{200B}a"));
        assert!(is_blank(""));
    }

    #[test]
    fn units_compare_normalised() {
        assert!(same_unit(" \u{200B}长沙市人社局\u{3000}", "长沙市人社局"));
        assert!(same_unit("长沙市人社局", "\u{FEFF}长沙市人社局 "));
        assert!(!same_unit("长沙市人社局", "长沙市 人社局"));
        assert!(!same_unit("长沙市人社局", "株洲市人社局"));
    }
}
