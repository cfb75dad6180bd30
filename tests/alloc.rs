//! The totals path allocates nothing per evidence item.
//!
//! A counting global allocator (this test file is its own binary) counts the allocations made
//! by one call of `Evaluator::totals` on the current thread. Once the evaluator's working
//! memory has grown, a record of many more items of the same mix must cost exactly as many
//! allocations as a small one, and no more than the output needs: the `years` Vec and the
//! policy id String. Both paths are measured: records of up to 16 items (compared pair by
//! pair) and longer ones (sorted), under hunan-2024 and under a policy with a year cap (which
//! the totals path adds in record order).

#![allow(
    unsafe_code,
    reason = "a counting global allocator must implement the unsafe trait GlobalAlloc; it only forwards to System"
)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use cehours::{
    Activity, Assignment, Award, Book, CertifiedHours, CertifiedYear, Conference, DayActivity,
    DegreeCourse, Document, DocumentType, Evaluator, Evidence, EvidenceId, Grade, Kind, Level,
    Paper, Patent, PatentClass, Period, Policy, PriorCertificate, Program, Provider,
    QualificationExam, Record, ResearchProject, Role, RuleId, SkillsExam, SkillsExamKind, Subject,
    Training, YearCap,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;

thread_local! {
    /// Allocations (alloc, alloc_zeroed, realloc) made by this thread. Const-initialised and
    /// without a destructor, so reading it never allocates.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

/// Counts every allocation of the current thread, then forwards to [`System`]. Per-thread
/// counting keeps the counts exact while the test harness runs other tests in parallel.
struct Counting;

fn count() {
    // `try_with`: during thread teardown the slot may be gone; then the allocation is not ours.
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

// SAFETY: every method forwards its arguments unchanged to `System`, which upholds the
// `GlobalAlloc` contract; counting touches only a const thread-local `Cell`, which neither
// allocates nor unwinds.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: forwarded unchanged; the caller upholds `alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: forwarded unchanged; the caller upholds `alloc_zeroed`'s contract.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: forwarded unchanged; `ptr` was allocated by `System` through this allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged; `ptr` was allocated by `System` through this allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made by `f` on this thread.
fn allocations<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = ALLOCATIONS.with(Cell::get);
    let out = f();
    let after = ALLOCATIONS.with(Cell::get);
    (after - before, out)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn id(text: String) -> EvidenceId {
    EvidenceId::new(&text).unwrap()
}

fn item(id_text: String, activity: Activity) -> Evidence {
    {
        let mut built = Evidence::new(id(id_text), activity);
        built.documents = vec![{
            let mut built = Document::new(DocumentType::Notice);
            built.file = Some("n.pdf".into());
            built.bytes = Some(1000);
            built
        }];
        built
    }
}

/// Block `b` of the mix: one item of every kind but the certificate, mostly in 2019–2023.
/// Day-based items of different blocks overlap (same few days of May); papers, books and
/// patents repeat across blocks (I-8 same work), some titles are Chinese or accented; papers
/// carry a CN, an ISSN (foreign) or an ISSN alone (domestic); a few items break a rule (days
/// 1.3, rank 0, unfiled employer training), which the totals path must handle without
/// recording anything, and a few lie outside the span.
fn block(b: u32) -> Vec<Evidence> {
    let year = 2019 + i32::try_from(b % 5).unwrap();
    let may = |d: u32| day(2021, 5, 1 + d % 6);
    let period = |start: NaiveDate, days: i64| {
        let mut built = Period::new(start, Decimal::new(days, 1));
        built.end = Some(start.checked_add_days(chrono::Days::new(2)).unwrap());
        built
    };
    let subject = if b % 2 == 0 {
        Some(Subject::Public)
    } else {
        None
    };
    let n = |kind: &str| format!("b{b}-{kind}");
    let titles = ["桥梁振动分析", "Café bridge design", "Cable vibration"];
    let title = |k: u32| titles[usize::try_from(k % 3).unwrap()];
    vec![
        item(
            n("training"),
            Activity::Training({
                let mut built = Training::new(period(may(b), if b % 7 == 6 { 13 } else { 25 }));
                built.subject = subject;
                built.format = None;
                built.provider = if b % 4 == 3 {
                    Some(Provider::Employer)
                } else {
                    None
                };
                built.filed = None;
                built
            }),
        ),
        item(
            n("practice"),
            Activity::Practice({
                let mut built = DayActivity::new(period(may(b + 1), 10));
                built.subject = subject;
                built
            }),
        ),
        item(
            n("conference"),
            Activity::Conference({
                let mut built = Conference::new(period(may(b + 2), 5));
                built.subject = None;
                built.activity = None;
                built
            }),
        ),
        item(
            n("overseas"),
            Activity::OverseasExchange({
                let mut built = DayActivity::new(period(may(b + 3), 20));
                built.subject = subject;
                built
            }),
        ),
        item(
            n("online"),
            Activity::OnlineCourse({
                let mut built = CertifiedHours::new(day(year, 3, 1), Decimal::new(125, 1));
                built.subject = subject;
                built
            }),
        ),
        item(
            n("online-2018"),
            Activity::OnlineCourse({
                let mut built = CertifiedHours::new(day(2018, 3, 1), Decimal::from(10));
                built.subject = subject;
                built
            }),
        ),
        item(
            n("platform"),
            Activity::PlatformTraining({
                let mut built = CertifiedHours::new(day(year, 4, 2), Decimal::from(30));
                built.subject = None;
                built
            }),
        ),
        item(
            n("project"),
            Activity::ResearchProject({
                let mut built = ResearchProject::new(
                    Level::Provincial,
                    if b % 2 == 0 { Role::Host } else { Role::Member },
                    b % 6,
                    day(year, 6, 3),
                );
                built.sponsor = None;
                built
            }),
        ),
        item(
            n("book"),
            Activity::Book({
                let mut built = Book::new(1 + b % 3, day(year, 7, 4));
                built.work = None;
                built.title = Some(format!("{}, volume {}", title(b), b % 3));
                built.isbn = (b % 2 == 0).then(|| "978-7-111-07575-2".to_owned());
                built
            }),
        ),
        item(
            n("paper"),
            Activity::Paper({
                let mut built = Paper::new(b % 4, day(year, 8, 5));
                built.serial = (b % 5 != 4).then(|| "CN 43-1234/N".to_owned());
                built.journal = None;
                built.title = Some(format!("{} {}", title(b + 1), b % 4));
                built.foreign = None;
                built
            }),
        ),
        item(
            n("paper-foreign"),
            Activity::Paper({
                let mut built = Paper::new(1 + b % 2, day(year, 8, 6));
                built.serial = Some("ISSN 0028-0836".to_owned());
                built.journal = Some("Nature".to_owned());
                built.title = Some(format!("{} {}", title(b + 2), b % 3));
                built.foreign = Some(true);
                built
            }),
        ),
        item(
            n("paper-issn-only"),
            Activity::Paper({
                let mut built = Paper::new(2, day(year, 8, 7));
                built.serial = Some("1674-862X".to_owned());
                built.journal = None;
                built.title = Some(format!("振动 {}", b % 5));
                built.foreign = None;
                built
            }),
        ),
        item(
            n("paper-2024"),
            Activity::Paper({
                let mut built = Paper::new(1, day(2024, 1, 8));
                built.serial = Some("CN 11-2345/TP".to_owned());
                built.journal = None;
                built.title = Some(format!("未来 {b}"));
                built.foreign = None;
                built
            }),
        ),
        item(
            n("patent"),
            Activity::Patent({
                let mut built = Patent::new(
                    if b % 3 == 2 {
                        PatentClass::UtilityModel
                    } else {
                        PatentClass::Invention
                    },
                    1 + b % 5,
                    day(year, 9, 6),
                );
                built.number = Some(format!("ZL 2020 1 {}", b % 2));
                built
            }),
        ),
        item(
            n("award"),
            Activity::Award({
                let mut built = Award::new(Level::Municipal, Grade::Special, day(year, 10, 7));
                built.name = None;
                built
            }),
        ),
        item(
            n("skills"),
            Activity::SkillsExam(SkillsExam::new(
                SkillsExamKind::Computer,
                2,
                day(year, 11, 8),
            )),
        ),
        item(
            n("degree"),
            Activity::DegreeCourse(DegreeCourse::new(1, day(year, 12, 9))),
        ),
        item(
            n("qualification"),
            Activity::QualificationExam(QualificationExam::new(2, day(year, 1, 10))),
        ),
        item(
            n("assignment"),
            Activity::Assignment({
                let mut built = Assignment::new(
                    if b % 2 == 0 {
                        Program::AidTibet
                    } else {
                        Program::PublicHealth
                    },
                    day(2019, 1, 1 + b % 20),
                    day(2019, 8, 1),
                    true,
                );
                built.level = Some(Level::Provincial);
                built
            }),
        ),
    ]
}

/// A record of the first `items` items of the mix (blocks 0, 1, …) and one certificate (2022).
fn record(items: usize) -> Record {
    let mut evidence: Vec<Evidence> = (0..).flat_map(block).take(items).collect();
    evidence.push(item(
        "certificate".to_owned(),
        Activity::PriorCertificate(PriorCertificate::new(vec![CertifiedYear::new(
            2022,
            Decimal::from(30),
            Decimal::from(60),
        )])),
    ));
    Record {
        policy: None,
        span: None,
        evidence,
        grade: None,
        counts_from: None,
    }
}

/// hunan-2024, and hunan-2024 with a yearly cap on papers and books (the totals path then adds
/// in record order).
fn policies() -> [(&'static str, Policy); 2] {
    let mut capped = Policy::hunan_2024();
    capped.caps.push(YearCap::new(
        RuleId::A1C3,
        vec![Kind::Paper, Kind::Book],
        Decimal::from(40),
    ));
    [("hunan-2024", Policy::hunan_2024()), ("capped", capped)]
}

/// Short records (at most 16 items, the pair-by-pair threshold: 7 and 16 items with the
/// certificate) and long ones (39 and 381).
const SIZES: [(usize, usize); 2] = [(6, 15), (38, 380)];

#[test]
fn totals_allocates_nothing_per_item() {
    for (name, policy) in policies() {
        for (few, many) in SIZES {
            let small = record(few);
            let large = record(many);
            let path = if large.evidence.len() <= 16 {
                "up to 16 items"
            } else {
                "longer"
            };
            assert_eq!(
                small.evidence.len() <= 16,
                large.evidence.len() <= 16,
                "one path per pair"
            );

            let mut evaluator = Evaluator::new(&policy);
            // Warm up: let the working memory grow to the largest record, then run the small one.
            for _ in 0..2 {
                evaluator.totals(&large).unwrap();
                evaluator.totals(&small).unwrap();
            }

            let (on_small, totals_small) = allocations(|| evaluator.totals(&small).unwrap());
            let (on_large, totals_large) = allocations(|| evaluator.totals(&large).unwrap());
            let (again_small, _) = allocations(|| evaluator.totals(&small).unwrap());
            eprintln!(
                "{name}, {path}: allocations per totals call: {on_small} for {} items, {on_large} for {} items, {again_small} for {} items again",
                small.evidence.len(),
                large.evidence.len(),
                small.evidence.len()
            );

            // The figures are the full report's (the same evaluator, the traced path).
            let report = evaluator.evaluate(&large).unwrap();
            assert_eq!(totals_large.passed, report.passed);
            for (t, y) in totals_large.years.iter().zip(&report.years) {
                assert_eq!(
                    (t.year, t.public, t.professional, t.waived),
                    (y.year, y.public, y.professional, y.waived)
                );
            }
            assert_eq!(totals_small.years.len(), 5);

            assert_eq!(
                on_small, on_large,
                "{name}, {path}: the totals path allocates per item"
            );
            assert_eq!(on_small, again_small, "{name}, {path}");
            assert!(
                on_large <= 4,
                "{name}, {path}: the totals path allocates {on_large} times per call (expected at most 4)"
            );
        }
    }
}

/// Bulk screening with `totals_into` and one reused `Totals` allocates nothing at all once the
/// buffers have grown: not per item, not per record, on either path.
#[test]
fn totals_into_allocates_nothing_after_warm_up() {
    for (name, policy) in policies() {
        for (few, many) in SIZES {
            let small = record(few);
            let large = record(many);
            let mut evaluator = Evaluator::new(&policy);
            let mut out = evaluator.totals(&large).unwrap();
            for _ in 0..2 {
                evaluator.totals_into(&small, &mut out).unwrap();
                evaluator.totals_into(&large, &mut out).unwrap();
            }
            let (on_large, ()) = allocations(|| evaluator.totals_into(&large, &mut out).unwrap());
            let (on_small, ()) = allocations(|| evaluator.totals_into(&small, &mut out).unwrap());
            assert_eq!(
                (on_large, on_small),
                (0, 0),
                "{name}, {few} and {many} items"
            );
            assert_eq!(out, evaluator.totals(&small).unwrap());
        }
    }
}
