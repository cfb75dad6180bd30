//! The totals path allocates nothing per evidence item.
//!
//! A counting global allocator (this test file is its own binary) counts the allocations made
//! by one call of `Evaluator::totals` on the current thread. Once the evaluator's working
//! memory has grown, a record of 10× the items of the same mix must cost exactly as many
//! allocations as the small one, and no more than the output needs: the `years` Vec and the
//! policy id String.

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
    DegreeCourse, Document, DocumentType, Evaluator, Evidence, EvidenceId, Grade, Level, Paper,
    Patent, PatentClass, Period, Policy, PriorCertificate, Program, Provider, QualificationExam,
    Record, ResearchProject, Role, SkillsExam, SkillsExamKind, Subject, Training,
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
    Evidence::new(id(id_text), activity).with_documents(vec![
        Document::new(DocumentType::Notice)
            .with_file("n.pdf")
            .with_bytes(1000),
    ])
}

/// Block `b` of the mix: one item of every kind but the certificate, all in 2019–2023. Day-based
/// items of different blocks overlap (same few days of May); papers, books and patents repeat
/// across blocks (I-8 same work); a few items break a rule (days 1.3, rank 0, unfiled employer
/// training), which the totals path must handle without recording anything.
fn block(b: u32) -> Vec<Evidence> {
    let year = 2019 + i32::try_from(b % 5).unwrap();
    let may = |d: u32| day(2021, 5, 1 + d % 6);
    let period = |start: NaiveDate, days: i64| {
        Period::new(start, Decimal::new(days, 1))
            .with_end(start.checked_add_days(chrono::Days::new(2)).unwrap())
    };
    let subject = if b % 2 == 0 {
        Some(Subject::Public)
    } else {
        None
    };
    let n = |kind: &str| format!("b{b}-{kind}");
    let mut training = Training::new(period(may(b), if b % 7 == 6 { 13 } else { 25 }));
    training.subject = subject;
    training.provider = (b % 4 == 3).then_some(Provider::Employer);
    let mut practice = DayActivity::new(period(may(b + 1), 10));
    practice.subject = subject;
    let mut overseas = DayActivity::new(period(may(b + 3), 20));
    overseas.subject = subject;
    let mut online = CertifiedHours::new(day(year, 3, 1), Decimal::new(125, 1));
    online.subject = subject;
    let role = if b % 2 == 0 { Role::Host } else { Role::Member };
    let mut paper =
        Paper::new(b % 4, day(year, 8, 5)).with_title(format!("Cable vibration {}", b % 4));
    paper.serial = (b % 5 != 4).then(|| "CN 43-1234/N".to_owned());
    vec![
        item(n("training"), Activity::Training(training)),
        item(n("practice"), Activity::Practice(practice)),
        item(
            n("conference"),
            Activity::Conference(Conference::new(period(may(b + 2), 5))),
        ),
        item(n("overseas"), Activity::OverseasExchange(overseas)),
        item(n("online"), Activity::OnlineCourse(online)),
        item(
            n("platform"),
            Activity::PlatformTraining(CertifiedHours::new(day(year, 4, 2), Decimal::from(30))),
        ),
        item(
            n("project"),
            Activity::ResearchProject(ResearchProject::new(
                Level::Provincial,
                role,
                b % 6,
                day(year, 6, 3),
            )),
        ),
        item(
            n("book"),
            Activity::Book(
                Book::new(1 + b % 3, day(year, 7, 4))
                    .with_title(format!("Bridges, volume {}", b % 3)),
            ),
        ),
        item(n("paper"), Activity::Paper(paper)),
        item(
            n("patent"),
            Activity::Patent(
                Patent::new(PatentClass::Invention, 1 + b % 5, day(year, 9, 6))
                    .with_number(format!("ZL 2020 1 {}", b % 2)),
            ),
        ),
        item(
            n("award"),
            Activity::Award(Award::new(
                Level::Municipal,
                Grade::Special,
                day(year, 10, 7),
            )),
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
            Activity::Assignment(Assignment::new(
                Program::AidTibet,
                day(2019, 1, 1 + b % 20),
                day(2019, 8, 1),
                true,
            )),
        ),
    ]
}

/// A record of `blocks` blocks of the mix and one certificate (2022).
fn record(blocks: u32) -> Record {
    let mut evidence: Vec<Evidence> = (0..blocks).flat_map(block).collect();
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
    }
}

#[test]
fn totals_allocates_nothing_per_item() {
    let policy = Policy::hunan_2024();
    let small = record(2);
    let large = record(20);
    assert!(large.evidence.len() >= 10 * (small.evidence.len() - 1));

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
        "allocations per totals call: {on_small} for {} items, {on_large} for {} items, {again_small} for {} items again",
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

    assert_eq!(on_small, on_large, "the totals path allocates per item");
    assert_eq!(on_small, again_small);
    assert!(
        on_large <= 4,
        "the totals path allocates {on_large} times per call (expected at most 4)"
    );
}

/// Bulk screening with `totals_into` and one reused `Totals` allocates nothing at all once the
/// buffers have grown: not per item, not per record.
#[test]
fn totals_into_allocates_nothing_after_warm_up() {
    let policy = Policy::hunan_2024();
    let small = record(2);
    let large = record(20);
    let mut evaluator = Evaluator::new(&policy);
    let mut out = evaluator.totals(&large).unwrap();
    for _ in 0..2 {
        evaluator.totals_into(&small, &mut out).unwrap();
        evaluator.totals_into(&large, &mut out).unwrap();
    }
    let (on_large, ()) = allocations(|| evaluator.totals_into(&large, &mut out).unwrap());
    let (on_small, ()) = allocations(|| evaluator.totals_into(&small, &mut out).unwrap());
    assert_eq!((on_large, on_small), (0, 0));
    assert_eq!(out, evaluator.totals(&small).unwrap());
}
