//! Benchmarks of `cehours` (issue 6), on a deterministic synthetic workload.
//!
//! The workload is generated here with a fixed seed: person-records over 2019–2023 with 4–20
//! items each (mean 12) of every evidence kind, some raising findings, some waived years,
//! overlapping days and duplicate works, half of them with documents. The same records are
//! rendered to JSON text for the parse benchmarks. See `benches/README.md` for what each
//! benchmark measures and how to run one group.
//!
//! Besides criterion's benchmarks, `ratios` times every batch path with `Instant` (the minimum
//! of a few runs) and prints how far the crate is from a minimal hand-written fold.

#[path = "support/args.rs"]
mod args;

use args::Args;
use std::hint::black_box;
use std::time::{Duration, Instant};

use cehours::{
    Activity, Assignment, Award, Book, BookKind, CertifiedHours, CertifiedYear, Conference,
    DayActivity, DegreeCourse, Document, DocumentType, Evaluator, Evidence, EvidenceId, Grade,
    Kind, Level, MeetingKind, Paper, Patent, PatentClass, Period, Policy, PriorCertificate,
    Program, Provider, QualificationExam, Record, ResearchProject, Role, SkillsExam,
    SkillsExamKind, Sponsor, Subject, Training, TrainingFormat,
};
use chrono::{Datelike, Days, Months, NaiveDate};
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, SamplingMode, Throughput};
use rust_decimal::Decimal;

/// The seed of the batch; the typical record comes from `SEED ^ 1`.
const SEED: u64 = 0x5EED_2024_0603_0021;
/// Records in the batch under `cargo bench` (override with `CEHOURS_BENCH_RECORDS`).
const DEFAULT_RECORDS: usize = 100_000;
/// Records in the batch when the bench runs as a test (`cargo test --benches`).
const TEST_RECORDS: usize = 1_000;
/// The first year of the review span the fold knows (hunan-2024: 2019–2023).
const FIRST_YEAR: i32 = 2019;

// ---------------------------------------------------------------------------------------------
// The policy loader.
// ---------------------------------------------------------------------------------------------

/// Loads and validates a policy from JSON text, as a service does: a `PolicyFile` read by
/// serde, then `Registry::load` (merge, typed read, validation). Both `policy/load` and the
/// setup use it.
fn load_policy(text: &str) -> Result<Policy, String> {
    let file: cehours::PolicyFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
    cehours::Registry::builtin()
        .load(&file)
        .map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------------------------
// A tiny deterministic PRNG (xorshift64*).
// ---------------------------------------------------------------------------------------------

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    fn below(&mut self, n: u32) -> u32 {
        let high = self.next() >> 32;
        u32::try_from(high % u64::from(n.max(1))).unwrap_or(0)
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True with `percent` % probability.
    fn percent(&mut self, percent: u32) -> bool {
        self.below(100) < percent
    }
}

// ---------------------------------------------------------------------------------------------
// The workload.
// ---------------------------------------------------------------------------------------------

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

/// A year of the span, now and then one just outside it (2018 or 2024).
fn year(rng: &mut Rng) -> i32 {
    if rng.percent(2) {
        if rng.percent(50) { 2018 } else { 2024 }
    } else {
        FIRST_YEAR + i32::try_from(rng.below(5)).unwrap_or(0)
    }
}

/// A date in `year` (days 1–28, so every one exists).
fn date_in(rng: &mut Rng, year: i32) -> NaiveDate {
    ymd(year, rng.between(1, 12), rng.between(1, 28))
}

fn date(rng: &mut Rng) -> NaiveDate {
    let y = year(rng);
    date_in(rng, y)
}

fn subject(rng: &mut Rng) -> Option<Subject> {
    match rng.below(5) {
        0 | 1 => Some(Subject::Public),
        2 | 3 => Some(Subject::Professional),
        _ => None,
    }
}

fn level(rng: &mut Rng) -> Level {
    match rng.below(10) {
        0..=2 => Level::National,
        3..=5 => Level::Provincial,
        6..=8 => Level::Municipal,
        _ => Level::Other,
    }
}

/// A rank from `1..=max`, 0 (a finding) in 3 % of cases.
fn rank(rng: &mut Rng, max: u32) -> u32 {
    if rng.percent(3) {
        0
    } else {
        rng.between(1, max)
    }
}

/// What one record remembers while its items are made: for overlapping days and duplicates.
#[derive(Default)]
struct Memory {
    day_starts: Vec<NaiveDate>,
    papers: Vec<(Option<String>, Option<String>)>,
    books: u32,
    patents: u32,
}

/// A day-based period in one month; 15 % start on the same day as an earlier day-based item of
/// the record, 3 % claim 1.3 days (an `invalid_days` error).
fn period(rng: &mut Rng, memory: &mut Memory) -> Period {
    let earlier = u32::try_from(memory.day_starts.len()).unwrap_or(0);
    let reuse = if earlier > 0 && rng.percent(15) {
        memory
            .day_starts
            .get(usize::try_from(rng.below(earlier)).unwrap_or(0))
            .copied()
    } else {
        None
    };
    let start = match reuse {
        Some(start) => start,
        None => date(rng),
    };
    memory.day_starts.push(start);
    let mut extra = rng.below(5);
    if start.day() + extra > 28 {
        extra = 0;
    }
    let end = start
        .checked_add_days(Days::new(u64::from(extra)))
        .unwrap_or(start);
    let days = if rng.percent(3) {
        Decimal::new(13, 1)
    } else {
        let half_days = rng.between(1, 2 * (extra + 1));
        Decimal::new(i64::from(half_days) * 5, 1)
    };
    let mut period = Period::new(start, days);
    period.end = (extra > 0).then_some(end);
    period
}

/// A day-based activity: subject, then period.
fn day_activity(rng: &mut Rng, memory: &mut Memory) -> DayActivity {
    let subject = subject(rng);
    let mut activity = DayActivity::new(period(rng, memory));
    activity.subject = subject;
    activity
}

/// An item credited with its certificate's hours: subject, date, then hours.
fn certified_hours(rng: &mut Rng) -> CertifiedHours {
    let subject = subject(rng);
    let date = date(rng);
    let mut item = CertifiedHours::new(date, hours(rng));
    item.subject = subject;
    item
}

fn hours(rng: &mut Rng) -> Decimal {
    if rng.percent(1) {
        Decimal::ZERO
    } else {
        Decimal::new(i64::from(rng.between(2, 80)) * 5, 1)
    }
}

const CN: [&str; 4] = [
    "CN 43-1234/N",
    "CN 11-2345/TP",
    "CN 31-1001/R",
    "CN 43-1061/N",
];
const ISSN: [&str; 3] = ["ISSN 0028-0836", "1476-4687", "ISSN 0036-8075"];

fn paper(rng: &mut Rng, index: usize, memory: &mut Memory) -> Paper {
    let earlier = u32::try_from(memory.papers.len()).unwrap_or(0);
    let duplicate = if earlier > 0 && rng.percent(12) {
        memory
            .papers
            .get(usize::try_from(rng.below(earlier)).unwrap_or(0))
            .cloned()
    } else {
        None
    };
    let foreign = rng.percent(10);
    let (title, serial) = duplicate.unwrap_or_else(|| {
        let serial = match rng.below(100) {
            0..=4 => None,
            5..=6 => Some("CN43-12/x".to_owned()),
            _ if foreign => ISSN
                .get(usize::try_from(rng.below(3)).unwrap_or(0))
                .map(|s| (*s).to_owned()),
            _ => CN
                .get(usize::try_from(rng.below(4)).unwrap_or(0))
                .map(|s| (*s).to_owned()),
        };
        (
            Some(format!("On the vibration of cables, part {index}")),
            serial,
        )
    });
    memory.papers.push((title.clone(), serial.clone()));
    let author_rank = rank(rng, 4);
    let mut paper = Paper::new(author_rank, date(rng)).with_journal(if foreign {
        "Nature"
    } else {
        "湖南大学学报"
    });
    (paper.serial, paper.title) = (serial, title);
    paper.foreign = foreign.then_some(true);
    paper
}

fn activity(rng: &mut Rng, index: usize, memory: &mut Memory) -> Activity {
    // Weights out of 100, every kind present.
    match rng.below(100) {
        0..=21 => {
            let provider = match rng.below(20) {
                0..=9 => None,
                10..=13 => Some(Provider::NationalBase),
                14..=16 => Some(Provider::ProvincialBase),
                _ => Some(Provider::Employer),
            };
            // Employer-run training is filed in 60 % of cases (otherwise an N.3.1 error).
            let filed = match provider {
                Some(Provider::Employer) => rng.percent(60).then_some(true),
                _ => None,
            };
            let format = match rng.below(4) {
                0 => Some(TrainingFormat::Class),
                1 => Some(TrainingFormat::Seminar),
                2 => Some(TrainingFormat::AdvancedStudy),
                _ => None,
            };
            let subject = subject(rng);
            let mut training = Training::new(period(rng, memory));
            (training.subject, training.format) = (subject, format);
            (training.provider, training.filed) = (provider, filed);
            Activity::Training(training)
        }
        22..=27 => Activity::Practice(day_activity(rng, memory)),
        28..=35 => {
            let activity = match rng.below(5) {
                0 => Some(MeetingKind::Conference),
                1 => Some(MeetingKind::Lecture),
                2 => Some(MeetingKind::Visit),
                3 => Some(MeetingKind::Exchange),
                _ => None,
            };
            let subject = subject(rng);
            let mut conference = Conference::new(period(rng, memory));
            (conference.subject, conference.activity) = (subject, activity);
            Activity::Conference(conference)
        }
        36..=38 => Activity::OverseasExchange(day_activity(rng, memory)),
        39..=52 => Activity::OnlineCourse(certified_hours(rng)),
        53..=60 => Activity::PlatformTraining(certified_hours(rng)),
        61..=65 => {
            let sponsor = match rng.below(10) {
                0..=5 => None,
                6 => Some(Sponsor::Government),
                7 | 8 => Some(Sponsor::Industry),
                _ => Some(Sponsor::Other),
            };
            let role = if rng.percent(40) {
                Role::Host
            } else {
                Role::Member
            };
            let level = level(rng);
            let rank = rank(rng, 7);
            let mut project = ResearchProject::new(level, role, rank, date(rng));
            project.sponsor = sponsor;
            Activity::ResearchProject(project)
        }
        66..=68 => {
            // A third of books repeat an earlier title of the record (I-8 same work).
            let title = if memory.books > 0 && rng.percent(33) {
                memory.books - 1
            } else {
                memory.books
            };
            memory.books += 1;
            let work = match rng.below(3) {
                0 => Some(BookKind::Monograph),
                1 => Some(BookKind::Textbook),
                _ => None,
            };
            let author_rank = rank(rng, 3);
            let mut book = Book::new(author_rank, date(rng))
                .with_title(format!("Bridge Engineering, volume {title}"));
            book.work = work;
            Activity::Book(book)
        }
        69..=80 => Activity::Paper(paper(rng, index, memory)),
        81..=83 => {
            let number = if memory.patents > 0 && rng.percent(25) {
                memory.patents - 1
            } else {
                memory.patents
            };
            memory.patents += 1;
            let class = match rng.below(10) {
                0..=5 => PatentClass::Invention,
                6..=8 => PatentClass::UtilityModel,
                _ => PatentClass::Design,
            };
            let rank = rank(rng, 5);
            Activity::Patent(
                Patent::new(class, rank, date(rng))
                    .with_number(format!("ZL 2020 1 0{number:06}.3")),
            )
        }
        84..=86 => {
            let grade = match rng.below(10) {
                0 => Grade::Special,
                1..=3 => Grade::First,
                4..=6 => Grade::Second,
                _ => Grade::Third,
            };
            let level = level(rng);
            Activity::Award(Award::new(level, grade, date(rng)).with_name("湖南省科学技术进步奖"))
        }
        87..=89 => {
            let exam = if rng.percent(80) {
                SkillsExamKind::Digital
            } else {
                SkillsExamKind::Computer
            };
            let modules = rank(rng, 3);
            Activity::SkillsExam(SkillsExam::new(exam, modules, date(rng)))
        }
        90..=92 => {
            let courses = rank(rng, 3);
            Activity::DegreeCourse(DegreeCourse::new(courses, date(rng)))
        }
        93..=95 => {
            let subjects = rank(rng, 4);
            Activity::QualificationExam(QualificationExam::new(subjects, date(rng)))
        }
        96..=97 => {
            // 6–8 months (one year waived), in a fifth of cases 13–20 months (every year it
            // touches), and 10 % not assessed (an error).
            let start = ymd(year(rng), rng.between(1, 6), rng.between(1, 28));
            let months = if rng.percent(20) {
                rng.between(13, 20)
            } else {
                rng.between(6, 8)
            };
            let end = start
                .checked_add_months(Months::new(months))
                .unwrap_or(start);
            let program = match rng.below(6) {
                0 => Program::AidTibet,
                1 => Program::AidXinjiang,
                2 => Program::AidAbroad,
                3 => Program::EastWest,
                4 => Program::PublicHealth,
                _ => Program::Other,
            };
            Activity::Assignment(Assignment::new(program, start, end, !rng.percent(10)))
        }
        _ => {
            let first = FIRST_YEAR + i32::try_from(rng.below(4)).unwrap_or(0);
            let years = (first..=first + i32::try_from(rng.below(2)).unwrap_or(0))
                .map(|year| {
                    let public = Decimal::from(rng.between(30, 40));
                    CertifiedYear::new(year, public, Decimal::from(rng.between(60, 72)))
                })
                .collect();
            Activity::PriorCertificate(PriorCertificate::new(years))
        }
    }
}

/// The first alternative of each kind's materials in hunan-2024 (A1.M1–A1.M12, N.3.2, N.3.3).
fn full_set(kind: Kind) -> &'static [DocumentType] {
    use DocumentType as D;
    match kind {
        Kind::Training => &[D::Notice, D::Schedule, D::Attendance],
        Kind::Practice => &[D::Notice, D::SealedDispatchNotice],
        Kind::Conference => &[D::Invitation, D::SealedReceipt, D::StudyNotes],
        Kind::OverseasExchange => &[D::Invitation, D::HostReceipt],
        Kind::OnlineCourse => &[D::CourseDuration, D::CompletionCertificate],
        Kind::PlatformTraining => &[D::PlatformCertificate],
        Kind::ResearchProject => &[D::ProjectCompletionCertificate],
        Kind::Book => &[D::BookCover, D::CopyrightPage, D::TableOfContents],
        Kind::Paper => &[
            D::JournalCover,
            D::SerialPage,
            D::TableOfContents,
            D::RetrievalProof,
        ],
        Kind::Patent => &[D::PatentCertificate],
        Kind::Award => &[D::AwardCertificate],
        Kind::SkillsExam => &[D::ExamCertificate],
        Kind::DegreeCourse => &[D::Transcript],
        Kind::QualificationExam => &[D::ScoreReport],
        Kind::Assignment => &[D::DispatchNotice, D::AssessmentForm],
        Kind::PriorCertificate => &[D::HoursCertificate],
        _ => &[D::OtherSupporting],
    }
}

/// 40 % no documents, 45 % the full set, 15 % only the first; 3 % of uploads have a refused
/// extension and 1 % are too large; a few documents are listed without a file.
fn documents(rng: &mut Rng, kind: Kind) -> Vec<Document> {
    let set = full_set(kind);
    let take = match rng.below(20) {
        0..=7 => 0,
        8..=16 => set.len(),
        _ => 1,
    };
    set.iter()
        .take(take)
        .enumerate()
        .map(|(n, &doc_type)| {
            let (file, bytes) = match rng.below(100) {
                0..=2 => (Some(format!("scan{n}.exe")), Some(80_000)),
                3 => (Some(format!("scan{n}.pdf")), Some(30 * 1024 * 1024)),
                4..=9 => (None, None),
                _ => (
                    Some(format!("scan{n}.pdf")),
                    Some(u64::from(rng.between(20_000, 4_000_000))),
                ),
            };
            let mut document = Document::new(doc_type);
            (document.file, document.bytes) = (file, bytes);
            document
        })
        .collect()
}

/// One person's record: 4–20 items (mean 12).
fn record(rng: &mut Rng) -> Record {
    let n = 4 + rng.below(9) + rng.below(9);
    let mut memory = Memory::default();
    let evidence = (0..usize::try_from(n).unwrap_or(0))
        .map(|index| {
            let activity = activity(rng, index, &mut memory);
            let documents = documents(rng, activity.kind());
            let id =
                EvidenceId::new(&format!("e{index}")).unwrap_or_else(|_| fail("empty evidence id"));
            Evidence::new(id, activity).with_documents(documents)
        })
        .collect();
    Record {
        policy: None,
        span: None,
        evidence,
        grade: None,
        counts_from: None,
    }
}

/// The first record of seed `SEED ^ 1` with exactly 12 items.
fn typical_record() -> Record {
    let mut rng = Rng::new(SEED ^ 1);
    loop {
        let r = record(&mut rng);
        if r.evidence.len() == 12 {
            return r;
        }
    }
}

/// Reports a broken setup and stops (the bench has no `panic!`).
fn fail(message: &str) -> ! {
    eprintln!("cehours bench setup failed: {message}");
    std::process::exit(1)
}

/// The batch, as values and as JSON text, with its item count.
struct Workload {
    records: Vec<Record>,
    texts: Vec<String>,
    items: usize,
}

impl Workload {
    /// Generates `n` records, renders them to JSON, and checks that every text parses back to
    /// its record and every record evaluates.
    fn new(n: usize, policy: &Policy) -> Workload {
        let started = Instant::now();
        let mut rng = Rng::new(SEED);
        let records: Vec<Record> = (0..n).map(|_| record(&mut rng)).collect();
        let texts: Vec<String> = records
            .iter()
            .map(|r| serde_json::to_string(r).unwrap_or_else(|e| fail(&format!("to JSON: {e}"))))
            .collect();
        let items = records.iter().map(|r| r.evidence.len()).sum();
        let mut evaluator = Evaluator::new(policy);
        let (mut passed, mut waived, mut findings, mut errors, mut unsatisfied) =
            (0usize, 0usize, 0usize, 0usize, 0usize);
        let mut fold_agrees = 0usize;
        let mut kinds = [0usize; 16];
        for (i, (r, text)) in records.iter().zip(&texts).enumerate() {
            match serde_json::from_str::<Record>(text) {
                Ok(back) if back == *r => {}
                Ok(_) => fail(&format!("record {i} does not survive JSON")),
                Err(e) => fail(&format!("record {i} is refused: {e}\n{text}")),
            }
            let report = evaluator
                .evaluate(r)
                .unwrap_or_else(|e| fail(&format!("record {i}: {e}")));
            passed += usize::from(report.passed);
            waived += report.years.iter().filter(|y| y.waived).count();
            findings += report.findings.len();
            errors += report
                .findings
                .iter()
                .filter(|f| f.severity() == cehours::Severity::Error)
                .count();
            unsatisfied += report.materials.iter().filter(|m| !m.satisfied).count();
            let (years, fold_passed) = fold(r);
            let same = fold_passed == report.passed
                && years
                    .iter()
                    .zip(&report.years)
                    .all(|(&(public, professional), y)| {
                        (public, professional) == (y.public, y.professional)
                    });
            fold_agrees += usize::from(same);
            for e in &r.evidence {
                if let Some(k) = Kind::ALL
                    .iter()
                    .position(|&k| k == e.kind())
                    .and_then(|p| kinds.get_mut(p))
                {
                    *k += 1;
                }
            }
        }
        let bytes: usize = texts.iter().map(String::len).sum();
        eprintln!(
            "workload: {n} records, {items} items (mean {}), {} MB of JSON, seed {SEED:#x}, built and checked in {} ms",
            hundredths(items, n),
            bytes / 1_000_000,
            started.elapsed().as_millis()
        );
        eprintln!(
            "  {findings} findings ({errors} errors), {unsatisfied} items with incomplete materials, {waived} waived years, {passed} passing records"
        );
        eprintln!(
            "  the fold's figures equal the crate's on {fold_agrees} records ({} %; the rest have I-8 overlaps or duplicates, certificates, days beyond their range, malformed serials …)",
            hundredths(fold_agrees * 100, n)
        );
        let mix: Vec<String> = Kind::ALL
            .iter()
            .zip(kinds)
            .map(|(k, c)| format!("{k} {c}"))
            .collect();
        eprintln!("  kinds: {}", mix.join(", "));
        Workload {
            records,
            texts,
            items,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The limit: a minimal hand-written fold.
// ---------------------------------------------------------------------------------------------

/// The fastest correct-ish evaluation: one `match` per kind adding hunan-2024's hours into five
/// years of (public, professional), assignments waiving years, thresholds 30/60/90. No trace,
/// no findings, no I-8 (same days, same work), no I-9 (certificates are simply added), no caps,
/// no serial number check beyond presence, no span other than 2019–2023.
fn fold(record: &Record) -> ([(Decimal, Decimal); 5], bool) {
    let mut years = [(Decimal::ZERO, Decimal::ZERO); 5];
    let mut waived = [false; 5];
    let slot = |year: i32| usize::try_from(year - FIRST_YEAR).ok().filter(|&k| k < 5);
    let h = Decimal::from;
    let professional =
        |hours: i64, date: NaiveDate| Some((Subject::Professional, h(hours), date.year()));
    let days = |subject: Option<Subject>, p: &Period| {
        let half_days = p.days * Decimal::TWO;
        (p.days > Decimal::ZERO
            && half_days.fract().is_zero()
            && p.end.is_none_or(|end| end >= p.start))
        .then(|| {
            (
                subject.unwrap_or(Subject::Professional),
                half_days * h(4),
                p.start.year(),
            )
        })
    };
    for e in &record.evidence {
        let credit = match &e.activity {
            Activity::Training(t) => {
                if t.provider == Some(Provider::Employer) && t.filed != Some(true) {
                    None
                } else {
                    days(t.subject, &t.period)
                }
            }
            Activity::Practice(d) | Activity::OverseasExchange(d) => days(d.subject, &d.period),
            Activity::Conference(c) => days(c.subject, &c.period),
            Activity::OnlineCourse(c) | Activity::PlatformTraining(c) => (c.hours > Decimal::ZERO)
                .then(|| {
                    (
                        c.subject.unwrap_or(Subject::Professional),
                        c.hours,
                        c.date.year(),
                    )
                }),
            Activity::ResearchProject(p) => {
                let table = match p.level {
                    Level::National | Level::Provincial => Some((60, 30, 10)),
                    Level::Municipal => Some((30, 10, 10)),
                    _ => None,
                };
                match (table, p.sponsor, p.role) {
                    (None, ..) | (_, Some(Sponsor::Other), _) => None,
                    (Some((host, ..)), _, Role::Host) => professional(host, p.completed),
                    (_, _, Role::Member) if p.rank == 0 => None,
                    (Some((_, main, _)), _, Role::Member) if p.rank <= 4 => {
                        professional(main, p.completed)
                    }
                    (Some((.., other)), _, Role::Member) => professional(other, p.completed),
                }
            }
            Activity::Book(b) => match b.author_rank {
                0 => None,
                1 => professional(60, b.published),
                _ => professional(30, b.published),
            },
            Activity::Paper(p) => match (p.author_rank, p.serial.as_deref().map(str::trim)) {
                (0, _) | (_, None | Some("")) => None,
                (1, _) => professional(30, p.published),
                _ => professional(10, p.published),
            },
            Activity::Patent(p) => match (p.class, p.rank) {
                (_, 0) => None,
                (PatentClass::Invention, 1) => professional(60, p.granted),
                (PatentClass::Invention, 2 | 3) | (PatentClass::UtilityModel, 1) => {
                    professional(30, p.granted)
                }
                (PatentClass::Invention, _) | (PatentClass::UtilityModel, 2 | 3) => {
                    professional(10, p.granted)
                }
                _ => None,
            },
            Activity::Award(a) => {
                let table = match a.level {
                    Level::National | Level::Provincial => Some((60, 30, 10)),
                    Level::Municipal => Some((30, 10, 5)),
                    _ => None,
                };
                match (table, a.grade) {
                    (Some((first, ..)), Grade::Special | Grade::First) => {
                        professional(first, a.awarded)
                    }
                    (Some((_, second, _)), Grade::Second) => professional(second, a.awarded),
                    (Some((.., third)), _) => professional(third, a.awarded),
                    (None, _) => None,
                }
            }
            Activity::SkillsExam(x) => (x.modules > 0).then(|| {
                (
                    Subject::Professional,
                    h(20) * h(x.modules.into()),
                    x.passed.year(),
                )
            }),
            Activity::DegreeCourse(x) => (x.courses > 0).then(|| {
                (
                    Subject::Professional,
                    h(30) * h(x.courses.into()),
                    x.passed.year(),
                )
            }),
            Activity::QualificationExam(x) => (x.subjects > 0).then(|| {
                (
                    Subject::Professional,
                    h(30) * h(x.subjects.into()),
                    x.passed.year(),
                )
            }),
            Activity::Assignment(a) => {
                let after = |months| a.start.checked_add_months(Months::new(months));
                let next = a.end.succ_opt();
                if a.assessment_passed && a.end >= a.start && next >= after(6) {
                    let from = if next > after(12) {
                        a.start.year()
                    } else {
                        a.end.year()
                    };
                    for year in from..=a.end.year() {
                        if let Some(w) = slot(year).and_then(|k| waived.get_mut(k)) {
                            *w = true;
                        }
                    }
                }
                None
            }
            Activity::PriorCertificate(c) => {
                for y in &c.years {
                    if let Some((public, professional)) =
                        slot(y.year).and_then(|k| years.get_mut(k))
                    {
                        *public += y.public;
                        *professional += y.professional;
                    }
                }
                None
            }
            _ => None,
        };
        if let Some((subject, hours, year)) = credit {
            if let Some((public, professional)) = slot(year).and_then(|k| years.get_mut(k)) {
                match subject {
                    Subject::Public => *public += hours,
                    // hunan-2024 has no elective bucket.
                    _ => *professional += hours,
                }
            }
        }
    }
    let (min_public, min_professional, min_total) = (h(30), h(60), h(90));
    let passed = years
        .iter()
        .zip(waived)
        .all(|(&(public, professional), waived)| {
            waived
                || (public >= min_public
                    && professional >= min_professional
                    && public + professional >= min_total)
        });
    (years, passed)
}

// ---------------------------------------------------------------------------------------------
// The paths over the batch (shared by criterion and `ratios`).
// ---------------------------------------------------------------------------------------------

fn run_fold(w: &Workload) {
    for r in &w.records {
        black_box(fold(black_box(r)));
    }
}

fn run_totals(w: &Workload, evaluator: &mut Evaluator<&Policy>) {
    // Bulk screening reuses one output value: no allocation per record once it has grown.
    let mut out = cehours::Totals::default();
    for r in &w.records {
        let _ = black_box(evaluator.totals_into(black_box(r), &mut out));
        black_box(&out);
    }
}

fn run_full(w: &Workload, evaluator: &mut Evaluator<&Policy>) {
    for r in &w.records {
        let _ = black_box(evaluator.evaluate(black_box(r)));
    }
}

fn run_parse(w: &Workload) {
    for text in &w.texts {
        let _ = black_box(serde_json::from_str::<Record>(black_box(text)));
    }
}

fn run_parse_evaluate(w: &Workload, evaluator: &mut Evaluator<&Policy>) {
    for text in &w.texts {
        if let Ok(record) = serde_json::from_str::<Record>(black_box(text)) {
            let _ = black_box(evaluator.evaluate(&record));
        }
    }
}

fn run_materials(w: &Workload, policy: &Policy) {
    for r in &w.records {
        black_box(cehours::check_record_materials(black_box(r), policy));
    }
}

// ---------------------------------------------------------------------------------------------
// Criterion benchmarks.
// ---------------------------------------------------------------------------------------------

const BATCH_RECORDS: &str = "batch_records";
const BATCH_ITEMS: &str = "batch_items";
const RECORD_PATHS: [&str; 6] = [
    "full",
    "totals",
    "fold",
    "parse",
    "parse_evaluate",
    "materials",
];
const ITEM_PATHS: [&str; 3] = ["full", "totals", "fold"];

/// (a) one typical record: the full report, and the totals path beside it.
fn single(c: &mut Criterion, policy: &Policy) {
    let record = typical_record();
    let text = serde_json::to_string(&record).unwrap_or_else(|e| fail(&e.to_string()));
    let mut group = c.benchmark_group("single");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    let mut evaluator = Evaluator::new(policy);
    group.bench_function("full", |b| {
        b.iter(|| evaluator.evaluate(black_box(&record)))
    });
    group.bench_function("totals", |b| {
        b.iter(|| evaluator.totals(black_box(&record)))
    });
    group.bench_function("fold", |b| b.iter(|| fold(black_box(&record))));
    group.bench_function("parse_evaluate", |b| {
        b.iter(|| serde_json::from_str::<Record>(black_box(&text)).map(|r| evaluator.evaluate(&r)))
    });
    group.finish();
}

/// Settings for a batch benchmark: 10 samples of one or more whole passes; `pass` is the time
/// of one pass, measured at setup, so that 10 samples fit in the measurement time (criterion
/// still warns when a pass runs slower than it did at setup).
fn heavy(group: &mut BenchmarkGroup<'_, WallTime>, pass: Duration) {
    let needed = pass.saturating_mul(11);
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(needed.clamp(Duration::from_secs(3), Duration::from_secs(120)));
}

/// One pass of each path over the batch, timed with `Instant`.
fn once(w: &Workload, policy: &Policy, path: &str) -> Duration {
    let mut evaluator = Evaluator::new(policy);
    let started = Instant::now();
    match path {
        "full" => run_full(w, &mut evaluator),
        "totals" => run_totals(w, &mut evaluator),
        "fold" => run_fold(w),
        "parse" => run_parse(w),
        "parse_evaluate" => run_parse_evaluate(w, &mut evaluator),
        "materials" => run_materials(w, policy),
        _ => {}
    }
    started.elapsed()
}

fn bench_path(
    group: &mut BenchmarkGroup<'_, WallTime>,
    id: &str,
    w: &Workload,
    policy: &Policy,
    pass: Duration,
) {
    heavy(group, pass);
    let mut evaluator = Evaluator::new(policy);
    match id {
        "full" => group.bench_function(id, |b| b.iter(|| run_full(w, &mut evaluator))),
        "totals" => group.bench_function(id, |b| b.iter(|| run_totals(w, &mut evaluator))),
        "fold" => group.bench_function(id, |b| b.iter(|| run_fold(w))),
        "parse" => group.bench_function(id, |b| b.iter(|| run_parse(w))),
        "parse_evaluate" => {
            group.bench_function(id, |b| b.iter(|| run_parse_evaluate(w, &mut evaluator)))
        }
        _ => group.bench_function(id, |b| b.iter(|| run_materials(w, policy))),
    };
}

/// (b)–(e), (g) and the fold: the batch, per record and per item.
fn batch(c: &mut Criterion, args: &Args, w: &Workload, policy: &Policy) {
    let records = u64::try_from(w.records.len()).unwrap_or(u64::MAX);
    let items = u64::try_from(w.items).unwrap_or(u64::MAX);
    for (name, paths, elements) in [
        (BATCH_RECORDS, &RECORD_PATHS[..], records),
        (BATCH_ITEMS, &ITEM_PATHS[..], items),
    ] {
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Elements(elements));
        for &path in paths {
            if args.selects(&format!("{name}/{path}")) {
                let pass = once(w, policy, path);
                bench_path(&mut group, path, w, policy, pass);
            }
        }
        group.finish();
    }
}

/// (f) loading a policy from JSON (see [`load_policy`]), and the built-in constructor beside it.
fn policy_load(c: &mut Criterion) {
    let text =
        serde_json::to_string(&Policy::hunan_2024()).unwrap_or_else(|e| fail(&e.to_string()));
    match load_policy(&text) {
        Ok(back) if back == Policy::hunan_2024() => {}
        Ok(_) => fail("hunan-2024 does not survive JSON"),
        Err(e) => fail(&format!("hunan-2024 from JSON: {e}")),
    }
    eprintln!("policy: hunan-2024 is {} bytes of JSON", text.len());
    let mut group = c.benchmark_group("policy");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    group.bench_function("load", |b| b.iter(|| load_policy(black_box(&text))));
    group.bench_function("hunan_2024", |b| b.iter(Policy::hunan_2024));
    group.finish();
}

/// One record of `items` items: the batch's people laid end to end (ids made unique), so a
/// single record carries every kind, overlaps, duplicates and findings at scale.
fn large_record(items: usize) -> Record {
    let mut rng = Rng::new(SEED ^ 2);
    let mut evidence = Vec::with_capacity(items);
    let mut person = 0usize;
    while evidence.len() < items {
        for mut e in record(&mut rng).evidence {
            if evidence.len() == items {
                break;
            }
            e.id = EvidenceId::new(&format!("p{person}-{}", e.id))
                .unwrap_or_else(|_| fail("empty evidence id"));
            evidence.push(e);
        }
        person += 1;
    }
    Record {
        policy: None,
        span: None,
        evidence,
        grade: None,
        counts_from: None,
    }
}

/// Issue 4's resource bound: one record of 10,000 and of 100,000 items, full report and totals;
/// the time per item stays flat as the record grows (linear time, no pairwise comparison).
fn large(c: &mut Criterion, policy: &Policy) {
    let mut group = c.benchmark_group("large_record");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for items in [10_000usize, 100_000] {
        let record = large_record(items);
        let mut evaluator = Evaluator::new(policy);
        group.throughput(Throughput::Elements(
            u64::try_from(items).unwrap_or(u64::MAX),
        ));
        group.bench_function(format!("full/{items}"), |b| {
            b.iter(|| evaluator.evaluate(black_box(&record)))
        });
        group.bench_function(format!("totals/{items}"), |b| {
            b.iter(|| evaluator.totals(black_box(&record)))
        });
    }
    group.finish();
}

// ---------------------------------------------------------------------------------------------
// Ratios, timed with `Instant` (criterion does not compute them).
// ---------------------------------------------------------------------------------------------

/// `num / den` to two decimals, in integer arithmetic.
fn hundredths(num: impl TryInto<u128>, den: impl TryInto<u128>) -> String {
    let num = num.try_into().unwrap_or(0);
    let den = den.try_into().unwrap_or(1).max(1);
    let h = num.saturating_mul(100).saturating_add(den / 2) / den;
    format!("{}.{:02}", h / 100, h % 100)
}

fn per_second(count: usize, d: Duration) -> u128 {
    u128::try_from(count)
        .unwrap_or(0)
        .saturating_mul(1_000_000_000)
        / d.as_nanos().max(1)
}

/// Digits in groups of three (`1 234 567`).
fn grouped(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Times each path over the batch `runs` times and prints the minimum, then the ratios.
fn ratios(w: &Workload, policy: &Policy, runs: usize) {
    // The paths take turns, run after run, so that a slower spell of the machine touches
    // all of them; each keeps its fastest run.
    const PATHS: [&str; 6] = [
        "fold",
        "totals",
        "full",
        "parse",
        "parse_evaluate",
        "materials",
    ];
    let mut fastest = [Duration::MAX; 6];
    for _ in 0..runs.max(1) {
        for (path, best) in PATHS.iter().zip(fastest.iter_mut()) {
            *best = (*best).min(once(w, policy, path));
        }
    }
    let [fold, totals, full, parse, parse_evaluate, materials] = fastest;
    let (n, items) = (w.records.len(), w.items);
    println!();
    println!(
        "ratios over {n} records ({items} items), fastest of {runs} interleaved runs each (Instant):"
    );
    for (path, d) in [
        ("fold", fold),
        ("totals", totals),
        ("full", full),
        ("materials", materials),
        ("parse", parse),
        ("parse_evaluate", parse_evaluate),
    ] {
        println!(
            "  {path:<15} {:>9} µs  {:>11} records/s  {:>12} items/s  {:>7} ns/record",
            grouped(d.as_micros()),
            grouped(per_second(n, d)),
            grouped(per_second(items, d)),
            d.as_nanos() / u128::try_from(n.max(1)).unwrap_or(1)
        );
    }
    println!(
        "  totals/fold = {}",
        hundredths(totals.as_nanos(), fold.as_nanos())
    );
    println!(
        "  full/fold = {}",
        hundredths(full.as_nanos(), fold.as_nanos())
    );
    println!(
        "  full/totals = {}",
        hundredths(full.as_nanos(), totals.as_nanos())
    );
    println!(
        "  parse+evaluate/parse = {}",
        hundredths(parse_evaluate.as_nanos(), parse.as_nanos())
    );
    println!("  totals: {} records/s", grouped(per_second(n, totals)));
    println!();
}

fn main() {
    let args = Args::parse();
    let mut criterion = Criterion::default().configure_from_args();
    let policy = Policy::hunan_2024();

    if ["single/full", "single/totals", "single/parse_evaluate"]
        .iter()
        .any(|id| args.selects(id))
    {
        single(&mut criterion, &policy);
    }
    let batch_wanted = RECORD_PATHS
        .iter()
        .map(|p| format!("{BATCH_RECORDS}/{p}"))
        .chain(ITEM_PATHS.iter().map(|p| format!("{BATCH_ITEMS}/{p}")))
        .any(|id| args.selects(&id));
    if batch_wanted || args.ratios() {
        let default = if args.measuring {
            DEFAULT_RECORDS
        } else {
            TEST_RECORDS
        };
        let n = std::env::var("CEHOURS_BENCH_RECORDS")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(default);
        let workload = Workload::new(n, &policy);
        if batch_wanted {
            batch(&mut criterion, &args, &workload, &policy);
        }
        if args.ratios() {
            ratios(&workload, &policy, if args.measuring { 5 } else { 1 });
        }
    }
    if args.selects("policy/load") || args.selects("policy/hunan_2024") {
        policy_load(&mut criterion);
    }
    if args.measuring
        && ["full/10000", "totals/10000", "full/100000", "totals/100000"]
            .iter()
            .any(|id| args.selects(&format!("large_record/{id}")))
    {
        large(&mut criterion, &policy);
    }
    criterion.final_summary();
}
