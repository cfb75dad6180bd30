//! The words a reviewer reads: every finding's message in Chinese and English, and every
//! citation of the built-in policy (the notice quoted, our summary, our readings), each kept in
//! one snapshot so that a change of wording shows up in review. Beside the snapshots, the style
//! rules the messages follow and a few facts about the quotes, stated by hand from the notice.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

use std::fmt::Write as _;

use cehours::{FindingCode, Policy, RuleId, Severity};

/// A message split into its Chinese and English halves.
fn halves(code: FindingCode) -> (&'static str, &'static str) {
    code.message()
        .split_once(" / ")
        .unwrap_or_else(|| panic!("`{code}` has no ` / ` between its languages"))
}

#[test]
fn every_finding_message_snapshot() {
    let mut text = String::new();
    for &code in FindingCode::ALL {
        let (zh, en) = halves(code);
        writeln!(text, "{code} [{}]", code.severity()).unwrap();
        writeln!(text, "  zh: {zh}").unwrap();
        writeln!(text, "  en: {en}").unwrap();
    }
    insta::assert_snapshot!(text);
}

#[test]
fn every_citation_snapshot() {
    let policy = Policy::hunan_2024();
    let mut text = String::new();
    for c in &policy.citations {
        writeln!(text, "{} [{}]", c.rule, c.source).unwrap();
        writeln!(text, "  text: {}", c.text).unwrap();
        if let Some(summary) = &c.summary {
            writeln!(text, "  summary: {summary}").unwrap();
        }
        if let Some(reason) = &c.reason {
            writeln!(text, "  reason: {reason}").unwrap();
        }
    }
    insta::assert_snapshot!(text);
}

#[test]
fn messages_follow_the_style_in_both_languages() {
    for &code in FindingCode::ALL {
        let (zh, en) = halves(code);
        assert!(!en.contains(" / "), "`{code}`: a second ` / `");
        // English: lower case unless it opens with an acronym, no final period, one line.
        let first = en.chars().next().unwrap();
        assert!(
            first.is_lowercase() || en.starts_with("ISBN"),
            "`{code}`: `{en}` opens in upper case"
        );
        assert!(!en.ends_with('.'), "`{code}`: `{en}` ends with a period");
        assert!(!zh.ends_with('。'), "`{code}`: `{zh}` ends with 。");
        assert!(
            !zh.contains('\n') && !en.contains('\n'),
            "`{code}`: a line break"
        );
        // Chinese is written in Chinese, with its own punctuation.
        assert!(!zh.is_ascii(), "`{code}`: `{zh}` is not Chinese");
        assert!(
            !zh.contains(", ") && !zh.contains("; "),
            "`{code}`: `{zh}` uses English punctuation"
        );
    }
}

#[test]
fn an_item_not_credited_says_so_in_both_languages() {
    // Errors that withhold an item's hours, by code; the waiver and certificate errors say
    // what they withhold in their own words and are checked below.
    let waiver = [
        FindingCode::AssignmentNotAssessed,
        FindingCode::AssignmentTooShort,
        FindingCode::AssignmentProgramNotCredited,
        FindingCode::AssignmentBelowProvincial,
    ];
    for &code in FindingCode::ALL {
        if code.severity() != Severity::Error || code == FindingCode::CertificateNegativeHours {
            continue;
        }
        let (zh, en) = halves(code);
        if waiver.contains(&code) {
            assert!(
                zh.ends_with("不视为完成当年继续教育90学时")
                    && en.ends_with("; the year's 90 hours are not deemed complete"),
                "`{code}`: {zh} / {en}"
            );
        } else {
            assert!(
                zh.ends_with("不折算学时") || zh.ends_with("不予认定"),
                "`{code}`: {zh}"
            );
            assert!(
                en.ends_with("; not credited") || en.ends_with("; not credited under this policy"),
                "`{code}`: {en}"
            );
        }
    }
}

#[test]
fn a1_c2_a1_c5_below_municipal_excludes_the_municipal_level() {
    // 以下 includes the level it names: "市(厅)级以下" would refuse municipal items too.
    for code in [
        FindingCode::ProjectLevelNotCredited,
        FindingCode::AwardLevelNotCredited,
    ] {
        let (zh, _) = halves(code);
        assert!(zh.starts_with("低于市(厅)级"), "`{code}`: {zh}");
        assert!(!zh.contains("以下"), "`{code}`: {zh}");
    }
}

#[test]
fn a1_c7_waiver_messages_speak_of_the_special_task_not_a_posting() {
    for &code in FindingCode::ALL {
        let (zh, _) = halves(code);
        assert!(!zh.contains("外派"), "`{code}`: {zh}");
        assert!(!zh.contains('免'), "`{code}`: {zh}");
    }
    let (zh, en) = halves(FindingCode::AssignmentNotAssessed);
    assert!(zh.contains("尚未考核合格"), "{zh}");
    assert!(en.contains("not yet assessed as passed"), "{en}");
}

#[test]
fn i_8_a_later_copy_is_told_an_earlier_item_keeps_the_hours() {
    let (zh, en) = halves(FindingCode::DuplicateWork);
    assert!(
        zh.contains("较前的一项") && zh.contains("不再重复认定"),
        "{zh}"
    );
    assert!(
        en.contains("earlier item") && en.contains("not credited again"),
        "{en}"
    );
}

#[test]
fn every_rule_has_a_citation_and_every_clause_keeps_its_summary_apart() {
    let policy = Policy::hunan_2024();
    for &rule in RuleId::ALL {
        let c = policy
            .citation(rule)
            .unwrap_or_else(|| panic!("`{rule}` has no citation"));
        let interpretation = rule.as_str().starts_with("I-");
        if interpretation {
            assert_eq!(c.source, "interpretation", "{rule}");
            assert!(c.reason.is_some() && c.summary.is_none(), "{rule}");
        } else {
            assert!(c.source.starts_with("湘人社办函〔2024〕21号"), "{rule}");
            assert!(c.summary.is_some() && c.reason.is_none(), "{rule}");
            // The notice's words only: our English belongs to the summary.
            assert!(
                !c.text.contains(" / "),
                "{rule}: a translation in the quote"
            );
        }
    }
}

#[test]
fn a1_m9_quotes_only_the_computer_exam_and_a1_m12_the_overseas_exchange() {
    let policy = Policy::hunan_2024();
    let m9 = policy.citation(RuleId::A1M9).unwrap();
    assert_eq!(
        m9.text,
        "参加人社部门专业技术人员计算机应用能力考试合格的提供合格证书。"
    );
    assert!(m9.summary.as_deref().unwrap().contains("数字技术"));
    let m12 = policy.citation(RuleId::A1M12).unwrap();
    assert_eq!(
        m12.text,
        "海外交换(交流)的提供邀请函、回执(或学习资料,或邀请方颁发的结业证书等)。"
    );
}

#[test]
fn i_11_reading_names_the_reviewer_setting() {
    let policy = Policy::hunan_2024();
    let reason = policy
        .citation(RuleId::I11)
        .unwrap()
        .reason
        .clone()
        .unwrap();
    assert!(reason.contains("materials.withhold_incomplete"), "{reason}");
}

#[test]
fn a_citation_without_a_summary_loads_and_writes_none() {
    // The field is optional: a citation as policy files wrote it before keeps loading, and an
    // absent summary is left out of the JSON.
    let c: cehours::Citation = serde_json::from_str(
        r#"{ "rule": "A1.C6", "source": "x", "text": "y", "effective": { "from": "2024-06-03" } }"#,
    )
    .unwrap();
    assert_eq!(c.summary, None);
    let json = serde_json::to_string(&c).unwrap();
    assert!(!json.contains("summary"), "{json}");
    let with: cehours::Citation = serde_json::from_str(
        r#"{ "rule": "A1.C6", "source": "x", "text": "y", "summary": "z", "effective": { "from": "2024-06-03" } }"#,
    )
    .unwrap();
    assert_eq!(with.summary.as_deref(), Some("z"));
}
