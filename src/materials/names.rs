//! Names of document types and kinds in Chinese and English, and the applicant's checklist.

use std::fmt::{self, Write as _};

use crate::evidence::{DocumentType, Kind};
use crate::policy::Policy;
use crate::policy::documents::{Condition, FormMaterials, Requirement};

macro_rules! document_types {
    ($( $variant:ident => $code:literal, $zh:literal, $en:literal; )+) => {
        impl DocumentType {
            /// Every document type, in the order of the JSON contract.
            pub const ALL: &'static [DocumentType] = &[ $( DocumentType::$variant, )+ ];

            /// The type as written in JSON (`"completion_certificate"`).
            pub fn as_str(self) -> &'static str {
                match self { $( DocumentType::$variant => $code, )+ }
            }

            /// Parses a type as written in JSON.
            pub fn parse(text: &str) -> Option<DocumentType> {
                match text { $( $code => Some(DocumentType::$variant), )+ _ => None }
            }

            /// The document's name in Chinese, as the notice writes it (`结业证书`).
            pub fn name_zh(self) -> &'static str {
                match self { $( DocumentType::$variant => $zh, )+ }
            }

            /// The document's name in English (`completion certificate`).
            pub fn name_en(self) -> &'static str {
                match self { $( DocumentType::$variant => $en, )+ }
            }
        }
    };
}

document_types! {
    Notice => "notice", "通知(培训通知、活动通知或会议通知)", "notice of the training, activity or meeting";
    Schedule => "schedule", "课程表或日程安排", "course schedule or timetable";
    Attendance => "attendance", "签到表或其他签到形式", "attendance sheet or other sign-in record";
    CompletionCertificate => "completion_certificate", "结业证书", "completion certificate";
    SealedDispatchNotice => "sealed_dispatch_notice", "加盖单位公章的派出通知", "dispatch notice bearing the unit seal";
    RegistrationForm => "registration_form", "报名表", "registration form";
    ActivityLog => "activity_log", "实践活动日志", "practice activity log";
    CourseDuration => "course_duration", "课程时长", "course duration";
    CourseContent => "course_content", "课程内容", "course content";
    Invitation => "invitation", "邀请函", "invitation";
    SealedReceipt => "sealed_receipt", "加盖公章的参会回执", "attendance receipt bearing the seal";
    StudyNotes => "study_notes", "学习笔记等资料", "study notes or similar";
    MeetingDirectory => "meeting_directory", "会议通讯录", "meeting directory";
    EmailReceipt => "email_receipt", "邮件回执", "e-mail receipt";
    ReimbursementRecord => "reimbursement_record", "财务报账单", "reimbursement record";
    OtherSupporting => "other_supporting", "其他辅证材料", "other supporting material";
    ProjectCompletionCertificate => "project_completion_certificate", "结题(项)证明材料", "project completion certificate";
    BookCover => "book_cover", "含作者名字的著作封面", "book cover with the author's name";
    CopyrightPage => "copyright_page", "版权页", "copyright page";
    TableOfContents => "table_of_contents", "目录(论文须含标题和作者姓名)", "table of contents (for a paper, with its title and author)";
    JournalCover => "journal_cover", "刊物封面", "journal cover";
    SerialPage => "serial_page", "刊号页", "page with the serial number (CN or ISSN)";
    RetrievalProof => "retrieval_proof", "检索材料", "index or retrieval proof";
    PatentCertificate => "patent_certificate", "专利证书", "patent certificate";
    AwardCertificate => "award_certificate", "获奖证书", "award certificate";
    ExamCertificate => "exam_certificate", "考试合格证书", "exam pass certificate";
    DispatchNotice => "dispatch_notice", "派遣通知", "dispatch notice";
    AssessmentForm => "assessment_form", "考核表", "assessment form";
    Transcript => "transcript", "学习课程成绩单", "course transcript";
    ScoreReport => "score_report", "考试成绩单", "exam score report";
    HostReceipt => "host_receipt", "回执", "receipt from the host";
    StudyMaterials => "study_materials", "学习资料", "study materials";
    HostCertificate => "host_certificate", "邀请方颁发的结业证书", "certificate issued by the host";
    PlatformCertificate => "platform_certificate", "培训管理平台出具的培训合格证书", "training certificate issued by the staff training platform";
    HoursCertificate => "hours_certificate", "以前年度的《学时认定单》", "credit-hours certificate of earlier years";
}

impl fmt::Display for DocumentType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A kind's name in Chinese and English, for the checklist.
fn kind_title(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Training => (
            "培训班、研修班、进修班",
            "training class, seminar or advanced study",
        ),
        Kind::Practice => ("继续教育实践活动", "practice activity"),
        Kind::Conference => (
            "学术会议、讲座、访问、交流",
            "conference, lecture, visit or exchange",
        ),
        Kind::OverseasExchange => ("海外交换(交流)", "overseas exchange"),
        Kind::OnlineCourse => ("网络平台专业课程等远程教育", "online or distance course"),
        Kind::PlatformTraining => (
            "湖南省事业单位工作人员培训(培训管理平台)",
            "public-institution staff training platform",
        ),
        Kind::ResearchProject => ("课题研究与项目开发", "research project"),
        Kind::Book => ("出版著作(译作)或教材", "book, translation or textbook"),
        Kind::Paper => ("发表论文", "journal paper"),
        Kind::Patent => (
            "发明专利、实用新型专利",
            "invention or utility-model patent",
        ),
        Kind::Award => ("科技(社科)奖项", "science and technology award"),
        Kind::SkillsExam => (
            "计算机应用能力考试、数字技术应用能力水平考试",
            "computer-application or digital-technology exam",
        ),
        Kind::DegreeCourse => ("学历(学位)教育", "degree study"),
        Kind::QualificationExam => (
            "专业技术人员职业资格考试",
            "professional qualification exam",
        ),
        Kind::Assignment => (
            "\"三援\"、东西部扶贫协作、公共卫生事件防控一线等政府部门特定工作任务",
            "special assignment (aid, east-west cooperation, public-health front line)",
        ),
        Kind::PriorCertificate => (
            "以前年度的《学时认定单》",
            "earlier credit-hours certificate",
        ),
        Kind::Declared => ("政策声明的其他形式", "a kind the policy declares"),
    }
}

/// The documents an applicant must bring for `kind` under `policy`, in Chinese and English,
/// each requirement with the JSON `type`s that meet it and each alternative with its rule.
///
/// The text ends with a newline. The upload rules are not repeated here: print
/// `policy.materials.uploads` (its `Display`) once beside the checklists.
///
/// # Example
///
/// ```
/// use cehours::{Kind, Policy};
///
/// let text = cehours::checklist(Kind::Patent, &Policy::hunan_2024());
/// assert!(text.contains("专利证书 / patent certificate"));
/// assert!(text.contains("[A1.M7]"));
/// ```
pub fn checklist(kind: Kind, policy: &Policy) -> String {
    let mut out = String::new();
    // Writing to a `String` cannot fail.
    match &policy.materials {
        Some(materials) => {
            let _ = write_checklist(&mut out, kind, materials.for_kind(kind));
        }
        None => out.push_str("本政策未列出所需材料 / this policy lists no documents\n"),
    }
    out
}

fn write_checklist(out: &mut String, kind: Kind, form: &FormMaterials) -> fmt::Result {
    let (zh, en) = kind_title(kind);
    writeln!(out, "{kind} [{}]: {zh} / {en}", form.rule)?;
    match form.alternatives.as_slice() {
        [] => writeln!(
            out,
            "  本政策不接受此类材料 / this policy accepts no materials for this kind"
        )?,
        [only] => {
            writeln!(
                out,
                "  须提供以下全部材料 / all of the following [{}]:",
                only.rule
            )?;
            write_requirements(out, &only.requires)?;
        }
        alternatives => {
            writeln!(
                out,
                "  提供以下任意一组材料(一组齐全即可) / any one of these sets (one complete set is enough):"
            )?;
            for (number, alternative) in (1..).zip(alternatives) {
                writeln!(out, "  ({number}) [{}]", alternative.rule)?;
                write_requirements(out, &alternative.requires)?;
            }
        }
    }
    for conditional in &form.conditional {
        let (zh, en) = match conditional.when {
            Condition::ForeignPaper => ("国外刊物发表的论文", "a paper in a foreign journal"),
        };
        writeln!(
            out,
            "  {zh}另须提供 / {en} also needs [{}]:",
            conditional.rule
        )?;
        write_requirements(out, &conditional.requires)?;
    }
    Ok(())
}

fn write_requirements(out: &mut String, requires: &[Requirement]) -> fmt::Result {
    if requires.is_empty() {
        writeln!(out, "      - 无需材料 / no documents needed")?;
    }
    for requirement in requires {
        match requirement.any_of() {
            [one] => writeln!(out, "      - {} / {} ({one})", one.name_zh(), one.name_en())?,
            several => {
                writeln!(out, "      - 以下之一 / one of:")?;
                for doc_type in several {
                    writeln!(
                        out,
                        "          {} / {} ({doc_type})",
                        doc_type.name_zh(),
                        doc_type.name_en()
                    )?;
                }
            }
        }
    }
    Ok(())
}
