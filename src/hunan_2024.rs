//! The built-in policy `hunan-2024`: 湘人社办函〔2024〕21号 and our readings of it.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::evidence::{Grade, Program, Sponsor};
use crate::policy::*;
use crate::rule::RuleId;

/// The policy ID records use to select this policy.
pub const ID: &str = "hunan-2024";

/// The document number of the notice.
pub const DOCUMENT: &str = "湘人社办函〔2024〕21号";

fn h(hours: i64) -> Decimal {
    Decimal::from(hours)
}

fn band(from: u32, to: Option<u32>, hours: i64) -> RankBand {
    RankBand {
        from,
        to,
        hours: h(hours),
    }
}

/// The date the notice was issued (2024-06-03), from which it is in force.
fn issued() -> Effective {
    Effective {
        from: NaiveDate::from_ymd_opt(2024, 6, 3).unwrap_or(NaiveDate::MIN),
        to: None,
    }
}

fn cite(rule: RuleId, place: &str, text: &str) -> Citation {
    Citation {
        rule,
        source: if place.is_empty() {
            DOCUMENT.to_owned()
        } else {
            format!("{DOCUMENT} {place}")
        },
        text: text.to_owned(),
        reason: None,
        effective: issued(),
    }
}

fn reading(rule: RuleId, question: &str, reason: &str) -> Citation {
    Citation {
        rule,
        source: "interpretation".to_owned(),
        text: question.to_owned(),
        reason: Some(reason.to_owned()),
        effective: issued(),
    }
}

fn citations() -> Vec<Citation> {
    use RuleId::*;
    vec![
        cite(
            N1_1,
            "一、(一)",
            "内容包括公需科目和专业科目。2024年度公需科目主题为\"数字产业化和产业数字化\"\"守好安全生产底线\"\"创新驱动发展\"",
        ),
        cite(
            N1_2,
            "一、(二)",
            "每年累计不少于90学时,其中公需科目不少于30学时,专业科目不少于60学时",
        ),
        cite(
            N2,
            "二",
            "2024年度参评高级职称继续教育学时核认跨度为2019~2023年(博士参评副高按相关规定执行)",
        ),
        cite(
            N2_1,
            "二、(一)",
            "省直单位:用人单位初审 → 省直主管部门复审 → 省人社厅备案",
        ),
        cite(
            N2_2,
            "二、(二)",
            "市州:由市州人社部门组织,高级职称统一使用网上核认系统",
        ),
        cite(
            N2_3,
            "二、(三)",
            "非公有制经济组织、社会组织及自由职业:属地原则;中央驻湘单位:单位人事部门审核,报省人社厅备案",
        ),
        cite(
            N3_1,
            "三、(一)",
            "用人单位自行组织的培训:专业科目报主管部门备案,公需科目报人社部门备案后组织,结果直接认定;国家级、省级继续教育基地的培训全省认可",
        ),
        cite(
            N3_2,
            "三、(二)",
            "事业单位工作人员培训取得的学时,凭培训管理平台出具的培训合格证书认定",
        ),
        cite(
            N3_3,
            "三、(三)",
            "以前年度的《学时认定单》可作为相应年度的佐证材料",
        ),
        cite(
            A1M1,
            "附件1 一、1",
            "培训班、研修班、进修班:培训通知、课程表(或日程安排)、签到表或其他签到形式;或其中之一加结业证书",
        ),
        cite(
            A1M2,
            "附件1 一、2",
            "实践活动:活动通知、加盖公章的派出通知;或活动通知或报名表、实践活动日志",
        ),
        cite(
            A1M3,
            "附件1 一、3",
            "网络平台课程等远程教育:课程时长或课程内容、结业证书",
        ),
        cite(
            A1M4,
            "附件1 一、4",
            "学术会议、讲座、访问、交流:邀请函或通知、加盖公章的参会回执、学习笔记等;或会议通讯录、邮件回执、财务报账单等其他辅证材料",
        ),
        cite(A1M5, "附件1 一、5", "课题研究与项目开发:结题(项)证明材料"),
        cite(
            A1M6,
            "附件1 一、6",
            "著作:含作者名字的封面、版权页及目录;论文:刊物封面、刊号、含论文标题和作者姓名的目录",
        ),
        cite(A1M7, "附件1 一、7", "发明专利、实用新型专利:专利证书"),
        cite(A1M8, "附件1 一、8", "获奖:获奖证书"),
        cite(
            A1M9,
            "附件1 一、9",
            "计算机应用能力考试、数字技术应用能力水平考试:合格证书",
        ),
        cite(
            A1M10,
            "附件1 一、10",
            "三援、东西部扶贫协作等特定工作任务:派出通知、考核表",
        ),
        cite(
            A1M11,
            "附件1 一、11",
            "学历(学位)教育:课程成绩单;职业资格考试:成绩单",
        ),
        cite(
            A1M12,
            "附件1 一、12",
            "出国(境)交流:邀请函及回执、学习资料或对方出具的证明之一",
        ),
        cite(
            A1C1,
            "附件1 二、1",
            "参加有关培训、会议等,每天折算为8学时,半天折算4学时",
        ),
        cite(
            A1C2,
            "附件1 二、2",
            "课题研究与项目开发(政府或行业组织),结题当年:省(部)级以上 主持人60、主要完成人(除主持人外署名前三)30、其他参与人10;市(厅)级 主持人30、其他参与人10",
        ),
        cite(
            A1C3,
            "附件1 二、3",
            "著作(译作)或教材:独立或第一作者60,其他作者30;统一刊号刊物论文:独立或第一作者每篇30,其他作者10",
        ),
        cite(
            A1C4,
            "附件1 二、4",
            "国家发明专利:独立或排名第一60,排名前三30,其他参与人10;实用新型:独立或排名第一30,排名前三10",
        ),
        cite(
            A1C5,
            "附件1 二、5",
            "省部级及以上科技(社科)奖项 一、二、三等奖 60/30/10;市厅级 30/10/5",
        ),
        cite(
            A1C6,
            "附件1 二、6",
            "数字技术应用能力水平考试合格,每个模块20",
        ),
        cite(
            A1C7,
            "附件1 二、7",
            "\"三援\"、东西部扶贫协作等省级以上特定工作任务:工作时间为6个月的,考核合格者视为完成当年90学时;超过1年以上的,视为完成外派期间所有年度90学时",
        ),
        cite(
            A1C8,
            "附件1 二、8",
            "学历(学位)教育,当年度通过一门课程或考核,折算30",
        ),
        cite(
            A1C9,
            "附件1 二、9",
            "专业技术人员职业资格考试,当年度通过一门考试课程,折算30",
        ),
        cite(
            A2,
            "附件2",
            "继续教育学时网上核认操作指南(个人版):上传 jpg、jpeg、png、doc、docx、pdf 文件,每个不超过20M",
        ),
        cite(A3, "附件3", "继续教育学时网上核认操作指南(用人单位版)"),
        cite(A4, "附件4", "继续教育学时网上核认操作指南(上级单位版)"),
        cite(A5, "附件5", "继续教育学时网上核认操作指南(人社部门版)"),
        reading(
            I1,
            "谁是主要完成人(除主持人外署名前三)?",
            "署名第2–4位(主持人署名第一)的参与人为主要完成人:字面读法\"除主持人外署名前三\" / members at signature ranks 2–4: the first three names besides the host",
        ),
        reading(
            I2,
            "6–12个月的外派视为完成哪一年?",
            "外派结束(考核)的年度 / the year the assignment ends: the assessment that the waiver depends on closes it",
        ),
        reading(
            I3,
            "网络课程的学时如何折算?",
            "按证书载明学时认定,不另折算 / the certificate's stated hours, as they are: the notice states no conversion",
        ),
        reading(
            I4,
            "特等奖如何折算?",
            "按同级一等奖折算 / as grade 1 of its level: above grade 1, where the table stops",
        ),
        reading(
            I5,
            "计算机应用能力考试(附件1 一、9)如何折算?",
            "同数字技术应用能力水平考试,每个模块20 / as A1.C6, 20 per module: its predecessor, with no other rate",
        ),
        reading(
            I6,
            "什么是统一刊号?",
            "国内刊物为CN号,国外刊物为ISSN号;刊号类型不符的人工复核 / CN for domestic, ISSN for foreign journals; the other kind is credited for manual review",
        ),
        reading(
            I7,
            "附件1 一、4 之(2)需要什么?",
            "所列辅证材料之一即可 / any one of the listed supporting materials: 等其他辅证材料 lists examples of one kind of proof",
        ),
        reading(
            I8,
            "同一证据重复申报?",
            "同一成果只认定一次;同一天的按天折算活动合计不超过8学时 / the same work is credited once; day-based items share 8 h per calendar day",
        ),
        reading(
            I9,
            "已有学时认定单的年度又有其他证据?",
            "以认定单为准,其他证据不再累加 / the certificate stands for its years: it already includes their evidence",
        ),
        reading(
            I10,
            "用人单位自行组织的培训未备案?",
            "不予认定 / not credited: the notice makes filing the condition for recognition",
        ),
    ]
}

impl Policy {
    /// The Hunan 2024 policy (湘人社办函〔2024〕21号) with the default interpretations
    /// I-1 … I-10.
    ///
    /// # Example
    ///
    /// ```
    /// let policy = cehours::Policy::hunan_2024();
    /// assert_eq!(policy.id, "hunan-2024");
    /// assert_eq!(policy.minimums.total, rust_decimal::Decimal::from(90));
    /// ```
    pub fn hunan_2024() -> Policy {
        use RuleId::*;
        let role = |host, main_contributor, other| RoleHours {
            host: h(host),
            main_contributor: h(main_contributor),
            other: h(other),
        };
        let grades = |first, second, third| GradeHours {
            first: h(first),
            second: h(second),
            third: h(third),
        };
        Policy {
            id: ID.to_owned(),
            document: DOCUMENT.to_owned(),
            title: "关于做好2024年专业技术人员继续教育有关工作的通知".to_owned(),
            effective: issued(),
            review_span: ReviewSpan {
                rule: N2,
                from: 2019,
                to: 2023,
            },
            minimums: Minimums {
                rule: N1_2,
                public: h(30),
                professional: h(60),
                total: h(90),
            },
            days: DayRates {
                rule: A1C1,
                per_day: h(8),
                per_half_day: h(4),
            },
            employer_training: EmployerTraining {
                rule: N3_1,
                interpretation: I10,
                requires_filing: true,
            },
            online_courses: OnlineCourses {
                rule: A1M3,
                interpretation: I3,
                minutes_per_hour: None,
                rounding_scale: 2,
            },
            research: Research {
                rule: A1C2,
                national: role(60, 30, 10),
                provincial: role(60, 30, 10),
                municipal: role(30, 10, 10),
                sponsors: vec![Sponsor::Government, Sponsor::Industry],
                interpretation: I1,
                main_contributor_max_rank: 4,
            },
            books: Books {
                rule: A1C3,
                bands: vec![band(1, Some(1), 60), band(2, None, 30)],
            },
            papers: Papers {
                rule: A1C3,
                bands: vec![band(1, Some(1), 30), band(2, None, 10)],
                interpretation: I6,
                domestic_with_issn: SerialMismatch::CreditWithWarning,
                foreign_with_cn: SerialMismatch::CreditWithWarning,
            },
            patents: Patents {
                rule: A1C4,
                invention: vec![
                    band(1, Some(1), 60),
                    band(2, Some(3), 30),
                    band(4, None, 10),
                ],
                utility_model: vec![band(1, Some(1), 30), band(2, Some(3), 10)],
                design: vec![],
            },
            awards: Awards {
                rule: A1C5,
                national: grades(60, 30, 10),
                provincial: grades(60, 30, 10),
                municipal: grades(30, 10, 5),
                interpretation: I4,
                special_as: Some(Grade::First),
            },
            skills_exams: SkillsExams {
                rule: A1C6,
                digital_per_module: h(20),
                interpretation: I5,
                computer_per_module: Some(h(20)),
            },
            degree_courses: PerUnit {
                rule: A1C8,
                hours: h(30),
            },
            qualification_exams: PerUnit {
                rule: A1C9,
                hours: h(30),
            },
            assignments: Assignments {
                rule: A1C7,
                programs: vec![
                    Program::AidTibet,
                    Program::AidXinjiang,
                    Program::AidAbroad,
                    Program::EastWest,
                    Program::PublicHealth,
                    Program::Other,
                ],
                min_months: 6,
                all_years_after_months: 12,
                interpretation: I2,
                waived_year: WaivedYear::End,
            },
            duplicates: Duplicates {
                rule: I8,
                same_work_once: true,
                share_days: true,
            },
            caps: vec![],
            public_surplus_counts_as_professional: false,
            materials: crate::materials::MaterialsPolicy::hunan_2024(),
            limits: Limits {
                max_items: 1_000_000,
                // N.2 reviews five years (2019–2023); fifty bounds any span a caller asks for
                // (a doctoral applicant's, an older application's) with ample room.
                max_span_years: 50,
            },
            citations: citations(),
        }
    }
}
