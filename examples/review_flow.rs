//! Follows one declaration through the online verification system and prints the certificate
//! (学时认定单) it ends in.
//!
//! ```text
//! cargo run --example review_flow
//! ```
//!
//! A professional of a provincial unit (route N.2.1) evaluates their 2020 evidence, fills a
//! declaration from the report, attaches the uploads of A2 step 7, and submits it (a try in
//! May, outside the June–July window of notice 二, is refused). The employer fills in its review
//! fields and sends it to the superior unit (A3), which returns it with a reason (A4); the
//! applicant edits and resubmits; the employer, the superior unit and the provincial HRSS
//! approve it (A3, A4, A5). The audit trail, the refused actions, the application read back
//! from its stored form (replayed), the certificate for 2019–2023 and its
//! `prior_certificate` evidence are printed.
//!
//! Deterministic: every timestamp is fixed, the evidence is written inline, and nothing is
//! read from files or the clock.

use std::fmt::Write as _;
use std::process::ExitCode;

/// Whether the arguments ask for help (`--help` or `-h`, anywhere).
fn wants_help(args: &[String]) -> bool {
    args.iter().any(|a| a == "--help" || a == "-h")
}

use cehours::{
    Actor, Applicant, Application, AuditEntry, Certificate, Declaration, EmployerReview, Holder,
    Next, PROVINCIAL_HRSS, Party, Policy, Record, ReviewState, Route, Span, Track, Upload, Uploads,
    evaluate,
};
use chrono::{NaiveDate, NaiveDateTime};

type Error = Box<dyn std::error::Error>;

/// The applicant's 2020 evidence, in the JSON contract (worked example 1 of docs/rules.md).
const RECORD: &str = r#"{
  "policy": "hunan-2024",
  "span": { "from": 2019, "to": 2023 },
  "evidence": [
    { "id": "t1", "kind": "training", "subject": "public", "format": "class",
      "start": "2020-04-01", "end": "2020-04-04", "days": "3.5" },
    { "id": "o1", "kind": "online_course", "subject": "public", "date": "2020-09-01", "hours": "2" },
    { "id": "p1", "kind": "paper", "author_rank": 1, "published": "2020-06-15",
      "serial": "CN 43-1234/N", "title": "湘中地区花岗岩风化壳研究" },
    { "id": "pt1", "kind": "patent", "class": "invention", "rank": 2, "granted": "2020-11-20" }
  ]
}"#;

const EMPLOYER: &str = "湖南省地质研究所";
const SUPERIOR: &str = "湖南省自然资源厅";

/// A fixed time in June 2024.
fn at(day: u32, hour: u32, minute: u32) -> Result<NaiveDateTime, Error> {
    NaiveDate::from_ymd_opt(2024, 6, day)
        .and_then(|d| d.and_hms_opt(hour, minute, 0))
        .ok_or_else(|| "bad fixed time".into())
}

fn state(s: &ReviewState) -> String {
    match s {
        ReviewState::InReview { desk, .. } => {
            format!(
                "{} ({} {} `{}`)",
                s.label(),
                desk.role.label(),
                desk.role,
                desk.unit
            )
        }
        _ => format!("{} ({s})", s.label()),
    }
}

fn entry(out: &mut String, e: &AuditEntry) -> Result<(), Error> {
    let rules: Vec<&str> = e.rules.iter().map(|r| r.as_str()).collect();
    writeln!(
        out,
        "[{}] {} ({} {}) {}: {} -> {} [{}]",
        e.at.format("%Y-%m-%d %H:%M"),
        e.who,
        e.role.label(),
        e.role,
        e.action,
        state(&e.from),
        state(&e.to),
        rules.join(", ")
    )?;
    if let Some(reason) = &e.reason {
        writeln!(out, "    审核不通过意见 reason: {reason}")?;
    }
    if let Some(r) = &e.employer_review {
        writeln!(
            out,
            "    单位性质 {} / 审核原则 {} / 是否在编 {} / 业务编号 {}",
            r.unit_nature,
            r.principle,
            match r.on_establishment {
                Some(true) => "是",
                Some(false) => "否",
                None => "-",
            },
            r.business_number
        )?;
    }
    Ok(())
}

/// The whole flow, as printed text.
pub(crate) fn transcript() -> Result<String, Error> {
    let mut out = String::new();
    let policy = Policy::hunan_2024();
    let record: Record = serde_json::from_str(RECORD)?;
    let report = evaluate(&record, &policy)?;

    let mut applicant = Applicant::new("11010519491231002X", "李华");
    applicant.gender = None;
    applicant.ethnicity = "汉族".into();
    applicant.unit = EMPLOYER.into();
    applicant.proposed_title = "正高级工程师".into();
    applicant.phone = "18890987651".into();
    applicant.education = "硕士研究生".into();
    applicant.category = "工程".into();
    applicant.sub_specialty = "地质勘查".into();
    let mut declaration = Declaration::from_report(applicant, &record, &report, 2020)?;
    declaration.uploads = Uploads {
        education: vec![Upload {
            file: "硕士学位证书.pdf".into(),
            bytes: Some(812_000),
        }],
        entrustment: vec![],
        hours: vec![Upload {
            file: "2020年度学时佐证材料.pdf".into(),
            bytes: Some(4_300_000),
        }],
    };
    declaration.validate_against(&report)?;
    writeln!(out, "== 申报 Declaration (A2 step 6) ==")?;
    writeln!(out, "{}", serde_json::to_string_pretty(&declaration)?)?;
    writeln!(out)?;

    let route = Route::new(Track::ProvincialUnit, PROVINCIAL_HRSS)?;
    let mut app = Application::new("HN-2024-000123", declaration, route)?;
    let me = Actor::new("李华", Party::Applicant, EMPLOYER);
    let employer = Actor::new("张经办", Party::Employer, EMPLOYER);
    let superior = Actor::new("刘复审", Party::SuperiorUnit, SUPERIOR);
    let hrss = Actor::new("王备案", Party::Agency, PROVINCIAL_HRSS);
    let to_superior = || Next::Superior {
        unit: SUPERIOR.into(),
    };

    let form = EmployerReview {
        unit_nature: "事业单位".into(),
        principle: "隶属关系".into(),
        on_establishment: Some(true),
        business_number: "202406040000123".into(),
    };

    writeln!(out, "== 审核 Review (route {}) ==", app.route().rule)?;
    let may = NaiveDate::from_ymd_opt(2024, 5, 31)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .ok_or("bad fixed time")?;
    if let Err(e) = app.submit(&me, may) {
        writeln!(out, "refused: {e}")?;
    }
    let steps = [
        app.submit(&me, at(3, 9, 0)?)?,
        app.approve_as_employer(&employer, form.clone(), to_superior(), at(4, 10, 0)?)?,
        app.reject(
            &superior,
            "公需科目培训缺少签到表,请补充后重新提交",
            at(5, 15, 30)?,
        )?,
    ];
    for e in &steps {
        entry(&mut out, e)?;
    }

    let mut revised = app.declaration().clone();
    revised.remarks = Some("已补充培训签到表 / attendance sheet added".into());
    let steps = [
        app.edit(&me, revised.clone(), at(6, 8, 45)?)?,
        app.submit(&me, at(6, 9, 0)?)?,
        app.approve_as_employer(&employer, form, to_superior(), at(7, 10, 0)?)?,
    ];
    for e in &steps {
        entry(&mut out, e)?;
    }
    // Out of turn, and locked while in review: both refused, nothing changes.
    if let Err(e) = app.approve(&hrss, None, at(7, 11, 0)?) {
        writeln!(out, "refused: {e}")?;
    }
    if let Err(e) = app.edit(&me, revised, at(7, 11, 5)?) {
        writeln!(out, "refused: {e}")?;
    }
    let steps = [
        app.approve(&superior, Some(Next::Agency), at(11, 14, 0)?)?,
        app.approve(&hrss, None, at(12, 16, 0)?)?,
    ];
    for e in &steps {
        entry(&mut out, e)?;
    }
    writeln!(out, "audit entries: {}", app.audit().len())?;
    // Stored and read back: the trail is replayed and must end where the application stands.
    let stored = serde_json::to_string(&app)?;
    let app: Application = serde_json::from_str(&stored)?;
    writeln!(
        out,
        "read back from storage: {} entries replayed, {}",
        app.audit().len(),
        state(app.state())
    )?;
    writeln!(out)?;

    let holder = Holder::new("11010519491231002x", "李华");
    let span = Span::new(2019, 2023)?;
    let issued = NaiveDate::from_ymd_opt(2024, 6, 13).ok_or("bad fixed date")?;
    let certificate = Certificate::issue(&holder, span, &[app], &[], &policy, issued)?;
    writeln!(out, "== 学时认定单 Certificate ==")?;
    write!(out, "{certificate}")?;
    writeln!(out)?;
    writeln!(out, "== prior_certificate evidence (N.3.3) ==")?;
    writeln!(
        out,
        "{}",
        serde_json::to_string(&certificate.to_evidence("cert-2024")?)?
    )?;
    Ok(out)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if wants_help(&args) {
        println!(
            "usage: review_flow\n\nFollows one declaration through the online verification system (A2-A5) and\nprints the audit trail and the certificate it ends in."
        );
        return ExitCode::SUCCESS;
    }
    match transcript() {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
