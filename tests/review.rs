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
    ActionKind, Actor, Applicant, Application, BatchDecision, BatchReport, Certificate,
    CertificateError, Declaration, DeclarationField, DeclarationProblem, Gender, Holder, IdNumber,
    IdNumberError, Next, NoteCode, PROVINCIAL_HRSS, Party, Policy, Record, ReviewAction,
    ReviewError, ReviewState, Route, RuleId, Span, SubjectDeclaration, Track, YearSource, evaluate,
    review_batch,
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
    assert_eq!(d.validate_against(&report), Ok(()));

    // I-2 (rev. 2): 2021 holds 122 of a1's days, 2022 only 59.
    let waived = Declaration::from_report(applicant_with(ID), &record, &report, 2021).unwrap();
    assert!(waived.waived);
    assert_eq!(waived.total, h(0));
    assert!(waived.remarks.as_deref().unwrap().contains("a1"));
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
fn provincial_unit_route_n_2_1() {
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
    let e = a.approve(&employer(), sup(SUPERIOR), t(2)).unwrap();
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
fn city_route_n_2_2_may_skip_superior_units() {
    let mut a = app(Track::CityPrefecture);
    a.submit(&me(), t(0)).unwrap();
    let e = a.approve(&employer(), Some(Next::Agency), t(1)).unwrap();
    assert_eq!(e.rules, [RuleId::A3, RuleId::N2_2]);
    assert_eq!(desk_of(&a), (Party::Agency, CITY_HRSS.to_owned()));
    a.approve(&city_hrss(), None, t(2)).unwrap();
    assert!(a.is_approved());
}

#[test]
fn non_public_route_n_2_3_goes_to_the_territorial_agency() {
    let mut a = app(Track::NonPublic);
    let e = a.submit(&me(), t(0)).unwrap();
    assert_eq!(e.rules, [RuleId::A2, RuleId::N2_3]);
    assert_eq!(desk_of(&a), (Party::Agency, CITY_HRSS.to_owned()));
    // The employer has no turn on this route.
    let err = refused(
        &mut a,
        &employer(),
        ReviewAction::Approve {
            next: Some(Next::Agency),
        },
        t(1),
    );
    assert!(matches!(err, ReviewError::NotYourTurn { .. }));
    a.approve(&city_hrss(), None, t(2)).unwrap();
    assert!(a.is_approved());
}

#[test]
fn central_unit_route_n_2_3_files_with_the_provincial_agency() {
    let mut a = app(Track::CentralUnit);
    a.submit(&me(), t(0)).unwrap();
    let err = refused(
        &mut a,
        &employer(),
        ReviewAction::Approve {
            next: sup(SUPERIOR),
        },
        t(1),
    );
    insta::assert_snapshot!(err.to_string(), @"route N.2.3 allows at most 0 superior-unit review(s)");
    a.approve(&employer(), Some(Next::Agency), t(2)).unwrap();
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
    a.approve(&employer(), sup(SUPERIOR), t(4)).unwrap();
    let e = a.reject(&superior(), "论文刊号页不清晰", t(5)).unwrap();
    assert_eq!(e.rules, [RuleId::A4, RuleId::N2_1]);

    // Resubmitted without an edit.
    a.submit(&me(), t(6)).unwrap();
    a.approve(&employer(), sup(SUPERIOR), t(7)).unwrap();
    a.approve(&superior(), Some(Next::Agency), t(8)).unwrap();
    let e = a.reject(&provincial_hrss(), "专利证书缺页", t(9)).unwrap();
    assert_eq!(e.rules, [RuleId::A5, RuleId::N2_1]);
    assert!(matches!(a.state(), ReviewState::Returned { by, .. } if by.role == Party::Agency));

    a.submit(&me(), t(10)).unwrap();
    a.approve(&employer(), sup(SUPERIOR), t(11)).unwrap();
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
    let approve = |next| ReviewAction::Approve { next };
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

    a.approve(&employer(), sup(SUPERIOR), t(3)).unwrap();
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
    let err = refused(
        &mut a,
        &employer(),
        ReviewAction::Approve {
            next: Some(Next::Agency),
        },
        t(0),
    );
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
    let err = refused(
        &mut a,
        &employer(),
        ReviewAction::Approve {
            next: Some(Next::Agency),
        },
        t(4),
    );
    assert!(matches!(err, ReviewError::WrongState { .. }));

    // Anything after approval.
    a.submit(&me(), t(5)).unwrap();
    a.approve(&employer(), Some(Next::Agency), t(6)).unwrap();
    a.approve(&city_hrss(), None, t(7)).unwrap();
    let err = refused(&mut a, &me(), ReviewAction::Submit, t(8));
    insta::assert_snapshot!(err.to_string(), @"cannot submit a declaration that is approved");
    let err = refused(
        &mut a,
        &city_hrss(),
        ReviewAction::Approve { next: None },
        t(8),
    );
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
    a.approve(&employer(), Some(Next::Agency), t(2)).unwrap();
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
    for reason in ["", "   ", "\n\t"] {
        let err = refused(
            &mut a,
            &employer(),
            ReviewAction::Reject {
                reason: reason.into(),
            },
            t(1),
        );
        assert_eq!(err, ReviewError::EmptyReason);
    }
    insta::assert_snapshot!(ReviewError::EmptyReason.to_string(), @"a rejection needs a reason");
}

#[test]
fn next_level_rules_are_enforced() {
    let mut a = app(Track::ProvincialUnit);
    a.submit(&me(), t(0)).unwrap();
    let approve = |next| ReviewAction::Approve { next };
    let err = refused(&mut a, &employer(), approve(None), t(1));
    insta::assert_snapshot!(err.to_string(), @"the employer `湖南省地质研究所` must choose the next level, a superior unit or the handling agency");
    // N.2.1: the provincial competent department must review before the HRSS files it.
    let err = refused(&mut a, &employer(), approve(Some(Next::Agency)), t(1));
    insta::assert_snapshot!(err.to_string(), @"route N.2.1 needs 1 superior-unit review(s) before the handling agency; 0 so far");
    let err = refused(&mut a, &employer(), approve(sup("  ")), t(1));
    assert_eq!(err, ReviewError::EmptyUnit);
    let err = refused(&mut a, &employer(), approve(sup(EMPLOYER)), t(1));
    insta::assert_snapshot!(err.to_string(), @"`湖南省地质研究所` cannot be its own superior unit");

    a.approve(&employer(), sup(SUPERIOR), t(2)).unwrap();
    a.approve(&superior(), Some(Next::Agency), t(3)).unwrap();
    let err = refused(
        &mut a,
        &provincial_hrss(),
        approve(Some(Next::Agency)),
        t(4),
    );
    insta::assert_snapshot!(err.to_string(), @"the handling agency's approval is final; no next level can follow it");
    let err = refused(&mut a, &provincial_hrss(), approve(sup(SUPERIOR)), t(4));
    assert_eq!(err, ReviewError::NextLevelNotAllowed);
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
    let err = refused(
        &mut a,
        &employer(),
        ReviewAction::Approve {
            next: Some(Next::Agency),
        },
        t(9),
    );
    insta::assert_snapshot!(err.to_string(), @"`2024-06-03 09:09:00` is before the last audit entry at `2024-06-03 09:10:00`");
    // The same instant is fine.
    a.approve(&employer(), Some(Next::Agency), t(10)).unwrap();
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
    {"track":"provincial_unit","rule":"N.2.1","employer_review":true,"min_superiors":1,"max_superiors":null,"agency":"湖南省人力资源和社会保障厅","agency_step":"filing"}
    {"track":"city_prefecture","rule":"N.2.2","employer_review":true,"min_superiors":0,"max_superiors":null,"agency":"长沙市人力资源和社会保障局","agency_step":"verification"}
    {"track":"non_public","rule":"N.2.3","employer_review":false,"min_superiors":0,"max_superiors":0,"agency":"长沙市人力资源和社会保障局","agency_step":"verification"}
    {"track":"central_unit","rule":"N.2.3","employer_review":true,"min_superiors":0,"max_superiors":0,"agency":"湖南省人力资源和社会保障厅","agency_step":"filing"}
    "#);
}

#[test]
fn applications_round_trip_through_json_and_are_checked() {
    let mut a = app(Track::ProvincialUnit);
    a.submit(&me(), t(0)).unwrap();
    a.approve(&employer(), sup(SUPERIOR), t(1)).unwrap();
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
    Submit,
    ApproveNone,
    ApproveAgency,
    ApproveSuperior,
    ApproveSuperior2,
    RejectEmpty,
    RejectReason,
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

fn action_for(act: Act) -> ReviewAction {
    match act {
        Act::EditValid => ReviewAction::Edit {
            declaration: Box::new(decl(2021)),
        },
        Act::EditInvalid => {
            let mut d = decl(2021);
            d.total = h(1);
            ReviewAction::Edit {
                declaration: Box::new(d),
            }
        }
        Act::Submit => ReviewAction::Submit,
        Act::ApproveNone => ReviewAction::Approve { next: None },
        Act::ApproveAgency => ReviewAction::Approve {
            next: Some(Next::Agency),
        },
        Act::ApproveSuperior => ReviewAction::Approve {
            next: sup(SUPERIOR),
        },
        Act::ApproveSuperior2 => ReviewAction::Approve {
            next: sup(SUPERIOR_2),
        },
        Act::RejectEmpty => ReviewAction::Reject { reason: " ".into() },
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

fn act() -> impl Strategy<Value = Act> {
    prop_oneof![
        1 => Just(Act::EditValid),
        1 => Just(Act::EditInvalid),
        3 => Just(Act::Submit),
        2 => Just(Act::ApproveNone),
        5 => Just(Act::ApproveAgency),
        4 => Just(Act::ApproveSuperior),
        2 => Just(Act::ApproveSuperior2),
        1 => Just(Act::RejectEmpty),
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

    #[test]
    fn random_actions_keep_the_invariants(
        track in track(),
        steps in prop::collection::vec((who(), act(), -2i64..5), 0..60),
    ) {
        let mut a = app(track);
        let mut clock = 0i64;
        let mut successes = 0usize;
        for (who, act, dt) in steps {
            clock += dt;
            let before = a.clone();
            let actor = actor_for(who, track, &a);
            match a.apply(&actor, action_for(act), t(clock)) {
                Ok(entry) => {
                    successes += 1;
                    prop_assert!(!before.is_approved(), "acted after approval");
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
        // What is written can be read back.
        let back: Application = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        prop_assert_eq!(back, a);
    }
}

// ---------------------------------------------------------------- batch review (A5 step 6)

#[test]
fn batch_review_with_mixed_outcomes() {
    let at_agency = |id: &str, year| {
        let mut a = Application::new(id, decl(year), route(Track::ProvincialUnit)).unwrap();
        a.submit(&me(), t(0)).unwrap();
        a.approve(&employer(), sup(SUPERIOR), t(1)).unwrap();
        a.approve(&superior(), Some(Next::Agency), t(2)).unwrap();
        a
    };
    let draft = Application::new("HN-draft", decl(2024), route(Track::ProvincialUnit)).unwrap();
    let mut at_employer =
        Application::new("HN-employer", decl(2022), route(Track::ProvincialUnit)).unwrap();
    at_employer.submit(&me(), t(0)).unwrap();
    let mut late = Application::new("HN-late", decl(2023), route(Track::ProvincialUnit)).unwrap();
    late.submit(&me(), t(0)).unwrap();
    late.approve(&employer(), sup(SUPERIOR), t(1)).unwrap();
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
        &BatchDecision::Approve { next: None },
        t(10),
    );

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
    );
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
    );
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
