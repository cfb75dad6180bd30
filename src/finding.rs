//! Findings: what a reviewer must know about an item, each with a stable code and its rule.

use serde::{Deserialize, Serialize};

use crate::evidence::EvidenceId;
use crate::locale::Locale;
use crate::rule::RuleId;

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// An interpretation was applied, or the item lies outside the span.
    Info,
    /// A reviewer must look: duplicate, overlap, year already certified, refused upload.
    Warning,
    /// The item, or part of it, is not credited because it breaks a rule.
    Error,
}

impl Severity {
    /// The severity as written in reports (`"error"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident => $code:literal, $sev:ident, $zh:literal, $en:literal; )+) => {
        /// A stable identifier of what a finding says.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum FindingCode {
            $( $(#[$doc])* $variant, )+
        }

        impl FindingCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [FindingCode] = &[ $( FindingCode::$variant, )+ ];

            /// The code as written in reports (`"paper_without_serial"`).
            pub fn as_str(self) -> &'static str {
                match self { $( FindingCode::$variant => $code, )+ }
            }

            /// The severity this code always carries.
            pub fn severity(self) -> Severity {
                match self { $( FindingCode::$variant => Severity::$sev, )+ }
            }

            /// The message, in Chinese then English (`中文 / English`).
            pub fn message(self) -> &'static str {
                match self { $( FindingCode::$variant => concat!($zh, " / ", $en), )+ }
            }

            /// The message in one language.
            pub fn message_in(self, locale: Locale) -> &'static str {
                match (self, locale) {
                    $( (FindingCode::$variant, Locale::Zh) => $zh,
                       (FindingCode::$variant, Locale::En) => $en, )+
                }
            }
        }
    };
}

codes! {
    /// `days` is not a positive multiple of 0.5 (A1.C1).
    InvalidDays => "invalid_days", Error,
        "天数须为0.5的正整数倍,不折算学时", "days must be a positive multiple of 0.5; not credited";
    /// More days than the calendar days from start to end (A1.C1).
    DaysExceedRange => "days_exceed_range", Error,
        "天数超过起止日期之间的日历天数,不折算学时", "more days than the date range holds; not credited";
    /// The end date is before the start date.
    EndBeforeStart => "end_before_start", Error,
        "结束日期早于开始日期,不予认定", "end date is before start date; not credited";
    /// Employer-run training that was not filed (N.3.1, I-10).
    EmployerTrainingNotFiled => "employer_training_not_filed", Error,
        "用人单位自行组织的培训未按规定备案,不予认定", "employer-run training was not filed beforehand; not credited";
    /// Certificate hours are zero or negative.
    NonPositiveHours => "non_positive_hours", Error,
        "学时须为正数,不予认定", "hours must be positive; not credited";
    /// A count (modules, courses, subjects) is zero.
    NonPositiveCount => "non_positive_count", Error,
        "按附件1第二部分,学时按合格模块数、通过课程数或通过科目数折算,所报数量须为正整数,不折算学时", "attachment 1 part 2 credits per passed module, course or exam subject, and the number given must be at least 1; not credited";
    /// A rank or author rank of 0.
    RankZero => "rank_zero", Error,
        "排名(署名次序)须从1开始,不折算学时", "rank must start at 1; not credited";
    /// A project below municipal level (A1.C2).
    ProjectLevelNotCredited => "project_level_not_credited", Error,
        "低于市(厅)级的课题(项目)不折算学时", "project below municipal (city or department) level; not credited";
    /// A project not sponsored by a government or industry body (A1.C2).
    ProjectSponsorNotCredited => "project_sponsor_not_credited", Error,
        "非政府或行业组织的课题(项目)不折算学时", "project not run by a government or industry body; not credited";
    /// A paper without a unified serial number (A1.C3).
    PaperWithoutSerial => "paper_without_serial", Error,
        "论文未注明统一刊号(CN或ISSN),不折算学时", "paper has no unified serial number (CN or ISSN); not credited";
    /// A paper whose serial number is malformed (I-6).
    PaperSerialMalformed => "paper_serial_malformed", Error,
        "论文刊号格式不正确(应为CN号或ISSN号),不折算学时", "paper serial number is neither a valid CN nor a valid ISSN; not credited";
    /// A domestic paper with an ISSN only, or a foreign paper with a CN only (I-6).
    PaperSerialMismatch => "paper_serial_mismatch", Warning,
        "刊号类型与刊物国别不符(国内刊物应为CN号,国外刊物应为ISSN号),暂予折算,需人工复核", "serial number kind does not match the journal (CN for domestic, ISSN for foreign); credited, review by hand";
    /// A paper whose serial number kind does not match, refused by the policy (I-6).
    PaperSerialMismatchRefused => "paper_serial_mismatch_refused", Error,
        "刊号类型与刊物国别不符(国内刊物应为CN号,国外刊物应为ISSN号),不折算学时", "serial number kind does not match the journal (CN for domestic, ISSN for foreign); not credited";
    /// A rank with no hours in its table (A1.C3, A1.C4: a utility model ranked 4th or lower).
    RankNotCredited => "rank_not_credited", Error,
        "按附件1第二部分,此署名排名不在折算之列(如实用新型专利排名前三以外),不折算学时", "attachment 1 part 2 gives this rank no hours (e.g. a utility-model patent ranked below the first three); not credited";
    /// A design patent (A1.C4).
    DesignPatentNotCredited => "design_patent_not_credited", Error,
        "附件1第二部分只折算发明专利和实用新型专利,外观设计专利不折算学时", "design patent: attachment 1 part 2 credits only invention and utility-model patents; not credited";
    /// An award below municipal level (A1.C5).
    AwardLevelNotCredited => "award_level_not_credited", Error,
        "低于市(厅)级的奖项不折算学时", "award below municipal (city or department) level; not credited";
    /// A special-grade award credited as grade 1 of its level (I-4).
    SpecialGradeAsFirst => "special_grade_as_first", Info,
        "特等奖按同级一等奖折算", "special grade credited as grade 1 of its level";
    /// A special-grade award that the policy does not credit (I-4).
    SpecialGradeNotCredited => "special_grade_not_credited", Error,
        "按本政策,特等奖不折算学时", "special-grade award; not credited under this policy";
    /// The computer-application exam credited at the digital exam's rate (I-5).
    ComputerExamAsDigital => "computer_exam_as_digital", Info,
        "计算机应用能力考试按数字技术应用能力水平考试的标准折算", "computer-application exam credited at the digital-technology exam's rate";
    /// The computer-application exam, not credited by the policy (I-5).
    ComputerExamNotCredited => "computer_exam_not_credited", Error,
        "按本政策,计算机应用能力考试不折算学时", "computer-application exam; not credited under this policy";
    /// An assignment whose assessment was not passed (A1.C7).
    AssignmentNotAssessed => "assignment_not_assessed", Error,
        "特定工作任务尚未考核合格,不视为完成当年继续教育90学时", "special task not yet assessed as passed; the year's 90 hours are not deemed complete";
    /// An assignment shorter than six months (A1.C7, I-2).
    AssignmentTooShort => "assignment_too_short", Error,
        "特定工作任务工作时间不足6个月,不视为完成当年继续教育90学时", "special task shorter than 6 months; the year's 90 hours are not deemed complete";
    /// An assignment whose program does not qualify (A1.C7).
    AssignmentProgramNotCredited => "assignment_program_not_credited", Error,
        "该任务不属于\"三援\"、东西部扶贫协作等省级以上特定工作任务,不视为完成当年继续教育90学时", "not a provincial-or-above special task (aid to Tibet, Xinjiang or abroad, east-west cooperation and the like); the year's 90 hours are not deemed complete";
    /// A `public_health` or `other` assignment sent by a body below provincial level, or of
    /// unknown level (A1.C7, rev. 2).
    AssignmentBelowProvincial => "assignment_below_provincial", Error,
        "派出单位低于省级或未注明级别,不属于省级以上特定工作任务,不视为完成当年继续教育90学时", "the sending body is below provincial level or its level is not given, so this is not a provincial-or-above special task; the year's 90 hours are not deemed complete";
    /// A certificate year with a negative figure (N.3.3, I-9).
    CertificateNegativeHours => "certificate_negative_hours", Error,
        "学时认定单所载学时为负数,该年度此条不予采用", "certificate figure is negative; that year's entry is ignored";
    /// A year covered by two certificates: the later entry is ignored (I-9).
    YearCertifiedTwice => "year_certified_twice", Warning,
        "该年度已由前一份学时认定单认定,此条不予采用", "this year is already covered by an earlier certificate entry; ignored";
    /// Evidence dated in a certified year is not added (I-9).
    YearAlreadyCertified => "year_already_certified", Warning,
        "该年度已由学时认定单认定,其他证明材料不再累加学时", "this year is covered by a certificate; other evidence is not added";
    /// Evidence outside the review span (N.2).
    OutsideSpan => "outside_span", Info,
        "不在本次学时核认跨度内,不计入", "outside the review span; not counted";
    /// The same paper, book or patent claimed again (I-8).
    DuplicateWork => "duplicate_work", Warning,
        "同一成果已在本次申报中较前的一项认定,此项不再重复认定", "the same work is already credited through an earlier item; this copy is not credited again";
    /// Days already filled by other day-based items (I-8).
    DayOverlap => "day_overlap", Warning,
        "与其他按天折算的活动日期重叠,同一天合计不超过8学时,超出部分不予认定", "days already filled by other day-based items (8 h per calendar day); the rest is not credited";
    /// Hours too large to add up exactly.
    HoursOverflow => "hours_overflow", Error,
        "学时数值过大,无法精确累计,不予认定", "hours too large to add up exactly; not credited";
    /// A yearly cap was reached (policy caps).
    YearCapReached => "year_cap_reached", Warning,
        "已达该类成果的年度学时上限,超出部分不予认定", "yearly cap for this kind reached; the rest is not credited";
    /// A book whose ISBN is malformed or has a wrong check digit (I-8, rev. 2): it is keyed
    /// on its work and title instead.
    InvalidIsbn => "invalid_isbn", Warning,
        "ISBN格式或校验位不正确,改按著作类型和书名比对是否重复", "ISBN is malformed or its check digit is wrong; the book is compared by its work type and title instead";
    /// An item without one complete alternative of its materials, not credited by a policy that
    /// withholds such items (I-11, rev. 2).
    MaterialsIncomplete => "materials_incomplete", Error,
        "学时核认所需材料不齐全,不予认定", "no complete set of the required documents; not credited";
    /// A refused upload (A2).
    UploadRefused => "upload_refused", Warning,
        "上传文件不符合要求(只能上传jpg、jpeg、png、doc、docx、pdf文件,且不超过20M),不计入材料", "upload refused (only jpg, jpeg, png, doc, docx or pdf files of at most 20 MB); it does not count as a document";
    /// The policy credits no item of this kind (no `credits` entry, no built-in section).
    KindNotCredited => "kind_not_credited", Error,
        "本政策未规定此类活动的折算标准,不折算学时", "this policy gives no conversion for this kind of activity; not credited";
    /// The policy's entries for this kind credit none under the item's conditions.
    NoCreditRule => "no_credit_rule", Error,
        "本政策对此类活动在该条件下无折算标准,不折算学时", "this policy has no conversion for this kind under the item's conditions; not credited";
    /// The item lacks a measure its conversion needs (date, days, hours, count, characters,
    /// level or rank).
    MeasureMissing => "measure_missing", Error,
        "缺少折算所需的数据(日期、天数、学时、数量、字数、级别或排名),不折算学时", "a figure the conversion needs is missing (date, days, hours, count, characters, level or rank); not credited";
    /// A level the conversion gives no hours.
    LevelNotCredited => "level_not_credited", Error,
        "此级别不在折算之列,不折算学时", "the policy gives this level no hours; not credited";
    /// The hours of one item were cut to the policy's cap per item.
    ItemCapReached => "item_cap_reached", Warning,
        "超过单项折算上限的部分不予认定", "hours above the cap for one item: not credited";
    /// Hours earned before the person's `counts_from` date do not count.
    BeforeCountsFrom => "before_counts_from", Error,
        "取得资格(或调入)之前的学时不予认定", "hours earned before the qualification or transfer date do not count; not credited";
}

impl std::fmt::Display for FindingCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a reviewer must know about one evidence item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The item it is about.
    pub evidence: EvidenceId,
    /// What it says.
    pub code: FindingCode,
    /// The rule that applies.
    pub rule: RuleId,
}

impl Finding {
    /// How much it matters (fixed by its code).
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// The bilingual message (fixed by its code).
    pub fn message(&self) -> &'static str {
        self.code.message()
    }

    /// The message in one language (fixed by its code).
    pub fn message_in(&self, locale: Locale) -> &'static str {
        self.code.message_in(locale)
    }
}

/// A finding as written in reports. Unknown fields are ignored when read (a report written by a
/// later version stays readable); the messages are fixed by the code, so the ones read are not
/// kept.
#[derive(Serialize, Deserialize)]
struct WireFinding<'a> {
    evidence: EvidenceId,
    severity: Severity,
    code: FindingCode,
    rule: RuleId,
    #[serde(borrow)]
    message: std::borrow::Cow<'a, str>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    message_zh: Option<std::borrow::Cow<'a, str>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    message_en: Option<std::borrow::Cow<'a, str>>,
}

impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        WireFinding {
            evidence: self.evidence.clone(),
            severity: self.severity(),
            code: self.code,
            rule: self.rule,
            message: std::borrow::Cow::Borrowed(self.message()),
            message_zh: Some(std::borrow::Cow::Borrowed(self.message_in(Locale::Zh))),
            message_en: Some(std::borrow::Cow::Borrowed(self.message_in(Locale::En))),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Finding {
    /// Reads a finding; its severity and message must be the ones its code carries.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let wire = WireFinding::deserialize(d)?;
        if wire.severity != wire.code.severity() {
            return Err(serde::de::Error::custom(format!(
                "finding `{}` has severity `{:?}`, expected `{:?}`",
                wire.code,
                wire.severity,
                wire.code.severity()
            )));
        }
        Ok(Finding {
            evidence: wire.evidence,
            code: wire.code,
            rule: wire.rule,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bilingual message is the Chinese one, " / ", then the English one, for every code.
    #[test]
    fn messages_per_language_make_the_bilingual_one() {
        for code in FindingCode::ALL {
            let both = format!(
                "{} / {}",
                code.message_in(Locale::Zh),
                code.message_in(Locale::En)
            );
            assert_eq!(code.message(), both, "{code}");
        }
        assert_eq!(
            FindingCode::EndBeforeStart.message_in(Locale::Zh),
            "结束日期早于开始日期,不予认定"
        );
        assert_eq!(
            FindingCode::EndBeforeStart.message_in(Locale::En),
            "end date is before start date; not credited"
        );
    }
}
