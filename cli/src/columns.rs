//! Spreadsheet layout: one row per evidence item, headers in English (the JSON contract's field
//! names) or Chinese, turned into the JSON object of one evidence item.
//!
//! Every header must be known: a misspelt column would otherwise drop a field silently. Empty
//! cells mean the field is absent. The table of headers is [`HEADERS`]; `cehours screen
//! --help` and `cli/README.md` print it.

use serde_json::{Map, Number, Value};

/// How a cell's text becomes a JSON value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// A JSON string as written (IDs, titles, enum values in the contract's spelling).
    Str,
    /// A whole number from 0 (`rank`, `modules` …).
    Int,
    /// `true`/`false`, also `是`/`否`, `yes`/`no`, `1`/`0`.
    Bool,
    /// A decimal, passed on as a string so it stays exact.
    Dec,
    /// A date `YYYY-MM-DD` (an Excel date cell is written so by the reader).
    Date,
    /// `kind`: the contract's name or its Chinese name (`培训`, `论文` …).
    Kind,
    /// `subject`: `public`/`professional` or `公需`/`专业`.
    Subject,
    /// `years` of a prior certificate: `2019:30:60;2020:30:60` (year:public:professional).
    Years,
    /// `documents`: `type[:file[:bytes]]` separated by `;` (`notice;completion_certificate:c.pdf:1024`).
    Docs,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Part of the person's key (several such columns are joined with a space).
    Person,
    /// The record's `policy`.
    Policy,
    /// The record's `span.from`.
    SpanFrom,
    /// The record's `span.to`.
    SpanTo,
    /// The record's `grade` (the person's title grade, for policies with minimums per grade).
    TitleGrade,
    /// The record's `counts_from` (a per-person date window).
    CountsFrom,
    /// A field of the evidence item.
    Field(&'static str, Ty),
}

/// Headers naming the person: any of these, several joined with a space in column order.
pub const PERSON_HEADERS: &[&str] = &[
    "person",
    "人员",
    "姓名",
    "身份证号",
    "身份证号码",
    "证件号码",
];

/// Record-level columns: `policy`, `span_from`, `span_to`, `title_grade` (the record's `grade`)
/// and `counts_from` (the first non-empty cell of a person counts; a different value in a later
/// row of the same person is an error of that row).
pub const RECORD_HEADERS: &[(&str, &[&str])] = &[
    ("policy", &["政策"]),
    ("span_from", &["起始年度", "开始年度"]),
    ("span_to", &["截止年度", "结束年度"]),
    ("title_grade", &["职称级别", "职称等级"]),
    ("counts_from", &["起算日期", "学时起算日期"]),
];

/// Evidence fields: the contract's name, how the cell is read, and the Chinese headers accepted.
pub const HEADERS: &[(&str, Ty, &[&str])] = &[
    ("id", Ty::Str, &["编号", "条目编号", "证明编号"]),
    ("kind", Ty::Kind, &["类型", "类别", "活动类型"]),
    ("subject", Ty::Subject, &["科目", "科目类型"]),
    ("format", Ty::Str, &["形式", "培训形式"]),
    ("provider", Ty::Str, &["举办单位", "主办单位"]),
    ("filed", Ty::Bool, &["备案", "已备案"]),
    ("activity", Ty::Str, &["活动", "活动形式"]),
    ("start", Ty::Date, &["开始日期", "开始"]),
    ("end", Ty::Date, &["结束日期", "结束"]),
    ("days", Ty::Dec, &["天数"]),
    ("date", Ty::Date, &["日期"]),
    ("hours", Ty::Dec, &["学时"]),
    ("level", Ty::Str, &["级别"]),
    ("sponsor", Ty::Str, &["项目来源", "资助方"]),
    ("role", Ty::Str, &["角色", "承担角色"]),
    ("rank", Ty::Int, &["排名", "排序"]),
    ("completed", Ty::Date, &["结题日期", "完成日期"]),
    ("work", Ty::Str, &["著作类型"]),
    ("author_rank", Ty::Int, &["作者排名", "作者排序"]),
    ("published", Ty::Date, &["出版日期", "发表日期"]),
    ("title", Ty::Str, &["题目", "标题", "书名"]),
    ("serial", Ty::Str, &["刊号"]),
    ("journal", Ty::Str, &["期刊", "期刊名称"]),
    ("foreign", Ty::Bool, &["国外", "国外期刊"]),
    ("class", Ty::Str, &["专利类型"]),
    ("granted", Ty::Date, &["授权日期"]),
    ("number", Ty::Str, &["专利号"]),
    ("grade", Ty::Str, &["等级", "获奖等级"]),
    ("awarded", Ty::Date, &["获奖日期"]),
    ("name", Ty::Str, &["名称", "奖项名称"]),
    ("exam", Ty::Str, &["考试", "考试类型"]),
    ("modules", Ty::Int, &["模块数"]),
    ("passed", Ty::Date, &["通过日期", "合格日期"]),
    ("courses", Ty::Int, &["课程数"]),
    ("subjects", Ty::Int, &["科目数"]),
    ("program", Ty::Str, &["援派项目", "项目类型"]),
    ("assessment_passed", Ty::Bool, &["考核合格"]),
    ("isbn", Ty::Str, &["书号"]),
    ("years", Ty::Years, &["认定年度", "认定学时"]),
    ("type", Ty::Str, &["声明类型", "其他形式类型"]),
    ("count", Ty::Int, &["数量"]),
    ("characters", Ty::Int, &["字数"]),
    ("mode", Ty::Str, &["学习方式"]),
    ("tier", Ty::Str, &["层级"]),
    ("presented_characters", Ty::Int, &["交流论文字数"]),
    ("documents", Ty::Docs, &["材料", "证明材料"]),
];

/// Chinese names of the kinds, accepted in the `kind` column besides the contract's names.
pub const KIND_NAMES: &[(&str, &[&str])] = &[
    ("training", &["培训"]),
    ("practice", &["实践", "岗位实践"]),
    ("conference", &["学术会议", "会议"]),
    ("overseas_exchange", &["出国交流", "境外交流"]),
    ("online_course", &["网络课程", "在线课程", "网络学习"]),
    ("platform_training", &["平台培训"]),
    ("research_project", &["科研项目", "课题"]),
    ("book", &["著作", "专著"]),
    ("paper", &["论文"]),
    ("patent", &["专利"]),
    ("award", &["获奖", "奖励"]),
    ("skills_exam", &["技能考试"]),
    ("degree_course", &["学历课程", "学位课程"]),
    ("qualification_exam", &["资格考试"]),
    ("assignment", &["援派", "特定工作任务"]),
    ("prior_certificate", &["学时认定单"]),
    ("declared", &["其他形式"]),
];

fn normalise(header: &str) -> String {
    header
        .trim_start_matches('\u{feff}')
        .trim()
        .to_lowercase()
        .replace([' ', '-'], "_")
}

/// The columns of a sheet, read from its header row.
#[derive(Debug, Clone)]
pub struct Layout {
    columns: Vec<Column>,
}

impl Layout {
    /// Reads the header row.
    ///
    /// # Errors
    ///
    /// An unknown or repeated header, or no person column, with the header's text.
    pub fn from_headers<S: AsRef<str>>(headers: &[S]) -> Result<Layout, String> {
        let mut columns = Vec::with_capacity(headers.len());
        let mut fields_seen: Vec<&'static str> = Vec::new();
        for (i, raw) in headers.iter().enumerate() {
            let h = normalise(raw.as_ref());
            let column = if PERSON_HEADERS.contains(&h.as_str()) {
                Column::Person
            } else if let Some((name, _)) = RECORD_HEADERS
                .iter()
                .find(|(name, zh)| *name == h || zh.contains(&h.as_str()))
            {
                match *name {
                    "policy" => Column::Policy,
                    "span_from" => Column::SpanFrom,
                    "title_grade" => Column::TitleGrade,
                    "counts_from" => Column::CountsFrom,
                    _ => Column::SpanTo,
                }
            } else if let Some((name, ty, _)) = HEADERS
                .iter()
                .find(|(name, _, zh)| *name == h || zh.contains(&h.as_str()))
            {
                Column::Field(name, *ty)
            } else {
                return Err(format!(
                    "column {} has an unknown header `{}` (see `cehours screen --help`)",
                    i.saturating_add(1),
                    raw.as_ref().escape_debug()
                ));
            };
            let key = match column {
                Column::Person => None,
                Column::Policy => Some("policy"),
                Column::SpanFrom => Some("span_from"),
                Column::SpanTo => Some("span_to"),
                Column::TitleGrade => Some("title_grade"),
                Column::CountsFrom => Some("counts_from"),
                Column::Field(name, _) => Some(name),
            };
            if let Some(key) = key {
                if fields_seen.contains(&key) {
                    return Err(format!(
                        "column {} repeats the field `{key}` (header `{}`)",
                        i.saturating_add(1),
                        raw.as_ref().escape_debug()
                    ));
                }
                fields_seen.push(key);
            }
            columns.push(column);
        }
        if !columns.contains(&Column::Person) {
            return Err(format!(
                "no person column: name one `{}`",
                PERSON_HEADERS.join("`, `")
            ));
        }
        Ok(Layout { columns })
    }

    /// Turns one row's cells (already text) into a [`Row`].
    ///
    /// A cell that cannot be read as its column's type leaves [`Row::error`] set (naming the
    /// column), so that the person can still be refused as a whole.
    ///
    /// # Errors
    ///
    /// A row without a person.
    pub fn row<S: AsRef<str>>(&self, cells: &[S]) -> Result<Row, String> {
        let mut person = String::new();
        let mut row = Row::default();
        let mut object = Map::new();
        for (i, column) in self.columns.iter().enumerate() {
            let cell = cells.get(i).map_or("", |c| c.as_ref()).trim();
            if cell.is_empty() {
                continue;
            }
            match *column {
                Column::Person => {
                    if !person.is_empty() {
                        person.push(' ');
                    }
                    person.push_str(cell);
                }
                Column::Policy => row.policy = Some(cell.to_owned()),
                Column::SpanFrom => row.span_from = Some(cell.to_owned()),
                Column::SpanTo => row.span_to = Some(cell.to_owned()),
                Column::TitleGrade => row.title_grade = Some(cell.to_owned()),
                Column::CountsFrom => row.counts_from = Some(cell.to_owned()),
                Column::Field(name, ty) => match value(ty, cell) {
                    Ok(value) => {
                        object.insert(name.to_owned(), value);
                    }
                    Err(e) => {
                        row.error
                            .get_or_insert_with(|| format!("column `{name}`: {e}"));
                    }
                },
            }
        }
        if person.is_empty() {
            return Err("the person cell is empty".into());
        }
        row.person = person;
        row.evidence = Value::Object(object).to_string();
        Ok(row)
    }
}

/// One spreadsheet row, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    /// The person's key.
    pub person: String,
    /// The `policy` cell, if any.
    pub policy: Option<String>,
    /// The `span_from` cell, if any.
    pub span_from: Option<String>,
    /// The `span_to` cell, if any.
    pub span_to: Option<String>,
    /// The `title_grade` cell, if any.
    pub title_grade: Option<String>,
    /// The `counts_from` cell, if any.
    pub counts_from: Option<String>,
    /// The evidence item as a JSON object of the contract.
    pub evidence: String,
    /// The first cell that could not be read, if any.
    pub error: Option<String>,
}

fn whole(text: &str) -> Result<Number, String> {
    text.parse::<u64>()
        .map(Number::from)
        .map_err(|_| format!("`{text}` is not a whole number from 0"))
}

fn value(ty: Ty, cell: &str) -> Result<Value, String> {
    Ok(match ty {
        Ty::Str | Ty::Dec | Ty::Date => Value::String(cell.to_owned()),
        Ty::Int => Value::Number(whole(cell)?),
        Ty::Bool => Value::Bool(match cell.to_lowercase().as_str() {
            "true" | "yes" | "y" | "1" | "是" => true,
            "false" | "no" | "n" | "0" | "否" => false,
            _ => return Err(format!("`{cell}` is not yes/no (是/否, true/false)")),
        }),
        Ty::Kind => Value::String(
            KIND_NAMES
                .iter()
                .find(|(_, zh)| zh.contains(&cell))
                .map_or(cell, |(name, _)| name)
                .to_owned(),
        ),
        Ty::Subject => Value::String(
            match cell {
                "公需" | "公需科目" => "public",
                "专业" | "专业科目" => "professional",
                other => other,
            }
            .to_owned(),
        ),
        Ty::Years => {
            let mut years = Vec::new();
            for part in cell.split([';', '；']).filter(|p| !p.trim().is_empty()) {
                let fields: Vec<&str> = part.split([':', '：']).map(str::trim).collect();
                let [year, public, professional] = fields.as_slice() else {
                    return Err(format!("`{part}` is not year:public:professional"));
                };
                let year: i64 = year
                    .parse()
                    .map_err(|_| format!("`{year}` is not a year"))?;
                let mut entry = Map::new();
                entry.insert("year".into(), Value::Number(Number::from(year)));
                entry.insert("public".into(), Value::String((*public).to_owned()));
                entry.insert(
                    "professional".into(),
                    Value::String((*professional).to_owned()),
                );
                years.push(Value::Object(entry));
            }
            Value::Array(years)
        }
        Ty::Docs => {
            let mut documents = Vec::new();
            for part in cell.split([';', '；']).filter(|p| !p.trim().is_empty()) {
                let (doc_type, rest) = part
                    .split_once(':')
                    .map_or((part, None), |(t, r)| (t, Some(r)));
                let mut entry = Map::new();
                entry.insert("type".into(), Value::String(doc_type.trim().to_owned()));
                if let Some(rest) = rest {
                    let (file, bytes) = match rest.rsplit_once(':') {
                        Some((file, bytes))
                            if !bytes.is_empty() && bytes.bytes().all(|b| b.is_ascii_digit()) =>
                        {
                            (file, Some(bytes))
                        }
                        _ => (rest, None),
                    };
                    if !file.trim().is_empty() {
                        entry.insert("file".into(), Value::String(file.trim().to_owned()));
                    }
                    if let Some(bytes) = bytes {
                        entry.insert("bytes".into(), Value::Number(whole(bytes)?));
                    }
                }
                documents.push(Value::Object(entry));
            }
            Value::Array(documents)
        }
    })
}

/// The header table as text, for `--help` and the README.
pub fn header_table() -> String {
    let mut text = String::from(
        "  person             人员 / 姓名 / 身份证号 / 身份证号码 / 证件号码 (several: joined)\n",
    );
    for (name, zh) in RECORD_HEADERS {
        text.push_str(&format!("  {name:<18} {}\n", zh.join(" / ")));
    }
    for (name, _, zh) in HEADERS {
        text.push_str(&format!("  {name:<18} {}\n", zh.join(" / ")));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_headers_and_values() -> Result<(), String> {
        let layout = Layout::from_headers(&["姓名", "编号", "类型", "科目", "日期", "学时"])?;
        let row = layout.row(&["张三", "o1", "网络课程", "公需", "2020-03-01", "2.5"])?;
        assert_eq!(row.person, "张三");
        assert_eq!(
            row.evidence,
            r#"{"date":"2020-03-01","hours":"2.5","id":"o1","kind":"online_course","subject":"public"}"#
        );
        Ok(())
    }

    #[test]
    fn unknown_and_repeated_headers_are_refused() {
        let unknown = Layout::from_headers(&["姓名", "学时数"])
            .err()
            .unwrap_or_default();
        assert!(
            unknown.contains("column 2 has an unknown header `学时数`"),
            "{unknown}"
        );
        let repeated = Layout::from_headers(&["姓名", "hours", "学时"])
            .err()
            .unwrap_or_default();
        assert!(
            repeated.contains("column 3 repeats the field `hours`"),
            "{repeated}"
        );
        let no_person = Layout::from_headers(&["id"]).err().unwrap_or_default();
        assert!(no_person.contains("no person column"), "{no_person}");
    }

    #[test]
    fn years_documents_and_flags() -> Result<(), String> {
        let layout = Layout::from_headers(&["person", "years", "documents", "filed", "rank"])?;
        let row = layout.row(&[
            "p",
            "2019:30:60；2020:1:2",
            "notice;other_supporting:a:b.pdf:12",
            "是",
            "3",
        ])?;
        assert_eq!(
            row.evidence,
            r#"{"documents":[{"type":"notice"},{"bytes":12,"file":"a:b.pdf","type":"other_supporting"}],"filed":true,"rank":3,"years":[{"professional":"60","public":"30","year":2019},{"professional":"2","public":"1","year":2020}]}"#
        );
        let bad = layout.row(&["p", "", "", "maybe", ""])?.error;
        assert_eq!(
            bad.as_deref(),
            Some("column `filed`: `maybe` is not yes/no (是/否, true/false)")
        );
        let negative = layout.row(&["p", "", "", "", "-1"])?.error;
        assert_eq!(
            negative.as_deref(),
            Some("column `rank`: `-1` is not a whole number from 0")
        );
        let nobody = layout.row(&["", "", "", "", "1"]).err();
        assert_eq!(nobody.as_deref(), Some("the person cell is empty"));
        Ok(())
    }
}
