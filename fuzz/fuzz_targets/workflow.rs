//! Random action sequences on the review workflow: every action is applied or refused without
//! a panic; a refused one changes nothing, an applied one appends exactly one entry ending in
//! the new state; the stored application replays to itself and verifies once sealed.
//!
//! Input: byte 0 picks the route; then each group of three bytes is one step (who acts, what
//! they do, how many minutes pass — a large value leaves the June–July window).
#![no_main]

use cehours::{
    Actor, Applicant, Application, Declaration, EmployerReview, Next, Party, ReviewAction,
    ReviewState, Route, SubjectDeclaration, Track, Upload, Uploads, PROVINCIAL_HRSS,
};
use chrono::{NaiveDate, TimeDelta};
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

const EMPLOYER: &str = "湖南省地质研究所";
const UNITS: [&str; 4] = [EMPLOYER, "湖南省自然资源厅", "湖南省国资委", " 湖南省自然资源厅\u{200B}"];
const CITY: &str = "长沙市人力资源和社会保障局";

fn declaration(total: i64, year: i32) -> Declaration {
    let mut applicant = Applicant::new("11010519491231002X", "李华");
    applicant.ethnicity = "汉族".into();
    applicant.unit = EMPLOYER.into();
    applicant.proposed_title = "正高级工程师".into();
    applicant.phone = "18890987651".into();
    applicant.education = "硕士研究生".into();
    applicant.category = "工程".into();
    applicant.sub_specialty = "地质勘查".into();
    let public = SubjectDeclaration::new("公需科目", "培训班", Decimal::from(30));
    let professional = SubjectDeclaration::new("专业科目", "论文", Decimal::from(60));
    Declaration::new(applicant, year, public, professional, Decimal::from(total)).with_uploads(Uploads {
        education: vec![Upload::new("学历.pdf")],
        entrustment: vec![],
        hours: vec![Upload::new("学时.pdf")],
    })
}

/// `declaration(total, year)` carrying the employer's review `review`.
fn reviewed(total: i64, year: i32, review: Option<EmployerReview>) -> Declaration {
    let mut d = declaration(total, year);
    d.employer_review = review;
    d
}

fn form(on: bool) -> EmployerReview {
    EmployerReview {
        unit_nature: "事业单位".into(),
        principle: "隶属关系".into(),
        on_establishment: Some(on),
        business_number: "202406030000021".into(),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, steps)) = data.split_first() else { return };
    let (track, agency) = match first % 4 {
        0 => (Track::ProvincialUnit, PROVINCIAL_HRSS),
        1 => (Track::CityPrefecture, CITY),
        2 => (Track::NonPublic, CITY),
        _ => (Track::CentralUnit, PROVINCIAL_HRSS),
    };
    let route = Route::new(track, agency).expect("a built-in route");
    let mut app = Application::new("HN-fuzz", declaration(90, 2020), route).expect("an application");
    let mut at = NaiveDate::from_ymd_opt(2024, 6, 3).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("a time");
    for step in steps.chunks_exact(3) {
        let [who, what, dt] = [step[0], step[1], step[2]];
        at += TimeDelta::minutes(if dt >= 250 { 40 * 24 * 60 } else { i64::from(dt % 8) - 2 });
        let actor = match who % 8 {
            0 => match app.state().desk() {
                Some(desk) => Actor::new("当班", desk.role, &desk.unit),
                None => Actor::new("李华", Party::Applicant, EMPLOYER),
            },
            1 => Actor::new("李华", Party::Applicant, EMPLOYER),
            2 => Actor::new("张", Party::Employer, EMPLOYER),
            3 => Actor::new("刘", Party::SuperiorUnit, UNITS[usize::from(who / 8) % 4]),
            4 => Actor::new("王", Party::Agency, agency),
            5 => Actor::new("某", Party::Agency, CITY),
            6 => Actor::new("某", Party::Employer, UNITS[usize::from(who / 8) % 4]),
            _ => Actor::new("\u{200B}", Party::SuperiorUnit, "\u{FEFF}"),
        };
        let review = (what & 0x80 != 0).then(|| form(what & 0x40 != 0));
        let kept = app.declaration().employer_review.clone();
        let action = match what % 12 {
            0 => ReviewAction::Edit { declaration: Box::new(reviewed(90, 2021, kept)) },
            1 => ReviewAction::Edit { declaration: Box::new(reviewed(1, 2021, kept)) },
            2 => ReviewAction::Edit { declaration: Box::new(reviewed(90, 2022, review)) },
            3 | 4 => ReviewAction::Submit,
            5 => ReviewAction::SubmitOutsideWindow { reason: "同意补报".into() },
            6 => ReviewAction::Approve { next: None, review },
            7 => ReviewAction::Approve { next: Some(Next::Agency), review },
            8 => ReviewAction::Approve { next: Some(Next::Superior { unit: UNITS[usize::from(what / 12) % 4].into() }), review },
            9 => ReviewAction::Reject { reason: "\u{200B}\u{3000}".into() },
            _ => ReviewAction::Reject { reason: "材料不全".into() },
        };
        let before = app.clone();
        let checked = app.check(&actor, &action, at);
        match app.apply(&actor, action, at) {
            Ok(entry) => {
                assert_eq!(checked.as_ref().ok(), Some(app.state()));
                assert_eq!(app.audit().len(), before.audit().len() + 1);
                assert_eq!(&entry.from, before.state());
                assert_eq!(app.audit().last(), Some(&entry));
                assert!(!before.is_approved());
            }
            Err(e) => {
                assert_eq!(checked, Err(e));
                assert_eq!(app, before);
            }
        }
        assert_eq!(app.audit().last().map_or(&ReviewState::Draft, |e| &e.to), app.state());
    }
    let text = serde_json::to_string(&app).expect("an application serialises");
    let mut back: Application = serde_json::from_str(&text).expect("a stored application replays");
    assert_eq!(back, app);
    back.seal(b"fuzz").expect("seals");
    assert_eq!(back.verify(b"fuzz"), Ok(()));
});
