//! The declaration (学时核认申报) an applicant fills in online, field by field as in A2 step 6,
//! and its validation.

use std::collections::HashMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use super::id_number::Gender;
use super::id_number::{IdNumber, IdNumberError};
use crate::evidence::{
    Activity, BookKind, Document, DocumentType, Evidence, EvidenceId, MeetingKind, PatentClass,
    SkillsExamKind, Subject, TrainingFormat,
};
use crate::ledger::{Report, YearReport};
use crate::materials::{UploadRefusal, UploadRules};
use crate::record::{Record, YEARS};
use crate::wire;

/// Who declares: the personal fields of the A2 step 6 form.
///
/// Every field is kept as typed text, so a half-filled draft (暂存) can be stored and
/// [`Declaration::validate`] can report every problem at once.
///
/// Its `Debug` masks the ID number and the phone number (`430***********1234`,
/// `138****5678`), so that logs carry no personal data.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Applicant {
    /// 证件号码: an 18-character resident ID number (see [`IdNumber`]).
    pub id_number: String,
    /// 姓名.
    pub name: String,
    /// 性别 (optional on the form); when given it must agree with the ID number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// 民族 (`汉族`).
    pub ethnicity: String,
    /// 单位名称: the employer, which reviews first on routes with an employer review (A3).
    pub unit: String,
    /// 拟申报职称: the title applied for.
    pub proposed_title: String,
    /// 联系电话: a mainland mobile number, or a landline number (see [`Declaration::validate`]).
    pub phone: String,
    /// 最高学历 (`硕士研究生`).
    pub education: String,
    /// 申报大类 (`高校教师`).
    pub category: String,
    /// 子专业名称.
    pub sub_specialty: String,
}

impl Applicant {
    /// An applicant with an ID number and a name; every other field empty, to be filled in
    /// (the fields are public).
    pub fn new(id_number: impl Into<String>, name: impl Into<String>) -> Self {
        Applicant {
            id_number: id_number.into(),
            name: name.into(),
            ..Applicant::default()
        }
    }
}

impl fmt::Debug for Applicant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mask = crate::review::mask;
        f.debug_struct("Applicant")
            .field("id_number", &mask(&self.id_number, 3, 4))
            .field("name", &self.name)
            .field("gender", &self.gender)
            .field("ethnicity", &self.ethnicity)
            .field("unit", &self.unit)
            .field("proposed_title", &self.proposed_title)
            .field("phone", &mask(&self.phone, 3, 4))
            .field("education", &self.education)
            .field("category", &self.category)
            .field("sub_specialty", &self.sub_specialty)
            .finish()
    }
}

/// One subject's line of the form: its name, its form of study and its hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SubjectDeclaration {
    /// 公需科目名称 / 专业科目名称.
    pub name: String,
    /// 继续教育形式 (`培训班`, `网络平台课程`, …; several joined with `、`).
    pub form: String,
    /// 折算学时分: the hours declared.
    #[serde(with = "wire::decimal")]
    pub hours: Decimal,
}

impl SubjectDeclaration {
    /// One subject's line: its name, its form of study and its hours.
    pub fn new(name: impl Into<String>, form: impl Into<String>, hours: Decimal) -> Self {
        SubjectDeclaration {
            name: name.into(),
            form: form.into(),
            hours,
        }
    }
}

/// A declaration (学时核认申报) for one year: the fields of A2 step 6.
///
/// `waived` is not a field of the online form: it records that the year is treated as met by
/// a special assignment (A1.C7), which the form can only say in its remarks. The certificate
/// needs it to pass such a year whatever its hours.
///
/// # Example
///
/// ```
/// use cehours::{Applicant, Declaration, SubjectDeclaration, Upload, Uploads};
/// use rust_decimal::Decimal;
///
/// let mut applicant = Applicant::new("11010519491231002X", "李华");
/// applicant.ethnicity = "汉族".into();
/// applicant.unit = "湖南省地质研究所".into();
/// applicant.proposed_title = "高级工程师".into();
/// applicant.phone = "18890987651".into();
/// applicant.education = "硕士研究生".into();
/// applicant.category = "工程".into();
/// applicant.sub_specialty = "地质勘查".into();
/// let declaration = Declaration::new(
///     applicant,
///     2020,
///     SubjectDeclaration::new("2020公需科目", "培训班", Decimal::from(30)),
///     SubjectDeclaration::new("2020专业科目", "论文", Decimal::from(60)),
///     Decimal::from(90),
/// )
/// .with_uploads(Uploads {
///     education: vec![Upload::new("学历证书.pdf")],
///     entrustment: vec![],
///     hours: vec![Upload::new("2020学时材料.pdf")],
/// });
/// assert!(declaration.validate().is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Declaration {
    /// Who declares.
    pub applicant: Applicant,
    /// 年度: the calendar year declared.
    pub year: i32,
    /// 公需科目: name, form and hours.
    pub public: SubjectDeclaration,
    /// 专业科目: name, form and hours.
    pub professional: SubjectDeclaration,
    /// 合计学时分: must equal public plus professional hours.
    #[serde(with = "wire::decimal")]
    pub total: Decimal,
    /// Whether a special assignment waives the year (A1.C7); not a field of the online form.
    #[serde(default)]
    pub waived: bool,
    /// 备注.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
    /// Whether the applicant's senior-title review is entrusted to Hunan (委托我省进行高级职称评审,
    /// N.2.3): a 委托审批函 must then be uploaded (A2 step 7).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub entrusted: bool,
    /// The uploads of A2 step 7 (申报材料上传).
    #[serde(default, skip_serializing_if = "Uploads::is_empty")]
    pub uploads: Uploads,
    /// The employer's review fields (A3 steps 7–8), filled in by the employer when it approves
    /// ([`crate::ReviewAction::Approve`]); the applicant cannot set or change them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer_review: Option<EmployerReview>,
}

/// One uploaded file (A2 step 7): its name and, when known, its size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Upload {
    /// The file name (`学历证书.pdf`).
    pub file: String,
    /// The size in bytes, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
}

impl Upload {
    /// An upload of `file`, size unknown.
    pub fn new(file: &str) -> Upload {
        Upload {
            file: file.to_owned(),
            bytes: None,
        }
    }

    /// Why the upload rules (A2) refuse the file; empty when accepted.
    fn refusals(&self, rules: &UploadRules) -> Vec<UploadRefusal> {
        // The rules read only the file name and size; the document type is not consulted.
        rules.refusals(&Document {
            doc_type: DocumentType::OtherSupporting,
            file: Some(self.file.clone()),
            bytes: self.bytes,
        })
    }
}

/// The uploads of A2 step 7 (申报材料上传), each a list of files.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Uploads {
    /// 学历信息: the education record; required.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub education: Vec<Upload>,
    /// 委托审批函: the letter entrusting the senior-title review to Hunan (N.2.3); required when
    /// the declaration is [`Declaration::entrusted`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entrustment: Vec<Upload>,
    /// 学时上传: the hours materials; required.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hours: Vec<Upload>,
}

impl Uploads {
    /// Whether nothing is uploaded.
    pub fn is_empty(&self) -> bool {
        self.education.is_empty() && self.entrustment.is_empty() && self.hours.is_empty()
    }
}

/// The employer's review fields of the A3 form (单位审核, steps 7–8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmployerReview {
    /// 单位性质 (`国有企业`, `事业单位`); required.
    pub unit_nature: String,
    /// 审核原则; required.
    pub principle: String,
    /// 是否在编: whether the applicant holds an established post; required.
    #[serde(default)]
    pub on_establishment: Option<bool>,
    /// 业务编号: 15 digits, the business date (`YYYYMMDD`) then a 7-digit sequence
    /// (`202403130000021`).
    pub business_number: String,
}

impl EmployerReview {
    /// Checks every field and returns every problem found, each naming its field
    /// (`employer_review.unit_nature` …).
    ///
    /// - 单位性质, 审核原则 and 业务编号 must not be blank; 是否在编 must be chosen.
    /// - 业务编号: 15 ASCII digits whose first 8 are a real date (`202403130000021`).
    ///
    /// # Errors
    ///
    /// [`InvalidDeclaration`] with every problem.
    pub fn validate(&self) -> Result<(), InvalidDeclaration> {
        use DeclarationField as F;
        let mut problems = Vec::new();
        let empty = |field| DeclarationProblem::Empty { field };
        if blank(&self.unit_nature) {
            problems.push(empty(F::UnitNature));
        }
        if blank(&self.principle) {
            problems.push(empty(F::ReviewPrinciple));
        }
        if self.on_establishment.is_none() {
            problems.push(empty(F::OnEstablishment));
        }
        let number = self.business_number.trim();
        if number.is_empty() {
            problems.push(empty(F::BusinessNumber));
        } else if !is_business_number(number) {
            problems.push(DeclarationProblem::BusinessNumber {
                value: self.business_number.clone(),
            });
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(InvalidDeclaration { problems })
        }
    }
}

/// Whether `text` is a 业务编号: 15 ASCII digits, the first 8 a real date `YYYYMMDD`.
fn is_business_number(text: &str) -> bool {
    text.len() == 15
        && text.bytes().all(|b| b.is_ascii_digit())
        && text
            .get(..8)
            .is_some_and(|date| chrono::NaiveDate::parse_from_str(date, "%Y%m%d").is_ok())
}

impl Declaration {
    /// A declaration of `year` with the hours of both subjects and the declared total (which
    /// [`Declaration::validate`] checks); not waived, no remarks.
    pub fn new(
        applicant: Applicant,
        year: i32,
        public: SubjectDeclaration,
        professional: SubjectDeclaration,
        total: Decimal,
    ) -> Self {
        Declaration {
            applicant,
            year,
            public,
            professional,
            total,
            waived: false,
            remarks: None,
            entrusted: false,
            uploads: Uploads::default(),
            employer_review: None,
        }
    }

    /// Sets the uploads of A2 step 7.
    #[must_use]
    pub fn with_uploads(mut self, uploads: Uploads) -> Self {
        self.uploads = uploads;
        self
    }

    /// Marks the applicant's senior-title review as entrusted to Hunan (N.2.3): the
    /// entrustment letter is then required.
    #[must_use]
    pub fn with_entrusted(mut self, entrusted: bool) -> Self {
        self.entrusted = entrusted;
        self
    }

    /// Marks the year as waived by a special assignment (A1.C7).
    #[must_use]
    pub fn with_waived(mut self, waived: bool) -> Self {
        self.waived = waived;
        self
    }

    /// Sets the remarks (备注).
    #[must_use]
    pub fn with_remarks(mut self, remarks: impl Into<String>) -> Self {
        self.remarks = Some(remarks.into());
        self
    }
}

/// A field of the declaration, named by its JSON path (`applicant.phone`, `public.hours`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DeclarationField {
    /// `applicant.id_number` (证件号码).
    IdNumber,
    /// `applicant.name` (姓名).
    Name,
    /// `applicant.gender` (性别).
    Gender,
    /// `applicant.ethnicity` (民族).
    Ethnicity,
    /// `applicant.unit` (单位名称).
    Unit,
    /// `applicant.proposed_title` (拟申报职称).
    ProposedTitle,
    /// `applicant.phone` (联系电话).
    Phone,
    /// `applicant.education` (最高学历).
    Education,
    /// `applicant.category` (申报大类).
    Category,
    /// `applicant.sub_specialty` (子专业名称).
    SubSpecialty,
    /// `year` (年度).
    Year,
    /// `public.name` (公需科目名称).
    PublicName,
    /// `public.form` (公需科目继续教育形式).
    PublicForm,
    /// `public.hours` (公需科目折算学时分).
    PublicHours,
    /// `professional.name` (专业科目名称).
    ProfessionalName,
    /// `professional.form` (专业科目继续教育形式).
    ProfessionalForm,
    /// `professional.hours` (专业科目折算学时分).
    ProfessionalHours,
    /// `total` (合计学时分).
    Total,
    /// `waived` (A1.C7).
    Waived,
    /// `uploads.education` (学历信息, A2 step 7).
    UploadEducation,
    /// `uploads.entrustment` (委托审批函, A2 step 7, N.2.3).
    UploadEntrustment,
    /// `uploads.hours` (学时上传, A2 step 7).
    UploadHours,
    /// `employer_review.unit_nature` (单位性质, A3).
    UnitNature,
    /// `employer_review.principle` (审核原则, A3).
    ReviewPrinciple,
    /// `employer_review.on_establishment` (是否在编, A3).
    OnEstablishment,
    /// `employer_review.business_number` (业务编号, A3).
    BusinessNumber,
}

impl DeclarationField {
    /// The field's JSON path (`applicant.phone`).
    pub fn path(self) -> &'static str {
        match self {
            DeclarationField::IdNumber => "applicant.id_number",
            DeclarationField::Name => "applicant.name",
            DeclarationField::Gender => "applicant.gender",
            DeclarationField::Ethnicity => "applicant.ethnicity",
            DeclarationField::Unit => "applicant.unit",
            DeclarationField::ProposedTitle => "applicant.proposed_title",
            DeclarationField::Phone => "applicant.phone",
            DeclarationField::Education => "applicant.education",
            DeclarationField::Category => "applicant.category",
            DeclarationField::SubSpecialty => "applicant.sub_specialty",
            DeclarationField::Year => "year",
            DeclarationField::PublicName => "public.name",
            DeclarationField::PublicForm => "public.form",
            DeclarationField::PublicHours => "public.hours",
            DeclarationField::ProfessionalName => "professional.name",
            DeclarationField::ProfessionalForm => "professional.form",
            DeclarationField::ProfessionalHours => "professional.hours",
            DeclarationField::Total => "total",
            DeclarationField::Waived => "waived",
            DeclarationField::UploadEducation => "uploads.education",
            DeclarationField::UploadEntrustment => "uploads.entrustment",
            DeclarationField::UploadHours => "uploads.hours",
            DeclarationField::UnitNature => "employer_review.unit_nature",
            DeclarationField::ReviewPrinciple => "employer_review.principle",
            DeclarationField::OnEstablishment => "employer_review.on_establishment",
            DeclarationField::BusinessNumber => "employer_review.business_number",
        }
    }

    /// The field's label on the online form (`联系电话`).
    pub fn label(self) -> &'static str {
        match self {
            DeclarationField::IdNumber => "证件号码",
            DeclarationField::Name => "姓名",
            DeclarationField::Gender => "性别",
            DeclarationField::Ethnicity => "民族",
            DeclarationField::Unit => "单位名称",
            DeclarationField::ProposedTitle => "拟申报职称",
            DeclarationField::Phone => "联系电话",
            DeclarationField::Education => "最高学历",
            DeclarationField::Category => "申报大类",
            DeclarationField::SubSpecialty => "子专业名称",
            DeclarationField::Year => "年度",
            DeclarationField::PublicName => "公需科目名称",
            DeclarationField::PublicForm => "公需科目继续教育形式",
            DeclarationField::PublicHours => "公需科目折算学时分",
            DeclarationField::ProfessionalName => "专业科目名称",
            DeclarationField::ProfessionalForm => "专业科目继续教育形式",
            DeclarationField::ProfessionalHours => "专业科目折算学时分",
            DeclarationField::Total => "合计学时分",
            DeclarationField::Waived => "视为完成(A1.C7)",
            DeclarationField::UploadEducation => "学历信息",
            DeclarationField::UploadEntrustment => "委托审批函",
            DeclarationField::UploadHours => "学时上传",
            DeclarationField::UnitNature => "单位性质",
            DeclarationField::ReviewPrinciple => "审核原则",
            DeclarationField::OnEstablishment => "是否在编",
            DeclarationField::BusinessNumber => "业务编号",
        }
    }
}

impl fmt::Display for DeclarationField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.path())
    }
}

/// One problem of a declaration, naming its field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
#[non_exhaustive]
pub enum DeclarationProblem {
    /// A required field is empty (or only spaces).
    #[error("`{field}` must not be empty")]
    Empty {
        /// The field.
        field: DeclarationField,
    },
    /// The ID number is not a valid resident ID number.
    #[error("`applicant.id_number`: {error}")]
    IdNumber {
        /// Why.
        error: IdNumberError,
    },
    /// The phone number is neither a mainland mobile nor a landline number.
    #[error(
        "`applicant.phone`: `{value}` is neither a mainland mobile number (11 digits, `1[3-9]…`) nor a landline number (`0731-84567890`)"
    )]
    Phone {
        /// The text given.
        value: String,
    },
    /// The gender given disagrees with the ID number's sequence digit.
    #[error(
        "`applicant.gender`: `{declared}` disagrees with the ID number, which says `{from_id}`"
    )]
    Gender {
        /// The gender declared.
        declared: Gender,
        /// The gender the ID number gives.
        from_id: Gender,
    },
    /// The year lies outside 1–9999.
    #[error("`year`: {year} lies outside 1–9999")]
    Year {
        /// The year given.
        year: i32,
    },
    /// Hours below zero.
    #[error("`{field}`: `{}` is negative", .hours.normalize())]
    NegativeHours {
        /// The hours field.
        field: DeclarationField,
        /// The hours given.
        #[serde(with = "wire::decimal")]
        hours: Decimal,
    },
    /// The total is not public plus professional hours.
    #[error("`total`: `{}` is not public `{}` plus professional `{}`", .total.normalize(), .public.normalize(), .professional.normalize())]
    Total {
        /// Public hours declared.
        #[serde(with = "wire::decimal")]
        public: Decimal,
        /// Professional hours declared.
        #[serde(with = "wire::decimal")]
        professional: Decimal,
        /// Total declared.
        #[serde(with = "wire::decimal")]
        total: Decimal,
    },
    /// The year lies outside the evaluated span.
    #[error("`year`: {year} lies outside the evaluated span {from}–{to}")]
    YearNotEvaluated {
        /// The year declared.
        year: i32,
        /// First year of the report's span.
        from: i32,
        /// Last year of the report's span.
        to: i32,
    },
    /// Declared hours differ from the evaluation's figures for the year.
    #[error("`{field}`: `{}` declared, but the evidence is credited `{}`", .declared.normalize(), .evaluated.normalize())]
    HoursMismatch {
        /// The hours field.
        field: DeclarationField,
        /// Hours declared.
        #[serde(with = "wire::decimal")]
        declared: Decimal,
        /// Hours the evaluation credits.
        #[serde(with = "wire::decimal")]
        evaluated: Decimal,
    },
    /// The waiver flag differs from the evaluation (A1.C7).
    #[error("`waived`: `{declared}` declared, but the evaluation says `{evaluated}` (A1.C7)")]
    WaiverMismatch {
        /// The flag declared.
        declared: bool,
        /// The evaluation's flag.
        evaluated: bool,
    },
    /// A required upload of A2 step 7 is missing (学历信息, 学时上传, or 委托审批函 when the
    /// review is entrusted, N.2.3).
    #[error("`{field}`: nothing uploaded; A2 step 7 requires it")]
    MissingUpload {
        /// The upload field.
        field: DeclarationField,
    },
    /// An uploaded file the upload rules refuse (A2).
    #[error("`{field}`: `{}` is refused: {}", .file.escape_debug(), .reasons.iter().map(UploadRefusal::message).collect::<Vec<_>>().join("; "))]
    UploadRefused {
        /// The upload field.
        field: DeclarationField,
        /// The file name.
        file: String,
        /// Why it is refused.
        reasons: Vec<UploadRefusal>,
    },
    /// A 业务编号 that is not 15 digits starting with a real date (A3).
    #[error(
        "`employer_review.business_number`: `{}` is not 15 digits starting with a date `YYYYMMDD`", .value.escape_debug()
    )]
    BusinessNumber {
        /// The text given.
        value: String,
    },
}

impl DeclarationProblem {
    /// The field the problem is about.
    pub fn field(&self) -> DeclarationField {
        match self {
            DeclarationProblem::Empty { field }
            | DeclarationProblem::NegativeHours { field, .. }
            | DeclarationProblem::HoursMismatch { field, .. }
            | DeclarationProblem::MissingUpload { field }
            | DeclarationProblem::UploadRefused { field, .. } => *field,
            DeclarationProblem::BusinessNumber { .. } => DeclarationField::BusinessNumber,
            DeclarationProblem::IdNumber { .. } => DeclarationField::IdNumber,
            DeclarationProblem::Phone { .. } => DeclarationField::Phone,
            DeclarationProblem::Gender { .. } => DeclarationField::Gender,
            DeclarationProblem::Year { .. } | DeclarationProblem::YearNotEvaluated { .. } => {
                DeclarationField::Year
            }
            DeclarationProblem::Total { .. } => DeclarationField::Total,
            DeclarationProblem::WaiverMismatch { .. } => DeclarationField::Waived,
        }
    }
}

/// Every problem of a declaration, in field order (never empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvalidDeclaration {
    /// The problems, each naming its field.
    pub problems: Vec<DeclarationProblem>,
}

impl fmt::Display for InvalidDeclaration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InvalidDeclaration {}

/// Why [`Declaration::from_report`] cannot fill a declaration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "error", rename_all = "snake_case")]
#[non_exhaustive]
pub enum FromReportError {
    /// The year lies outside the report's span.
    #[error("year {year} lies outside the evaluated span {from}–{to}")]
    YearNotEvaluated {
        /// The year asked for.
        year: i32,
        /// First year of the report's span.
        from: i32,
        /// Last year of the report's span.
        to: i32,
    },
    /// A credit names an item the record does not hold (the report is of another record).
    #[error("the report credits evidence `{id}`, which the record does not hold")]
    UnknownEvidence {
        /// The evidence ID.
        id: String,
    },
}

/// Whether `text` is a mainland mobile number: 11 digits, `1` then `3`–`9`.
fn is_mobile(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 11
        && b.iter().all(u8::is_ascii_digit)
        && b.first() == Some(&b'1')
        && b.get(1).is_some_and(|c| (b'3'..=b'9').contains(c))
}

/// Whether `text` is a landline number: an area code of 3 or 4 digits starting with `0`, a
/// hyphen, and a local number of 7 or 8 digits not starting with `0` or `1`.
fn is_landline(text: &str) -> bool {
    let Some((area, local)) = text.split_once('-') else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    digits(area)
        && digits(local)
        && (3..=4).contains(&area.len())
        && area.starts_with('0')
        && (7..=8).contains(&local.len())
        && !local.starts_with(['0', '1'])
}

/// Whether a field shows nothing: empty, or only blanks and invisible characters.
fn blank(text: &str) -> bool {
    super::text::is_blank(text)
}

impl Declaration {
    /// Checks the form on its own and returns every problem found.
    ///
    /// - Required texts (every applicant field but `gender`) must not be blank (nothing but
    ///   spaces or invisible characters such as U+200B counts as blank).
    /// - `applicant.id_number`: 18 characters, a real birth date in characters 7–14 and the
    ///   GB 11643 check character (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, remainders
    ///   mod 11 mapped to `10X98765432`); a lower-case `x` counts as `X`.
    /// - `applicant.gender`, when given, must agree with the ID number (odd sequence: male).
    /// - `applicant.phone`: a mainland mobile number (11 digits, `1` then `3`–`9`) or a
    ///   landline number written `area-local` (area code of 3–4 digits starting with `0`,
    ///   local number of 7–8 digits not starting with `0` or `1`: `0731-84567890`).
    /// - `year` within 1–9999; hours and total not negative; the total equal to public plus
    ///   professional hours.
    /// - A subject's `name` and `form` are required when its hours are above zero (a year
    ///   without public hours, such as a waived one, has nothing to name).
    /// - The uploads of A2 step 7: at least one 学历信息 and one 学时上传 file, and a 委托审批函
    ///   when the review is [`entrusted`](Declaration::entrusted) (N.2.3); every file must pass
    ///   the upload rules (A2: the built-in ones of hunan-2024 here, a policy's with
    ///   [`Declaration::validate_with`]).
    ///
    /// # Errors
    ///
    /// [`InvalidDeclaration`] with every problem, each naming its field.
    pub fn validate(&self) -> Result<(), InvalidDeclaration> {
        self.validate_with(&UploadRules::hunan_2024())
    }

    /// Checks the form as [`Declaration::validate`] does, its uploads under `uploads` (a
    /// policy's `materials.uploads`).
    ///
    /// # Errors
    ///
    /// [`InvalidDeclaration`] with every problem, each naming its field.
    pub fn validate_with(&self, uploads: &UploadRules) -> Result<(), InvalidDeclaration> {
        let problems = self.problems(uploads);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(InvalidDeclaration { problems })
        }
    }

    /// Checks the form as [`Declaration::validate`] does, and also that its year lies in the
    /// report's span and its hours and waiver are the report's figures for that year.
    ///
    /// The report is the evaluation of the applicant's evidence under the policy
    /// ([`crate::evaluate()`]).
    ///
    /// # Errors
    ///
    /// [`InvalidDeclaration`] with every problem, each naming its field.
    pub fn validate_against(&self, report: &Report) -> Result<(), InvalidDeclaration> {
        let mut problems = self.problems(&UploadRules::hunan_2024());
        match report.year(self.year) {
            None => problems.push(DeclarationProblem::YearNotEvaluated {
                year: self.year,
                from: report.span.from,
                to: report.span.to,
            }),
            Some(y) => {
                let pairs = [
                    (DeclarationField::PublicHours, self.public.hours, y.public),
                    (
                        DeclarationField::ProfessionalHours,
                        self.professional.hours,
                        y.professional,
                    ),
                    (DeclarationField::Total, self.total, y.total),
                ];
                for (field, declared, evaluated) in pairs {
                    if declared != evaluated {
                        problems.push(DeclarationProblem::HoursMismatch {
                            field,
                            declared,
                            evaluated,
                        });
                    }
                }
                if self.waived != y.waived {
                    problems.push(DeclarationProblem::WaiverMismatch {
                        declared: self.waived,
                        evaluated: y.waived,
                    });
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(InvalidDeclaration { problems })
        }
    }

    /// A draft declaration for `year`, its hours, forms and waiver filled from `report`, the
    /// evaluation of `record`.
    ///
    /// Hours are the year's public, professional and total figures. Each subject's form lists
    /// the forms of study of the items credited to it, in record order, without repeats
    /// (`培训班、论文`); a year covered by an earlier certificate shows `学时认定单` (N.3.3).
    /// Names are `{year}公需科目` and `{year}专业科目`, as the online system writes them; a
    /// waived year (A1.C7) names its assignments in the remarks. Every field stays public, so a
    /// caller can change any of them before submitting.
    ///
    /// # Errors
    ///
    /// [`FromReportError`] when the year lies outside the report's span, or a credit names an
    /// item `record` does not hold.
    pub fn from_report(
        applicant: Applicant,
        record: &Record,
        report: &Report,
        year: i32,
    ) -> Result<Declaration, FromReportError> {
        let y = report.year(year).ok_or(FromReportError::YearNotEvaluated {
            year,
            from: report.span.from,
            to: report.span.to,
        })?;
        let items: HashMap<&str, &Evidence> =
            record.evidence.iter().map(|e| (e.id.as_str(), e)).collect();
        let public = forms(y, Subject::Public, &items)?;
        let professional = forms(y, Subject::Professional, &items)?;
        let remarks = y.waived.then(|| {
            let ids: Vec<&str> = y.waived_by.iter().map(EvidenceId::as_str).collect();
            format!(
                "A1.C7:特定工作任务考核合格,视为完成当年继续教育学时 / year waived by assignment {}",
                ids.join(", ")
            )
        });
        Ok(Declaration {
            applicant,
            year,
            public: SubjectDeclaration {
                name: format!("{year}公需科目"),
                form: public,
                hours: y.public,
            },
            professional: SubjectDeclaration {
                name: format!("{year}专业科目"),
                form: professional,
                hours: y.professional,
            },
            total: y.total,
            waived: y.waived,
            remarks,
            entrusted: false,
            uploads: Uploads::default(),
            employer_review: None,
        })
    }

    /// Every problem of the form itself, in field order.
    fn problems(&self, uploads: &UploadRules) -> Vec<DeclarationProblem> {
        use DeclarationField as F;
        let mut out = Vec::new();
        let a = &self.applicant;
        let empty = |field| DeclarationProblem::Empty { field };
        let id = if blank(&a.id_number) {
            out.push(empty(F::IdNumber));
            None
        } else {
            match IdNumber::parse(a.id_number.trim()) {
                Ok(id) => Some(id),
                Err(error) => {
                    out.push(DeclarationProblem::IdNumber { error });
                    None
                }
            }
        };
        if blank(&a.name) {
            out.push(empty(F::Name));
        }
        if let (Some(declared), Some(id)) = (a.gender, &id) {
            let from_id = id.gender();
            if declared != from_id {
                out.push(DeclarationProblem::Gender { declared, from_id });
            }
        }
        for (field, text) in [
            (F::Ethnicity, &a.ethnicity),
            (F::Unit, &a.unit),
            (F::ProposedTitle, &a.proposed_title),
        ] {
            if blank(text) {
                out.push(empty(field));
            }
        }
        let phone = a.phone.trim();
        if phone.is_empty() {
            out.push(empty(F::Phone));
        } else if !is_mobile(phone) && !is_landline(phone) {
            out.push(DeclarationProblem::Phone {
                value: a.phone.clone(),
            });
        }
        for (field, text) in [
            (F::Education, &a.education),
            (F::Category, &a.category),
            (F::SubSpecialty, &a.sub_specialty),
        ] {
            if blank(text) {
                out.push(empty(field));
            }
        }
        if !YEARS.contains(&self.year) {
            out.push(DeclarationProblem::Year { year: self.year });
        }
        let subjects = [
            (&self.public, F::PublicName, F::PublicForm, F::PublicHours),
            (
                &self.professional,
                F::ProfessionalName,
                F::ProfessionalForm,
                F::ProfessionalHours,
            ),
        ];
        for (line, name, form, hours) in subjects {
            if line.hours > Decimal::ZERO {
                if blank(&line.name) {
                    out.push(empty(name));
                }
                if blank(&line.form) {
                    out.push(empty(form));
                }
            }
            if line.hours < Decimal::ZERO {
                out.push(DeclarationProblem::NegativeHours {
                    field: hours,
                    hours: line.hours,
                });
            }
        }
        if self.total < Decimal::ZERO {
            out.push(DeclarationProblem::NegativeHours {
                field: F::Total,
                hours: self.total,
            });
        }
        if self.public.hours.checked_add(self.professional.hours) != Some(self.total) {
            out.push(DeclarationProblem::Total {
                public: self.public.hours,
                professional: self.professional.hours,
                total: self.total,
            });
        }
        let u = &self.uploads;
        for (field, files, required) in [
            (F::UploadEducation, &u.education, true),
            (F::UploadEntrustment, &u.entrustment, self.entrusted),
            (F::UploadHours, &u.hours, true),
        ] {
            if required && files.is_empty() {
                out.push(DeclarationProblem::MissingUpload { field });
            }
            for file in files {
                let reasons = file.refusals(uploads);
                if !reasons.is_empty() {
                    out.push(DeclarationProblem::UploadRefused {
                        field,
                        file: file.file.clone(),
                        reasons,
                    });
                }
            }
        }
        out
    }
}

/// The forms of study credited to `subject` in year `y`, joined with `、`.
fn forms(
    y: &YearReport,
    subject: Subject,
    items: &HashMap<&str, &Evidence>,
) -> Result<String, FromReportError> {
    let mut names: Vec<&'static str> = Vec::new();
    for credit in y.credits.iter().filter(|c| c.subject == subject) {
        let id = credit.evidence.as_str();
        let evidence = items
            .get(id)
            .ok_or_else(|| FromReportError::UnknownEvidence { id: id.to_owned() })?;
        let name = form_name(&evidence.activity);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    Ok(names.join("、"))
}

/// The form of study (继续教育形式) of an activity, in the notice's words.
fn form_name(activity: &Activity) -> &'static str {
    match activity {
        Activity::Training(t) => match t.format {
            Some(TrainingFormat::Seminar) => "研修班",
            Some(TrainingFormat::AdvancedStudy) => "进修班",
            Some(TrainingFormat::Class) | None => "培训班",
        },
        Activity::Practice(_) => "实践活动",
        Activity::Conference(c) => match c.activity {
            Some(MeetingKind::Lecture) => "讲座",
            Some(MeetingKind::Visit) => "访问",
            Some(MeetingKind::Exchange) => "交流",
            Some(MeetingKind::Conference) | None => "学术会议",
        },
        Activity::OverseasExchange(_) => "海外交换(交流)",
        Activity::OnlineCourse(_) => "网络平台课程",
        Activity::PlatformTraining(_) => "事业单位工作人员培训",
        Activity::ResearchProject(_) => "课题研究与项目开发",
        Activity::Book(b) => match b.work {
            Some(BookKind::Translation) => "译作",
            Some(BookKind::Textbook) => "教材",
            Some(BookKind::Monograph) | None => "著作",
        },
        Activity::Paper(_) => "论文",
        Activity::Patent(p) => match p.class {
            PatentClass::Invention => "发明专利",
            PatentClass::UtilityModel => "实用新型专利",
            PatentClass::Design => "外观设计专利",
        },
        Activity::Award(_) => "科技(社科)奖项",
        Activity::SkillsExam(s) => match s.exam {
            SkillsExamKind::Digital => "数字技术应用能力水平考试",
            SkillsExamKind::Computer => "计算机应用能力考试",
        },
        Activity::DegreeCourse(_) => "学历(学位)教育",
        Activity::QualificationExam(_) => "职业资格考试",
        Activity::Assignment(_) => "特定工作任务",
        Activity::PriorCertificate(_) => "学时认定单",
        Activity::Declared(_) => "其他形式",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        assert!(is_mobile("18890987651"));
        assert!(!is_mobile("12890987651"));
        assert!(!is_mobile("1889098765"));
        assert!(is_landline("0731-84567890"));
        assert!(is_landline("010-2345678"));
        assert!(!is_landline("731-84567890"));
        assert!(!is_landline("0731-04567890"));
        assert!(!is_landline("0731-845678901"));
    }
}
