//! The real `cehours` binary on files made here: JSON Lines, CSV and XLSX with Chinese headers
//! and a bad row, an empty file, a missing file. Expected figures are worked out by hand from
//! the rules (A1.C1: 8 h a day; A1.M3/I-3: an online course's stated hours; N.1.2: 30 public,
//! 60 professional, 90 in all each year).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Output};

fn cehours(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cehours"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A CSV output: the BOM checked and dropped, then header + rows.
fn csv_rows(out: &[u8]) -> Vec<Vec<String>> {
    let body = out
        .strip_prefix("\u{feff}".as_bytes())
        .expect("CSV starts with a UTF-8 BOM");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column `{name}` in {header:?}"))
}

/// Person `i` of the 10,000: four shapes, every 1000th record refused.
fn record(i: usize) -> String {
    let online = |id: &str, subject: &str, date: &str, hours: &str| {
        format!(
            r#"{{"id":"{id}","kind":"online_course","subject":"{subject}","date":"{date}","hours":"{hours}"}}"#
        )
    };
    if i % 1000 == 999 {
        return r#"{"evidence":[{"id":"a","kind":"online_course","colour":"red"}]}"#.into();
    }
    let mut items = Vec::new();
    if i % 4 != 3 {
        for year in 2019..=2023 {
            if i % 4 == 2 && year == 2019 {
                items.push(online("p2019a", "public", "2019-03-01", "12.5"));
                items.push(online("p2019b", "public", "2019-03-02", "17.5"));
            } else {
                items.push(online(
                    &format!("p{year}"),
                    "public",
                    &format!("{year}-03-01"),
                    "30",
                ));
            }
            let professional = if i % 4 == 1 && year == 2023 {
                "50"
            } else {
                "60"
            };
            items.push(online(
                &format!("q{year}"),
                "professional",
                &format!("{year}-06-01"),
                professional,
            ));
        }
    }
    format!(r#"{{"evidence":[{}]}}"#, items.join(","))
}

#[test]
fn ten_thousand_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("records.jsonl");
    let mut body = String::new();
    for i in 0..10_000 {
        writeln!(body, "{}", record(i)).unwrap();
    }
    std::fs::write(&input, body).unwrap();
    let input = input.to_str().unwrap();

    let out = cehours(&["screen", input, "--lang", "en", "--jobs", "2"]);
    let stderr = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "refusals give status 1: {stderr}"
    );
    assert!(
        stderr.contains("records 10000, passed 5000, failed 4990, refused 10,"),
        "{stderr}"
    );
    // Each refusal on standard error with its line number.
    for n in (1000..=10_000).step_by(1000) {
        assert!(
            stderr.contains(&format!("error: {input}:{n}: evidence[0]")),
            "line {n}: {stderr}"
        );
    }
    let rows = csv_rows(&out.stdout);
    assert_eq!(rows.len(), 10_001, "a header and one row per record");
    let header = &rows[0];
    let (source, verdict) = (column(header, "source"), column(header, "verdict"));
    // In input order.
    for (n, row) in rows.iter().enumerate().skip(1) {
        assert_eq!(row[source], format!("{input}:{n}"));
    }
    let at = |n: usize, name: &str| rows[n][column(header, name)].clone();
    // Line 1 (person 0): 30 + 60 every year.
    assert_eq!(at(1, "verdict"), "passed");
    assert_eq!(at(1, "2019 total"), "90");
    assert_eq!(at(1, "2023 short total"), "0");
    // Line 2 (person 1): 2023 has 50 professional hours: 10 short of 60 and of 90.
    assert_eq!(rows[2][verdict], "failed");
    assert_eq!(at(2, "2023 professional"), "50");
    assert_eq!(at(2, "2023 passed"), "no");
    assert_eq!(at(2, "2023 short public"), "0");
    assert_eq!(at(2, "2023 short professional"), "10");
    assert_eq!(at(2, "2023 short total"), "10");
    assert_eq!(at(2, "2022 passed"), "yes");
    // Line 3 (person 2): 12.5 + 17.5 public hours in 2019.
    assert_eq!(at(3, "2019 public"), "30");
    assert_eq!(at(3, "verdict"), "passed");
    // Line 4 (person 3): nothing, so every minimum is short in full.
    assert_eq!(at(4, "2021 short public"), "30");
    assert_eq!(at(4, "2021 short professional"), "60");
    assert_eq!(at(4, "2021 short total"), "90");
    assert_eq!(at(4, "verdict"), "failed");
    // Line 1000: refused, the error kept in the row.
    assert_eq!(at(1000, "verdict"), "refused");
    assert!(
        at(1000, "error").contains("unknown field `colour`"),
        "{}",
        at(1000, "error")
    );

    // One thread writes the same bytes; JSON Lines carry the same verdicts.
    let single = cehours(&["screen", input, "--lang", "en", "--jobs", "1", "-q"]);
    assert_eq!(single.stdout, out.stdout);
    assert!(
        single.stderr.is_empty(),
        "--quiet: {}",
        text(&single.stderr)
    );
    let jsonl = cehours(&["screen", input, "--format", "jsonl", "-q"]);
    let lines: Vec<serde_json::Value> = text(&jsonl.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 10_000);
    assert_eq!(lines[1]["years"][4]["shortfall"]["professional"], "10");
    assert_eq!(lines[999]["verdict"], "refused");
    assert_eq!(lines[0]["verdict"], "passed");
}

/// Rows of three people with Chinese headers; 李四's row 5 (sheet row numbers, header = 1) is bad.
const SHEET: &[[&str; 9]] = &[
    [
        "姓名",
        "编号",
        "类型",
        "科目",
        "日期",
        "学时",
        "开始日期",
        "结束日期",
        "天数",
    ],
    [
        "张三",
        "o1",
        "网络课程",
        "公需",
        "2020-03-01",
        "30",
        "",
        "",
        "",
    ],
    [
        "张三",
        "t1",
        "培训",
        "专业",
        "",
        "",
        "2020-05-01",
        "2020-05-08",
        "7.5",
    ],
    [
        "李四",
        "o1",
        "网络课程",
        "公需",
        "2020-03-01",
        "30",
        "",
        "",
        "",
    ],
    [
        "李四",
        "o2",
        "网络课程",
        "专业",
        "2020-04-01",
        "abc",
        "",
        "",
        "",
    ],
    [
        "王五",
        "o1",
        "online_course",
        "professional",
        "2020-01-05",
        "20.5",
        "",
        "",
        "",
    ],
];

fn check_sheet_output(rows: &[Vec<String>], bad_row: usize, file: &str) {
    assert_eq!(rows.len(), 4, "a header and three people: {rows:?}");
    let header = &rows[0];
    let at = |n: usize, name: &str| rows[n][column(header, name)].clone();
    assert_eq!(at(1, "人员"), "张三");
    assert_eq!(at(1, "来源"), format!("{file}:2-3"));
    // 30 public hours; 7.5 days × 8 h = 60 professional hours (A1.C1).
    assert_eq!(at(1, "2020公需"), "30");
    assert_eq!(at(1, "2020专业"), "60");
    assert_eq!(at(1, "2020合计"), "90");
    assert_eq!(at(1, "2020达标"), "是");
    assert_eq!(at(1, "2019达标"), "否");
    assert_eq!(at(1, "结论"), "不合格");
    assert_eq!(at(2, "人员"), "李四");
    assert_eq!(at(2, "结论"), "不予受理");
    assert!(
        at(2, "错误").starts_with(&format!("{file}:{bad_row}: ")),
        "{}",
        at(2, "错误")
    );
    assert_eq!(at(2, "2020公需"), "");
    assert_eq!(at(3, "人员"), "王五");
    assert_eq!(at(3, "2020专业"), "20.5");
    assert_eq!(at(3, "2020公需差额"), "30");
    assert_eq!(at(3, "2020专业差额"), "39.5");
    assert_eq!(at(3, "2020合计差额"), "69.5");
}

#[test]
fn csv_with_chinese_headers_and_a_bad_row() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("人员.csv");
    let mut body = String::from("\u{feff}");
    for row in SHEET {
        writeln!(body, "{}", row.join(",")).unwrap();
    }
    std::fs::write(&input, body).unwrap();
    let input = input.to_str().unwrap();
    let out = cehours(&["screen", input]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("error: {input}:5: `abc` is not a decimal")),
        "{stderr}"
    );
    assert!(
        stderr.contains("记录 3，合格 0，不合格 2，不予受理 1"),
        "{stderr}"
    );
    check_sheet_output(&csv_rows(&out.stdout), 5, input);
}

#[test]
fn xlsx_in_and_out() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("staff.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (r, row) in SHEET.iter().enumerate() {
        let r = u32::try_from(r).unwrap();
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c).unwrap();
            if cell.is_empty() {
                continue;
            }
            if r > 0 && cell.len() == 10 && cell.as_bytes()[4] == b'-' {
                // A real Excel date.
                let d = ExcelDateTime::parse_from_str(cell).unwrap();
                sheet.write_datetime_with_format(r, c, &d, &date).unwrap();
            } else if let (true, Ok(n)) = (r > 0, cell.parse::<f64>()) {
                sheet.write_number(r, c, n).unwrap();
            } else {
                sheet.write_string(r, c, *cell).unwrap();
            }
        }
    }
    book.save(&input).unwrap();
    let output = dir.path().join("out.xlsx");
    let input = input.to_str().unwrap();
    let out = cehours(&["screen", input, "-o", output.to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("error: {input}:5: ")), "{stderr}");
    assert!(out.stdout.is_empty());

    use calamine::Reader;
    let mut read = calamine::open_workbook_auto(&output).unwrap();
    let range = read.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    calamine::Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    // The bad cell is the text `abc` in a 学时 column of numbers: row 5 of the sheet.
    check_sheet_output(&rows, 5, input);
}

#[test]
fn empty_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["empty.jsonl", "empty.csv"] {
        let empty = dir.path().join(name);
        std::fs::write(&empty, "").unwrap();
        let out = cehours(&["screen", empty.to_str().unwrap(), "--lang", "en"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(csv_rows(&out.stdout).len(), 1, "the header alone");
        assert!(text(&out.stderr).contains("records 0, passed 0, failed 0, refused 0"));
    }
    let good = dir.path().join("good.jsonl");
    std::fs::write(&good, "{\"evidence\":[]}\n").unwrap();
    let missing = dir.path().join("missing.jsonl");
    let out = cehours(&["screen", good.to_str().unwrap(), missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing half-written");
    assert!(
        text(&out.stderr).contains(&format!("cannot open `{}`", missing.display())),
        "{}",
        text(&out.stderr)
    );
    let out = cehours(&["evaluate", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let out = cehours(&["screen"]);
    assert_eq!(out.status.code(), Some(2), "usage error");
}

#[test]
fn rows_of_a_person_must_be_together() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("split.csv");
    std::fs::write(
        &input,
        "person,id,kind,date,hours\na,o1,online_course,2020-01-01,1\nb,o1,online_course,2020-01-01,1\na,o2,online_course,2020-01-02,1\n",
    )
    .unwrap();
    let out = cehours(&["screen", input.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let rows = csv_rows(&out.stdout);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[3][4], "refused");
    assert!(
        rows[3][5].contains(":4: the rows of `a` are not together"),
        "{:?}",
        rows[3]
    );
}

fn write(dir: &Path, name: &str, body: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn evaluate_checklist_and_policy() {
    let dir = tempfile::tempdir().unwrap();
    let sample = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/records/sample.json"
    );
    let out = cehours(&["evaluate", sample]);
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["passed"], false, "the sample's 2023 is short");
    let table = cehours(&["evaluate", "--format", "table", sample]);
    assert!(text(&table.stdout).contains("2023    24        46        70        6/14/20"));

    let bad = write(
        dir.path(),
        "bad.json",
        r#"{"evidence":[{"id":"x","kind":"magic"}]}"#,
    );
    let out = cehours(&["evaluate", &bad]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("evidence[0]"),
        "{}",
        text(&out.stderr)
    );

    let out = cehours(&["checklist", "online_course"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("A1.M3"), "{}", text(&out.stdout));
    assert_eq!(cehours(&["checklist", "magic"]).status.code(), Some(2));

    let absurd = write(
        dir.path(),
        "absurd.json",
        r#"{"extends":"hunan-2024","minimums":{"public":"-1","total":"10"}}"#,
    );
    let out = cehours(&["policy", "check", &absurd, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let listed = text(&out.stdout);
    assert!(
        listed.contains("minimums.public: must not be negative"),
        "{listed}"
    );
    assert!(listed.contains("minimums.total"), "{listed}");
    let printed = cehours(&["policy", "print"]);
    let policy = write(dir.path(), "p.json", &text(&printed.stdout));
    let out = cehours(&["policy", "check", &policy, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains(": ok (hunan-2024)"));

    let surplus = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/policies/public-surplus.json"
    );
    let out = cehours(&["policy", "diff", sample, surplus, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let diff: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(diff["before"], "hunan-2024");
}

/// An application for 2020 taken through employer, superior and agency, then the 学时认定单
/// as text, HTML and JSON. The declared hours are the record's for 2020: training 3.5 days
/// (28 h public, A1.C1) and an online course of 2 h public (A1.M3), no professional hours, so
/// 2020 falls short of N.1.2's 60 professional hours.
#[test]
fn certificate_from_an_approved_application() {
    use cehours::{
        Actor, Applicant, Application, Declaration, EmployerReview, Next, PROVINCIAL_HRSS, Party,
        Policy, Record, ReviewAction, Route, Track, Upload, Uploads,
    };
    use chrono::NaiveDate;
    let record: Record = serde_json::from_str(
        r#"{"evidence":[
        {"id":"t1","kind":"training","subject":"public","start":"2020-04-01","end":"2020-04-04","days":"3.5"},
        {"id":"o1","kind":"online_course","subject":"public","date":"2020-09-01","hours":"2"}]}"#,
    )
    .unwrap();
    let report = cehours::evaluate(&record, &Policy::hunan_2024()).unwrap();
    let mut applicant = Applicant::new("11010519491231002X", "李华");
    applicant.ethnicity = "汉族".into();
    applicant.unit = "湖南省地质研究所".into();
    applicant.proposed_title = "正高级工程师".into();
    applicant.phone = "18890987651".into();
    applicant.education = "硕士研究生".into();
    applicant.category = "工程".into();
    applicant.sub_specialty = "地质勘查".into();
    let declaration = Declaration::from_report(applicant, &record, &report, 2020)
        .unwrap()
        .with_uploads(Uploads {
            education: vec![Upload::new("学历证书.pdf")],
            entrustment: vec![],
            hours: vec![Upload::new("2020学时材料.pdf")],
        });
    let route = Route::new(Track::ProvincialUnit, PROVINCIAL_HRSS).unwrap();
    let mut app = Application::new("HN-2024-000123", declaration, route).unwrap();
    let at = |d| {
        NaiveDate::from_ymd_opt(2024, 6, d)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    };
    let me = Actor::new("李华", Party::Applicant, "湖南省地质研究所");
    let employer = Actor::new("张经办", Party::Employer, "湖南省地质研究所");
    let superior = Actor::new("刘复审", Party::SuperiorUnit, "湖南省自然资源厅");
    let hrss = Actor::new("王备案", Party::Agency, PROVINCIAL_HRSS);
    app.submit(&me, at(3)).unwrap();
    let next = Some(Next::Superior {
        unit: "湖南省自然资源厅".into(),
    });
    let review = EmployerReview {
        unit_nature: "事业单位".into(),
        principle: "隶属关系".into(),
        on_establishment: Some(true),
        business_number: "202406030000021".into(),
    };
    app.apply(
        &employer,
        ReviewAction::Approve {
            next,
            review: Some(review),
        },
        at(4),
    )
    .unwrap();
    app.approve(&superior, Some(Next::Agency), at(5)).unwrap();
    app.approve(&hrss, None, at(6)).unwrap();
    assert!(app.is_approved());

    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "app.json",
        &serde_json::to_string(&app).unwrap(),
    );
    let out = cehours(&["certificate", &file, "--issued", "2024-06-13"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains("李华"), "{shown}");
    assert!(shown.contains("认定年度 Years:      2020–2020"), "{shown}");
    // 28 + 2 = 30 public hours, no professional hours: 2020 falls short.
    assert!(shown.contains("2020  30"), "{shown}");
    let html = cehours(&["certificate", &file, "--issued", "2024-06-13", "--html"]);
    let page = text(&html.stdout);
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    assert!(page.contains("<td>李华</td>"), "{page}");
    assert!(page.contains("未达标 not passed"), "{page}");
    let json = cehours(&[
        "certificate",
        &file,
        "--issued",
        "2024-06-13",
        "--json",
        "--span",
        "2019-2021",
    ]);
    let cert: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(cert["years"][1]["public"], "30");
    assert_eq!(cert["years"][1]["professional"], "0");
    assert_eq!(cert["years"][0]["source"]["from"], "missing");
    assert_eq!(cert["passed"], false);
}

/// A blank line is skipped but counted; the last line needs no line end; `-` reads standard
/// input.
#[test]
fn line_numbers_blank_lines_and_standard_input() {
    use std::io::Write as _;
    let body = "{\"evidence\":[]}\n   \n{\"evidence\":[]}";
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "two.jsonl", body);
    let out = cehours(&["screen", &file, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let rows = csv_rows(&out.stdout);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1][1], format!("{file}:1"));
    assert_eq!(rows[2][1], format!("{file}:3"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_cehours"))
        .args(["screen", "-", "--format", "jsonl", "-q"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(body.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[1].starts_with(r#"{"person":"-:3","source":"-:3","verdict":"failed""#),
        "{}",
        lines[1]
    );
}

/// A record naming a bundled jurisdiction file (`policies/ningxia-2022.json`) is evaluated
/// under it: an intermediate title over 2018–2021, 40 hours taught × 3 = 120 professional in
/// 2019 and a 10-day public study tour × 6 = 60 in 2020; against 360 with 120 public over the
/// span it lacks 60 public and 180 in all.
#[test]
fn evaluate_under_a_bundled_jurisdiction() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nx.json");
    std::fs::write(
        &path,
        r#"{ "policy": "ningxia-2022", "grade": "intermediate", "evidence": [
            { "id": "t", "kind": "declared", "type": "teaching", "date": "2019-05-01", "hours": "40" },
            { "id": "s", "kind": "declared", "type": "study_tour", "start": "2020-05-01",
              "end": "2020-05-10", "days": "10", "subject": "public" } ] }"#,
    )
    .unwrap();
    let out = cehours(&["evaluate", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["policy"], "ningxia-2022");
    assert_eq!(report["span"]["from"], 2018);
    assert_eq!(report["passed"], false);
    let check = &report["span_check"];
    assert_eq!(
        (check["public"].as_str(), check["professional"].as_str()),
        (Some("60"), Some("120"))
    );
    assert_eq!(check["shortfall"]["public"].as_str(), Some("60"));
    assert_eq!(check["shortfall"]["total"].as_str(), Some("180"));
}

/// A sheet for a jurisdiction file: the person's title grade (职称级别) and the policy in
/// columns, declared kinds by their type (声明类型). Under ningxia-2022 an intermediate title
/// is held to 360 with 120 public over 2018–2021: 60 hours taught × 3 = 180 professional
/// (2019), a 20-day public study tour × 6 = 120 public (2020), and 10 hours taught × 3 = 30
/// (2021): 330 in all, 30 short; the span check decides, every year shows no gap of its own.
#[test]
fn csv_of_a_jurisdiction_with_title_grades_and_declared_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("宁夏.csv");
    std::fs::write(
        &input,
        "姓名,政策,职称级别,编号,类型,声明类型,科目,日期,开始日期,结束日期,天数,学时\n\
         马六,ningxia-2022,intermediate,t1,其他形式,teaching,,2019-05-01,,,,60\n\
         马六,,,s1,其他形式,study_tour,公需,,2020-05-01,2020-05-20,20,\n\
         马六,,,t2,其他形式,teaching,,2021-05-01,,,,10\n",
    )
    .unwrap();
    let out = cehours(&["screen", input.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let rows = csv_rows(&out.stdout);
    let header = &rows[0];
    let at = |name: &str| rows[1][column(header, name)].clone();
    assert_eq!(at("2019专业"), "180");
    assert_eq!(at("2020公需"), "120");
    assert_eq!(at("2021专业"), "30");
    assert_eq!(at("结论"), "不合格");
}
