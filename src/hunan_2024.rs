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

/// A clause of the notice: `text` is quoted in the notice's own words (an omission marked
/// `……`), `summary` says in ours what the policy takes from it.
fn cite(rule: RuleId, place: &str, text: &str, summary: &str) -> Citation {
    Citation {
        rule,
        source: if place.is_empty() {
            DOCUMENT.to_owned()
        } else {
            format!("{DOCUMENT} {place}")
        },
        text: text.to_owned(),
        summary: Some(summary.to_owned()),
        reason: None,
        effective: issued(),
    }
}

/// An interpretation of ours: the question, then the reading adopted and why (`中文 / English`).
fn reading(rule: RuleId, question: &str, reason: &str) -> Citation {
    Citation {
        rule,
        source: "interpretation".to_owned(),
        text: question.to_owned(),
        summary: None,
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
            "内容。包括公需科目和专业科目。2024年度公需科目主题为\"数字产业化和产业数字化\"\"守好安全生产底线\"\"创新驱动发展\"(可选择一个或多个学习)。专业科目包括从事专业工作应当掌握的新理论、新知识、新技术、新方法等专业知识。",
            "两类科目:公需科目和专业科目;2024年度公需科目主题三个,可选一个或多个 / two subjects, public and professional; three public themes for 2024",
        ),
        cite(
            N1_2,
            "一、(二)",
            "学时要求。专技人员参加继续教育的时间,每年累计不少于90学时(分),其中,公需科目学习不少于30学时,专业科目学习不少于60学时。",
            "每年公需科目不少于30学时、专业科目不少于60学时、合计不少于90学时,各自核算 / each year: public ≥ 30, professional ≥ 60, total ≥ 90, each checked on its own",
        ),
        cite(
            N2,
            "二",
            "各职称系列、各自评单位在高级职称评审(聘)时,核实全省统一的《湖南省专业技术人员继续教育学时认定单》(以下简称《学时认定单》)。2024年度参评高级职称继续教育学时核认跨度为2019~2023年(博士参评副高按相关规定执行)。从今年开始,全省专业技术人员参评高级职称继续教育学时核认全面启用网上核认系统,于6月至7月集中办理。",
            "2024年参评高级职称的核认跨度为2019–2023年,每年均须达标;6月至7月在网上核认系统集中办理 / a 2024 senior-title application is reviewed over 2019–2023, every year must pass; applications are handled online in June and July",
        ),
        cite(
            N2_1,
            "二、(一)",
            "省直单位(含具有职称自评权的高校)高级职称申报人员学时核认。继续教育培训学时情况由用人单位初审,再呈交省直主管部门(含省属高校)复审确认,最后报省人社厅备案。",
            "省直单位:用人单位初审 → 省直主管部门复审 → 省人社厅备案 / provincial units: employer, then the supervising department, then filing with the provincial HRSS",
        ),
        cite(
            N2_2,
            "二、(二)",
            "市州学时核认。市州参评职称专技人员的继续教育学时认定,由市州人社部门按相关规定组织实施,其中高级职称继续教育学时核认统一使用网上核认系统。",
            "市州:由市州人社部门组织,高级职称统一使用网上核认系统 / cities and prefectures: organised by their HRSS bureau, senior titles through the online system",
        ),
        cite(
            N2_3,
            "二、(三)",
            "其他人员学时核认。非公有制经济组织、社会组织及自由职业专技人员继续教育学时核认按照属地原则,由单位所在地或人事档案所在地的人力资源社会保障部门核认办理。中央驻湘单位2024年委托我省进行高级职称评审的,继续教育情况由单位人事部门审核,再呈报省人社厅备案。",
            "非公有制经济组织、社会组织及自由职业:属地原则;中央驻湘单位:单位人事部门审核,报省人社厅备案 / non-public, social and freelance: the local HRSS; central units in Hunan: their personnel department, then filing with the provincial HRSS",
        ),
        cite(
            N3_1,
            "三、(一)",
            "鼓励用人单位自行开展线下继续教育培训,可结合行业(单位)特点自主选题,专业科目报主管部门备案,公需科目按程序报人社部门备案后组织,培训结果直接认定为当年度继续教育学时。国家级、省级专业技术人员继续教育基地可面向全省开展继续教育培训活动,专业技术人员参加国家级、省级专业技术人员继续教育基地组织的培训所取得的学时全省范围内认可。",
            "用人单位自行组织的培训须事先备案(专业科目报主管部门,公需科目报人社部门),结果直接认定;国家级、省级继续教育基地的培训全省认可 / employer-run training counts when filed beforehand; training by national or provincial CE bases counts everywhere",
        ),
        cite(
            N3_2,
            "三、(二)",
            "事业单位专业技术人员参加湖南省事业单位工作人员培训取得的学时,可认定为继续教育学时,根据湖南省事业单位工作人员培训管理平台出具的培训合格证书予以认定。",
            "事业单位工作人员培训的学时,凭培训管理平台出具的培训合格证书认定 / platform training counts as stated on the platform's certificate",
        ),
        cite(
            N3_3,
            "三、(三)",
            "专技人员以前年度已进行学时核认并开具《学时认定单》的,以前的《学时认定单》可作为相应年度继续教育学习的佐证材料。",
            "以前年度的《学时认定单》作为所载年度的佐证材料 / an earlier certificate stands as the evidence for the years it covers",
        ),
        cite(
            A1M1,
            "附件1 一、1",
            "参加培训班、研修班、进修班的提供以下材料之一:(1)培训通知、培训课程表(或培训日程安排)、培训签到表或其他签到形式;(2)培训通知(或培训签到表、培训课程表、培训日程安排之一)、结业证书。",
            "培训班:通知、课程表(或日程安排)、签到表(或其他签到形式);或通知、签到表、课程表、日程安排之一加结业证书 / training: notice, schedule and attendance; or one of them with a completion certificate",
        ),
        cite(
            A1M2,
            "附件1 一、2",
            "参加继续教育实践活动的提供以下材料之一:(1)实践活动通知、加盖单位公章的派出通知;(2)实践活动通知(或实践报名表)、实践活动日志。",
            "实践活动:活动通知加盖章派出通知;或活动通知(或报名表)加活动日志 / practice: notice and sealed dispatch notice; or notice or registration form with the activity log",
        ),
        cite(
            A1M3,
            "附件1 一、3",
            "参加网络平台专业课程等远程教育的提供以下材料:课程时长(或课程内容)及结业证书。",
            "网络课程:课程时长或课程内容,加结业证书 / online course: duration or content, and a completion certificate",
        ),
        cite(
            A1M4,
            "附件1 一、4",
            "参加学术会议、讲座、访问、交流等的提供以下材料之一:(1)邀请函或通知、加盖公章的参会回执、学习笔记等资料;(2)会议通讯录、邮件回执、财务报账单等其他辅证材料。",
            "学术会议等:邀请函或通知、盖章参会回执、学习笔记;或辅证材料之一(I-7) / conference: invitation or notice, sealed receipt and notes; or one supporting material (I-7)",
        ),
        cite(
            A1M5,
            "附件1 一、5",
            "参加课题研究与项目开发的提供结题(项)证明材料。",
            "课题:结题(项)证明 / research project: completion certificate",
        ),
        cite(
            A1M6,
            "附件1 一、6",
            "出版著作(译作)的提供含作者名字的著作封面、版权页及目录复印件。发表论文的提供刊物封面、刊号、含论文标题和作者姓名的目录复印件。",
            "著作:含作者名的封面、版权页、目录;论文:刊物封面、刊号、含标题和作者的目录 / book: cover, copyright page, contents; paper: journal cover, serial number, contents with title and author",
        ),
        cite(
            A1M7,
            "附件1 一、7",
            "获得发明专利、实用新型专利的提供专利证书。",
            "专利:专利证书 / patent: patent certificate",
        ),
        cite(
            A1M8,
            "附件1 一、8",
            "主持或参与课题获政府或行业组织奖项的提供获奖证书。",
            "获奖:获奖证书 / award: award certificate",
        ),
        cite(
            A1M9,
            "附件1 一、9",
            "参加人社部门专业技术人员计算机应用能力考试合格的提供合格证书。",
            "计算机应用能力考试:合格证书;本政策对数字技术应用能力水平考试(附件1 二、6)同样要求合格证书 / computer-application exam: pass certificate; this policy asks the same of the digital-technology exam (A1.C6), which this item does not name",
        ),
        cite(
            A1M10,
            "附件1 一、10",
            "\"三援\"、东西部扶贫协作、公共卫生事件防控一线等政府部门特定工作任务的提供派遣通知及考核表等相关辅证材料。",
            "特定工作任务:派遣通知、考核表 / special task: dispatch notice and assessment form",
        ),
        cite(
            A1M11,
            "附件1 一、11",
            "提升学历层次继续深造的,提供学习课程成绩单;参加专业技术人员职业资格考试的,提供考试成绩单。",
            "学历教育:课程成绩单;职业资格考试:考试成绩单 / degree study: transcript; qualification exam: score report",
        ),
        cite(
            A1M12,
            "附件1 一、12",
            "海外交换(交流)的提供邀请函、回执(或学习资料,或邀请方颁发的结业证书等)。",
            "海外交换(交流):邀请函,加回执、学习资料或邀请方颁发的结业证书之一 / overseas exchange: invitation, with a receipt, study materials or the host's certificate",
        ),
        cite(
            A1C1,
            "附件1 二、1",
            "参加有关培训、会议等,每天折算为8学时,半天折算4学时。",
            "按天折算的活动:每天8学时,半天4学时 / day-based activities: 8 h a day, 4 h a half day",
        ),
        cite(
            A1C2,
            "附件1 二、2",
            "参加政府或行业组织课题研究与项目开发,结题当年可视同参加专业科目培训。其中省(部)级以上课题(项目)主持人认定专业科目培训60学时,主要完成人(除主持人外署名前三)认定专业科目培训30学时,其他参与人认定专业科目培训10学时;市(厅)级课题(项目)主持人认定专业科目培训30学时,其他参与人认定专业科目培训10学时。",
            "政府或行业组织课题,结题当年:省(部)级以上 主持人60、主要完成人30、其他参与人10;市(厅)级 主持人30、其他参与人10 / government or industry projects, in the completion year: provincial or above 60/30/10 (host/main contributor/other); municipal 30/10",
        ),
        cite(
            A1C3,
            "附件1 二、3",
            "出版著作(译作)或教材的,出版当年可视同参加专业科目培训,独立或第一作者可折算60学时,其他作者可折算30学时。在国内外统一刊号刊物发表论文的,当年可视同参加专业科目培训,独立或第一作者的每篇折算专业科目30学时;其他作者的折算专业科目10学时。",
            "著作(译作)或教材:独立或第一作者60,其他作者30;统一刊号刊物论文:独立或第一作者每篇30,其他作者10 / book: sole or first author 60, other 30; paper with a unified serial: sole or first author 30, other 10",
        ),
        cite(
            A1C4,
            "附件1 二、4",
            "获得国家发明专利的,当年视同参加专业科目培训,专利证书独立或排名第一者可认定专业科目培训60学时,排名前三者可认定专业科目培训30学时,其他参与人认定专业科目培训10学时;获得国家实用新型专利的,专利证书独立或排名第一者可认定专业科目培训30学时,排名前三者可认定专业科目培训10学时。",
            "发明专利:排名第一60,前三30,其他10;实用新型:排名第一30,前三10 / invention: rank 1 60, ranks 2–3 30, others 10; utility model: rank 1 30, ranks 2–3 10",
        ),
        cite(
            A1C5,
            "附件1 二、5",
            "获省部级及以上科技(社科)奖项的,当年可视同参加专业科目培训,一、二、三等奖分别折算60学时、30学时、10学时;获市厅级科技(社科)奖项的,一、二、三等奖分别折算30学时、10学时、5学时。",
            "省部级及以上奖项一、二、三等奖60/30/10;市厅级30/10/5 / provincial or above grades 1–3: 60/30/10; municipal: 30/10/5",
        ),
        cite(
            A1C6,
            "附件1 二、6",
            "参加人社部门专业技术人员数字技术应用能力水平考试合格的,每个模块折算专业科目20学时。",
            "数字技术应用能力水平考试:每个合格模块20 / digital-technology exam: 20 per passed module",
        ),
        cite(
            A1C7,
            "附件1 二、7",
            "参加\"三援\"(援藏、援疆、援外)、东西部扶贫协作等省级以上特定工作任务人员工作时间为6个月的,考核合格者视为完成当年继续教育90学时;超过1年以上的,考核合格者视为完成外派期间所有年度继续教育90学时。省级以上特定任务有另行规定的从其规定。",
            "省级以上特定工作任务,考核合格:满6个月视为完成一个年度(I-2),1年以上视为完成期间所有年度 / a provincial-or-above special task, assessed as passed: 6 months waives one year (I-2), a year or more every year it spans",
        ),
        cite(
            A1C8,
            "附件1 二、8",
            "参加国家教育行政主管部门承认的学历(学位)教育,当年度通过一门学习课程或考核的,可折算专业科目30学时。",
            "学历(学位)教育:每通过一门课程或考核30 / degree study: 30 per passed course",
        ),
        cite(
            A1C9,
            "附件1 二、9",
            "参加专业技术人员职业资格考试,当年度通过一门考试课程的,可折算专业科目30学时。",
            "职业资格考试:每通过一门考试课程30 / qualification exam: 30 per passed subject",
        ),
        cite(
            A2,
            "附件2",
            "第7步:按要求上传学时申报材料,并点击\"上传\"。……材料上传说明:1.上传的材料严格按照继续教育文件要求上传;2.在国外刊物发表的论文须提供检索材料。",
            "个人申报:上传栏提示只能上传jpg、jpeg、png、doc、docx、pdf文件,且不超过20M(见第7步截图);国外刊物论文须提供检索材料 / applicant: the upload fields take jpg, jpeg, png, doc, docx or pdf files of at most 20 MB each (step 7's screenshot); a paper in a foreign journal needs a retrieval proof",
        ),
        cite(
            A3,
            "附件3",
            "继续教育学时网上核认操作指南(用人单位版,适用范围:国有企业、事业单位、中央在湘单位)……第9步:选择上级审核单位,填写并正确选择上级单位。一级单位直接选择经办机构(经办机构指人社部门)。",
            "用人单位审核后选择上级审核单位;一级单位直接报经办机构 / the employer reviews, then names a superior unit; a first-level unit sends straight to the handling agency",
        ),
        cite(
            A4,
            "附件4",
            "继续教育学时网上核认操作指南(上级单位版,适用范围:国有企业、事业单位)……第8步:选择上级审核单位,填写并正确选择主管单位或选择经办机构(经办机构指人社部门)。",
            "上级单位审核后选择主管单位或经办机构 / a superior unit reviews, then names its supervising unit or the handling agency",
        ),
        cite(
            A5,
            "附件5",
            "继续教育学时网上核认操作指南(人社部门版)……第6步:点击\"办理\",可进行单个审核或批量审核",
            "经办机构(人社部门)单个或批量审核 / the handling agency reviews singly or in a batch",
        ),
        reading(
            I1,
            "谁是主要完成人(除主持人外署名前三)?",
            "署名第2–4位(主持人署名第一)的参与人为主要完成人:字面读法\"除主持人外署名前三\" / members at signature ranks 2–4: the first three names besides the host",
        ),
        reading(
            I2,
            "工作时间6个月至1年的特定工作任务视为完成哪一年(\"当年\")?\"超过1年以上\"从何算起?",
            "当年为任务所在的年度:任务天数(含起止日)较多的自然年,天数相同时取结束年度;结束日次日不早于开始日加12个月即为1年以上(\"以上\"含本数),期间各自然年均视为完成 / the calendar year holding more of the assignment's days (start and end included; ties: the year it ends), and 12 months counts as a year or more, waiving every year it spans: 当年 is the year the work was done, and 以上 includes the figure",
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
            "什么是统一刊号?刊物印载的刊号如何识读?",
            "国内刊物为CN号,国外刊物为ISSN号,刊号类型不符的暂予折算并人工复核;刊号按刊物印载的写法识读:全角字符折为半角,不分大小写,可带\"CN:\"\"ISSN:\"前缀,同一刊号栏可同时载有CN号和ISSN号 / CN for domestic, ISSN for foreign journals, the other kind credited for manual review; serials read as printed: full-width folded to half-width, any case, `CN:` and `ISSN:` prefixes, both numbers in one string: CN is the domestic unified number, ISSN the international one, and journals print them so",
        ),
        reading(
            I7,
            "附件1 一、4 之(2)需要什么?",
            "所列辅证材料之一即可 / any one of the listed supporting materials: 等其他辅证材料 lists examples of one kind of proof",
        ),
        reading(
            I8,
            "同一成果或同一天重复申报?",
            "同一成果只认定一次,由记录中第一项能够认定学时的保留学时,其后各项不再认定;比较前文字先作Unicode NFKC规范化、不分大小写、只比字母和数字,著作有ISBN的按ISBN比对(否则按著作类型和书名),专利号只比字母和数字;同一天的按天折算活动合计不超过8学时 / the same work is credited once: the first copy that can earn hours keeps them, later copies earn none; text is NFKC-folded, case-folded and compared by letters and digits, books by ISBN (else by work type and title), patent numbers by letters and digits; day-based items share 8 h per calendar day: no work counts twice and no one attends two full days at once",
        ),
        reading(
            I9,
            "已有学时认定单的年度又有其他证据?",
            "以认定单为准,其他证据不再累加;考核合格的特定工作任务仍视为完成该年度继续教育90学时 / the certificate stands for its years and other evidence is not added, but an assignment waiver still waives a certified year: the certificate already includes that year's evidence, and the notice makes a passed assignment the whole year's 90 h",
        ),
        reading(
            I10,
            "用人单位自行组织的培训未备案?",
            "不予认定 / not credited: the notice makes filing the condition for recognition",
        ),
        reading(
            I11,
            "材料不齐全的项目是否认定学时(附件1 一:学时核认所需材料)?",
            "默认照常折算学时,并在报告中列明所缺材料;审核方在政策中设置materials.withhold_incomplete时,没有任意一组齐全材料的项目不予认定 / credited by default, with the missing documents listed; a reviewer's policy setting `materials.withhold_incomplete` withholds the hours of an item with no complete set: the notice makes the materials a condition of recognition, but whether a record is judged before or after the uploads is the caller's choice",
        ),
    ]
}

impl Policy {
    /// The Hunan 2024 policy (湘人社办函〔2024〕21号) with the default interpretations
    /// I-1 … I-11.
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
            jurisdiction: "CN-HN".to_owned(),
            document: DOCUMENT.to_owned(),
            title: "关于做好2024年专业技术人员继续教育有关工作的通知".to_owned(),
            effective: issued(),
            review_span: ReviewSpan {
                rule: N2,
                from: 2019,
                to: 2023,
            },
            review_window: ReviewWindow {
                rule: N2,
                from_month: 6,
                to_month: 7,
            },
            minimums: Minimums::new(N1_2, h(30), h(60), h(90)),
            days: Some(DayRates {
                rule: A1C1,
                per_day: h(8),
                per_half_day: h(4),
            }),
            employer_training: Some(EmployerTraining {
                rule: N3_1,
                interpretation: I10,
                requires_filing: true,
            }),
            online_courses: Some(OnlineCourses {
                rule: A1M3,
                interpretation: I3,
                minutes_per_hour: None,
                rounding_scale: 2,
            }),
            research: Some(Research {
                rule: A1C2,
                national: role(60, 30, 10),
                provincial: role(60, 30, 10),
                municipal: role(30, 10, 10),
                sponsors: vec![Sponsor::Government, Sponsor::Industry],
                interpretation: I1,
                main_contributor_max_rank: 4,
            }),
            books: Some(Books {
                rule: A1C3,
                bands: vec![band(1, Some(1), 60), band(2, None, 30)],
            }),
            papers: Some(Papers {
                rule: A1C3,
                bands: vec![band(1, Some(1), 30), band(2, None, 10)],
                interpretation: I6,
                domestic_with_issn: SerialMismatch::CreditWithWarning,
                foreign_with_cn: SerialMismatch::CreditWithWarning,
            }),
            patents: Some(Patents {
                rule: A1C4,
                invention: vec![
                    band(1, Some(1), 60),
                    band(2, Some(3), 30),
                    band(4, None, 10),
                ],
                utility_model: vec![band(1, Some(1), 30), band(2, Some(3), 10)],
                design: vec![],
            }),
            awards: Some(Awards {
                rule: A1C5,
                national: grades(60, 30, 10),
                provincial: grades(60, 30, 10),
                municipal: grades(30, 10, 5),
                interpretation: I4,
                special_as: Some(Grade::First),
            }),
            skills_exams: Some(SkillsExams {
                rule: A1C6,
                digital_per_module: h(20),
                interpretation: I5,
                computer_per_module: Some(h(20)),
            }),
            degree_courses: Some(PerUnit {
                rule: A1C8,
                hours: h(30),
            }),
            qualification_exams: Some(PerUnit {
                rule: A1C9,
                hours: h(30),
            }),
            assignments: Some(Assignments {
                rule: A1C7,
                programs: vec![
                    Program::AidTibet,
                    Program::AidXinjiang,
                    Program::AidAbroad,
                    Program::EastWest,
                    Program::PublicHealth,
                    Program::Other,
                ],
                need_provincial_level: vec![Program::PublicHealth, Program::Other],
                min_months: 6,
                all_years_after_months: 12,
                interpretation: I2,
                waived_year: WaivedYear::LargerPart,
                year_or_more: YearOrMore::AtLeast,
            }),
            duplicates: Duplicates {
                rule: I8,
                same_work_once: true,
                share_days: true,
            },
            caps: vec![],
            public_surplus_counts_as_professional: false,
            credits: vec![],
            grades: vec![],
            person_window: None,
            materials: Some(crate::materials::MaterialsPolicy::hunan_2024()),
            limits: Limits {
                max_items: crate::record::MAX_ITEMS,
                // N.2 reviews five years (2019–2023); fifty bounds any span a caller asks for
                // (a doctoral applicant's, an older application's) with ample room.
                max_span_years: 50,
            },
            citations: citations(),
        }
    }
}
