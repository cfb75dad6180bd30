//! The materials validator (A1.M1–A1.M12, N.3.2, N.3.3) and the upload rules (A2): one test per
//! materials item named after it (each alternative, and a near miss with the exact `missing`
//! lists), the upload rules case by case, snapshots of the checklist and of a report's
//! `materials`, and a monotonicity property.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

use cehours::{
    Alternative, Document, DocumentType, Evidence, FindingCode, FormMaterials, Kind,
    MaterialsCheck, MaterialsOutcome, MaterialsPolicy, Policy, Record, Requirement, RuleId,
    Severity, UploadRefusal, UploadRules,
};
use proptest::prelude::*;
use serde_json::{Value, json};

/// The minimal fields of each kind, so an item parses.
fn fields(kind: &str) -> Value {
    match kind {
        "training" | "practice" | "conference" | "overseas_exchange" => {
            json!({ "start": "2020-04-01", "days": "1" })
        }
        "online_course" | "platform_training" => json!({ "date": "2020-09-01", "hours": "2" }),
        "research_project" => {
            json!({ "level": "provincial", "role": "host", "rank": 1, "completed": "2021-12-20" })
        }
        "book" => json!({ "author_rank": 1, "published": "2020-06-15" }),
        "paper" => json!({ "author_rank": 1, "published": "2020-06-15", "serial": "CN 43-1234/N" }),
        "patent" => json!({ "class": "invention", "rank": 1, "granted": "2020-11-20" }),
        "award" => json!({ "level": "municipal", "grade": "third", "awarded": "2021-05-01" }),
        "skills_exam" => json!({ "exam": "digital", "modules": 1, "passed": "2021-05-01" }),
        "degree_course" => json!({ "courses": 1, "passed": "2021-05-01" }),
        "qualification_exam" => json!({ "subjects": 1, "passed": "2021-05-01" }),
        "assignment" => json!({
            "program": "east_west", "start": "2021-09-01", "end": "2022-02-28", "assessment_passed": true
        }),
        "prior_certificate" => {
            json!({ "years": [ { "year": 2019, "public": "30", "professional": "60" } ] })
        }
        "declared" => json!({ "type": "teaching", "date": "2021-05-01", "hours": "2" }),
        other => panic!("no fields for kind `{other}`"),
    }
}

/// An item of `kind` with `extra` fields and the given documents (JSON objects).
fn item_with(kind: &str, extra: Value, documents: Vec<Value>) -> Evidence {
    let mut object = fields(kind);
    let map = object.as_object_mut().unwrap();
    map.insert("id".into(), json!("e1"));
    map.insert("kind".into(), json!(kind));
    map.extend(extra.as_object().unwrap().clone());
    map.insert("documents".into(), Value::Array(documents));
    serde_json::from_value(object).unwrap()
}

/// An item of `kind` with documents of the given types, none uploaded as a file.
fn item(kind: &str, types: &[&str]) -> Evidence {
    item_with(
        kind,
        json!({}),
        types.iter().map(|t| json!({ "type": t })).collect(),
    )
}

fn outcome(evidence: &Evidence) -> MaterialsOutcome {
    cehours::check_materials(evidence, &Policy::hunan_2024())
}

fn check(kind: &str, types: &[&str]) -> MaterialsCheck {
    outcome(&item(kind, types)).check
}

#[track_caller]
fn assert_satisfied(kind: &str, types: &[&str], rule: RuleId) {
    let check = check(kind, types);
    assert!(
        check.satisfied,
        "{kind} with {types:?} should be satisfied: {check:?}"
    );
    assert!(check.missing.is_empty());
    assert_eq!(check.rule, rule);
    assert_eq!(check.evidence.as_str(), "e1");
}

#[track_caller]
fn assert_missing(kind: &str, types: &[&str], missing: &[&[&str]]) {
    let check = check(kind, types);
    assert!(
        !check.satisfied,
        "{kind} with {types:?} should not be satisfied"
    );
    let expected: Vec<Vec<String>> = missing
        .iter()
        .map(|alt| alt.iter().map(|s| (*s).to_owned()).collect())
        .collect();
    assert_eq!(check.missing, expected, "{kind} with {types:?}");
}

// A1.M1: training class, seminar, advanced study.

#[test]
fn a1_m1_training_alternative_1() {
    assert_satisfied(
        "training",
        &["notice", "schedule", "attendance"],
        RuleId::A1M1,
    );
    assert_satisfied(
        "training",
        &["attendance", "notice", "schedule"],
        RuleId::A1M1,
    );
}

#[test]
fn a1_m1_training_alternative_2() {
    for first in ["notice", "attendance", "schedule"] {
        assert_satisfied("training", &[first, "completion_certificate"], RuleId::A1M1);
    }
}

#[test]
fn a1_m1_near_miss_names_missing() {
    assert_missing(
        "training",
        &["notice", "schedule"],
        &[&["attendance"], &["completion_certificate"]],
    );
    assert_missing(
        "training",
        &["completion_certificate"],
        &[
            &["notice", "schedule", "attendance"],
            &["notice|attendance|schedule"],
        ],
    );
    assert_missing(
        "training",
        &[],
        &[
            &["notice", "schedule", "attendance"],
            &["notice|attendance|schedule", "completion_certificate"],
        ],
    );
}

// A1.M2: practice activity.

#[test]
fn a1_m2_practice_alternative_1() {
    assert_satisfied(
        "practice",
        &["notice", "sealed_dispatch_notice"],
        RuleId::A1M2,
    );
}

#[test]
fn a1_m2_practice_alternative_2() {
    assert_satisfied("practice", &["notice", "activity_log"], RuleId::A1M2);
    assert_satisfied(
        "practice",
        &["registration_form", "activity_log"],
        RuleId::A1M2,
    );
}

#[test]
fn a1_m2_near_miss_names_missing() {
    assert_missing(
        "practice",
        &["registration_form", "sealed_dispatch_notice"],
        &[&["notice"], &["activity_log"]],
    );
    // An unsealed dispatch notice is not the sealed one.
    assert_missing(
        "practice",
        &["notice", "dispatch_notice"],
        &[&["sealed_dispatch_notice"], &["activity_log"]],
    );
    assert_missing(
        "practice",
        &[],
        &[
            &["notice", "sealed_dispatch_notice"],
            &["notice|registration_form", "activity_log"],
        ],
    );
}

// A1.M3: online or distance course.

#[test]
fn a1_m3_online_course_alternative_1() {
    assert_satisfied(
        "online_course",
        &["course_duration", "completion_certificate"],
        RuleId::A1M3,
    );
    assert_satisfied(
        "online_course",
        &["course_content", "completion_certificate"],
        RuleId::A1M3,
    );
}

#[test]
fn a1_m3_near_miss_names_missing() {
    assert_missing(
        "online_course",
        &["course_duration", "course_content"],
        &[&["completion_certificate"]],
    );
    assert_missing(
        "online_course",
        &["completion_certificate"],
        &[&["course_duration|course_content"]],
    );
    assert_missing(
        "online_course",
        &[],
        &[&["course_duration|course_content", "completion_certificate"]],
    );
}

// A1.M4: conference, lecture, visit, exchange.

#[test]
fn a1_m4_conference_alternative_1() {
    assert_satisfied(
        "conference",
        &["invitation", "sealed_receipt", "study_notes"],
        RuleId::A1M4,
    );
    assert_satisfied(
        "conference",
        &["notice", "sealed_receipt", "study_notes"],
        RuleId::A1M4,
    );
}

#[test]
fn a1_m4_conference_alternative_2() {
    // I-7: any one of the listed supporting materials.
    for one in [
        "meeting_directory",
        "email_receipt",
        "reimbursement_record",
        "other_supporting",
    ] {
        assert_satisfied("conference", &[one], RuleId::A1M4);
    }
    let policy = MaterialsPolicy::hunan_2024();
    assert_eq!(
        policy.for_kind(Kind::Conference).alternatives[1].rule,
        RuleId::I7
    );
}

/// I-7: for A1.M4 alternative (2) one supporting material of any listed sort suffices, and
/// without one the requirement is named with every sort that would meet it.
#[test]
fn i_7_one_supporting_material_suffices() {
    assert_satisfied("conference", &["reimbursement_record"], RuleId::A1M4);
    assert_satisfied(
        "conference",
        &["other_supporting", "study_notes"],
        RuleId::A1M4,
    );
    assert_missing(
        "conference",
        &["study_notes"],
        &[
            &["invitation|notice", "sealed_receipt"],
            &["meeting_directory|email_receipt|reimbursement_record|other_supporting"],
        ],
    );
}

#[test]
fn a1_m4_near_miss_names_missing() {
    assert_missing(
        "conference",
        &["invitation", "sealed_receipt"],
        &[
            &["study_notes"],
            &["meeting_directory|email_receipt|reimbursement_record|other_supporting"],
        ],
    );
    assert_missing(
        "conference",
        &[],
        &[
            &["invitation|notice", "sealed_receipt", "study_notes"],
            &["meeting_directory|email_receipt|reimbursement_record|other_supporting"],
        ],
    );
}

// A1.M5: research project.

#[test]
fn a1_m5_research_project_alternative_1() {
    assert_satisfied(
        "research_project",
        &["project_completion_certificate"],
        RuleId::A1M5,
    );
}

#[test]
fn a1_m5_near_miss_names_missing() {
    assert_missing(
        "research_project",
        &["completion_certificate"],
        &[&["project_completion_certificate"]],
    );
}

// A1.M6: book and paper.

#[test]
fn a1_m6_book_alternative_1() {
    assert_satisfied(
        "book",
        &["book_cover", "copyright_page", "table_of_contents"],
        RuleId::A1M6,
    );
}

#[test]
fn a1_m6_book_near_miss_names_missing() {
    assert_missing(
        "book",
        &["journal_cover", "copyright_page", "table_of_contents"],
        &[&["book_cover"]],
    );
    assert_missing(
        "book",
        &[],
        &[&["book_cover", "copyright_page", "table_of_contents"]],
    );
}

#[test]
fn a1_m6_paper_alternative_1() {
    assert_satisfied(
        "paper",
        &["journal_cover", "serial_page", "table_of_contents"],
        RuleId::A1M6,
    );
}

#[test]
fn a1_m6_paper_near_miss_names_missing() {
    assert_missing(
        "paper",
        &["journal_cover", "table_of_contents"],
        &[&["serial_page"]],
    );
    assert_missing(
        "paper",
        &["book_cover", "copyright_page"],
        &[&["journal_cover", "serial_page", "table_of_contents"]],
    );
}

#[test]
fn a1_m6_foreign_paper_needs_retrieval_proof() {
    let docs = |types: &[&str]| {
        types
            .iter()
            .map(|t| json!({ "type": t }))
            .collect::<Vec<_>>()
    };
    let all = ["journal_cover", "serial_page", "table_of_contents"];
    let foreign = |types: &[&str]| {
        outcome(&item_with("paper", json!({ "foreign": true }), docs(types))).check
    };

    let check = foreign(&all);
    assert!(!check.satisfied);
    assert_eq!(check.rule, RuleId::A1M6);
    assert_eq!(check.missing, [vec!["retrieval_proof"]]);

    let check = foreign(&[
        "journal_cover",
        "serial_page",
        "table_of_contents",
        "retrieval_proof",
    ]);
    assert!(check.satisfied);
    assert!(check.missing.is_empty());

    assert_eq!(
        foreign(&["retrieval_proof"]).missing,
        [vec!["journal_cover", "serial_page", "table_of_contents"]]
    );
    assert_eq!(
        foreign(&[]).missing,
        [vec![
            "journal_cover",
            "serial_page",
            "table_of_contents",
            "retrieval_proof"
        ]]
    );

    // A domestic paper (foreign false or absent) needs no retrieval proof.
    let domestic = outcome(&item_with("paper", json!({ "foreign": false }), docs(&all))).check;
    assert!(domestic.satisfied);
    assert_satisfied("paper", &all, RuleId::A1M6);

    // The extra requirement is data, citing A2 (upload note 2).
    let policy = MaterialsPolicy::hunan_2024();
    let paper = policy.for_kind(Kind::Paper);
    assert_eq!(paper.conditional.len(), 1);
    assert_eq!(paper.conditional[0].rule, RuleId::A2);
    assert!(policy.for_kind(Kind::Book).conditional.is_empty());
}

// A1.M7: patent.

#[test]
fn a1_m7_patent_alternative_1() {
    assert_satisfied("patent", &["patent_certificate"], RuleId::A1M7);
}

#[test]
fn a1_m7_near_miss_names_missing() {
    assert_missing("patent", &["award_certificate"], &[&["patent_certificate"]]);
}

// A1.M8: award.

#[test]
fn a1_m8_award_alternative_1() {
    assert_satisfied("award", &["award_certificate"], RuleId::A1M8);
}

#[test]
fn a1_m8_near_miss_names_missing() {
    assert_missing("award", &["patent_certificate"], &[&["award_certificate"]]);
}

// A1.M9: computer-application or digital-technology exam.

#[test]
fn a1_m9_skills_exam_alternative_1() {
    assert_satisfied("skills_exam", &["exam_certificate"], RuleId::A1M9);
}

#[test]
fn a1_m9_near_miss_names_missing() {
    assert_missing("skills_exam", &["score_report"], &[&["exam_certificate"]]);
}

// A1.M10: special assignment.

#[test]
fn a1_m10_assignment_alternative_1() {
    assert_satisfied(
        "assignment",
        &["dispatch_notice", "assessment_form"],
        RuleId::A1M10,
    );
}

#[test]
fn a1_m10_near_miss_names_missing() {
    assert_missing(
        "assignment",
        &["sealed_dispatch_notice", "assessment_form"],
        &[&["dispatch_notice"]],
    );
    assert_missing("assignment", &["dispatch_notice"], &[&["assessment_form"]]);
}

// A1.M11: degree study and qualification exam.

#[test]
fn a1_m11_degree_course_alternative_1() {
    assert_satisfied("degree_course", &["transcript"], RuleId::A1M11);
}

#[test]
fn a1_m11_qualification_exam_alternative_1() {
    assert_satisfied("qualification_exam", &["score_report"], RuleId::A1M11);
}

#[test]
fn a1_m11_near_miss_names_missing() {
    assert_missing("degree_course", &["score_report"], &[&["transcript"]]);
    assert_missing("qualification_exam", &["transcript"], &[&["score_report"]]);
}

// A1.M12: overseas exchange.

#[test]
fn a1_m12_overseas_exchange_alternative_1() {
    for second in ["host_receipt", "study_materials", "host_certificate"] {
        assert_satisfied("overseas_exchange", &["invitation", second], RuleId::A1M12);
    }
}

#[test]
fn a1_m12_near_miss_names_missing() {
    assert_missing(
        "overseas_exchange",
        &["host_receipt", "host_certificate"],
        &[&["invitation"]],
    );
    assert_missing(
        "overseas_exchange",
        &["invitation"],
        &[&["host_receipt|study_materials|host_certificate"]],
    );
}

// N.3.2: platform training.

#[test]
fn n3_2_platform_training_alternative_1() {
    assert_satisfied("platform_training", &["platform_certificate"], RuleId::N3_2);
}

#[test]
fn n3_2_near_miss_names_missing() {
    assert_missing(
        "platform_training",
        &["completion_certificate"],
        &[&["platform_certificate"]],
    );
}

// N.3.3: earlier certificate.

#[test]
fn n3_3_prior_certificate_alternative_1() {
    assert_satisfied("prior_certificate", &["hours_certificate"], RuleId::N3_3);
}

#[test]
fn n3_3_near_miss_names_missing() {
    assert_missing(
        "prior_certificate",
        &["completion_certificate"],
        &[&["hours_certificate"]],
    );
}

// The table as data.

#[test]
fn every_kind_cites_its_materials_rule() {
    let policy = MaterialsPolicy::hunan_2024();
    let expected = [
        (Kind::Training, RuleId::A1M1, 2),
        (Kind::Practice, RuleId::A1M2, 2),
        (Kind::Conference, RuleId::A1M4, 2),
        (Kind::OverseasExchange, RuleId::A1M12, 1),
        (Kind::OnlineCourse, RuleId::A1M3, 1),
        (Kind::PlatformTraining, RuleId::N3_2, 1),
        (Kind::ResearchProject, RuleId::A1M5, 1),
        (Kind::Book, RuleId::A1M6, 1),
        (Kind::Paper, RuleId::A1M6, 1),
        (Kind::Patent, RuleId::A1M7, 1),
        (Kind::Award, RuleId::A1M8, 1),
        (Kind::SkillsExam, RuleId::A1M9, 1),
        (Kind::DegreeCourse, RuleId::A1M11, 1),
        (Kind::QualificationExam, RuleId::A1M11, 1),
        (Kind::Assignment, RuleId::A1M10, 1),
        (Kind::PriorCertificate, RuleId::N3_3, 1),
        // A kind another policy declares: hunan-2024 lists no documents for it (A2's upload
        // rules only).
        (Kind::Declared, RuleId::A2, 1),
    ];
    assert_eq!(expected.len(), Kind::ALL.len());
    for (kind, rule, alternatives) in expected {
        let form = policy.for_kind(kind);
        assert_eq!(form.rule, rule, "{kind}");
        assert_eq!(form.alternatives.len(), alternatives, "{kind}");
    }
    assert_eq!(policy.uploads.rule, RuleId::A2);
    assert_eq!(policy.uploads.max_bytes, 20 * 1024 * 1024);
    assert_eq!(
        policy.uploads.extensions,
        ["jpg", "jpeg", "png", "doc", "docx", "pdf"]
    );
}

#[test]
fn materials_policy_round_trips_through_json() {
    let policy = MaterialsPolicy::hunan_2024();
    let text = serde_json::to_string(&policy).unwrap();
    let back: MaterialsPolicy = serde_json::from_str(&text).unwrap();
    assert_eq!(back, policy);
    // A requirement is written as its list of types.
    let training = serde_json::to_value(policy.for_kind(Kind::Training)).unwrap();
    assert_eq!(
        training["alternatives"][1]["requires"],
        json!([
            ["notice", "attendance", "schedule"],
            ["completion_certificate"]
        ])
    );
}

#[test]
fn materials_policy_refuses_empty_requirements_and_unknown_fields() {
    let mut value = serde_json::to_value(MaterialsPolicy::hunan_2024()).unwrap();
    value["kinds"]["patent"]["alternatives"][0]["requires"] = json!([[]]);
    let error = serde_json::from_value::<MaterialsPolicy>(value).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("a requirement must list at least one document type"),
        "{error}"
    );

    let mut value = serde_json::to_value(MaterialsPolicy::hunan_2024()).unwrap();
    value["kinds"]["patent"]["colour"] = json!("red");
    assert!(serde_json::from_value::<MaterialsPolicy>(value).is_err());

    let mut value = serde_json::to_value(MaterialsPolicy::hunan_2024()).unwrap();
    value["kinds"].as_object_mut().unwrap().remove("award");
    assert!(
        serde_json::from_value::<MaterialsPolicy>(value).is_err(),
        "no kind may be left out"
    );

    assert!(Requirement::new(vec![]).is_err());
    let requirement =
        Requirement::new(vec![DocumentType::Notice, DocumentType::RegistrationForm]).unwrap();
    assert_eq!(requirement.label(), "notice|registration_form");
}

#[test]
fn unusual_policies_never_panic() {
    let mut policy = Policy::hunan_2024();
    // No alternative at all: never satisfied, nothing to list.
    policy
        .materials
        .as_mut()
        .expect("the policy lists materials")
        .kinds
        .patent = FormMaterials {
        rule: RuleId::A1M7,
        alternatives: vec![],
        conditional: vec![],
    };
    // An alternative without requirements: always complete.
    policy
        .materials
        .as_mut()
        .expect("the policy lists materials")
        .kinds
        .award = FormMaterials {
        rule: RuleId::A1M8,
        alternatives: vec![Alternative {
            rule: RuleId::A1M8,
            requires: vec![],
        }],
        conditional: vec![],
    };
    // No allowed extension at all.
    policy
        .materials
        .as_mut()
        .expect("the policy lists materials")
        .uploads
        .extensions
        .clear();
    policy
        .materials
        .as_mut()
        .expect("the policy lists materials")
        .uploads
        .max_bytes = 0;

    let patent = cehours::check_materials(&item("patent", &["patent_certificate"]), &policy);
    assert!(!patent.check.satisfied);
    assert!(patent.check.missing.is_empty());
    assert_eq!(patent.check.rule, RuleId::A1M7);

    let award = cehours::check_materials(&item("award", &[]), &policy);
    assert!(award.check.satisfied);

    let uploaded = item_with(
        "award",
        json!({}),
        vec![json!({ "type": "award_certificate", "file": "a.pdf", "bytes": 1 })],
    );
    let refused = cehours::check_materials(&uploaded, &policy).refused;
    assert_eq!(refused.len(), 1);
    assert_eq!(
        refused[0].reasons,
        [
            UploadRefusal::ExtensionNotAllowed {
                extension: "pdf".into(),
                allowed: vec![]
            },
            UploadRefusal::TooLarge {
                bytes: 1,
                max_bytes: 0
            },
        ]
    );

    let text = cehours::checklist(Kind::Patent, &policy);
    assert!(
        text.contains("this policy accepts no materials for this kind"),
        "{text}"
    );
    let text = cehours::checklist(Kind::Award, &policy);
    assert!(text.contains("no documents needed"), "{text}");
}

// A2: upload rules.

fn upload(file: &str, bytes: Option<u64>) -> MaterialsOutcome {
    let mut document = json!({ "type": "patent_certificate", "file": file });
    if let Some(bytes) = bytes {
        document["bytes"] = json!(bytes);
    }
    outcome(&item_with("patent", json!({}), vec![document]))
}

#[track_caller]
fn assert_accepted(file: &str, bytes: Option<u64>) {
    let outcome = upload(file, bytes);
    assert!(
        outcome.refused.is_empty(),
        "{file:?} should be accepted: {:?}",
        outcome.refused
    );
    assert!(outcome.check.satisfied, "{file:?} should count");
}

#[track_caller]
fn assert_refused(file: &str, bytes: Option<u64>, reasons: &[UploadRefusal]) {
    let outcome = upload(file, bytes);
    assert_eq!(outcome.refused.len(), 1, "{file:?} should be refused");
    let refused = &outcome.refused[0];
    assert_eq!(refused.reasons, reasons, "{file:?}");
    assert_eq!(refused.index, 0);
    assert_eq!(refused.doc_type, DocumentType::PatentCertificate);
    assert_eq!(refused.file, file);
    assert_eq!(refused.rule, RuleId::A2);
    // A refused document counts towards nothing.
    assert!(!outcome.check.satisfied);
    assert_eq!(outcome.check.missing, [vec!["patent_certificate"]]);
}

fn not_allowed(extension: &str) -> UploadRefusal {
    UploadRefusal::ExtensionNotAllowed {
        extension: extension.into(),
        allowed: UploadRules::hunan_2024().extensions,
    }
}

const MIB_20: u64 = 20 * 1024 * 1024;

#[test]
fn upload_each_allowed_extension_is_accepted() {
    for extension in ["jpg", "jpeg", "png", "doc", "docx", "pdf"] {
        assert_accepted(&format!("certificate.{extension}"), Some(1));
    }
}

#[test]
fn upload_extension_is_compared_case_insensitively() {
    assert_accepted("CERTIFICATE.PDF", None);
    assert_accepted("scan.Jpeg", None);
    assert_accepted("证书.DocX", None);
}

#[test]
fn upload_disallowed_extension_is_refused() {
    assert_refused("certificate.exe", None, &[not_allowed("exe")]);
    assert_refused("certificate.pdf.exe", None, &[not_allowed("exe")]);
    assert_refused("certificate.pdf ", None, &[not_allowed("pdf ")]);
    assert_refused("certificate.gif", Some(10), &[not_allowed("gif")]);
}

#[test]
fn upload_of_exactly_20_mib_is_accepted() {
    assert_accepted("certificate.pdf", Some(MIB_20));
    assert_accepted("certificate.pdf", Some(0));
}

#[test]
fn upload_one_byte_over_20_mib_is_refused() {
    assert_refused(
        "certificate.pdf",
        Some(MIB_20 + 1),
        &[UploadRefusal::TooLarge {
            bytes: MIB_20 + 1,
            max_bytes: MIB_20,
        }],
    );
    assert_refused(
        "certificate.pdf",
        Some(u64::MAX),
        &[UploadRefusal::TooLarge {
            bytes: u64::MAX,
            max_bytes: MIB_20,
        }],
    );
}

#[test]
fn upload_with_a_path_in_the_name_is_refused() {
    assert_refused("a/b.pdf", None, &[UploadRefusal::PathSeparator]);
    assert_refused("a\\b.pdf", None, &[UploadRefusal::PathSeparator]);
    assert_refused(
        "/etc/passwd",
        None,
        &[UploadRefusal::PathSeparator, UploadRefusal::NoExtension],
    );
    // The extension is taken from the last component only.
    assert_refused(
        "dir.pdf/scan",
        None,
        &[UploadRefusal::PathSeparator, UploadRefusal::NoExtension],
    );
}

#[test]
fn upload_with_a_control_character_is_refused() {
    assert_refused("a\u{7}b.pdf", None, &[UploadRefusal::ControlCharacter]);
    assert_refused("a\nb.pdf", None, &[UploadRefusal::ControlCharacter]);
    assert_refused(
        "ab.pdf\u{0}",
        None,
        &[UploadRefusal::ControlCharacter, not_allowed("pdf\u{0}")],
    );
    // A C1 control character in a name that is not ASCII.
    assert_refused("证书\u{85}.pdf", None, &[UploadRefusal::ControlCharacter]);
    assert_accepted("证书.pdf", None);
}

#[test]
fn upload_of_exactly_20_mib_with_another_fault_lists_only_that_fault() {
    assert_refused("a.exe", Some(20 * 1024 * 1024), &[not_allowed("exe")]);
}

#[test]
fn upload_without_an_extension_is_refused() {
    assert_refused("certificate", None, &[UploadRefusal::NoExtension]);
    assert_refused("certificate.", None, &[UploadRefusal::NoExtension]);
    assert_refused("", None, &[UploadRefusal::NoExtension]);
    // A name that is only an extension has one (the rule asks for no more).
    assert_accepted(".pdf", None);
}

#[test]
fn upload_with_several_faults_gives_every_reason() {
    assert_refused(
        "a/b\tc.exe",
        Some(MIB_20 + 1),
        &[
            UploadRefusal::PathSeparator,
            UploadRefusal::ControlCharacter,
            not_allowed("exe"),
            UploadRefusal::TooLarge {
                bytes: MIB_20 + 1,
                max_bytes: MIB_20,
            },
        ],
    );
}

#[test]
fn document_without_a_file_is_not_an_upload() {
    // `bytes` alone is not checked: there is no upload.
    let evidence = item_with(
        "patent",
        json!({}),
        vec![json!({ "type": "patent_certificate", "bytes": MIB_20 + 1 })],
    );
    let outcome = outcome(&evidence);
    assert!(outcome.refused.is_empty());
    assert!(outcome.check.satisfied);
}

#[test]
fn a_refused_copy_does_not_hide_an_accepted_one() {
    let evidence = item_with(
        "patent",
        json!({}),
        vec![
            json!({ "type": "patent_certificate", "file": "p.exe" }),
            json!({ "type": "patent_certificate", "file": "p.pdf" }),
        ],
    );
    let outcome = outcome(&evidence);
    assert!(outcome.check.satisfied);
    assert_eq!(outcome.refused.len(), 1);
    assert_eq!(outcome.refused[0].index, 0);
}

#[test]
fn upload_refusal_messages() {
    let messages: Vec<String> = [
        UploadRefusal::PathSeparator,
        UploadRefusal::ControlCharacter,
        UploadRefusal::NoExtension,
        not_allowed("e\nxe"),
        UploadRefusal::TooLarge {
            bytes: MIB_20 + 1,
            max_bytes: MIB_20,
        },
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    insta::assert_snapshot!(messages.join("\n"), @r"
    文件名不得包含路径分隔符(/ 或 \) / file name must not contain a path separator (`/` or `\`)
    文件名不得包含控制字符 / file name must not contain a control character
    文件名缺少扩展名 / file name has no extension
    不接受扩展名为`e\nxe`的文件(仅限jpg、jpeg、png、doc、docx、pdf) / files with extension `e\nxe` are not accepted (only jpg, jpeg, png, doc, docx, pdf)
    文件大小为20971521字节,超过上限20971520字节 / file is 20971521 bytes, more than the limit of 20971520 bytes
    ");
    // Refusals are data too.
    let json = serde_json::to_value(UploadRefusal::TooLarge {
        bytes: 2,
        max_bytes: 1,
    })
    .unwrap();
    assert_eq!(
        json,
        json!({ "reason": "too_large", "bytes": 2, "max_bytes": 1 })
    );
}

// Reports.

const RECORD: &str = r#"{
  "policy": "hunan-2024",
  "span": { "from": 2019, "to": 2023 },
  "evidence": [
    { "id": "t1", "kind": "training", "subject": "public",
      "start": "2020-04-01", "end": "2020-04-04", "days": "3.5",
      "documents": [ { "type": "notice", "file": "notice.pdf", "bytes": 183204 },
                     { "type": "completion_certificate" } ] },
    { "id": "t2", "kind": "training", "start": "2021-05-10", "days": "1",
      "documents": [ { "type": "notice", "file": "notice.exe" },
                     { "type": "schedule", "file": "schedule.PNG" },
                     { "type": "attendance", "file": "a/attendance.jpg" } ] },
    { "id": "p1", "kind": "paper", "author_rank": 1, "published": "2020-06-15",
      "serial": "ISSN 0028-0836", "foreign": true,
      "documents": [ { "type": "journal_cover" }, { "type": "serial_page" },
                     { "type": "table_of_contents" } ] },
    { "id": "c1", "kind": "conference", "start": "2022-03-01", "days": "1",
      "documents": [ { "type": "reimbursement_record", "file": "receipt.jpeg", "bytes": 20971520 } ] },
    { "id": "x1", "kind": "patent", "class": "invention", "rank": 2, "granted": "2020-11-20" }
  ]
}"#;

fn report() -> cehours::Report {
    let record = serde_json::from_str::<Record>(RECORD).unwrap();
    cehours::evaluate(&record, &Policy::hunan_2024()).unwrap()
}

#[test]
fn report_materials_snapshot() {
    let report = report();
    insta::assert_snapshot!(serde_json::to_string_pretty(&report.materials).unwrap());
}

#[test]
fn refused_upload_appears_in_the_report_findings() {
    let report = report();
    let refused: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code == FindingCode::UploadRefused)
        .collect();
    assert_eq!(refused.len(), 2, "{:?}", report.findings);
    for finding in refused {
        assert_eq!(finding.evidence.as_str(), "t2");
        assert_eq!(finding.rule, RuleId::A2);
        assert_eq!(finding.severity(), Severity::Warning);
    }
    let json = serde_json::to_value(&report.findings).unwrap();
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "upload_refused"
                && f["rule"] == "A2"
                && f["evidence"] == "t2"
                && f["severity"] == "warning")
    );
}

#[test]
fn record_materials_match_the_report() {
    let record = serde_json::from_str::<Record>(RECORD).unwrap();
    let policy = Policy::hunan_2024();
    let outcomes = cehours::check_record_materials(&record, &policy);
    let checks: Vec<MaterialsCheck> = outcomes.iter().map(|o| o.check.clone()).collect();
    assert_eq!(checks, report().materials);
    let refused: Vec<(&str, usize, &str)> = outcomes
        .iter()
        .flat_map(|o| {
            o.refused
                .iter()
                .map(move |r| (o.check.evidence.as_str(), r.index, r.file.as_str()))
        })
        .collect();
    assert_eq!(
        refused,
        [("t2", 0, "notice.exe"), ("t2", 2, "a/attendance.jpg")]
    );
    // The outcome is data a service can send on.
    let json = serde_json::to_value(&outcomes[1]).unwrap();
    assert_eq!(json["refused"][0]["type"], "notice");
    assert_eq!(
        json["refused"][0]["reasons"][0]["reason"],
        "extension_not_allowed"
    );
    let back: MaterialsOutcome = serde_json::from_value(json).unwrap();
    assert_eq!(back, outcomes[1]);
}

// The applicant's checklist.

#[test]
fn checklist_of_every_kind_snapshot() {
    let policy = Policy::hunan_2024();
    let mut text = String::new();
    for kind in Kind::ALL {
        text.push_str(&cehours::checklist(kind, &policy));
        text.push('\n');
    }
    text.push_str(
        &policy
            .materials
            .as_ref()
            .expect("the policy lists materials")
            .uploads
            .to_string(),
    );
    insta::assert_snapshot!(text);
}

#[test]
fn every_document_type_has_names_in_both_languages() {
    for &doc_type in DocumentType::ALL {
        assert!(
            !doc_type.name_zh().is_empty() && !doc_type.name_zh().is_ascii(),
            "{doc_type}"
        );
        assert!(
            !doc_type.name_en().is_empty() && doc_type.name_en().is_ascii(),
            "{doc_type}"
        );
        assert_eq!(DocumentType::parse(doc_type.as_str()), Some(doc_type));
        assert_eq!(
            serde_json::to_value(doc_type).unwrap(),
            json!(doc_type.as_str())
        );
    }
    assert_eq!(DocumentType::ALL.len(), 35);
}

// Properties.

/// A document and whether the A2 upload rules refuse it, stated by hand for each file name
/// and size offered: a name is refused for a path separator, a control character, no
/// extension or one not in jpg, jpeg, png, doc, docx, pdf (any case); a size above 20 MiB is
/// refused; a document without a file is no upload and is never refused.
fn judged_document() -> impl Strategy<Value = (Document, bool)> {
    let names = prop_oneof![
        Just((None, false)),
        prop::sample::select(vec![
            ("scan.pdf", false),
            ("SCAN.PDF", false),
            ("报告.docx", false),
            ("photo.JPEG", false),
            ("a.b.png", false),
            ("scan.exe", true),
            ("a/b.pdf", true),
            ("a\\b.png", true),
            ("noext", true),
            ("dot.", true),
            ("tab\t.pdf", true),
            ("pdf", true),
        ])
        .prop_map(|(name, refused)| (Some(name.to_owned()), refused)),
        // Anything before a path separator: refused whatever it holds.
        any::<String>().prop_map(|s| (Some(format!("{s}/scan.pdf")), true)),
        "[a-z0-9]{1,8}".prop_map(|s| (Some(format!("{s}.docx")), false)),
    ];
    let bytes = prop_oneof![
        Just((None, false)),
        Just((Some(0), false)),
        Just((Some(MIB_20), false)),
        Just((Some(MIB_20 + 1), true)),
        Just((Some(u64::MAX), true)),
        (1..=MIB_20).prop_map(|b| (Some(b), false)),
    ];
    (prop::sample::select(DocumentType::ALL), names, bytes).prop_map(
        |(doc_type, (file, bad_name), (bytes, too_big))| {
            let refused = file.is_some() && (bad_name || too_big);
            let mut document = Document::new(doc_type);
            (document.file, document.bytes) = (file, bytes);
            (document, refused)
        },
    )
}

fn document_strategy() -> impl Strategy<Value = Document> {
    judged_document().prop_map(|(d, _)| d)
}

fn evidence_strategy() -> impl Strategy<Value = Evidence> {
    (
        prop::sample::select(Kind::ALL.to_vec()),
        any::<bool>(),
        prop::collection::vec(document_strategy(), 0..8),
    )
        .prop_map(|(kind, foreign, documents)| {
            let extra = if kind == Kind::Paper {
                json!({ "foreign": foreign })
            } else {
                json!({})
            };
            let mut evidence = item_with(kind.as_str(), extra, vec![]);
            evidence.documents = documents;
            evidence
        })
}

proptest! {
    /// Adding a document never turns a satisfied item unsatisfied.
    #[test]
    fn adding_a_document_keeps_an_item_satisfied(
        evidence in evidence_strategy(),
        judged in prop::collection::vec(judged_document(), 0..8),
        extra in judged_document(),
        at in any::<prop::sample::Index>(),
    ) {
        let (mut documents, mut verdicts): (Vec<Document>, Vec<bool>) = judged.into_iter().unzip();
        let position = at.index(documents.len() + 1);
        let mut evidence = evidence;
        evidence.documents = documents.clone();
        let before = outcome(&evidence);
        documents.insert(position, extra.0);
        verdicts.insert(position, extra.1);
        let mut more = evidence.clone();
        more.documents = documents;
        let after = outcome(&more);
        if before.check.satisfied {
            prop_assert!(after.check.satisfied, "{:?}", after);
        }
        // `missing` is empty exactly when satisfied (every hunan-2024 kind has alternatives).
        prop_assert_eq!(after.check.missing.is_empty(), after.check.satisfied);
        // Each refused document is listed once, with at least one reason.
        let refused = verdicts.iter().filter(|r| **r).count();
        prop_assert_eq!(after.refused.len(), refused);
        prop_assert!(after.refused.iter().all(|r| !r.reasons.is_empty()));
    }

    /// The report's `upload_refused` findings match the public check, item by item.
    #[test]
    fn findings_match_the_public_check(items in prop::collection::vec(evidence_strategy(), 0..6)) {
        let evidence: Vec<Evidence> = items
            .into_iter()
            .enumerate()
            .map(|(i, mut e)| { e.id = cehours::EvidenceId::new(&format!("e{i}")).unwrap(); e })
            .collect();
        let record = Record { policy: None, span: None, evidence, grade: None, counts_from: None };
        let policy = Policy::hunan_2024();
        let report = cehours::evaluate(&record, &policy).unwrap();
        let outcomes = cehours::check_record_materials(&record, &policy);
        for o in &outcomes {
            let findings = report
                .findings
                .iter()
                .filter(|f| f.evidence == o.check.evidence && f.code == FindingCode::UploadRefused && f.rule == RuleId::A2)
                .count();
            prop_assert_eq!(findings, o.refused.len());
        }
        let checks: Vec<MaterialsCheck> = outcomes.into_iter().map(|o| o.check).collect();
        prop_assert_eq!(checks, report.materials);
    }
}

#[test]
fn upload_rules_print_mib_only_for_whole_mebibytes() {
    let mut rules = UploadRules::hunan_2024();
    assert!(
        rules.to_string().contains("20971520 字节 (20 MiB)"),
        "{rules}"
    );
    rules.max_bytes = 1024 * 1024 + 512 * 1024;
    assert!(!rules.to_string().contains("MiB)"), "{rules}");
    rules.max_bytes = 512 * 1024;
    assert!(!rules.to_string().contains("MiB)"), "{rules}");
}
