//! The upload rules of the online system (A2 step 7): which files it accepts.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::evidence::Document;
use crate::rule::RuleId;

/// The upload rules (A2): allowed file extensions and the largest file accepted.
///
/// A document with a `file` is checked against them; a document without one is not an upload
/// and is never refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UploadRules {
    /// The rule (A2).
    pub rule: RuleId,
    /// Allowed extensions, without the dot (`pdf`); compared ASCII case-insensitively.
    pub extensions: Vec<String>,
    /// The largest file accepted, in bytes; a file of exactly this size is accepted.
    pub max_bytes: u64,
}

impl UploadRules {
    /// The A2 rules: jpg, jpeg, png, doc, docx and pdf, at most 20 × 1024 × 1024 bytes.
    pub fn hunan_2024() -> UploadRules {
        UploadRules {
            rule: RuleId::A2,
            extensions: ["jpg", "jpeg", "png", "doc", "docx", "pdf"]
                .map(String::from)
                .to_vec(),
            max_bytes: 20 * 1024 * 1024,
        }
    }

    /// Every reason `document` is refused, in a fixed order (path separator, control
    /// character, extension, size); empty when it is accepted or has no `file`.
    ///
    /// The extension is what follows the last `.` of the name's final component (after the
    /// last `/` or `\`); a name without a dot there, or ending in a dot, has none. `bytes`,
    /// when given, must not exceed [`UploadRules::max_bytes`].
    ///
    /// # Example
    ///
    /// ```
    /// use cehours::{Document, DocumentType, UploadRefusal, UploadRules};
    ///
    /// let rules = UploadRules::hunan_2024();
    /// let document = Document::new(DocumentType::Notice).with_file("a/b.PDF");
    /// assert_eq!(rules.refusals(&document), vec![UploadRefusal::PathSeparator]);
    /// ```
    pub fn refusals(&self, document: &Document) -> Vec<UploadRefusal> {
        if !self.is_refused(document) {
            return Vec::new();
        }
        let Some(file) = document.file.as_deref() else {
            return Vec::new();
        };
        let mut reasons = Vec::new();
        if file.contains(['/', '\\']) {
            reasons.push(UploadRefusal::PathSeparator);
        }
        if file.chars().any(char::is_control) {
            reasons.push(UploadRefusal::ControlCharacter);
        }
        let last = file.rsplit(['/', '\\']).next().unwrap_or(file);
        match last.rsplit_once('.') {
            None | Some((_, "")) => reasons.push(UploadRefusal::NoExtension),
            Some((_, extension)) => {
                if !self
                    .extensions
                    .iter()
                    .any(|allowed| allowed.eq_ignore_ascii_case(extension))
                {
                    reasons.push(UploadRefusal::ExtensionNotAllowed {
                        extension: extension.to_owned(),
                        allowed: self.extensions.clone(),
                    });
                }
            }
        }
        if let Some(bytes) = document.bytes {
            if bytes > self.max_bytes {
                reasons.push(UploadRefusal::TooLarge {
                    bytes,
                    max_bytes: self.max_bytes,
                });
            }
        }
        reasons
    }
}

impl UploadRules {
    /// Whether `document` is refused ([`UploadRules::refusals`] would list a reason), without
    /// allocating.
    pub fn is_refused(&self, document: &Document) -> bool {
        let Some(file) = document.file.as_deref() else {
            return false;
        };
        if document.bytes.is_some_and(|bytes| bytes > self.max_bytes) {
            return true;
        }
        // A path separator or a control character refuses the name outright (the bytes are
        // folded without branching, which the compiler vectorises).
        let bytes = file.as_bytes();
        let (bad, wide) = bytes.iter().fold((false, false), |(bad, wide), &b| {
            let control = (b < 0x20) | (b == 0x7f);
            (
                bad | control | (b == b'/') | (b == b'\\'),
                wide | (b >= 0x80),
            )
        });
        if bad || (wide && file.chars().any(char::is_control)) {
            return true;
        }
        // No separator: the extension follows the last dot of the whole name (a dot byte is
        // always a whole character in UTF-8).
        let extension = match bytes.iter().rposition(|&b| b == b'.') {
            Some(dot) => bytes.get(dot + 1..).unwrap_or_default(),
            None => return true,
        };
        extension.is_empty()
            || !self.extensions.iter().any(|allowed| {
                allowed.len() == extension.len()
                    && allowed.as_bytes().eq_ignore_ascii_case(extension)
            })
    }
}

/// One `MiB` in bytes.
const MIB: u64 = 1024 * 1024;

impl fmt::Display for UploadRules {
    /// The rules for an applicant, in Chinese then English, citing the rule.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let size = |f: &mut fmt::Formatter<'_>, unit: &str| -> fmt::Result {
            write!(f, "{} {unit}", self.max_bytes)?;
            if self.max_bytes >= MIB && self.max_bytes % MIB == 0 {
                write!(f, " ({} MiB)", self.max_bytes / MIB)?;
            }
            Ok(())
        };
        write!(
            f,
            "上传文件 [{}]:限 {} 格式,单个不超过 ",
            self.rule,
            self.extensions.join("、")
        )?;
        size(f, "字节")?;
        writeln!(
            f,
            ",文件名不得含路径分隔符或控制字符,须有扩展名;不符合要求的文件不计入材料"
        )?;
        write!(
            f,
            "uploads [{}]: {} files only, at most ",
            self.rule,
            self.extensions.join(", ")
        )?;
        size(f, "bytes")?;
        write!(
            f,
            " each, a file name with an extension and without path separators or control characters; a refused file does not count as a document"
        )
    }
}

/// Why an upload is refused (A2).
///
/// Serialises as an object tagged by `reason` (`{"reason": "too_large", "bytes": …,
/// "max_bytes": …}`); [`UploadRefusal::message`] says it in Chinese and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum UploadRefusal {
    /// The file name contains `/` or `\`.
    PathSeparator,
    /// The file name contains a control character.
    ControlCharacter,
    /// The file name has no extension (no dot in its last component, or nothing after the last
    /// dot).
    NoExtension,
    /// The extension is not one the rules allow.
    ExtensionNotAllowed {
        /// The extension found, as written.
        extension: String,
        /// The extensions allowed.
        allowed: Vec<String>,
    },
    /// The file is larger than the rules allow.
    TooLarge {
        /// The file's size.
        bytes: u64,
        /// The largest size accepted.
        max_bytes: u64,
    },
}

impl UploadRefusal {
    /// The reason in Chinese then English (`中文 / English`), lowercase English without a final
    /// period; user values in backticks, escaped.
    pub fn message(&self) -> String {
        match self {
            UploadRefusal::PathSeparator => {
                "文件名不得包含路径分隔符(/ 或 \\) / file name must not contain a path separator (`/` or `\\`)"
                    .to_owned()
            }
            UploadRefusal::ControlCharacter => {
                "文件名不得包含控制字符 / file name must not contain a control character".to_owned()
            }
            UploadRefusal::NoExtension => {
                "文件名缺少扩展名 / file name has no extension".to_owned()
            }
            UploadRefusal::ExtensionNotAllowed { extension, allowed } => {
                let extension = extension.escape_debug();
                format!(
                    "不接受扩展名为`{extension}`的文件(仅限{}) / files with extension `{extension}` are not accepted (only {})",
                    allowed.join("、"),
                    allowed.join(", ")
                )
            }
            UploadRefusal::TooLarge { bytes, max_bytes } => format!(
                "文件大小为{bytes}字节,超过上限{max_bytes}字节 / file is {bytes} bytes, more than the limit of {max_bytes} bytes"
            ),
        }
    }
}

impl fmt::Display for UploadRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}
