#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]
//! The review workflow (A2–A5, N.2.1–N.2.3), batch review (A5 step 6), declarations and the
//! certificate (学时认定单, N.3.3).

use cehours::{
    ActionKind, Actor, Applicant, Application, AuditEntry, BatchDecision, BatchReport, Certificate,
    CertificateError, Declaration, DeclarationField, DeclarationProblem, EmployerReview, Gender,
    Holder, IdNumber, IdNumberError, Next, NoteCode, PROVINCIAL_HRSS, Party, Policy, Record,
    ReviewAction, ReviewError, ReviewState, Route, RuleId, Span, SubjectDeclaration, Track, Upload,
    Uploads, YearSource, evaluate, review_batch,
};
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use proptest::prelude::*;
use rust_decimal::Decimal;

#[path = "../examples/review_flow.rs"]
#[expect(
    dead_code,
    reason = "the example's `main` is not called here; its transcript is"
)]
mod review_flow;

const ID: &str = "11010519491231002X";
const EMPLOYER: &str = "湖南省地质研究所";
const SUPERIOR: &str = "湖南省自然资源厅";
const SUPERIOR_2: &str = "湖南省人民政府国有资产监督管理委员会";
const CITY_HRSS: &str = "长沙市人力资源和社会保障局";

fn t(minutes: i64) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 6, 3)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
        + TimeDelta::minutes(minutes)
}

fn h(n: i64) -> Decimal {
    Decimal::from(n)
}

fn applicant_with(id: &str) -> Applicant {
    let mut applicant = Applicant::new(id, "李华");
    applicant.gender = IdNumber::parse(id).ok().map(|i| i.gender());
    applicant.ethnicity = "汉族".into();
    applicant.unit = EMPLOYER.into();
    applicant.proposed_title = "正高级工程师".into();
    applicant.phone = "18890987651".into();
    applicant.education = "硕士研究生".into();
    applicant.category = "工程".into();
    applicant.sub_specialty = "地质勘查".into();
    applicant
}

fn decl_of(id: &str, year: i32, public: i64, professional: i64) -> Declaration {
    Declaration::new(
        applicant_with(id),
        year,
        SubjectDeclaration::new(format!("{year}公需科目"), "培训班", h(public)),
        SubjectDeclaration::new(format!("{year}专业科目"), "论文", h(professional)),
        h(public + professional),
    )
    .with_uploads(Uploads {
        education: vec![Upload::new("学历证书.pdf")],
        entrustment: vec![],
        hours: vec![Upload::new(&format!("{year}学时材料.pdf"))],
    })
}

fn decl(year: i32) -> Declaration {
    decl_of(ID, year, 30, 60)
}

fn me() -> Actor {
    Actor::new("李华", Party::Applicant, EMPLOYER)
}
fn employer() -> Actor {
    Actor::new("张经办", Party::Employer, EMPLOYER)
}
fn superior() -> Actor {
    Actor::new("刘复审", Party::SuperiorUnit, SUPERIOR)
}
fn superior_2() -> Actor {
    Actor::new("陈复审", Party::SuperiorUnit, SUPERIOR_2)
}
fn provincial_hrss() -> Actor {
    Actor::new("王备案", Party::Agency, PROVINCIAL_HRSS)
}
fn city_hrss() -> Actor {
    Actor::new("赵核认", Party::Agency, CITY_HRSS)
}

fn route(track: Track) -> Route {
    let agency = match track {
        Track::ProvincialUnit | Track::CentralUnit => PROVINCIAL_HRSS,
        _ => CITY_HRSS,
    };
    Route::new(track, agency).unwrap()
}

fn agency_of(track: Track) -> Actor {
    match track {
        Track::ProvincialUnit | Track::CentralUnit => provincial_hrss(),
        _ => city_hrss(),
    }
}

fn app(track: Track) -> Application {
    Application::new("HN-1", decl(2020), route(track)).unwrap()
}

/// The employer's review fields (A3), valid.
fn form() -> EmployerReview {
    EmployerReview {
        unit_nature: "事业单位".into(),
        principle: "隶属关系".into(),
        on_establishment: Some(true),
        business_number: "202406030000021".into(),
    }
}

/// An approval without employer review fields (a superior unit's or the agency's).
fn approve_plain(next: Option<Next>) -> ReviewAction {
    ReviewAction::Approve { next, review: None }
}

/// An employer's approval, with its review fields.
fn approve_emp(next: Option<Next>) -> ReviewAction {
    ReviewAction::Approve {
        next,
        review: Some(form()),
    }
}

/// The employer approves with valid review fields.
fn employer_approves(
    a: &mut Application,
    next: Option<Next>,
    at: NaiveDateTime,
) -> Result<AuditEntry, ReviewError> {
    a.apply(&employer(), approve_emp(next), at)
}

fn sup(unit: &str) -> Option<Next> {
    Some(Next::Superior { unit: unit.into() })
}

fn desk_of(app: &Application) -> (Party, String) {
    let d = app.state().desk().expect("in review");
    (d.role, d.unit.clone())
}

/// An application approved on the non-public route (submit, then the city HRSS approves).
fn approved(id: &str, declaration: Declaration, minute: i64) -> Application {
    let mut a = Application::new(id, declaration, route(Track::NonPublic)).unwrap();
    a.submit(&me(), t(minute)).unwrap();
    a.approve(&city_hrss(), None, t(minute + 1)).unwrap();
    assert!(a.is_approved());
    a
}

/// Applies an action that must be refused, and checks nothing changed.
fn refused(
    app: &mut Application,
    actor: &Actor,
    action: ReviewAction,
    at: NaiveDateTime,
) -> ReviewError {
    let before = app.clone();
    let err = app.apply(actor, action, at).expect_err("must be refused");
    assert_eq!(*app, before, "a refused action changed the application");
    err
}

// ---------------------------------------------------------------- ID numbers and declarations

#[test]
fn id_number_check_characters() {
    let id = IdNumber::parse("11010519491231002X").unwrap();
    assert_eq!(
        id.birth_date(),
        NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()
    );
    assert_eq!(id.gender(), Gender::Female);
    // Lower-case x is read as X.
    assert_eq!(IdNumber::parse("11010519491231002x").unwrap(), id);
    assert_eq!(IdNumber::parse("11010519491231002x").unwrap().as_str(), ID);
    // The other example of GB 11643: check digit 4, a man.
    let other = IdNumber::parse("440524188001010014").unwrap();
    assert_eq!(other.gender(), Gender::Male);

    let cases = [
        (
            "110105194912310021",
            "`110105194912310021` fails its check: the last character should be `X`",
        ),
        (
            "44052418800101001X",
            "`44052418800101001X` fails its check: the last character should be `4`",
        ),
        (
            "11010519491231002",
            "`11010519491231002` has 17 characters, not 18",
        ),
        (
            "1101051949123100211",
            "`1101051949123100211` has 19 characters, not 18",
        ),
        (
            "1101051949123X002X",
            "character 14 of `1101051949123X002X` is not a digit",
        ),
        (
            "X10105194912310021",
            "character 1 of `X10105194912310021` is not a digit",
        ),
        (
            "110105194902300021",
            "`110105194902300021` does not hold a real birth date (`19490230`)",
        ),
        (
            "110105000012310021",
            "`110105000012310021` does not hold a real birth date (`00001231`)",
        ),
    ];
    for (text, message) in cases {
        assert_eq!(
            IdNumber::parse(text).expect_err(text).to_string(),
            message,
            "{text}"
        );
    }
    // A full-width digit counts as one character (not three bytes).
    assert!(matches!(
        IdNumber::parse("１10105194912310021"),
        Err(IdNumberError::Character { position: 1, .. })
    ));
    // Serde refuses an invalid number and normalises x.
    let json: IdNumber = serde_json::from_str("\"11010519491231002x\"").unwrap();
    assert_eq!(json.as_str(), ID);
    assert!(serde_json::from_str::<IdNumber>("\"110105194912310021\"").is_err());
}

#[test]
fn a_valid_declaration_passes() {
    assert_eq!(decl(2020).validate(), Ok(()));
    let mut landline = decl(2020);
    landline.applicant.phone = "0731-84567890".into();
    landline.applicant.gender = None;
    assert_eq!(landline.validate(), Ok(()));
    // A waived year with no hours needs no subject names or forms.
    let mut waived = decl_of(ID, 2022, 0, 0);
    waived.public.name.clear();
    waived.public.form.clear();
    waived.professional.form.clear();
    waived.waived = true;
    assert_eq!(waived.validate(), Ok(()));
}

#[test]
fn validation_reports_every_problem_with_its_field() {
    let mut d = decl(2020);
    d.applicant.id_number = "110105194912310021".into();
    d.applicant.name = " ".into();
    d.applicant.ethnicity.clear();
    d.applicant.phone = "12345678901".into();
    d.applicant.sub_specialty.clear();
    d.year = 0;
    d.public.name.clear();
    d.public.hours = h(-2);
    d.professional.form.clear();
    d.total = h(80);
    let err = d.validate().unwrap_err();
    let fields: Vec<DeclarationField> =
        err.problems.iter().map(DeclarationProblem::field).collect();
    assert_eq!(
        fields,
        [
            DeclarationField::IdNumber,
            DeclarationField::Name,
            DeclarationField::Ethnicity,
            DeclarationField::Phone,
            DeclarationField::SubSpecialty,
            DeclarationField::Year,
            DeclarationField::PublicHours,
            DeclarationField::ProfessionalForm,
            DeclarationField::Total,
        ]
    );
    insta::assert_snapshot!(err.to_string(), @"`applicant.id_number`: `110105194912310021` fails its check: the last character should be `X`; `applicant.name` must not be empty; `applicant.ethnicity` must not be empty; `applicant.phone`: `12345678901` is neither a mainland mobile number (11 digits, `1[3-9]…`) nor a landline number (`0731-84567890`); `applicant.sub_specialty` must not be empty; `year`: 0 lies outside 1–9999; `public.hours`: `-2` is negative; `professional.form` must not be empty; `total`: `80` is not public `-2` plus professional `60`");

    let mut g = decl(2020);
    g.applicant.gender = Some(Gender::Male);
    g.applicant.phone = "0731-0456789".into();
    insta::assert_snapshot!(g.validate().unwrap_err().to_string(), @"`applicant.gender`: `male` disagrees with the ID number, which says `female`; `applicant.phone`: `0731-0456789` is neither a mainland mobile number (11 digits, `1[3-9]…`) nor a landline number (`0731-84567890`)");

    let mut empty_id = decl(2020);
    empty_id.applicant.id_number.clear();
    assert_eq!(
        empty_id.validate().unwrap_err().problems,
        [DeclarationProblem::Empty {
            field: DeclarationField::IdNumber
        }]
    );
}

#[test]
fn declarations_are_filled_from_and_checked_against_the_report() {
    let record: Record = serde_json::from_str(
        r#"{ "span": { "from": 2019, "to": 2023 }, "evidence": [
          { "id": "t1", "kind": "training", "subject": "public", "start": "2020-04-01", "end": "2020-04-04", "days": "3.5" },
          { "id": "o1", "kind": "online_course", "subject": "public", "date": "2020-09-01", "hours": "2" },
          { "id": "p1", "kind": "paper", "author_rank": 1, "published": "2020-06-15", "serial": "CN 43-1234/N" },
          { "id": "pt1", "kind": "patent", "class": "invention", "rank": 2, "granted": "2020-11-20" },
          { "id": "a1", "kind": "assignment", "program": "aid_tibet", "start": "2021-09-01", "end": "2022-02-28", "assessment_passed": true }
        ] }"#,
    )
    .unwrap();
    let policy = Policy::hunan_2024();
    let report = evaluate(&record, &policy).unwrap();

    let d = Declaration::from_report(applicant_with(ID), &record, &report, 2020).unwrap();
    assert_eq!(
        (d.public.hours, d.professional.hours, d.total),
        (h(30), h(60), h(90))
    );
    assert_eq!(d.public.form, "培训班、网络平台课程");
    assert_eq!(d.professional.form, "论文、发明专利");
    assert_eq!(d.public.name, "2020公需科目");
    assert!(!d.waived);
    // Filled from the report, the draft still lacks its uploads (A2 step 7).
    assert_eq!(
        d.validate_against(&report).unwrap_err().problems,
        [
            DeclarationProblem::MissingUpload {
                field: DeclarationField::UploadEducation
            },
            DeclarationProblem::MissingUpload {
                field: DeclarationField::UploadHours
            },
        ]
    );
    let mut d = d;
    d.uploads = decl(2020).uploads;
    assert_eq!(d.validate_against(&report), Ok(()));

    // I-2 (rev. 2): 2021 holds 122 of a1's days, 2022 only 59.
    let waived = Declaration::from_report(applicant_with(ID), &record, &report, 2021).unwrap();
    assert!(waived.waived);
    assert_eq!(waived.total, h(0));
    assert!(waived.remarks.as_deref().unwrap().contains("a1"));
    let mut waived = waived;
    waived.uploads = decl(2022).uploads;
    assert_eq!(waived.validate_against(&report), Ok(()));

    let mut wrong = d.clone();
    wrong.professional.hours = h(70);
    wrong.total = h(100);
    wrong.waived = true;
    insta::assert_snapshot!(wrong.validate_against(&report).unwrap_err().to_string(), @"`professional.hours`: `70` declared, but the evidence is credited `60`; `total`: `100` declared, but the evidence is credited `90`; `waived`: `true` declared, but the evaluation says `false` (A1.C7)");
    let mut outside = d.clone();
    outside.year = 2024;
    outside.public.name = "2024公需科目".into();
    assert_eq!(
        outside.validate_against(&report).unwrap_err().problems,
        [DeclarationProblem::YearNotEvaluated {
            year: 2024,
            from: 2019,
            to: 2023
        }]
    );

    assert!(Declaration::from_report(applicant_with(ID), &record, &report, 2018).is_err());
    let other = Record {
        evidence: Vec::new(),
        ..record.clone()
    };
    insta::assert_snapshot!(
        Declaration::from_report(applicant_with(ID), &other, &report, 2020).unwrap_err().to_string(),
        @"the report credits evidence `t1`, which the record does not hold"
    );
}

#[test]
fn declaration_json_round_trips() {
    let d = decl(2020);
    let json = serde_json::to_string(&d).unwrap();
    assert_eq!(serde_json::from_str::<Declaration>(&json).unwrap(), d);
    assert!(json.contains(r#""hours":"30""#), "{json}");
    assert!(serde_json::from_str::<Declaration>(&json.replace("\"year\"", "\"yaer\"")).is_err());
}

// ---------------------------------------------------------------- legal transitions

#[test]
fn n_2_1_provincial_unit_route() {
    let mut a = app(Track::ProvincialUnit);
    assert_eq!(*a.state(), ReviewState::Draft);
    let e = a.edit(&me(), decl(2020), t(0)).unwrap();
    assert_eq!(
        (e.action, e.from.clone(), e.to.clone()),
        (ActionKind::Edit, ReviewState::Draft, ReviewState::Draft)
    );
    assert_eq!(e.rules, [RuleId::A2]);
    let e = a.submit(&me(), t(1)).unwrap();
    assert_eq!(e.rules, [RuleId::A2, RuleId::N2_1]);
    assert_eq!(desk_of(&a), (Party::Employer, EMPLOYER.to_owned()));
    let e = employer_approves(&mut a, sup(SUPERIOR), t(2)).unwrap();
    assert_eq!(e.rules, [RuleId::A3, RuleId::N2_1]);
    assert_eq!(desk_of(&a), (Party::SuperiorUnit, SUPERIOR.to_owned()));
    // A superior unit may send it to a further superior unit (A4 step 8).
    let e = a.approve(&superior(), sup(SUPERIOR_2), t(3)).unwrap();
    assert_eq!(e.rules, [RuleId::A4, RuleId::N2_1]);
    assert_eq!(desk_of(&a), (Party::SuperiorUnit, SUPERIOR_2.to_owned()));
    a.approve(&superior_2(), Some(Next::Agency), t(4)).unwrap();
    assert_eq!(desk_of(&a), (Party::Agency, PROVINCIAL_HRSS.to_owned()));
    let e = a.approve(&provincial_hrss(), None, t(5)).unwrap();
    assert_eq!(e.rules, [RuleId::A5, RuleId::N2_1]);
    assert!(a.is_approved());
    assert_eq!(a.audit().len(), 6);
    assert_eq!(a.audit().last().unwrap(), &e);
}

#[test]
fn n_2_2_city_route_may_skip_superior_units() {
    let mut a = app(Track::CityPrefecture);
    a.submit(&me(), t(0)).unwrap();
    let e = employer_approves(&mut a, Some(Next::Agency), t(1)).unwrap();
    assert_eq!(e.rules, [RuleId::A3, RuleId::N2_2]);
    assert_eq!(desk_of(&a), (Party::Agency, CITY_HRSS.to_owned()));
    a.approve(&city_hrss(), None, t(2)).unwrap();
    assert!(a.is_approved());
}

#[test]
fn n_2_3_non_public_route_goes_to_the_territorial_agency() {
    let mut a = app(Track::NonPublic);
    let e = a.submit(&me(), t(0)).unwrap();
    assert_eq!(e.rules, [RuleId::A2, RuleId::N2_3]);
    assert_eq!(desk_of(&a), (Party::Agency, CITY_HRSS.to_owned()));
    // The employer has no turn on this route.
    let err = refused(&mut a, &employer(), approve_plain(Some(Next::Agency)), t(1));
    assert!(matches!(err, ReviewError::NotYourTurn { .. }));
    a.approve(&city_hrss(), None, t(2)).unwrap();
    assert!(a.is_approved());
}

#[test]
fn n_2_3_central_unit_route_files_with_the_provincial_agency() {
    let mut a = app(Track::CentralUnit);
    a.submit(&me(), t(0)).unwrap();
    let err = refused(&mut a, &employer(), approve_emp(sup(SUPERIOR)), t(1));
    insta::assert_snapshot!(err.to_string(), @"route N.2.3 allows at most 0 superior-unit review(s)");
    employer_approves(&mut a, Some(Next::Agency), t(2)).unwrap();
    assert_eq!(desk_of(&a), (Party::Agency, PROVINCIAL_HRSS.to_owned()));
    a.approve(&provincial_hrss(), None, t(3)).unwrap();
    assert!(a.is_approved());
}

#[test]
fn every_reviewer_may_reject_and_the_applicant_resubmits() {
    // Employer, superior unit and agency each return it once.
    let mut a = app(Track::ProvincialUnit);
    a.submit(&me(), t(0)).unwrap();
    let e = a.reject(&employer(), "  缺少签到表  ", t(1)).unwrap();
    assert_eq!(e.reason.as_deref(), Some("缺少签到表"));
    assert_eq!(e.rules, [RuleId::A3, RuleId::N2_1]);
    assert!(
        matches!(a.state(), ReviewState::Returned { by, reason } if by.role == Party::Employer && reason == "缺少签到表")
    );
    assert!(a.state().is_editable());

    // Edits keep it returned; resubmission starts the route again at the employer.
    let e = a.edit(&me(), decl(2020), t(2)).unwrap();
    assert_eq!(e.from, e.to);
    a.submit(&me(), t(3)).unwrap();
    assert_eq!(desk_of(&a), (Party::Employer, EMPLOYER.to_owned()));
    employer_approves(&mut a, sup(SUPERIOR), t(4)).unwrap();
    let e = a.reject(&superior(), "论文刊号页不清晰", t(5)).unwrap();
    assert_eq!(e.rules, [RuleId::A4, RuleId::N2_1]);

    // Resubmitted without an edit.
    a.submit(&me(), t(6)).unwrap();
    employer_approves(&mut a, sup(SUPERIOR), t(7)).unwrap();
    a.approve(&superior(), Some(Next::Agency), t(8)).unwrap();
    let e = a.reject(&provincial_hrss(), "专利证书缺页", t(9)).unwrap();
    assert_eq!(e.rules, [RuleId::A5, RuleId::N2_1]);
    assert!(matches!(a.state(), ReviewState::Returned { by, .. } if by.role == Party::Agency));

    a.submit(&me(), t(10)).unwrap();
    employer_approves(&mut a, sup(SUPERIOR), t(11)).unwrap();
    a.approve(&superior(), Some(Next::Agency), t(12)).unwrap();
    a.approve(&provincial_hrss(), None, t(12)).unwrap();
    assert!(a.is_approved());
    assert_eq!(a.audit().len(), 14);
    let actions: Vec<ActionKind> = a.audit().iter().map(|e| e.action).collect();
    assert_eq!(
        actions.iter().filter(|k| **k == ActionKind::Reject).count(),
        3
    );
}

#[test]
fn check_is_a_dry_run() {
    let a = app(Track::ProvincialUnit);
    let to = a.check(&me(), &ReviewAction::Submit, t(0)).unwrap();
    assert!(matches!(to, ReviewState::InReview { .. }));
    assert_eq!(*a.state(), ReviewState::Draft);
    assert!(a.audit().is_empty());
}

// ---------------------------------------------------------------- illegal transitions

#[test]
fn wrong_party_or_unit_is_refused() {
    let mut a = app(Track::ProvincialUnit);
    // Reviewers cannot edit or submit.
    let err = refused(&mut a, &employer(), ReviewAction::Submit, t(0));
    insta::assert_snapshot!(err.to_string(), @"only the applicant may submit; `张经办` acts as the employer");
    let err = refused(
        &mut a,
        &provincial_hrss(),
        ReviewAction::Edit {
            declaration: Box::new(decl(2021)),
        },
        t(0),
    );
    assert!(matches!(
        err,
        ReviewError::NotApplicant {
            action: ActionKind::Edit,
            role: Party::Agency,
            ..
        }
    ));

    a.submit(&me(), t(1)).unwrap();
    // The applicant cannot review; nor can another party or another employer.
    let approve = approve_plain;
    for actor in [
        me(),
        superior(),
        provincial_hrss(),
        Actor::new("某人", Party::Employer, "湖南省地质调查院"),
    ] {
        let err = refused(&mut a, &actor, approve(Some(Next::Agency)), t(2));
        assert!(
            matches!(err, ReviewError::NotYourTurn { .. }),
            "{actor:?}: {err}"
        );
        let err = refused(
            &mut a,
            &actor,
            ReviewAction::Reject { reason: "x".into() },
            t(2),
        );
        assert!(
            matches!(err, ReviewError::NotYourTurn { .. }),
            "{actor:?}: {err}"
        );
    }
    let err = refused(&mut a, &me(), approve(None), t(2));
    insta::assert_snapshot!(err.to_string(), @"it is the turn of the employer `湖南省地质研究所`, not of the applicant `湖南省地质研究所`");

    employer_approves(&mut a, sup(SUPERIOR), t(3)).unwrap();
    // Another superior unit, or the employer again, is out of turn.
    for actor in [superior_2(), employer(), provincial_hrss()] {
        let err = refused(&mut a, &actor, approve(Some(Next::Agency)), t(4));
        assert!(
            matches!(err, ReviewError::NotYourTurn { .. }),
            "{actor:?}: {err}"
        );
    }
}

#[test]
fn wrong_state_is_refused() {
    let mut a = app(Track::CityPrefecture);
    // Reviews of a draft.
    let err = refused(&mut a, &employer(), approve_plain(Some(Next::Agency)), t(0));
    insta::assert_snapshot!(err.to_string(), @"cannot approve a declaration that is a draft");
    let err = refused(
        &mut a,
        &employer(),
        ReviewAction::Reject { reason: "x".into() },
        t(0),
    );
    assert!(matches!(
        err,
        ReviewError::WrongState {
            action: ActionKind::Reject,
            ..
        }
    ));

    // A second submission while in review.
    a.submit(&me(), t(1)).unwrap();
    let err = refused(&mut a, &me(), ReviewAction::Submit, t(2));
    insta::assert_snapshot!(err.to_string(), @"cannot submit a declaration that is under review at the employer `湖南省地质研究所`");

    // Reviews of a returned declaration.
    a.reject(&employer(), "材料不全", t(3)).unwrap();
    let err = refused(
        &mut a,
        &employer(),
        ReviewAction::Reject { reason: "x".into() },
        t(4),
    );
    assert!(matches!(err, ReviewError::WrongState { .. }));
    let err = refused(&mut a, &employer(), approve_plain(Some(Next::Agency)), t(4));
    assert!(matches!(err, ReviewError::WrongState { .. }));

    // Anything after approval.
    a.submit(&me(), t(5)).unwrap();
    employer_approves(&mut a, Some(Next::Agency), t(6)).unwrap();
    a.approve(&city_hrss(), None, t(7)).unwrap();
    let err = refused(&mut a, &me(), ReviewAction::Submit, t(8));
    insta::assert_snapshot!(err.to_string(), @"cannot submit a declaration that is approved");
    let err = refused(&mut a, &city_hrss(), approve_plain(None), t(8));
    assert!(matches!(err, ReviewError::WrongState { .. }));
    let err = refused(
        &mut a,
        &city_hrss(),
        ReviewAction::Reject {
            reason: "晚了".into(),
        },
        t(8),
    );
    assert!(matches!(err, ReviewError::WrongState { .. }));
}

#[test]
fn edits_are_refused_while_locked() {
    let mut a = app(Track::CityPrefecture);
    a.submit(&me(), t(0)).unwrap();
    let edit = || ReviewAction::Edit {
        declaration: Box::new(decl(2021)),
    };
    let err = refused(&mut a, &me(), edit(), t(1));
    insta::assert_snapshot!(err.to_string(), @"the declaration is under review at the employer `湖南省地质研究所` and cannot be edited; edits are allowed only while it is a draft or returned");
    employer_approves(&mut a, Some(Next::Agency), t(2)).unwrap();
    assert!(matches!(
        refused(&mut a, &me(), edit(), t(3)),
        ReviewError::Locked { .. }
    ));
    a.approve(&city_hrss(), None, t(4)).unwrap();
    assert!(matches!(
        refused(&mut a, &me(), edit(), t(5)),
        ReviewError::Locked { .. }
    ));
    assert_eq!(a.declaration().year, 2020);
}

#[test]
fn rejections_need_a_reason() {
    let mut a = app(Track::ProvincialUnit);
    a.submit(&me(), t(0)).unwrap();
    // Issue 13 item 10: blanks, zero-width and other invisible characters are no reason.
    for reason in [
        "",
        "   ",
        "\n\t",
        "\u{200B}",
        "\u{200C}\u{200D}",
        "\u{2060}",
        "\u{FEFF}",
        "\u{3000}\u{200B} \u{FEFF}",
        "\u{00A0}\u{2028}",
    ] {
        let err = refused(
            &mut a,
            &employer(),
            ReviewAction::Reject {
                reason: reason.into(),
            },
            t(1),
        );
        assert_eq!(err, ReviewError::EmptyReason, "{reason:?}");
    }
    insta::assert_snapshot!(ReviewError::EmptyReason.to_string(), @"a rejection, or a submission outside the window, needs a reason");
    // A reason with invisible characters around it keeps only what shows.
    let e = a
        .reject(&employer(), "\u{200B} 缺页\u{FEFF}", t(2))
        .unwrap();
    assert_eq!(e.reason.as_deref(), Some("缺页"));
}

#[test]
fn a3_a4_next_level_rules_are_enforced() {
    let mut a = app(Track::ProvincialUnit);
    a.submit(&me(), t(0)).unwrap();
    let err = refused(&mut a, &employer(), approve_emp(None), t(1));
    insta::assert_snapshot!(err.to_string(), @"the employer `湖南省地质研究所` must choose the next level, a superior unit or the handling agency");
    let err = refused(&mut a, &employer(), approve_emp(sup("  ")), t(1));
    assert_eq!(err, ReviewError::EmptyUnit);
    let err = refused(
        &mut a,
        &employer(),
        approve_emp(sup("\u{200B}\u{3000}")),
        t(1),
    );
    assert_eq!(err, ReviewError::EmptyUnit);
    // A3 step 9: a unit cannot name itself as its superior, however padded.
    let err = refused(&mut a, &employer(), approve_emp(sup(EMPLOYER)), t(1));
    insta::assert_snapshot!(err.to_string(), @"`湖南省地质研究所` cannot be its own superior unit");
    let padded = format!(" {EMPLOYER}\u{200B}");
    let err = refused(&mut a, &employer(), approve_emp(sup(&padded)), t(1));
    assert!(matches!(err, ReviewError::SameUnit { .. }), "{err}");

    employer_approves(&mut a, sup(SUPERIOR), t(2)).unwrap();
    // A superior unit cannot name itself either.
    let err = refused(&mut a, &superior(), approve_plain(sup(SUPERIOR)), t(3));
    assert!(matches!(err, ReviewError::SameUnit { .. }), "{err}");
    a.approve(&superior(), Some(Next::Agency), t(3)).unwrap();
    let err = refused(
        &mut a,
        &provincial_hrss(),
        approve_plain(Some(Next::Agency)),
        t(4),
    );
    insta::assert_snapshot!(err.to_string(), @"the handling agency's approval is final; no next level can follow it");
    let err = refused(
        &mut a,
        &provincial_hrss(),
        approve_plain(sup(SUPERIOR)),
        t(4),
    );
    assert_eq!(err, ReviewError::NextLevelNotAllowed);
    // A route may still require superior units (a policy's own routing).
    let mut strict = route(Track::ProvincialUnit);
    strict.min_superiors = 1;
    let mut b = Application::new("HN-strict", decl(2020), strict).unwrap();
    b.submit(&me(), t(0)).unwrap();
    let err = refused(&mut b, &employer(), approve_emp(Some(Next::Agency)), t(1));
    insta::assert_snapshot!(err.to_string(), @"route N.2.1 needs 1 superior-unit review(s) before the handling agency; 0 so far");
}

#[test]
fn invalid_declarations_cannot_be_submitted() {
    let mut bad = decl(2020);
    bad.applicant.phone = "123".into();
    bad.total = h(1);
    let mut a = Application::new("HN-2", bad, route(Track::CityPrefecture)).unwrap();
    let err = refused(&mut a, &me(), ReviewAction::Submit, t(0));
    let ReviewError::Invalid(invalid) = &err else {
        panic!("{err}")
    };
    assert_eq!(invalid.problems.len(), 2);
    insta::assert_snapshot!(err.to_string(), @"the declaration cannot be submitted: `applicant.phone`: `123` is neither a mainland mobile number (11 digits, `1[3-9]…`) nor a landline number (`0731-84567890`); `total`: `1` is not public `30` plus professional `60`");
    let json = serde_json::to_string(&err).unwrap();
    assert_eq!(serde_json::from_str::<ReviewError>(&json).unwrap(), err);
    // A draft may be stored invalid and fixed by an edit.
    a.edit(&me(), decl(2020), t(1)).unwrap();
    a.submit(&me(), t(2)).unwrap();
}

#[test]
fn time_never_runs_backwards_in_the_audit() {
    let mut a = app(Track::CityPrefecture);
    a.submit(&me(), t(10)).unwrap();
    let err = refused(&mut a, &employer(), approve_emp(Some(Next::Agency)), t(9));
    insta::assert_snapshot!(err.to_string(), @"`2024-06-03 09:09:00` is before the last audit entry at `2024-06-03 09:10:00`");
    // The same instant is fine.
    employer_approves(&mut a, Some(Next::Agency), t(10)).unwrap();
}

#[test]
fn applications_and_routes_are_checked_when_made() {
    assert_eq!(
        Application::new(" ", decl(2020), route(Track::NonPublic)).unwrap_err(),
        ReviewError::EmptyId
    );
    let err = Route::new(Track::NonPublic, "  ").unwrap_err();
    insta::assert_snapshot!(err.to_string(), @"route N.2.3 names no handling agency");
    let mut r = route(Track::CentralUnit);
    r.min_superiors = 2;
    insta::assert_snapshot!(r.check().unwrap_err().to_string(), @"route N.2.3 requires 2 superior-unit review(s) but allows at most 0");
    let mut r = route(Track::NonPublic);
    r.max_superiors = None;
    r.min_superiors = 1;
    assert_eq!(
        r.check().unwrap_err(),
        ReviewError::SuperiorsWithoutEmployer { rule: RuleId::N2_3 }
    );
    assert!(Application::new("HN-3", decl(2020), r).is_err());
}

#[test]
fn the_route_table() {
    let rows: Vec<String> = [
        Track::ProvincialUnit,
        Track::CityPrefecture,
        Track::NonPublic,
        Track::CentralUnit,
    ]
    .into_iter()
    .map(|track| serde_json::to_string(&route(track)).unwrap())
    .collect();
    insta::assert_snapshot!(rows.join("\n"), @r#"
    {"track":"provincial_unit","rule":"N.2.1","employer_review":true,"min_superiors":0,"max_superiors":null,"agency":"湖南省人力资源和社会保障厅","agency_step":"filing"}
    {"track":"city_prefecture","rule":"N.2.2","employer_review":true,"min_superiors":0,"max_superiors":null,"agency":"长沙市人力资源和社会保障局","agency_step":"verification"}
    {"track":"non_public","rule":"N.2.3","employer_review":false,"min_superiors":0,"max_superiors":0,"agency":"长沙市人力资源和社会保障局","agency_step":"verification"}
    {"track":"central_unit","rule":"N.2.3","employer_review":true,"min_superiors":0,"max_superiors":0,"agency":"湖南省人力资源和社会保障厅","agency_step":"filing"}
    "#);
}

#[test]
fn applications_round_trip_through_json_and_are_checked() {
    let mut a = app(Track::ProvincialUnit);
    a.submit(&me(), t(0)).unwrap();
    employer_approves(&mut a, sup(SUPERIOR), t(1)).unwrap();
    a.reject(&superior(), "缺页", t(2)).unwrap();
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["state"]["state"], "returned");
    assert_eq!(json["audit"][0]["at"], "2024-06-03T09:00:00");
    assert_eq!(
        json["audit"][2]["rules"],
        serde_json::json!(["A4", "N.2.1"])
    );
    let back: Application = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, a);

    // A state that is not where the audit trail ends is refused.
    let mut forged = json.clone();
    forged["state"] = serde_json::json!({ "state": "approved", "by": { "role": "agency", "unit": PROVINCIAL_HRSS } });
    assert!(serde_json::from_value::<Application>(forged).is_err());
    // So is a trail with a gap.
    let mut gap = json;
    gap["audit"].as_array_mut().unwrap().remove(1);
    assert!(serde_json::from_value::<Application>(gap).is_err());
}

// ---------------------------------------------------------------- property: random sequences

#[derive(Debug, Clone, Copy)]
enum Who {
    /// Whoever's turn it is: the desk in review, else the applicant.
    Turn,
    Applicant,
    Employer,
    OtherEmployer,
    Superior,
    Superior2,
    Agency,
    OtherAgency,
}

#[derive(Debug, Clone, Copy)]
enum Act {
    EditValid,
    EditInvalid,
    /// An edit that changes the employer's review fields.
    EditForeignReview,
    Submit,
    SubmitOverride,
    /// Approve with the next level, with or without employer review fields.
    Approve(Nx, bool),
    RejectEmpty,
    RejectInvisible,
    RejectReason,
}

#[derive(Debug, Clone, Copy)]
enum Nx {
    None,
    Agency,
    Superior,
    Superior2,
    /// The acting unit itself.
    Itself,
}

fn actor_for(who: Who, track: Track, app: &Application) -> Actor {
    match who {
        Who::Turn => match app.state().desk() {
            Some(desk) => Actor::new("当班", desk.role, &desk.unit),
            None => me(),
        },
        Who::Applicant => me(),
        Who::Employer => employer(),
        Who::OtherEmployer => Actor::new("某人", Party::Employer, "湖南省地质调查院"),
        Who::Superior => superior(),
        Who::Superior2 => superior_2(),
        Who::Agency => agency_of(track),
        Who::OtherAgency => Actor::new("某人", Party::Agency, "株洲市人力资源和社会保障局"),
    }
}

fn action_for(act: Act, actor: &Actor, app: &Application) -> ReviewAction {
    let edit = |total: Option<i64>, review: Option<EmployerReview>| {
        let mut d = decl(2021);
        if let Some(total) = total {
            d.total = h(total);
        }
        d.employer_review = review;
        ReviewAction::Edit {
            declaration: Box::new(d),
        }
    };
    let kept = app.declaration().employer_review.clone();
    match act {
        Act::EditValid => edit(None, kept),
        Act::EditInvalid => edit(Some(1), kept),
        Act::EditForeignReview => edit(
            None,
            Some(EmployerReview {
                on_establishment: Some(false),
                ..form()
            }),
        ),
        Act::Submit => ReviewAction::Submit,
        Act::SubmitOverride => ReviewAction::SubmitOutsideWindow {
            reason: "经办机构同意".into(),
        },
        Act::Approve(nx, with_review) => ReviewAction::Approve {
            next: match nx {
                Nx::None => None,
                Nx::Agency => Some(Next::Agency),
                Nx::Superior => sup(SUPERIOR),
                Nx::Superior2 => sup(SUPERIOR_2),
                Nx::Itself => sup(&actor.unit),
            },
            review: with_review.then(form),
        },
        Act::RejectEmpty => ReviewAction::Reject { reason: " ".into() },
        Act::RejectInvisible => ReviewAction::Reject {
            reason: "\u{200B}\u{FEFF}".into(),
        },
        Act::RejectReason => ReviewAction::Reject {
            reason: "材料不全".into(),
        },
    }
}

fn who() -> impl Strategy<Value = Who> {
    prop_oneof![
        12 => Just(Who::Turn),
        3 => Just(Who::Applicant),
        3 => Just(Who::Employer),
        1 => Just(Who::OtherEmployer),
        2 => Just(Who::Superior),
        2 => Just(Who::Superior2),
        3 => Just(Who::Agency),
        1 => Just(Who::OtherAgency),
    ]
}

fn nx() -> impl Strategy<Value = Nx> {
    prop_oneof![
        2 => Just(Nx::None),
        5 => Just(Nx::Agency),
        4 => Just(Nx::Superior),
        2 => Just(Nx::Superior2),
        1 => Just(Nx::Itself),
    ]
}

fn act() -> impl Strategy<Value = Act> {
    prop_oneof![
        1 => Just(Act::EditValid),
        1 => Just(Act::EditInvalid),
        1 => Just(Act::EditForeignReview),
        3 => Just(Act::Submit),
        1 => Just(Act::SubmitOverride),
        12 => (nx(), prop::bool::weighted(0.6)).prop_map(|(n, r)| Act::Approve(n, r)),
        1 => Just(Act::RejectEmpty),
        1 => Just(Act::RejectInvisible),
        1 => Just(Act::RejectReason),
    ]
}

fn track() -> impl Strategy<Value = Track> {
    prop_oneof![
        Just(Track::ProvincialUnit),
        Just(Track::CityPrefecture),
        Just(Track::NonPublic),
        Just(Track::CentralUnit),
    ]
}

/// Minutes between steps: mostly a few (sometimes backwards), now and then a month, which
/// leaves the June–July window.
fn delay() -> impl Strategy<Value = i64> {
    prop_oneof![
        20 => -2i64..5,
        1 => Just(30 * 24 * 60),
    ]
}

/// The shadow model's state: where the declaration stands.
#[derive(Debug, Clone, PartialEq)]
enum Shadow {
    Draft,
    Review {
        role: Party,
        unit: String,
        superiors: u32,
    },
    Returned,
    Approved,
}

/// A small model of the routes, written from the rules (N.2.1–N.2.3, A2–A5), not from the
/// library: whether each action succeeds and where it leads.
struct Model {
    track: Track,
    state: Shadow,
    valid: bool,
    last: Option<i64>,
}

impl Model {
    fn has_employer(&self) -> bool {
        self.track != Track::NonPublic
    }

    fn max_superiors(&self) -> Option<u32> {
        match self.track {
            Track::NonPublic | Track::CentralUnit => Some(0),
            _ => None,
        }
    }

    fn agency(&self) -> &'static str {
        match self.track {
            Track::ProvincialUnit | Track::CentralUnit => PROVINCIAL_HRSS,
            _ => CITY_HRSS,
        }
    }

    /// The state `act` by `actor` at minute `clock` leads to, or `None` when it is refused.
    fn step(&self, actor: &Actor, act: Act, clock: i64) -> Option<(Shadow, bool)> {
        if self.last.is_some_and(|last| clock < last) {
            return None;
        }
        let editable = matches!(self.state, Shadow::Draft | Shadow::Returned);
        let applicant = actor.role == Party::Applicant;
        let in_window = (6..=7).contains(&chrono::Datelike::month(&t(clock)));
        match act {
            Act::EditValid | Act::EditInvalid => {
                (applicant && editable).then(|| (self.state.clone(), matches!(act, Act::EditValid)))
            }
            Act::EditForeignReview => None,
            Act::Submit | Act::SubmitOverride => {
                let window_ok = in_window || matches!(act, Act::SubmitOverride);
                (applicant && editable && self.valid && window_ok).then(|| {
                    let (role, unit) = if self.has_employer() {
                        (Party::Employer, EMPLOYER)
                    } else {
                        (Party::Agency, self.agency())
                    };
                    let to = Shadow::Review {
                        role,
                        unit: unit.into(),
                        superiors: 0,
                    };
                    (to, self.valid)
                })
            }
            Act::Approve(nx, with_review) => {
                let Shadow::Review {
                    role,
                    unit,
                    superiors,
                } = &self.state
                else {
                    return None;
                };
                if actor.role != *role || actor.unit != *unit {
                    return None;
                }
                if with_review != (*role == Party::Employer) {
                    return None;
                }
                let to = match (role, nx) {
                    (Party::Agency, Nx::None) => Shadow::Approved,
                    (Party::Agency, _) | (_, Nx::None) => return None,
                    (_, Nx::Agency) => Shadow::Review {
                        role: Party::Agency,
                        unit: self.agency().into(),
                        superiors: *superiors,
                    },
                    (_, next) => {
                        let name = match next {
                            Nx::Superior => SUPERIOR,
                            Nx::Superior2 => SUPERIOR_2,
                            _ => unit.as_str(),
                        };
                        if name == unit || self.max_superiors().is_some_and(|m| *superiors >= m) {
                            return None;
                        }
                        Shadow::Review {
                            role: Party::SuperiorUnit,
                            unit: name.into(),
                            superiors: superiors + 1,
                        }
                    }
                };
                Some((to, self.valid))
            }
            Act::RejectEmpty | Act::RejectInvisible | Act::RejectReason => {
                let Shadow::Review { role, unit, .. } = &self.state else {
                    return None;
                };
                (actor.role == *role && actor.unit == *unit && matches!(act, Act::RejectReason))
                    .then_some((Shadow::Returned, self.valid))
            }
        }
    }
}

fn shadow_of(state: &ReviewState) -> Shadow {
    match state {
        ReviewState::Draft => Shadow::Draft,
        ReviewState::InReview { desk, superiors } => Shadow::Review {
            role: desk.role,
            unit: desk.unit.clone(),
            superiors: *superiors,
        },
        ReviewState::Returned { .. } => Shadow::Returned,
        ReviewState::Approved { .. } => Shadow::Approved,
        other => panic!("a review state the shadow model does not know: {other:?}"),
    }
}

/// Every level the route requires approved since the last submission, the agency last.
fn approvals_complete(a: &Application) -> Result<(), String> {
    let audit = a.audit();
    let start = audit
        .iter()
        .rposition(|e| e.action == ActionKind::Submit)
        .ok_or("approved without a submission")?;
    let round = &audit[start + 1..];
    let route = a.route();
    if round.iter().any(|e| e.action != ActionKind::Approve) {
        return Err(format!("round holds other actions: {round:?}"));
    }
    let by = |p: Party| round.iter().filter(|e| e.role == p).count();
    if route.employer_review && by(Party::Employer) != 1 {
        return Err("employer did not approve once".into());
    }
    if !route.employer_review && by(Party::Employer) != 0 {
        return Err("employer approved on a route without it".into());
    }
    let superiors = u32::try_from(by(Party::SuperiorUnit)).unwrap();
    if superiors < route.min_superiors || route.max_superiors.is_some_and(|m| superiors > m) {
        return Err(format!("{superiors} superior approvals on {route:?}"));
    }
    match round.last() {
        Some(e) if e.role == Party::Agency && e.unit == route.agency && by(Party::Agency) == 1 => {
            Ok(())
        }
        _ => Err("the agency did not approve last".into()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Random action sequences against the shadow model: the same actions succeed, they lead
    /// to the same states, a refused one changes nothing, and the stored application replays
    /// to itself (and, with feature `seal`, verifies once sealed).
    #[test]
    fn random_actions_follow_the_shadow_model_and_replay(
        track in track(),
        steps in prop::collection::vec((who(), act(), delay()), 0..60),
    ) {
        let mut a = app(track);
        let mut model = Model { track, state: Shadow::Draft, valid: true, last: None };
        let mut clock = 0i64;
        let mut successes = 0usize;
        for (who, act, dt) in steps {
            clock += dt;
            let before = a.clone();
            let actor = actor_for(who, track, &a);
            let expected = model.step(&actor, act, clock);
            let got = a.apply(&actor, action_for(act, &actor, &a), t(clock));
            prop_assert_eq!(got.is_ok(), expected.is_some(), "{:?} by {:?}: {:?}", act, actor, got);
            match got {
                Ok(entry) => {
                    successes += 1;
                    let (state, valid) = expected.unwrap();
                    model.state = state;
                    model.valid = valid;
                    model.last = Some(clock);
                    prop_assert_eq!(shadow_of(a.state()), model.state.clone());
                    prop_assert_eq!(&entry.from, before.state());
                    prop_assert_eq!(&entry.to, a.state());
                    prop_assert_eq!(a.audit().last(), Some(&entry));
                    prop_assert!(entry.rules.contains(&actor.role.rule()));
                    if a.is_approved() {
                        if let Err(why) = approvals_complete(&a) {
                            prop_assert!(false, "{}", why);
                        }
                    }
                }
                Err(_) => prop_assert_eq!(&a, &before),
            }
            prop_assert_eq!(a.audit().len(), successes);
            prop_assert_eq!(a.audit().last().map_or(&ReviewState::Draft, |e| &e.to), a.state());
        }
        // What is stored is replayed to the same application.
        let back: Application = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        prop_assert_eq!(&back, &a);
        #[cfg(feature = "seal")]
        {
            let mut sealed = back;
            sealed.seal(b"k").unwrap();
            let read: Application =
                serde_json::from_str(&serde_json::to_string(&sealed).unwrap()).unwrap();
            prop_assert_eq!(read.verify(b"k"), Ok(()));
        }
    }
}

// ---------------------------------------------------------------- batch review (A5 step 6)

#[test]
fn batch_review_with_mixed_outcomes() {
    let at_agency = |id: &str, year| {
        let mut a = Application::new(id, decl(year), route(Track::ProvincialUnit)).unwrap();
        a.submit(&me(), t(0)).unwrap();
        employer_approves(&mut a, sup(SUPERIOR), t(1)).unwrap();
        a.approve(&superior(), Some(Next::Agency), t(2)).unwrap();
        a
    };
    let draft = Application::new("HN-draft", decl(2024), route(Track::ProvincialUnit)).unwrap();
    let mut at_employer =
        Application::new("HN-employer", decl(2022), route(Track::ProvincialUnit)).unwrap();
    at_employer.submit(&me(), t(0)).unwrap();
    let mut late = Application::new("HN-late", decl(2023), route(Track::ProvincialUnit)).unwrap();
    late.submit(&me(), t(0)).unwrap();
    employer_approves(&mut late, sup(SUPERIOR), t(1)).unwrap();
    late.approve(&superior(), Some(Next::Agency), t(50))
        .unwrap();
    let mut done = at_agency("HN-done", 2018);
    done.approve(&provincial_hrss(), None, t(3)).unwrap();

    let mut apps = vec![
        at_agency("HN-2019", 2019),
        draft,
        at_agency("HN-2020", 2020),
        at_employer,
        late,
        done,
        at_agency("HN-2021", 2021),
    ];
    let before = apps.clone();
    let report = review_batch(
        &mut apps[..],
        &provincial_hrss(),
        &BatchDecision::Approve,
        t(10),
    )
    .unwrap();

    let ok: Vec<(usize, &str)> = report
        .succeeded
        .iter()
        .map(|s| (s.index, s.application.as_str()))
        .collect();
    assert_eq!(ok, [(0, "HN-2019"), (2, "HN-2020"), (6, "HN-2021")]);
    let failed: Vec<(usize, &str, String)> = report
        .failed
        .iter()
        .map(|f| (f.index, f.application.as_str(), f.error.to_string()))
        .collect();
    insta::assert_debug_snapshot!(failed, @r#"
    [
        (
            1,
            "HN-draft",
            "cannot approve a declaration that is a draft",
        ),
        (
            3,
            "HN-employer",
            "it is the turn of the employer `湖南省地质研究所`, not of the handling agency `湖南省人力资源和社会保障厅`",
        ),
        (
            4,
            "HN-late",
            "`2024-06-03 09:10:00` is before the last audit entry at `2024-06-03 09:50:00`",
        ),
        (
            5,
            "HN-done",
            "cannot approve a declaration that is approved",
        ),
    ]
    "#);
    for s in &report.succeeded {
        assert!(apps[s.index].is_approved());
        assert_eq!(
            apps[s.index].audit().len(),
            before[s.index].audit().len() + 1
        );
        assert_eq!(apps[s.index].audit().last(), Some(&s.entry));
    }
    for f in &report.failed {
        assert_eq!(apps[f.index], before[f.index], "a failed item changed");
    }
    let json = serde_json::to_string(&report).unwrap();
    assert_eq!(serde_json::from_str::<BatchReport>(&json).unwrap(), report);

    // A batch rejection of a selection, with an empty reason: every item fails, none changes.
    let mut more = vec![at_agency("HN-a", 2019), at_agency("HN-b", 2020)];
    let untouched = more.clone();
    let report = review_batch(
        more.iter_mut(),
        &provincial_hrss(),
        &BatchDecision::Reject {
            reason: String::new(),
        },
        t(20),
    )
    .unwrap();
    assert!(report.succeeded.is_empty());
    assert!(
        report
            .failed
            .iter()
            .all(|f| f.error == ReviewError::EmptyReason)
    );
    assert_eq!(more, untouched);
    let report = review_batch(
        more.iter_mut().filter(|a| a.id() == "HN-b"),
        &provincial_hrss(),
        &BatchDecision::Reject {
            reason: "材料不全".into(),
        },
        t(20),
    )
    .unwrap();
    assert_eq!(report.succeeded.len(), 1);
    assert_eq!(more[0], untouched[0]);
    assert!(matches!(more[1].state(), ReviewState::Returned { .. }));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(
        serde_json::from_value::<BatchReport>(json.clone()).unwrap(),
        report
    );
    assert_eq!(json["succeeded"][0]["entry"]["reason"], "材料不全");
}

// ---------------------------------------------------------------- the certificate

fn holder() -> Holder {
    Holder::new("11010519491231002x", "李华")
}

fn issued(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A certificate for 2017–2019, issued in 2020, to attach as an earlier one (N.3.3).
fn prior() -> Certificate {
    let apps = [
        approved("HN-2017", decl_of(ID, 2017, 30, 60), 0),
        approved("HN-2018", decl_of(ID, 2018, 40, 70), 2),
        approved("HN-2019-old", decl_of(ID, 2019, 32, 64), 4),
    ];
    Certificate::issue(
        &holder(),
        Span::new(2017, 2019).unwrap(),
        &apps,
        &[],
        &Policy::hunan_2024(),
        issued(2020, 1, 15),
    )
    .unwrap()
}

#[test]
fn certificate_from_approved_declarations_and_an_earlier_certificate() {
    let policy = Policy::hunan_2024();
    let mut waived = decl_of(ID, 2022, 0, 0);
    waived.waived = true;
    let mut in_review =
        Application::new("HN-2023", decl(2023), route(Track::CityPrefecture)).unwrap();
    in_review.submit(&me(), t(0)).unwrap();
    let apps = [
        approved("HN-2019-new", decl_of(ID, 2019, 10, 10), 10),
        approved("HN-2020", decl_of(ID, 2020, 30, 60), 12),
        approved("HN-2021", decl_of(ID, 2021, 36, 35), 14),
        approved("HN-2022", waived, 16),
        approved("HN-2022-again", decl_of(ID, 2022, 50, 50), 18),
        in_review,
        approved("HN-other", decl_of("440524188001010014", 2023, 30, 60), 20),
    ];
    // A second earlier certificate has a negative 2019 (ignored), a third covers 2019 again
    // (the first stands, I-9).
    let mut second = prior();
    second.issued = issued(2021, 3, 1);
    second.years[2].public = h(-5);
    let mut third = prior();
    third.issued = issued(2022, 3, 1);
    let cert = Certificate::issue(
        &holder(),
        Span::new(2019, 2023).unwrap(),
        &apps,
        &[prior(), second, third],
        &policy,
        issued(2024, 6, 13),
    )
    .unwrap();

    assert!(!cert.passed);
    let passed: Vec<(i32, bool)> = cert.years.iter().map(|y| (y.year, y.passed)).collect();
    assert_eq!(
        passed,
        [
            (2019, true),
            (2020, true),
            (2021, false),
            (2022, true),
            (2023, false)
        ]
    );
    assert_eq!(
        cert.years[0].source,
        YearSource::PriorCertificate {
            issued: issued(2020, 1, 15)
        }
    );
    assert_eq!(cert.years[2].shortfall.professional, h(25));
    let notes: Vec<(i32, NoteCode, RuleId)> = cert
        .notes
        .iter()
        .map(|n| (n.year, n.code, n.rule))
        .collect();
    assert_eq!(
        notes,
        [
            (2019, NoteCode::NegativePrior, RuleId::I9),
            (2019, NoteCode::LaterPrior, RuleId::I9),
            (2019, NoteCode::CoveredByPrior, RuleId::I9),
            (2022, NoteCode::LaterDeclaration, RuleId::A5),
        ]
    );
    insta::assert_snapshot!("certificate_text", cert.to_string());
    insta::assert_json_snapshot!("certificate_json", cert);

    let back: Certificate = serde_json::from_str(&serde_json::to_string(&cert).unwrap()).unwrap();
    assert_eq!(back, cert);
}

#[test]
fn certificate_errors() {
    let policy = Policy::hunan_2024();
    let span = Span::new(2019, 2023).unwrap();
    let bad = Holder::new("110105194912310021", "李华");
    let err = Certificate::issue(&bad, span, &[], &[], &policy, issued(2024, 1, 1)).unwrap_err();
    assert!(matches!(err, CertificateError::IdNumber(_)));
    let nameless = Holder::new(ID, " ");
    assert_eq!(
        Certificate::issue(&nameless, span, &[], &[], &policy, issued(2024, 1, 1)).unwrap_err(),
        CertificateError::EmptyName
    );
    let mut someone_else = prior();
    someone_else.holder.id_number = "440524188001010014".into();
    let err = Certificate::issue(
        &holder(),
        span,
        &[],
        &[someone_else],
        &policy,
        issued(2024, 1, 1),
    )
    .unwrap_err();
    insta::assert_snapshot!(err.to_string(), @"earlier certificate 0 is for `440524188001010014`, not for the holder");
}

#[test]
fn certificate_becomes_prior_certificate_evidence() {
    let policy = Policy::hunan_2024();
    let mut waived = decl_of(ID, 2021, 0, 0);
    waived.waived = true;
    let apps = [
        approved("HN-2019", decl_of(ID, 2019, 30, 60), 0),
        approved("HN-2020", decl_of(ID, 2020, 31, 62), 2),
        approved("HN-2021", waived, 4),
    ];
    let cert = Certificate::issue(
        &holder(),
        Span::new(2018, 2021).unwrap(),
        &apps,
        &[],
        &policy,
        issued(2022, 1, 10),
    )
    .unwrap();
    let evidence = cert.to_evidence("cert-2022").unwrap();
    let json = serde_json::to_string(&evidence).unwrap();
    // 2018 has nothing and 2021 is waived: neither is certified as figures.
    assert_eq!(
        json,
        r#"{"id":"cert-2022","kind":"prior_certificate","years":[{"year":2019,"public":"30","professional":"60"},{"year":2020,"public":"31","professional":"62"}]}"#
    );
    assert!(cert.to_evidence("").is_err());

    // Fed back into an evaluation, its figures stand for those years (N.3.3).
    let record: Record = serde_json::from_str(&format!(
        r#"{{ "span": {{ "from": 2019, "to": 2020 }}, "evidence": [{json}] }}"#
    ))
    .unwrap();
    let report = evaluate(&record, &policy).unwrap();
    assert!(report.passed);
    assert_eq!(report.years[1].public, h(31));
}

// ---------------------------------------------------------------- the example

#[test]
fn review_flow_example_output() {
    let text = review_flow::transcript().unwrap();
    insta::assert_snapshot!("review_flow", text);
}

/// N.3.3 / I-9: an earlier certificate's zero figure is a figure, not a negative one.
#[test]
fn a_prior_year_with_zero_hours_stands() {
    let policy = Policy::hunan_2024();
    let mut zero = prior();
    zero.years[2].public = h(0);
    zero.years[2].professional = h(0);
    let cert = Certificate::issue(
        &holder(),
        Span::new(2019, 2023).unwrap(),
        &[],
        &[zero],
        &policy,
        issued(2024, 6, 13),
    )
    .unwrap();
    assert!(cert.notes.iter().all(|n| n.code != NoteCode::NegativePrior));
    assert_eq!(cert.years[0].public, h(0));
    assert_eq!(cert.years[0].professional, h(0));
    assert_eq!(
        cert.years[0].source,
        YearSource::PriorCertificate {
            issued: issued(2020, 1, 15)
        }
    );
}

/// A2 step 6: the phone field takes a mobile or a landline number, and nothing looser.
#[test]
fn phone_numbers_mobile_or_landline() {
    for (phone, ok) in [
        ("18890987651", true),
        ("0731-84567890", true),
        ("010-8456789", true),
        ("0731-0456789", false),
        ("0731-1456789", false),
        ("731-84567890", false),
        ("07310-84567890", false),
        ("0731-845678901", false),
        ("0731-845678", false),
        ("0731-84567a90", false),
        ("0a31-84567890", false),
        ("-84567890", false),
        ("0731-", false),
        ("0731 84567890", false),
        ("12890987651", false),
        ("1889098765", false),
    ] {
        let mut d = decl(2020);
        d.applicant.phone = phone.into();
        assert_eq!(d.validate().is_ok(), ok, "{phone}");
    }
}

#[test]
fn form_labels_are_the_online_form_s() {
    assert_eq!(Gender::Male.label(), "男");
    assert_eq!(Gender::Female.label(), "女");
    assert_eq!(DeclarationField::Phone.label(), "联系电话");
    assert_eq!(DeclarationField::IdNumber.label(), "证件号码");
    assert_eq!(DeclarationField::Phone.path(), "applicant.phone");
}

#[test]
fn id_numbers_print_with_an_upper_case_x() {
    let id = IdNumber::parse("11010519491231002x").unwrap();
    assert_eq!(id.to_string(), "11010519491231002X");
    assert_eq!(id.as_str(), "11010519491231002X");
}

// ---------------------------------------------------------------- revision 2: routes (A2–A5)

/// A provincial university: a first-level unit (一级单位) with no superior unit above it.
const UNIVERSITY: &str = "湖南师范大学";

fn at_date(y: i32, m: u32, d: u32, hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(hour, 0, 0)
        .unwrap()
}

/// A3 step 9: a first-level unit chooses the handling agency directly; on the provincial route
/// (N.2.1) the HRSS then files it (备案).
#[test]
fn a3_step_9_first_level_unit_sends_straight_to_the_agency() {
    let mut d = decl(2020);
    d.applicant.unit = UNIVERSITY.into();
    let mut a = Application::new("HN-U", d, route(Track::ProvincialUnit)).unwrap();
    let teacher = Actor::new("周老师", Party::Applicant, UNIVERSITY);
    let personnel = Actor::new("人事处", Party::Employer, UNIVERSITY);
    a.submit(&teacher, t(0)).unwrap();
    assert_eq!(desk_of(&a), (Party::Employer, UNIVERSITY.to_owned()));
    // It cannot name itself as its superior unit.
    let err = refused(&mut a, &personnel, approve_emp(sup(UNIVERSITY)), t(1));
    assert_eq!(
        err,
        ReviewError::SameUnit {
            unit: UNIVERSITY.into()
        }
    );
    let e = a
        .approve_as_employer(&personnel, form(), Next::Agency, t(1))
        .unwrap();
    assert_eq!(e.rules, [RuleId::A3, RuleId::N2_1]);
    assert_eq!(desk_of(&a), (Party::Agency, PROVINCIAL_HRSS.to_owned()));
    let e = a.approve(&provincial_hrss(), None, t(2)).unwrap();
    assert_eq!(e.rules, [RuleId::A5, RuleId::N2_1]);
    assert!(a.is_approved());
    assert_eq!(a.route().agency_step, cehours::AgencyStep::Filing);
}

/// A rejection at any level returns the declaration to the applicant; the resubmission starts
/// again at the employer, even after a superior unit or the agency returned it.
#[test]
fn a_rejection_anywhere_starts_the_route_again_at_the_employer() {
    for rejecter in [Party::Employer, Party::SuperiorUnit, Party::Agency] {
        let mut a = app(Track::ProvincialUnit);
        a.submit(&me(), t(0)).unwrap();
        if rejecter != Party::Employer {
            employer_approves(&mut a, sup(SUPERIOR), t(1)).unwrap();
        }
        if rejecter == Party::Agency {
            a.approve(&superior(), Some(Next::Agency), t(2)).unwrap();
        }
        let actor = match rejecter {
            Party::Employer => employer(),
            Party::SuperiorUnit => superior(),
            _ => provincial_hrss(),
        };
        a.reject(&actor, "请补充材料", t(3)).unwrap();
        assert!(a.state().is_editable());
        a.submit(&me(), t(4)).unwrap();
        assert_eq!(desk_of(&a), (Party::Employer, EMPLOYER.to_owned()));
        assert_eq!(
            a.state(),
            &ReviewState::InReview {
                desk: cehours::Desk {
                    role: Party::Employer,
                    unit: EMPLOYER.into()
                },
                superiors: 0
            }
        );
    }
}

/// A5 step 6: batch review is the handling agency's; any other level is refused with a typed
/// error, and nothing changes.
#[test]
fn a5_step_6_batch_review_is_the_agency_s_alone() {
    let mut apps = vec![app(Track::ProvincialUnit), app(Track::ProvincialUnit)];
    for a in &mut apps {
        a.submit(&me(), t(0)).unwrap();
    }
    let before = apps.clone();
    for actor in [employer(), superior(), me()] {
        for decision in [
            BatchDecision::Approve,
            BatchDecision::Reject {
                reason: "材料不全".into(),
            },
        ] {
            let err = review_batch(&mut apps[..], &actor, &decision, t(1)).unwrap_err();
            assert_eq!(err, ReviewError::BatchNotAllowed { role: actor.role });
        }
    }
    assert_eq!(apps, before);
    let err = review_batch(&mut apps[..], &employer(), &BatchDecision::Approve, t(1)).unwrap_err();
    insta::assert_snapshot!(err.to_string(), @"batch review is the handling agency's (A5 step 6), not the employer's");
    // The agency's batch goes through, each application on its own.
    let report = review_batch(
        &mut apps[..],
        &provincial_hrss(),
        &BatchDecision::Reject {
            reason: "材料不全".into(),
        },
        t(1),
    )
    .unwrap();
    assert_eq!(report.failed.len(), 2, "both still wait at the employer");
}

// ---------------------------------------------------------------- revision 2: forms (A2, A3)

#[test]
fn a2_step_7_uploads_are_required_and_checked() {
    let mut d = decl(2020);
    d.uploads = Uploads::default();
    assert_eq!(
        d.validate().unwrap_err().problems,
        [
            DeclarationProblem::MissingUpload {
                field: DeclarationField::UploadEducation
            },
            DeclarationProblem::MissingUpload {
                field: DeclarationField::UploadHours
            },
        ]
    );
    // N.2.3: an applicant whose review is entrusted to Hunan uploads the 委托审批函 too.
    let mut entrusted = decl(2020);
    entrusted.entrusted = true;
    let err = entrusted.validate().unwrap_err();
    assert_eq!(
        err.problems,
        [DeclarationProblem::MissingUpload {
            field: DeclarationField::UploadEntrustment
        }]
    );
    insta::assert_snapshot!(err.to_string(), @"`uploads.entrustment`: nothing uploaded; A2 step 7 requires it");
    entrusted.uploads.entrustment = vec![Upload::new("委托审批函.pdf")];
    assert_eq!(entrusted.validate(), Ok(()));

    // Each file must pass the upload rules (A2): extension and 20 MB.
    let mut bad = decl(2020);
    bad.uploads.education = vec![
        Upload::new("学历.exe"),
        Upload {
            file: "学位证.pdf".into(),
            bytes: Some(20 * 1024 * 1024 + 1),
        },
        Upload {
            file: "ok.PNG".into(),
            bytes: Some(20 * 1024 * 1024),
        },
    ];
    let err = bad.validate().unwrap_err();
    let fields: Vec<DeclarationField> = err.problems.iter().map(|p| p.field()).collect();
    assert_eq!(
        fields,
        [
            DeclarationField::UploadEducation,
            DeclarationField::UploadEducation
        ]
    );
    insta::assert_snapshot!(err.to_string(), @"`uploads.education`: `学历.exe` is refused: 不接受扩展名为`exe`的文件(仅限jpg、jpeg、png、doc、docx、pdf) / files with extension `exe` are not accepted (only jpg, jpeg, png, doc, docx, pdf); `uploads.education`: `学位证.pdf` is refused: 文件大小为20971521字节,超过上限20971520字节 / file is 20971521 bytes, more than the limit of 20971520 bytes");
    // A submission is refused for them, and a policy's own upload rules apply.
    let mut a = Application::new("HN-up", bad, route(Track::CityPrefecture)).unwrap();
    assert!(matches!(
        refused(&mut a, &me(), ReviewAction::Submit, t(0)),
        ReviewError::Invalid(_)
    ));
    let mut policy = Policy::hunan_2024();
    policy
        .materials
        .as_mut()
        .expect("the policy lists materials")
        .uploads
        .max_bytes = 1000;
    let mut big = decl(2020);
    big.uploads.hours = vec![Upload {
        file: "学时.pdf".into(),
        bytes: Some(1001),
    }];
    assert_eq!(big.validate(), Ok(()));
    let mut a =
        Application::with_policy("HN-up2", big, route(Track::CityPrefecture), &policy).unwrap();
    let err = refused(&mut a, &me(), ReviewAction::Submit, t(0));
    let ReviewError::Invalid(invalid) = err else {
        panic!("{err}")
    };
    assert_eq!(invalid.problems[0].field(), DeclarationField::UploadHours);
    // The JSON form: absent uploads read as none.
    let json = serde_json::to_value(decl(2020)).unwrap();
    assert_eq!(json["uploads"]["education"][0]["file"], "学历证书.pdf");
    assert!(json.get("entrusted").is_none());
}

#[test]
fn a3_employer_review_fields_are_validated() {
    assert_eq!(form().validate(), Ok(()));
    let blank = EmployerReview {
        unit_nature: " ".into(),
        principle: String::new(),
        on_establishment: None,
        business_number: String::new(),
    };
    let problems = blank.validate().unwrap_err().problems;
    assert_eq!(
        problems,
        [
            DeclarationProblem::Empty {
                field: DeclarationField::UnitNature
            },
            DeclarationProblem::Empty {
                field: DeclarationField::ReviewPrinciple
            },
            DeclarationProblem::Empty {
                field: DeclarationField::OnEstablishment
            },
            DeclarationProblem::Empty {
                field: DeclarationField::BusinessNumber
            },
        ]
    );
    let labels: Vec<&str> = problems.iter().map(|p| p.field().label()).collect();
    // A field of invisible characters only is empty too.
    let invisible = EmployerReview {
        unit_nature: "\u{200B}\u{FEFF}".into(),
        ..form()
    };
    assert_eq!(
        invisible.validate().unwrap_err().problems,
        [DeclarationProblem::Empty {
            field: DeclarationField::UnitNature
        }]
    );
    assert_eq!(labels, ["单位性质", "审核原则", "是否在编", "业务编号"]);
    // 业务编号: 15 digits, a real date first (the guide's own example is 202403130000021).
    for (number, ok) in [
        ("202403130000021", true),
        (" 202403130000021 ", true),
        ("20240313000002", false),
        ("2024031300000210", false),
        ("202413130000021", false),
        ("202402300000021", false),
        ("2024-0313000002", false),
        ("２０２４０３１３０００００２１", false),
    ] {
        let f = EmployerReview {
            business_number: number.into(),
            ..form()
        };
        assert_eq!(f.validate().is_ok(), ok, "{number}");
    }
    let f = EmployerReview {
        business_number: "202413130000021".into(),
        ..form()
    };
    insta::assert_snapshot!(f.validate().unwrap_err().to_string(), @"`employer_review.business_number`: `202413130000021` is not 15 digits starting with a date `YYYYMMDD`");
}

#[test]
fn a3_the_employer_fills_its_review_fields_when_it_approves() {
    let mut a = app(Track::ProvincialUnit);
    a.submit(&me(), t(0)).unwrap();
    // Required from the employer, and checked.
    let err = refused(&mut a, &employer(), approve_plain(sup(SUPERIOR)), t(1));
    assert_eq!(err, ReviewError::EmployerReviewRequired);
    let bad = EmployerReview {
        on_establishment: None,
        ..form()
    };
    let err = refused(
        &mut a,
        &employer(),
        ReviewAction::Approve {
            next: sup(SUPERIOR),
            review: Some(bad),
        },
        t(1),
    );
    insta::assert_snapshot!(err.to_string(), @"the employer's review fields are not valid: `employer_review.on_establishment` must not be empty");
    // Rejecting needs none.
    let mut b = a.clone();
    b.reject(&employer(), "材料不全", t(1)).unwrap();

    let e = employer_approves(&mut a, sup(SUPERIOR), t(1)).unwrap();
    assert_eq!(e.employer_review, Some(form()));
    assert_eq!(a.declaration().employer_review, Some(form()));
    // No other level gives them.
    let err = refused(
        &mut a,
        &superior(),
        ReviewAction::Approve {
            next: Some(Next::Agency),
            review: Some(form()),
        },
        t(2),
    );
    assert!(matches!(err, ReviewError::EmployerReviewNotAllowed { .. }));
    a.reject(&superior(), "缺页", t(2)).unwrap();
    // The applicant cannot change them; an edit that keeps them is fine.
    let mut changed = a.declaration().clone();
    changed.employer_review = Some(EmployerReview {
        on_establishment: Some(false),
        ..form()
    });
    assert_eq!(
        refused(
            &mut a,
            &me(),
            ReviewAction::Edit {
                declaration: Box::new(changed)
            },
            t(3)
        ),
        ReviewError::EmployerReviewLocked
    );
    let mut kept = a.declaration().clone();
    kept.remarks = Some("已补充".into());
    a.edit(&me(), kept, t(3)).unwrap();
}

// ---------------------------------------------------------------- revision 2: window (N.2)

#[test]
fn n_2_submissions_fall_in_the_june_to_july_window() {
    let policy = Policy::hunan_2024();
    assert_eq!(
        (
            policy.review_window.rule,
            policy.review_window.from_month,
            policy.review_window.to_month
        ),
        (RuleId::N2, 6, 7)
    );
    for (at, ok) in [
        (at_date(2024, 5, 31, 23), false),
        (at_date(2024, 6, 1, 0), true),
        (at_date(2024, 7, 31, 23), true),
        (at_date(2024, 8, 1, 0), false),
        (at_date(2025, 1, 15, 9), false),
        (at_date(2025, 6, 15, 9), true),
    ] {
        let mut a = app(Track::CityPrefecture);
        let result = a.submit(&me(), at);
        assert_eq!(result.is_ok(), ok, "{at}");
        if !ok {
            assert!(matches!(
                result.unwrap_err(),
                ReviewError::OutsideWindow { .. }
            ));
            assert!(a.audit().is_empty());
        }
    }
    let mut a = app(Track::CityPrefecture);
    let err = refused(&mut a, &me(), ReviewAction::Submit, at_date(2024, 9, 1, 9));
    insta::assert_snapshot!(err.to_string(), @"`2024-09-01 09:00:00` lies outside the application window, months 6–7 of each year (N.2)");

    // The caller's explicit override, with a reason that shows something.
    let err = refused(
        &mut a,
        &me(),
        ReviewAction::SubmitOutsideWindow {
            reason: "\u{200B} ".into(),
        },
        at_date(2024, 9, 1, 9),
    );
    assert_eq!(err, ReviewError::EmptyReason);
    let e = a
        .submit_outside_window(&me(), "经办机构同意补报", at_date(2024, 9, 1, 9))
        .unwrap();
    assert_eq!(e.rules, [RuleId::A2, RuleId::N2, RuleId::N2_2]);
    assert_eq!(e.reason.as_deref(), Some("经办机构同意补报"));
    // The trail keeps the override, so the stored application replays.
    let back: Application = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
    assert_eq!(back, a);

    // A policy's own window, across the new year.
    let mut winter = Policy::hunan_2024();
    winter.review_window.from_month = 11;
    winter.review_window.to_month = 2;
    assert_eq!(winter.validate(), Ok(()));
    let mut a = Application::with_policy("HN-w", decl(2020), route(Track::CityPrefecture), &winter)
        .unwrap();
    assert!(
        a.check(&me(), &ReviewAction::Submit, at_date(2024, 6, 3, 9))
            .is_err()
    );
    a.submit(&me(), at_date(2025, 1, 10, 9)).unwrap();
    // A month that is no month is a policy problem.
    let mut bad = Policy::hunan_2024();
    bad.review_window.from_month = 0;
    bad.review_window.to_month = 13;
    let paths: Vec<String> = bad
        .validate()
        .unwrap_err()
        .problems
        .into_iter()
        .map(|p| p.path)
        .collect();
    assert_eq!(
        paths,
        ["review_window.from_month", "review_window.to_month"]
    );
}

// ---------------------------------------------------------------- issue 13: certificate span

/// Issue 13 item 5: the certificate checks its span.
#[test]
fn certificate_refuses_an_inverted_or_overlong_span() {
    let policy = Policy::hunan_2024();
    let issue = |span: Span, policy: &Policy| {
        Certificate::issue(&holder(), span, &[], &[], policy, issued(2024, 6, 13))
    };
    let inverted = Span {
        from: 2023,
        to: 2019,
    };
    assert_eq!(
        issue(inverted, &policy).unwrap_err(),
        CertificateError::InvalidSpan {
            from: 2023,
            to: 2019
        }
    );
    let huge = Span {
        from: 1,
        to: 50_000_000,
    };
    assert!(matches!(
        issue(huge, &policy).unwrap_err(),
        CertificateError::InvalidSpan { .. }
    ));
    let err = issue(Span::new(1, 9999).unwrap(), &policy).unwrap_err();
    insta::assert_snapshot!(err.to_string(), @"span 1–9999 holds 9999 years; the policy allows at most 50");
    // 50 years is the limit of hunan-2024; 51 is one too many.
    let cert = issue(Span::new(1974, 2023).unwrap(), &policy).unwrap();
    assert_eq!(cert.years.len(), 50);
    assert_eq!(
        issue(Span::new(1973, 2023).unwrap(), &policy).unwrap_err(),
        CertificateError::SpanTooLong {
            from: 1973,
            to: 2023,
            years: 51,
            max: 50
        }
    );
    let mut short = Policy::hunan_2024();
    short.limits.max_span_years = 5;
    assert!(issue(Span::new(2019, 2023).unwrap(), &short).is_ok());
    assert!(issue(Span::new(2018, 2023).unwrap(), &short).is_err());
}

// ---------------------------------------------------------------- issue 13: padded names

/// Issue 13 item 6: a padded agency name, in Rust or in JSON, does not strand an application.
#[test]
fn a_padded_agency_name_does_not_strand_an_application() {
    let padded = format!("{CITY_HRSS} ");
    let in_rust = Route {
        agency: padded.clone(),
        ..route(Track::NonPublic)
    };
    assert_eq!(in_rust.check(), Ok(()));
    let mut json = serde_json::to_value(route(Track::NonPublic)).unwrap();
    json["agency"] = serde_json::json!(format!("\u{FEFF}\u{3000}{CITY_HRSS}\u{200B} "));
    let from_json: Route = serde_json::from_value(json).unwrap();
    assert_eq!(from_json.agency, CITY_HRSS);
    for r in [in_rust, from_json] {
        let mut a = Application::new("HN-pad", decl(2020), r).unwrap();
        assert_eq!(a.route().agency, CITY_HRSS);
        a.submit(&me(), t(0)).unwrap();
        a.reject(&city_hrss(), "缺页", t(1)).unwrap();
        a.submit(&me(), t(2)).unwrap();
        // So is a padded actor.
        let padded_actor = Actor {
            name: "赵核认".into(),
            role: Party::Agency,
            unit: format!(" {CITY_HRSS}\u{200B}"),
        };
        a.approve(&padded_actor, None, t(3)).unwrap();
        assert!(a.is_approved());
        assert_eq!(a.audit().last().unwrap().unit, CITY_HRSS);
    }
    // An agency of nothing but invisible characters is no agency.
    let invisible = Route {
        agency: "\u{200B}\u{FEFF}".into(),
        ..route(Track::NonPublic)
    };
    assert!(matches!(
        invisible.check(),
        Err(ReviewError::EmptyAgency { .. })
    ));
    // Actors read from JSON are normalised too.
    let actor: Actor = serde_json::from_str(
        r#"{"name":" 赵核认 ","role":"agency","unit":"长沙市人力资源和社会保障局\u200b"}"#,
    )
    .unwrap();
    assert_eq!(actor, city_hrss());
}

// ---------------------------------------------------------------- issue 13: stored applications

/// An application of the provincial route taken to approval, with a return on the way.
fn full_history() -> Application {
    let mut a = app(Track::ProvincialUnit);
    a.edit(&me(), decl(2020), t(0)).unwrap();
    a.submit(&me(), t(1)).unwrap();
    employer_approves(&mut a, sup(SUPERIOR), t(2)).unwrap();
    a.reject(&superior(), "缺页", t(3)).unwrap();
    let mut d = a.declaration().clone();
    d.remarks = Some("已补充".into());
    a.edit(&me(), d, t(4)).unwrap();
    a.submit(&me(), t(5)).unwrap();
    employer_approves(&mut a, sup(SUPERIOR), t(6)).unwrap();
    a.approve(&superior(), Some(Next::Agency), t(7)).unwrap();
    a.approve(&provincial_hrss(), None, t(8)).unwrap();
    a
}

fn read(json: serde_json::Value) -> Result<Application, String> {
    serde_json::from_value::<Application>(json).map_err(|e| e.to_string())
}

/// Issue 13 item 7: the forged trail (the applicant editing a draft straight to approved, a
/// declaration with public −500, professional 10000, total 1 and a bad phone) is refused when
/// read, so no certificate can count it.
#[test]
fn issue_13_item_7_a_forged_trail_is_refused_when_read() {
    let mut forged_decl = serde_json::to_value(decl(2019)).unwrap();
    forged_decl["public"]["hours"] = serde_json::json!("-500");
    forged_decl["professional"]["hours"] = serde_json::json!("10000");
    forged_decl["total"] = serde_json::json!("1");
    forged_decl["applicant"]["phone"] = serde_json::json!("12345");
    let approved_state = serde_json::json!({
        "state": "approved",
        "by": { "role": "agency", "unit": CITY_HRSS }
    });
    let entry = serde_json::json!({
        "who": "李华", "role": "applicant", "unit": EMPLOYER,
        "at": "2024-06-03T09:00:00", "action": "edit",
        "from": { "state": "draft" }, "to": approved_state,
        "rules": ["A2"]
    });
    let forged = serde_json::json!({
        "id": "HN-forged",
        "declaration": forged_decl,
        "route": serde_json::to_value(route(Track::NonPublic)).unwrap(),
        "state": approved_state,
        "audit": [entry],
    });
    let err = read(forged.clone()).unwrap_err();
    assert!(err.contains("audit entry 0"), "{err}");
    // With the declaration on the entry, the edit still cannot approve anything.
    let mut with_decl = forged.clone();
    with_decl["audit"][0]["declaration"] = forged_decl.clone();
    let err = read(with_decl).unwrap_err();
    assert!(
        err.contains("audit entry 0 does not record what its step does"),
        "{err}"
    );
    // A legal-looking trail does not help: the invalid declaration cannot be submitted.
    let mut submitted = forged.clone();
    submitted["audit"] = serde_json::json!([
        {
            "who": "李华", "role": "applicant", "unit": EMPLOYER,
            "at": "2024-06-03T09:00:00", "action": "submit",
            "from": { "state": "draft" },
            "to": { "state": "in_review", "desk": { "role": "agency", "unit": CITY_HRSS }, "superiors": 0 },
            "rules": ["A2", "N.2.3"], "declaration": forged_decl
        },
        {
            "who": "赵核认", "role": "agency", "unit": CITY_HRSS,
            "at": "2024-06-03T09:01:00", "action": "approve",
            "from": { "state": "in_review", "desk": { "role": "agency", "unit": CITY_HRSS }, "superiors": 0 },
            "to": approved_state, "rules": ["A5", "N.2.3"]
        }
    ]);
    let err = read(submitted).unwrap_err();
    assert!(
        err.contains("audit entry 0 is not a legal step: the declaration cannot be submitted"),
        "{err}"
    );
}

#[test]
fn stored_applications_are_replayed() {
    let a = full_history();
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(read(json.clone()).unwrap(), a);
    assert_eq!(json["audit"].as_array().unwrap().len(), 9);
    assert_eq!(
        json["audit"][2]["employer_review"]["unit_nature"],
        "事业单位"
    );

    let tamper = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut j = json.clone();
        f(&mut j);
        read(j)
    };
    // The state is not where the trail ends.
    let err = tamper(&|j| {
        j["state"] = serde_json::json!({ "state": "draft" });
    })
    .unwrap_err();
    assert!(
        err.contains("is not the one its audit trail ends in"),
        "{err}"
    );
    // The declaration changed after approval.
    let err = tamper(&|j| j["declaration"]["professional"]["hours"] = serde_json::json!("70"))
        .unwrap_err();
    assert!(
        err.contains("is not the one its audit trail ends in"),
        "{err}"
    );
    // A step by a party whose turn it was not: the superior approves for the employer.
    let err = tamper(&|j| {
        j["audit"][2]["role"] = serde_json::json!("superior_unit");
    })
    .unwrap_err();
    assert!(err.contains("audit entry 2 is not a legal step"), "{err}");
    // An entry that records other rules than its step's.
    let err = tamper(&|j| j["audit"][8]["rules"] = serde_json::json!(["A5"])).unwrap_err();
    assert!(err.contains("audit entry 8 does not record"), "{err}");
    // A gap in the trail.
    let err = tamper(&|j| {
        j["audit"].as_array_mut().unwrap().remove(7);
    })
    .unwrap_err();
    assert!(err.contains("audit entry 7"), "{err}");
    // Time running backwards.
    let err =
        tamper(&|j| j["audit"][5]["at"] = serde_json::json!("2024-06-03T08:00:00")).unwrap_err();
    assert!(err.contains("is before the last audit entry"), "{err}");
    // An employer's approval without its review fields.
    let err = tamper(&|j| {
        j["audit"][2]
            .as_object_mut()
            .unwrap()
            .remove("employer_review");
    })
    .unwrap_err();
    assert!(
        err.contains("the employer must fill in its review fields"),
        "{err}"
    );
    // A submission outside the window with no override recorded.
    let err = tamper(&|j| {
        for (i, e) in j["audit"].as_array_mut().unwrap().iter_mut().enumerate() {
            e["at"] = serde_json::json!(format!("2024-09-03T09:{i:02}:00"));
        }
    })
    .unwrap_err();
    assert!(err.contains("outside the application window"), "{err}");
    // The empty trail is a draft of the stored declaration.
    let draft = app(Track::CityPrefecture);
    assert_eq!(read(serde_json::to_value(&draft).unwrap()).unwrap(), draft);
}

#[cfg(feature = "seal")]
mod sealed {
    use super::*;
    use cehours::SealError;

    const KEY: &[u8] = b"service key 2024";

    #[test]
    fn a_sealed_application_verifies_and_keeps_its_seal() {
        let mut a = full_history();
        assert_eq!(a.verify(KEY), Err(SealError::Unsealed));
        a.seal(KEY).unwrap();
        assert_eq!(a.verify(KEY), Ok(()));
        assert_eq!(a.sealed().unwrap().entries.len(), 9);
        assert!(a.verify(b"another key").is_err());
        assert_eq!(a.seal(b""), Err(SealError::EmptyKey));
        let back: Application = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(back, a);
        assert_eq!(back.verify(KEY), Ok(()));
    }

    #[test]
    fn a_step_after_the_seal_needs_a_new_seal() {
        let mut a = app(Track::CityPrefecture);
        a.submit(&me(), t(0)).unwrap();
        a.seal(KEY).unwrap();
        employer_approves(&mut a, Some(Next::Agency), t(1)).unwrap();
        assert_eq!(a.verify(KEY), Err(SealError::UnsealedEntries { from: 1 }));
        a.seal(KEY).unwrap();
        assert_eq!(a.verify(KEY), Ok(()));
        assert_eq!(a.sealed().unwrap().entries.len(), 2);
    }

    /// Issue 13: an edit made outside the library that still replays (a legal-looking trail)
    /// fails the seal.
    #[test]
    fn a_legal_looking_edit_fails_the_seal() {
        let mut a = full_history();
        a.seal(KEY).unwrap();
        let json = serde_json::to_value(&a).unwrap();

        // Raise the declared hours everywhere they appear: the trail is still legal.
        let mut raised = json.clone();
        let raise = |d: &mut serde_json::Value| {
            d["professional"]["hours"] = serde_json::json!("90");
            d["total"] = serde_json::json!("120");
        };
        raise(&mut raised["declaration"]);
        raise(&mut raised["audit"][4]["declaration"]);
        raise(&mut raised["audit"][5]["declaration"]);
        let raised: Application = serde_json::from_value(raised).expect("a legal trail replays");
        assert_eq!(raised.declaration().total, h(120));
        assert_eq!(raised.verify(KEY), Err(SealError::Entry { index: 4 }));
        // Nor can it be sealed again as it is.
        let mut relabelled = raised.clone();
        assert_eq!(relabelled.seal(KEY), Err(SealError::Entry { index: 4 }));

        // Drop the last steps: a legal prefix, now waiting at the agency.
        let mut cut = json.clone();
        cut["audit"].as_array_mut().unwrap().truncate(8);
        cut["state"] = cut["audit"][7]["to"].clone();
        let cut: Application = serde_json::from_value(cut).expect("a legal prefix replays");
        assert_eq!(
            cut.verify(KEY),
            Err(SealError::EntriesRemoved {
                sealed: 9,
                entries: 8
            })
        );

        // Another ID for the same trail.
        let mut renamed = json.clone();
        renamed["id"] = serde_json::json!("HN-9");
        let renamed: Application = serde_json::from_value(renamed).unwrap();
        assert_eq!(renamed.verify(KEY), Err(SealError::Entry { index: 0 }));

        // A forged head tag, or a rule of the window changed.
        let mut rules = json.clone();
        rules["rules"]["window"]["to_month"] = serde_json::json!(12);
        let rules: Application = serde_json::from_value(rules).unwrap();
        assert_eq!(rules.verify(KEY), Err(SealError::Head));
    }
}

/// The seeds of the `stored_application` fuzz target (`fuzz/seeds/`), with the target's own
/// checks: each is read without a panic; an accepted one is written and read back unchanged.
#[test]
fn stored_application_fuzz_seeds_replay_or_are_refused() {
    let dir = format!(
        "{}/fuzz/seeds/stored_application",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut accepted = Vec::new();
    for path in files {
        let data = std::fs::read(&path).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if let Ok(app) = serde_json::from_slice::<Application>(&data) {
            let back: Application =
                serde_json::from_str(&serde_json::to_string(&app).unwrap()).unwrap();
            assert_eq!(back, app, "{name}");
            accepted.push(name);
        }
    }
    // The forged trail of issue 13 item 7 and a trail with a gap are refused.
    assert_eq!(
        accepted,
        ["draft", "full_history", "outside_window", "sealed"]
    );
}
