//! The certificate (学时认定单, A2 steps 10–13): per-year hours from approved declarations,
//! checked against the yearly minimums, with earlier certificates standing for their years
//! (N.3.3, I-9).

use std::fmt::{self, Write as _};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::id_number::{IdNumber, IdNumberError};
use super::workflow::Application;
use crate::evidence::{Activity, CertifiedYear, EmptyId, Evidence, EvidenceId, PriorCertificate};
use crate::ledger::{Shortfall, YearAcc};
use crate::policy::{Minimums, Policy};
use crate::record::Span;
use crate::rule::RuleId;
use crate::rules::certificates::{self, Standing};
use crate::wire;

/// Whose certificate it is.
///
/// Its `Debug` masks the ID number (`110***********002X`), so that logs carry no personal data.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Holder {
    /// 证件号码 (stored with an upper-case `X`).
    pub id_number: String,
    /// 姓名.
    pub name: String,
}

impl fmt::Debug for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Holder")
            .field("id_number", &crate::review::mask(&self.id_number, 3, 4))
            .field("name", &self.name)
            .finish()
    }
}

impl Holder {
    /// The holder with this ID number and name (checked when a certificate is issued).
    pub fn new(id_number: impl Into<String>, name: impl Into<String>) -> Self {
        Holder {
            id_number: id_number.into(),
            name: name.into(),
        }
    }
}

/// Where a year's figures come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case")]
#[non_exhaustive]
pub enum YearSource {
    /// An approved declaration (A5).
    Declaration {
        /// The application's ID.
        application: String,
    },
    /// An earlier certificate (N.3.3).
    PriorCertificate {
        /// When the earlier certificate was issued.
        #[serde(with = "wire::date")]
        issued: NaiveDate,
    },
    /// No approved declaration and no earlier certificate: the year has no hours.
    Missing,
}

/// One year of a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CertificateYear {
    /// The calendar year.
    pub year: i32,
    /// 公需科目 hours.
    #[serde(with = "wire::decimal")]
    pub public: Decimal,
    /// 专业科目 hours.
    #[serde(with = "wire::decimal")]
    pub professional: Decimal,
    /// 合计.
    #[serde(with = "wire::decimal")]
    pub total: Decimal,
    /// Whether a special assignment waives the year (A1.C7).
    pub waived: bool,
    /// Whether the year meets its minimums (N.1.2) or is waived.
    pub passed: bool,
    /// What each minimum still lacks.
    pub shortfall: Shortfall,
    /// Where the figures come from.
    pub source: YearSource,
}

/// Why an approved declaration or an earlier certificate's year was not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NoteCode {
    /// An approved declaration for a year an earlier certificate covers (N.3.3, I-9).
    CoveredByPrior,
    /// A second approved declaration for a year; the first one stands.
    LaterDeclaration,
    /// A second earlier certificate covering a year; the first one stands (I-9).
    LaterPrior,
    /// An earlier certificate's year with a negative figure; ignored (I-9).
    NegativePrior,
}

impl NoteCode {
    /// The note in Chinese and English.
    pub fn message(self) -> &'static str {
        match self {
            NoteCode::CoveredByPrior => {
                "该年度已由以前的学时认定单认定,本次申报不计入 / year already certified by an earlier certificate; declaration not counted"
            }
            NoteCode::LaterDeclaration => {
                "该年度已有审核通过的申报,以先者为准 / another approved declaration of the year stands"
            }
            NoteCode::LaterPrior => {
                "该年度已由先附的学时认定单认定,以先者为准 / an earlier attached certificate already stands for the year"
            }
            NoteCode::NegativePrior => {
                "学时认定单该年度学时为负数,不予采用 / negative hours on the certificate; year entry ignored"
            }
        }
    }
}

/// A declaration or earlier certificate year left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CertificateNote {
    /// The year concerned.
    pub year: i32,
    /// What happened.
    pub code: NoteCode,
    /// The rule applied.
    pub rule: RuleId,
    /// The application left out, if it was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<String>,
    /// The position of the earlier certificate left out, if it was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prior: Option<usize>,
}

/// Why a certificate cannot be issued.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "error", rename_all = "snake_case")]
#[non_exhaustive]
pub enum CertificateError {
    /// The holder's ID number is not valid.
    #[error("holder `id_number`: {0}")]
    IdNumber(IdNumberError),
    /// The holder has no name.
    #[error("holder `name` must not be empty")]
    EmptyName,
    /// The span is inverted (`from` after `to`) or names a year outside 1–9999.
    #[error("span {from}–{to} is not a span of years 1–9999 with `from` not after `to`")]
    InvalidSpan {
        /// The span's first year.
        from: i32,
        /// The span's last year.
        to: i32,
    },
    /// The span holds more years than the policy allows (`limits.max_span_years`).
    #[error("span {from}–{to} holds {years} years; the policy allows at most {max}")]
    SpanTooLong {
        /// The span's first year.
        from: i32,
        /// The span's last year.
        to: i32,
        /// Years in the span.
        years: usize,
        /// The policy's limit.
        max: u32,
    },
    /// An earlier certificate belongs to someone else.
    #[error("earlier certificate {index} is for `{id_number}`, not for the holder")]
    PriorOfAnotherPerson {
        /// Its position among the earlier certificates.
        index: usize,
        /// Its holder's ID number.
        id_number: String,
    },
}

/// A 学时认定单: a person's hours per year over a span, from approved declarations only, each
/// year checked against the policy's minimums (N.1.2).
///
/// Serialises to JSON; [`fmt::Display`] prints it as a plain-text table with Chinese and
/// English headings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Certificate {
    /// Whose certificate.
    pub holder: Holder,
    /// The policy applied (`hunan-2024`).
    pub policy: String,
    /// The policy's document (`湘人社办函〔2024〕21号`).
    pub document: String,
    /// The years certified.
    pub span: Span,
    /// When issued (caller-supplied).
    #[serde(with = "wire::date")]
    pub issued: NaiveDate,
    /// The yearly minimums checked (N.1.2).
    pub minimums: Minimums,
    /// True only when every year passes.
    pub passed: bool,
    /// Exactly the span's years, in order.
    pub years: Vec<CertificateYear>,
    /// Declarations and earlier certificate years left out, and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<CertificateNote>,
}

/// The figures chosen for one year while issuing.
struct Chosen {
    public: Decimal,
    professional: Decimal,
    waived: bool,
    source: YearSource,
}

impl Certificate {
    /// Issues the certificate of `holder` for `span` on `issued`.
    ///
    /// - Only declarations that are approved, of the holder (same ID number, `x` read as `X`)
    ///   and of a year in the span count; the first such declaration of a year, in the order
    ///   given, stands, and later ones get a note.
    /// - Earlier certificates (`priors`, N.3.3) stand for the years they certify (a year with
    ///   a source other than [`YearSource::Missing`]), in place of any declaration, which gets a
    ///   note (I-9). When two cover a year the first stands (I-9); an entry with a negative
    ///   figure is ignored with a note.
    /// - Each year is checked against `policy.minimums`, each minimum on its own (N.1.2); a
    ///   waived year (A1.C7) passes whatever its hours. A year with nothing has no hours and
    ///   fails.
    ///
    /// # Errors
    ///
    /// [`CertificateError`] for an invalid span (inverted, or years outside 1–9999), a span
    /// longer than the policy's `limits.max_span_years`, an invalid holder ID number, a blank
    /// name, or an earlier certificate of another person.
    pub fn issue(
        holder: &Holder,
        span: Span,
        applications: &[Application],
        priors: &[Certificate],
        policy: &Policy,
        issued: NaiveDate,
    ) -> Result<Certificate, CertificateError> {
        let (from, to) = (span.from, span.to);
        if Span::new(from, to).is_err() {
            return Err(CertificateError::InvalidSpan { from, to });
        }
        // N.2: the one check of a span's length, as for records.
        if let Err(crate::record::SpanError::TooLong { max_years, .. }) =
            policy.limits.check_span(span)
        {
            return Err(CertificateError::SpanTooLong {
                from,
                to,
                years: span.len(),
                max: max_years,
            });
        }
        let id = IdNumber::parse(holder.id_number.trim()).map_err(CertificateError::IdNumber)?;
        if holder.name.trim().is_empty() {
            return Err(CertificateError::EmptyName);
        }
        let same_person = |text: &str| IdNumber::parse(text.trim()).is_ok_and(|other| other == id);
        for (index, prior) in priors.iter().enumerate() {
            if !same_person(&prior.holder.id_number) {
                return Err(CertificateError::PriorOfAnotherPerson {
                    index,
                    id_number: prior.holder.id_number.clone(),
                });
            }
        }

        let mut chosen: Vec<Option<Chosen>> = span.years().map(|_| None).collect();
        let mut notes = Vec::new();
        for (index, prior) in priors.iter().enumerate() {
            for y in prior
                .years
                .iter()
                .filter(|y| y.source != YearSource::Missing)
            {
                let note = |code| CertificateNote {
                    year: y.year,
                    code,
                    rule: RuleId::I9,
                    application: None,
                    prior: Some(index),
                };
                let chose = || Chosen {
                    public: y.public,
                    professional: y.professional,
                    waived: y.waived,
                    source: YearSource::PriorCertificate {
                        issued: prior.issued,
                    },
                };
                match certificates::offer(
                    span,
                    &mut chosen,
                    y.year,
                    y.public,
                    y.professional,
                    chose,
                ) {
                    Standing::Negative => notes.push(note(NoteCode::NegativePrior)),
                    Standing::Later => notes.push(note(NoteCode::LaterPrior)),
                    Standing::OutsideSpan | Standing::Stands(_) => {}
                }
            }
        }

        let from_prior: Vec<bool> = chosen.iter().map(Option::is_some).collect();
        let approved = applications
            .iter()
            .filter(|a| a.is_approved() && same_person(&a.declaration().applicant.id_number));
        for app in approved {
            let d = app.declaration();
            let Some(k) = span.index(d.year) else {
                continue;
            };
            let (Some(slot), Some(&prior)) = (chosen.get_mut(k), from_prior.get(k)) else {
                debug_assert!(false, "a span year has no slot");
                continue;
            };
            let note = |code, rule| CertificateNote {
                year: d.year,
                code,
                rule,
                application: Some(app.id().to_owned()),
                prior: None,
            };
            if prior {
                notes.push(note(NoteCode::CoveredByPrior, RuleId::I9));
            } else if slot.is_some() {
                notes.push(note(NoteCode::LaterDeclaration, RuleId::A5));
            } else {
                *slot = Some(Chosen {
                    public: d.public.hours,
                    professional: d.professional.hours,
                    waived: d.waived,
                    source: YearSource::Declaration {
                        application: app.id().to_owned(),
                    },
                });
            }
        }
        notes.sort_by_key(|n| n.year);

        let mut passed = true;
        let years: Vec<CertificateYear> = span
            .years()
            .zip(chosen)
            .map(|(year, c)| {
                let c = c.unwrap_or(Chosen {
                    public: Decimal::ZERO,
                    professional: Decimal::ZERO,
                    waived: false,
                    source: YearSource::Missing,
                });
                let mut acc = YearAcc {
                    waived: c.waived,
                    ..YearAcc::default()
                };
                let fits = acc.add(crate::evidence::Subject::Public, c.public)
                    && acc.add(crate::evidence::Subject::Professional, c.professional);
                let shortfall = crate::rules::minimums::shortfall(policy, &acc);
                let year_passed = fits && shortfall.is_zero();
                passed &= year_passed;
                CertificateYear {
                    year,
                    public: acc.public,
                    professional: acc.professional,
                    total: acc.total(),
                    waived: c.waived,
                    passed: year_passed,
                    shortfall,
                    source: c.source,
                }
            })
            .collect();

        Ok(Certificate {
            holder: Holder {
                id_number: id.as_str().to_owned(),
                name: holder.name.trim().to_owned(),
            },
            policy: policy.id.clone(),
            document: policy.document.clone(),
            span,
            issued,
            minimums: policy.minimums,
            passed,
            years,
            notes,
        })
    }

    /// The certificate as a `prior_certificate` evidence item of the JSON contract (N.3.3),
    /// for the next evaluation: `{"id": …, "kind": "prior_certificate", "years": [{"year":
    /// 2019, "public": "30", "professional": "60"}, …]}`.
    ///
    /// Only years with figures are listed: a year without an approved declaration certifies
    /// nothing, and a waived year (A1.C7) is left out because the contract's year entry cannot
    /// say it is waived (its hours alone would fail it, and I-9 would then keep the assignment
    /// from waiving it again); the assignment itself should be brought as evidence instead.
    /// No documents are attached; add a `hours_certificate` document for the materials check.
    ///
    /// # Errors
    ///
    /// [`EmptyId`] when `id` is empty.
    pub fn to_evidence(&self, id: &str) -> Result<Evidence, EmptyId> {
        let years = self
            .years
            .iter()
            .filter(|y| y.source != YearSource::Missing && !y.waived)
            .map(|y| CertifiedYear {
                year: y.year,
                public: y.public,
                professional: y.professional,
            })
            .collect();
        Ok(Evidence {
            id: EvidenceId::new(id)?,
            activity: Activity::PriorCertificate(PriorCertificate { years }),
            documents: Vec::new(),
        })
    }
}

/// Code point ranges printed two columns wide (Hangul Jamo, CJK, Hangul, compatibility
/// ideographs and forms, full-width forms).
const WIDE: [(u32, u32); 7] = [
    (0x1100, 0x115F),
    (0x2E80, 0xA4CF),
    (0xAC00, 0xD7A3),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFF60),
    (0xFFE0, 0xFFE6),
];

/// Display width of a text: CJK and full-width characters take two columns.
fn width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            let wide = WIDE
                .iter()
                .any(|&(lo, hi)| (lo..=hi).contains(&u32::from(c)));
            if wide { 2 } else { 1 }
        })
        .sum()
}

/// `text` padded with spaces to `columns` display columns.
fn pad(text: &str, columns: usize) -> String {
    let mut out = text.to_owned();
    out.extend(std::iter::repeat_n(
        ' ',
        columns.saturating_sub(width(text)),
    ));
    out
}

fn hours(d: Decimal) -> String {
    d.normalize().to_string()
}

impl fmt::Display for Certificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = &self.minimums;
        writeln!(
            f,
            "湖南省专业技术人员继续教育学时认定单 / Hunan continuing-education hours certificate of professional and technical personnel"
        )?;
        writeln!(f, "姓名 Name:           {}", self.holder.name)?;
        writeln!(f, "证件号码 ID number:  {}", self.holder.id_number)?;
        writeln!(
            f,
            "认定年度 Years:      {}–{}",
            self.span.from, self.span.to
        )?;
        writeln!(
            f,
            "依据 Policy:         {} ({})",
            self.document, self.policy
        )?;
        writeln!(f, "出具日期 Issued:     {}", self.issued.format("%Y-%m-%d"))?;
        writeln!(
            f,
            "每年要求 Minimums:   公需 public ≥ {}, 专业 professional ≥ {}, 合计 total ≥ {} ({})",
            hours(m.public),
            hours(m.professional),
            hours(m.total),
            m.rule
        )?;
        writeln!(f)?;

        let headings = [
            ("年度", "Year", 6),
            ("公需科目", "Public", 10),
            ("专业科目", "Professional", 14),
            ("合计", "Total", 7),
            ("达标", "Met", 8),
            ("来源", "Source", 0),
        ];
        for line in [0, 1] {
            let mut row = String::new();
            for (zh, en, w) in headings {
                row.push_str(&pad(if line == 0 { zh } else { en }, w));
            }
            writeln!(f, "{}", row.trim_end())?;
        }
        for y in &self.years {
            let met = match (y.passed, y.waived) {
                (true, true) => "是 yes*",
                (true, false) => "是 yes",
                (false, _) => "否 no",
            };
            let source = match &y.source {
                YearSource::Declaration { application } => {
                    format!("申报 declaration {application}")
                }
                YearSource::PriorCertificate { issued } => {
                    format!(
                        "认定单 certificate of {} (N.3.3)",
                        issued.format("%Y-%m-%d")
                    )
                }
                YearSource::Missing => "无 none".to_owned(),
            };
            let cells = [
                (y.year.to_string(), 6),
                (hours(y.public), 10),
                (hours(y.professional), 14),
                (hours(y.total), 7),
                (met.to_owned(), 8),
                (source, 0),
            ];
            let mut row = String::new();
            for (text, w) in cells {
                row.push_str(&pad(&text, w));
            }
            writeln!(f, "{}", row.trim_end())?;
        }
        if self.years.iter().any(|y| y.waived) {
            writeln!(
                f,
                "* 特定工作任务视为完成当年学时 / waived by a special assignment (A1.C7)"
            )?;
        }
        writeln!(f)?;

        let verdict = if self.passed {
            "达标 passed"
        } else {
            "未达标 not passed"
        };
        writeln!(f, "结论 Verdict: {verdict}")?;
        for y in self.years.iter().filter(|y| !y.passed) {
            let s = &y.shortfall;
            let mut short = String::new();
            for (zh, en, lack) in [
                ("公需", "public", s.public),
                ("专业", "professional", s.professional),
                ("合计", "total", s.total),
            ] {
                if !lack.is_zero() {
                    if !short.is_empty() {
                        short.push_str(", ");
                    }
                    write!(short, "{zh} {en} {}", hours(lack))?;
                }
            }
            writeln!(f, "  {}: 缺 short of {short}", y.year)?;
        }
        if !self.notes.is_empty() {
            writeln!(f, "说明 Notes:")?;
            for n in &self.notes {
                let what = match (&n.application, n.prior) {
                    (Some(app), _) => format!("申报 declaration {app}"),
                    (None, Some(i)) => format!("认定单 certificate #{}", i.saturating_add(1)),
                    (None, None) => String::new(),
                };
                writeln!(f, "  {} {what}: {} ({})", n.year, n.code.message(), n.rule)?;
            }
        }
        Ok(())
    }
}
