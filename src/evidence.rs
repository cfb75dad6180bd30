//! The evidence a professional brings: one typed value per activity kind of the notice.

mod build;
mod id;
mod wire_shapes;

use wire_shapes::{ConferenceWire, DayWire, TrainingWire};

pub use id::{EmptyId, EvidenceId};

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::wire;

/// 公需科目 or 专业科目 (N.1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// 公需科目: the public subject.
    Public,
    /// 专业科目: the professional subject.
    Professional,
    /// 选修 (个人选学): a third bucket some policies keep (not in hunan-2024).
    Elective,
}

impl Subject {
    /// The subject a day-based or certified item counts for when none is declared.
    pub const DEFAULT: Subject = Subject::Professional;

    /// The subject as written in JSON (`"public"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Public => "public",
            Subject::Professional => "professional",
            Subject::Elective => "elective",
        }
    }
}

impl fmt::Display for Subject {
    /// As written in JSON (`public`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The level of a project or award. `national` and `provincial` are both 省部级及以上.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Level {
    /// 国家级.
    National,
    /// 省(部)级.
    Provincial,
    /// 市(厅)级.
    Municipal,
    /// Below municipal: not credited.
    Other,
}

impl Level {
    /// The level as written in JSON (`"provincial"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Provincial => "provincial",
            Level::Municipal => "municipal",
            Level::Other => "other",
        }
    }
}

impl fmt::Display for Level {
    /// As written in JSON (`provincial`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who sponsored a research project (A1.C2: 政府或行业组织).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Sponsor {
    /// A government body.
    Government,
    /// An industry organisation.
    Industry,
    /// Anyone else: not credited.
    Other,
}

/// A person's role on a research project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 主持人.
    Host,
    /// Any other signatory.
    Member,
}

/// The form of a training (A1.M1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TrainingFormat {
    /// 培训班.
    Class,
    /// 研修班.
    Seminar,
    /// 进修班.
    AdvancedStudy,
}

/// Who ran a training (N.3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Provider {
    /// The employer itself: counts only when filed beforehand.
    Employer,
    /// A national continuing-education base.
    NationalBase,
    /// A provincial continuing-education base.
    ProvincialBase,
    /// Anyone else.
    Other,
}

/// What kind of meeting a conference item is (A1.M4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MeetingKind {
    /// 学术会议.
    Conference,
    /// 讲座.
    Lecture,
    /// 访问.
    Visit,
    /// 交流.
    Exchange,
}

/// A book's kind (A1.C3: 著作、译作或教材).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BookKind {
    /// 著作.
    Monograph,
    /// 译作.
    Translation,
    /// 教材.
    Textbook,
}

/// A patent's class (A1.C4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PatentClass {
    /// 国家发明专利.
    Invention,
    /// 实用新型专利.
    UtilityModel,
    /// 外观设计专利: not credited.
    Design,
}

/// An award's grade (A1.C5, I-4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Grade {
    /// 特等奖 (I-4).
    Special,
    /// 一等奖.
    First,
    /// 二等奖.
    Second,
    /// 三等奖.
    Third,
}

/// Which skills exam was passed (A1.C6, I-5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SkillsExamKind {
    /// 数字技术应用能力水平考试.
    Digital,
    /// The older computer-application exam (I-5).
    Computer,
}

/// The special task of an assignment (A1.C7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Program {
    /// 援藏.
    AidTibet,
    /// 援疆.
    AidXinjiang,
    /// 援外.
    AidAbroad,
    /// 东西部扶贫协作.
    EastWest,
    /// Public-health front line.
    PublicHealth,
    /// Another provincial-or-above special task.
    Other,
}

/// A day-based period: start, optional end (default start) and the days attended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Period {
    /// First day.
    #[serde(with = "wire::date")]
    pub start: NaiveDate,
    /// Last day; `None` means the same as `start`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_date"
    )]
    pub end: Option<NaiveDate>,
    /// Days attended, a positive multiple of 0.5.
    #[serde(with = "wire::decimal")]
    pub days: Decimal,
}

impl Period {
    /// The last day (the start when no end is given).
    pub fn last_day(&self) -> NaiveDate {
        self.end.unwrap_or(self.start)
    }
}

/// An activity credited by days (A1.C1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "DayWire", into = "DayWire")]
#[non_exhaustive]
pub struct DayActivity {
    /// Declared subject (default professional).
    pub subject: Option<Subject>,
    /// When and how many days.
    pub period: Period,
}

/// A training class, seminar or advanced study (A1.C1, A1.M1, N.3.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "TrainingWire", into = "TrainingWire")]
#[non_exhaustive]
pub struct Training {
    /// Declared subject (default professional).
    pub subject: Option<Subject>,
    /// Class, seminar or advanced study.
    pub format: Option<TrainingFormat>,
    /// Who ran it.
    pub provider: Option<Provider>,
    /// Whether employer-run training was filed (备案) beforehand.
    pub filed: Option<bool>,
    /// When and how many days.
    pub period: Period,
    /// Full-time or part-time (a condition of some policies' day rates; not read by
    /// hunan-2024).
    pub mode: Option<Mode>,
    /// Hours stated or approved by the organiser or the sending unit (credited by policies
    /// that count training by its hours; hunan-2024 counts days).
    pub hours: Option<Decimal>,
}

/// A conference, lecture, visit or exchange (A1.C1, A1.M4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "ConferenceWire", into = "ConferenceWire")]
#[non_exhaustive]
pub struct Conference {
    /// Declared subject (default professional).
    pub subject: Option<Subject>,
    /// Which kind of meeting.
    pub activity: Option<MeetingKind>,
    /// When and how many days.
    pub period: Period,
    /// The event's level (read only by policies that credit conferences by level; not by
    /// hunan-2024).
    pub level: Option<Level>,
    /// Characters of a paper presented at the event (a presenting bonus of some policies).
    pub presented_characters: Option<u64>,
}

/// An item credited with the hours its certificate states (online course, platform training).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CertifiedHours {
    /// Declared subject (default professional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Subject>,
    /// Completion date.
    #[serde(with = "wire::date")]
    pub date: NaiveDate,
    /// Hours stated on the certificate.
    #[serde(with = "wire::decimal")]
    pub hours: Decimal,
}

/// A research project (A1.C2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ResearchProject {
    /// Level of the project.
    pub level: Level,
    /// Sponsor (default government).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sponsor: Option<Sponsor>,
    /// Host or member.
    pub role: Role,
    /// Signature position, 1 = first name.
    pub rank: u32,
    /// Completion (结题) date.
    #[serde(with = "wire::date")]
    pub completed: NaiveDate,
    /// A tier some policies credit apart (`sub_project`, a 子课题); not read by hunan-2024.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
}

/// A book, translation or textbook (A1.C3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Book {
    /// Monograph, translation or textbook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work: Option<BookKind>,
    /// 1 = sole or first author.
    pub author_rank: u32,
    /// Publication date.
    #[serde(with = "wire::date")]
    pub published: NaiveDate,
    /// Title (used to find the same book twice, I-8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// ISBN-10 or ISBN-13 as printed (rev. 2; the key of the same book twice, I-8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isbn: Option<String>,
}

/// A journal paper (A1.C3, I-6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Paper {
    /// 1 = sole or first author.
    pub author_rank: u32,
    /// Publication date.
    #[serde(with = "wire::date")]
    pub published: NaiveDate,
    /// Unified serial number: CN for domestic, ISSN for foreign journals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial: Option<String>,
    /// Journal name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journal: Option<String>,
    /// Title (used to find the same paper twice, I-8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Whether the journal is foreign.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foreign: Option<bool>,
}

/// A patent (A1.C4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Patent {
    /// Invention, utility model or design.
    pub class: PatentClass,
    /// Rank among the inventors, 1 = sole or first.
    pub rank: u32,
    /// Grant date.
    #[serde(with = "wire::date")]
    pub granted: NaiveDate,
    /// Patent number (used to find the same patent twice, I-8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
}

/// A science and technology (social science) award (A1.C5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Award {
    /// Level of the award.
    pub level: Level,
    /// Grade of the award.
    pub grade: Grade,
    /// Award date.
    #[serde(with = "wire::date")]
    pub awarded: NaiveDate,
    /// Name of the award.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A passed skills exam (A1.C6, I-5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SkillsExam {
    /// Which exam.
    pub exam: SkillsExamKind,
    /// Modules passed.
    pub modules: u32,
    /// Pass date.
    #[serde(with = "wire::date")]
    pub passed: NaiveDate,
}

/// Courses passed in degree study (A1.C8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DegreeCourse {
    /// Courses passed.
    pub courses: u32,
    /// Pass date.
    #[serde(with = "wire::date")]
    pub passed: NaiveDate,
}

/// Subjects passed in a professional qualification exam (A1.C9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct QualificationExam {
    /// Exam subjects passed.
    pub subjects: u32,
    /// Pass date.
    #[serde(with = "wire::date")]
    pub passed: NaiveDate,
}

/// A provincial-or-above special assignment (A1.C7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Assignment {
    /// Which special task.
    pub program: Program,
    /// First day.
    #[serde(with = "wire::date")]
    pub start: NaiveDate,
    /// Last day.
    #[serde(with = "wire::date")]
    pub end: NaiveDate,
    /// Whether the assessment (考核) was passed.
    pub assessment_passed: bool,
    /// The level of the body that sent the person (rev. 2, A1.C7: 省级以上); needed for
    /// `public_health` and `other` programs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
}

/// One year of an earlier 学时认定单 (N.3.3). (Read field by field, an error naming the
/// field; the reader is in `record.rs`.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CertifiedYear {
    /// The calendar year.
    pub year: i32,
    /// Public hours certified.
    #[serde(with = "wire::decimal")]
    pub public: Decimal,
    /// Professional hours certified.
    #[serde(with = "wire::decimal")]
    pub professional: Decimal,
}

/// An earlier 学时认定单 covering some years (N.3.3, I-9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PriorCertificate {
    /// The years it covers, with their figures.
    pub years: Vec<CertifiedYear>,
}

/// What an evidence item is: one variant per `kind` of the JSON contract.
///
/// Serialises as the contract's flat object without `id` and `documents`
/// (`{"kind": "paper", "author_rank": 1, "published": "2020-06-15"}`); each kind refuses
/// fields that are not its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Activity {
    /// `training` (A1.C1, N.3.1).
    Training(Training),
    /// `practice` (A1.C1).
    Practice(DayActivity),
    /// `conference` (A1.C1).
    Conference(Conference),
    /// `overseas_exchange` (A1.C1).
    OverseasExchange(DayActivity),
    /// `online_course` (A1.M3, I-3).
    OnlineCourse(CertifiedHours),
    /// `platform_training` (N.3.2).
    PlatformTraining(CertifiedHours),
    /// `research_project` (A1.C2).
    ResearchProject(ResearchProject),
    /// `book` (A1.C3).
    Book(Book),
    /// `paper` (A1.C3).
    Paper(Paper),
    /// `patent` (A1.C4).
    Patent(Patent),
    /// `award` (A1.C5).
    Award(Award),
    /// `skills_exam` (A1.C6, I-5).
    SkillsExam(SkillsExam),
    /// `degree_course` (A1.C8).
    DegreeCourse(DegreeCourse),
    /// `qualification_exam` (A1.C9).
    QualificationExam(QualificationExam),
    /// `assignment` (A1.C7).
    Assignment(Assignment),
    /// `prior_certificate` (N.3.3).
    PriorCertificate(PriorCertificate),
    /// `declared`: an activity of a kind the policy declares (`type`), credited by the method
    /// its `credits` entry names. Not credited by hunan-2024.
    Declared(DeclaredActivity),
}

/// Full-time or part-time study (a condition some day rates depend on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Mode {
    /// 脱产: full-time.
    FullTime,
    /// 不脱产: part-time.
    PartTime,
}

/// An activity of a kind its policy declares (`{"kind": "declared", "type": "teaching", …}`):
/// teaching, lectures given, self-study exams, self-study output, study tours, a degree, or any
/// other kind a document credits. Every measure is optional; the method of the policy's
/// `credits` entry for `type` says which it needs (a missing one is an error finding).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DeclaredActivity {
    /// The kind, as the policy declares it (`teaching`).
    #[serde(rename = "type")]
    pub activity_type: String,
    /// Declared subject (a policy entry may route it elsewhere; default professional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Subject>,
    /// The date it is credited on (completion, award, publication).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_date"
    )]
    pub date: Option<NaiveDate>,
    /// First day, for an activity that runs over days (or a degree's start).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_date"
    )]
    pub start: Option<NaiveDate>,
    /// Last day (default `start`; a degree's completion).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_date"
    )]
    pub end: Option<NaiveDate>,
    /// Days attended, a positive multiple of 0.5.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_decimal"
    )]
    pub days: Option<Decimal>,
    /// Hours stated or taught (clock hours unless the policy says otherwise).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_decimal"
    )]
    pub hours: Option<Decimal>,
    /// A count: courses or exam subjects passed, items completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// Characters written (self-study output).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub characters: Option<u64>,
    /// Level of the event, project or award.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// Rank (1 = sole or first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    /// Full-time or part-time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    /// A tier the policy names (`sub_project`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    /// Characters of a paper presented at the event (a presenting bonus).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presented_characters: Option<u64>,
}

impl DeclaredActivity {
    /// An activity of the declared kind `activity_type`, with no measures yet.
    pub fn new(activity_type: impl Into<String>) -> Self {
        DeclaredActivity {
            activity_type: activity_type.into(),
            ..DeclaredActivity::default()
        }
    }
}

/// The `kind` of an evidence item, without its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Kind {
    /// Training class, seminar or advanced study.
    Training,
    /// Practice activity.
    Practice,
    /// Conference, lecture, visit or exchange.
    Conference,
    /// Overseas exchange.
    OverseasExchange,
    /// Online or distance course.
    OnlineCourse,
    /// Public-institution staff training platform.
    PlatformTraining,
    /// Research project.
    ResearchProject,
    /// Book, translation or textbook.
    Book,
    /// Journal paper.
    Paper,
    /// Patent.
    Patent,
    /// Science and technology award.
    Award,
    /// Digital-technology or computer-application exam.
    SkillsExam,
    /// Degree-study course.
    DegreeCourse,
    /// Professional qualification exam.
    QualificationExam,
    /// Special assignment.
    Assignment,
    /// Earlier 学时认定单.
    PriorCertificate,
    /// A kind the policy declares (its `type`).
    Declared,
}

impl Kind {
    /// Every kind, in the order of the JSON contract.
    pub const ALL: [Kind; 17] = [
        Kind::Training,
        Kind::Practice,
        Kind::Conference,
        Kind::OverseasExchange,
        Kind::OnlineCourse,
        Kind::PlatformTraining,
        Kind::ResearchProject,
        Kind::Book,
        Kind::Paper,
        Kind::Patent,
        Kind::Award,
        Kind::SkillsExam,
        Kind::DegreeCourse,
        Kind::QualificationExam,
        Kind::Assignment,
        Kind::PriorCertificate,
        Kind::Declared,
    ];

    /// The kind as written in JSON (`"online_course"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Training => "training",
            Kind::Practice => "practice",
            Kind::Conference => "conference",
            Kind::OverseasExchange => "overseas_exchange",
            Kind::OnlineCourse => "online_course",
            Kind::PlatformTraining => "platform_training",
            Kind::ResearchProject => "research_project",
            Kind::Book => "book",
            Kind::Paper => "paper",
            Kind::Patent => "patent",
            Kind::Award => "award",
            Kind::SkillsExam => "skills_exam",
            Kind::DegreeCourse => "degree_course",
            Kind::QualificationExam => "qualification_exam",
            Kind::Assignment => "assignment",
            Kind::PriorCertificate => "prior_certificate",
            Kind::Declared => "declared",
        }
    }

    /// Parses a kind as written in JSON; the same as [`str::parse`] without the error.
    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// A text that names no evidence kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown evidence kind `{0}`")]
pub struct UnknownKind(pub String);

impl std::str::FromStr for Kind {
    type Err = UnknownKind;

    /// Parses a kind as written in JSON (`"online_course"`).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Kind::parse(text).ok_or_else(|| UnknownKind(text.to_owned()))
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Activity {
    /// This activity's kind.
    pub fn kind(&self) -> Kind {
        match self {
            Activity::Training(_) => Kind::Training,
            Activity::Practice(_) => Kind::Practice,
            Activity::Conference(_) => Kind::Conference,
            Activity::OverseasExchange(_) => Kind::OverseasExchange,
            Activity::OnlineCourse(_) => Kind::OnlineCourse,
            Activity::PlatformTraining(_) => Kind::PlatformTraining,
            Activity::ResearchProject(_) => Kind::ResearchProject,
            Activity::Book(_) => Kind::Book,
            Activity::Paper(_) => Kind::Paper,
            Activity::Patent(_) => Kind::Patent,
            Activity::Award(_) => Kind::Award,
            Activity::SkillsExam(_) => Kind::SkillsExam,
            Activity::DegreeCourse(_) => Kind::DegreeCourse,
            Activity::QualificationExam(_) => Kind::QualificationExam,
            Activity::Assignment(_) => Kind::Assignment,
            Activity::PriorCertificate(_) => Kind::PriorCertificate,
            Activity::Declared(_) => Kind::Declared,
        }
    }

    /// The declared subject and period of a day-based activity (the four A1.C1 kinds).
    pub fn day_based(&self) -> Option<(Option<Subject>, &Period)> {
        match self {
            Activity::Training(t) => Some((t.subject, &t.period)),
            Activity::Practice(d) | Activity::OverseasExchange(d) => Some((d.subject, &d.period)),
            Activity::Conference(c) => Some((c.subject, &c.period)),
            _ => None,
        }
    }
}

/// A document type that may be uploaded for an item (A1.M, N.3.2, N.3.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[expect(
    missing_docs,
    reason = "each variant is named after the document it stands for; the materials module describes them in Chinese and English"
)]
pub enum DocumentType {
    Notice,
    Schedule,
    Attendance,
    CompletionCertificate,
    SealedDispatchNotice,
    RegistrationForm,
    ActivityLog,
    CourseDuration,
    CourseContent,
    Invitation,
    SealedReceipt,
    StudyNotes,
    MeetingDirectory,
    EmailReceipt,
    ReimbursementRecord,
    OtherSupporting,
    ProjectCompletionCertificate,
    BookCover,
    CopyrightPage,
    TableOfContents,
    JournalCover,
    SerialPage,
    RetrievalProof,
    PatentCertificate,
    AwardCertificate,
    ExamCertificate,
    DispatchNotice,
    AssessmentForm,
    Transcript,
    ScoreReport,
    HostReceipt,
    StudyMaterials,
    HostCertificate,
    PlatformCertificate,
    HoursCertificate,
}

/// A document uploaded for an evidence item. (Read field by field, an error naming the field;
/// the reader is in `record.rs`.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Document {
    /// What the document is.
    #[serde(rename = "type")]
    pub doc_type: DocumentType,
    /// File name, when uploaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// File size in bytes, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
}

/// One evidence item of a record: its ID, what it is, and the documents uploaded for it.
///
/// Serialises to and from the flat JSON object of the contract (`{"id": …, "kind": …, …}`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Evidence {
    /// Unique within the record.
    pub id: EvidenceId,
    /// The activity and its data.
    pub activity: Activity,
    /// Documents uploaded for it (used by the materials validator only).
    pub documents: Vec<Document>,
}

impl Evidence {
    /// The activity's kind.
    pub fn kind(&self) -> Kind {
        self.activity.kind()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// IDs short and long (inline and shared), ASCII and not, read back as written, and
    /// compare, order and hash by their text.
    #[test]
    fn ids_keep_their_text() {
        use std::hash::{BuildHasher, RandomState};
        let texts = [
            "e",
            "e1",
            "seven-b",
            "eight-by",
            "培训-2021-第三期",
            "a much longer identifier that is shared, not inline",
        ];
        assert_eq!(texts.get(2).map(|t| t.len()), Some(id::INLINE));
        if cfg!(target_pointer_width = "64") {
            assert_eq!(std::mem::size_of::<EvidenceId>(), 24);
        }
        let hasher = RandomState::new();
        for a in texts {
            let id = EvidenceId::new(a).ok();
            assert_eq!(id.as_ref().map(EvidenceId::as_str), Some(a));
            assert_eq!(id.as_ref().map(ToString::to_string).as_deref(), Some(a));
            let json = serde_json::to_string(&id).ok();
            let back: Option<EvidenceId> = json.and_then(|j| serde_json::from_str(&j).ok());
            assert_eq!(back, id);
            for b in texts {
                let other = EvidenceId::new(b).ok();
                assert_eq!(id == other, a == b);
                assert_eq!(id.cmp(&other), Some(a).cmp(&Some(b)));
                if a == b {
                    assert_eq!(hasher.hash_one(&id), hasher.hash_one(&other));
                }
            }
        }
        assert_eq!(EvidenceId::new(""), Err(EmptyId));
        let refused: Result<EvidenceId, _> = serde_json::from_str("\"\"");
        assert!(refused.is_err());
        let refused: Result<EvidenceId, _> = serde_json::from_str("5");
        assert!(refused.is_err());
    }

    #[test]
    fn kinds_parse_as_written() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(Kind::parse("papr"), None);
        assert_eq!("online_course".parse::<Kind>(), Ok(Kind::OnlineCourse));
        assert_eq!("papr".parse::<Kind>(), Err(UnknownKind("papr".to_owned())));
    }

    /// A map keyed by IDs is searched with a `&str` (`Borrow<str>` hashes like the text).
    #[test]
    fn ids_look_up_by_text() {
        let mut map = std::collections::HashMap::new();
        for text in ["e1", "a much longer identifier that is shared"] {
            if let Ok(id) = EvidenceId::new(text) {
                map.insert(id, text.len());
            }
        }
        assert_eq!(map.get("e1"), Some(&2));
        assert_eq!(
            map.get("a much longer identifier that is shared"),
            Some(&39)
        );
        assert_eq!(map.get("e2"), None);
        let id = EvidenceId::new("e1").ok();
        assert_eq!(id.as_ref().map(AsRef::<str>::as_ref), Some("e1"));
    }

    #[test]
    fn subjects_and_levels_display_as_written() {
        assert_eq!(Subject::Public.to_string(), "public");
        assert_eq!(Subject::Professional.to_string(), "professional");
        for level in [
            Level::National,
            Level::Provincial,
            Level::Municipal,
            Level::Other,
        ] {
            let json = serde_json::to_string(&level).ok();
            assert_eq!(json, Some(format!("\"{level}\"")));
        }
        assert_eq!(Level::Municipal.to_string(), "municipal");
    }

    #[test]
    fn a1_c1_the_four_day_based_kinds() {
        let period = Period {
            start: NaiveDate::MIN,
            end: None,
            days: Decimal::ONE,
        };
        let day = DayActivity {
            subject: Some(Subject::Public),
            period: period.clone(),
        };
        let kinds = [
            Activity::Training(Training {
                subject: None,
                format: None,
                provider: None,
                filed: None,
                period: period.clone(),
                mode: None,
                hours: None,
            }),
            Activity::Practice(day.clone()),
            Activity::Conference(Conference {
                subject: None,
                activity: None,
                period: period.clone(),
                level: None,
                presented_characters: None,
            }),
            Activity::OverseasExchange(day),
        ];
        for a in &kinds {
            assert_eq!(
                a.day_based().map(|(_, p)| p),
                Some(&period),
                "{:?}",
                a.kind()
            );
        }
        assert_eq!(
            kinds[1].day_based().map(|(s, _)| s),
            Some(Some(Subject::Public))
        );
        let exam = Activity::DegreeCourse(DegreeCourse {
            courses: 1,
            passed: NaiveDate::MIN,
        });
        assert!(exam.day_based().is_none());
    }
}
