//! The evaluate bench's workload: person-records generated from a fixed seed with a tiny PRNG
//! (xorshift64\*, no dependency), so that every run and every machine sees the same records.
//! Records over 2019–2023 with 4–20 items each (mean 12) of every evidence kind, some raising
//! findings, some waived years, overlapping days and duplicate works, half of them with
//! documents; rendered to JSON text for the parse benchmarks. `benches/README.md` ("The
//! workload") gives the mix.

use cehours::{
    Activity, Assignment, Award, Book, BookKind, CertifiedHours, CertifiedYear, Conference,
    DayActivity, DegreeCourse, Document, DocumentType, Evidence, EvidenceId, Grade, Kind, Level,
    MeetingKind, Paper, Patent, PatentClass, Period, PriorCertificate, Program, Provider,
    QualificationExam, Record, ResearchProject, Role, SkillsExam, SkillsExamKind, Sponsor, Subject,
    Training, TrainingFormat,
};
use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;

/// The seed of the batch; the typical record comes from `SEED ^ 1`, the large records from
/// `SEED ^ 2`.
pub const SEED: u64 = 0x5EED_2024_0603_0021;
/// Records in the batch under `cargo bench` (override with `CEHOURS_BENCH_RECORDS`).
const DEFAULT_RECORDS: usize = 100_000;
/// Records in the batch when the bench runs as a test (`cargo test --benches`).
const TEST_RECORDS: usize = 1_000;
/// The first year of the review span the records' dates fall in (hunan-2024's default span,
/// 2019–2023); the hand-written fold knows only these five years.
pub const FIRST_YEAR: i32 = 2019;

/// Records in the batch: `CEHOURS_BENCH_RECORDS` when set, otherwise 100,000 when `measuring`
/// (`cargo bench`) and 1,000 when not (`cargo test --benches`).
pub fn batch_len(measuring: bool) -> usize {
    let default = if measuring {
        DEFAULT_RECORDS
    } else {
        TEST_RECORDS
    };
    std::env::var("CEHOURS_BENCH_RECORDS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
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

/// One of `items`, drawn uniformly (`None` when there is none).
fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> Option<&'a T> {
    let len = u32::try_from(items.len()).unwrap_or(0);
    items.get(usize::try_from(rng.below(len)).unwrap_or(0))
}

/// In `percent` % of cases, when there are `earlier` ones, one of them again.
fn again<'a, T>(rng: &mut Rng, earlier: &'a [T], percent: u32) -> Option<&'a T> {
    if !earlier.is_empty() && rng.percent(percent) {
        pick(rng, earlier)
    } else {
        None
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
    let reuse = again(rng, &memory.day_starts, 15).copied();
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
    let duplicate = again(rng, &memory.papers, 12).cloned();
    let foreign = rng.percent(10);
    let (title, serial) = duplicate.unwrap_or_else(|| {
        let serial = match rng.below(100) {
            0..=4 => None,
            5..=6 => Some("CN43-12/x".to_owned()),
            _ if foreign => pick(rng, &ISSN).map(|s| (*s).to_owned()),
            _ => pick(rng, &CN).map(|s| (*s).to_owned()),
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

/// The number of a new work of the record (`count` of them so far); in `percent` % of cases,
/// when there is an earlier one, the number of the one before instead (the same work again).
fn work_number(rng: &mut Rng, count: &mut u32, percent: u32) -> u32 {
    let number = if *count > 0 && rng.percent(percent) {
        *count - 1
    } else {
        *count
    };
    *count += 1;
    number
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
            let title = work_number(rng, &mut memory.books, 33);
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
            let number = work_number(rng, &mut memory.patents, 25);
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
        evidence,
        ..Record::default()
    }
}

/// The first record of seed `SEED ^ 1` with exactly 12 items.
pub fn typical_record() -> Record {
    let mut rng = Rng::new(SEED ^ 1);
    loop {
        let r = record(&mut rng);
        if r.evidence.len() == 12 {
            return r;
        }
    }
}

/// One record of `items` items: the batch's people laid end to end (ids made unique), so a
/// single record carries every kind, overlaps, duplicates and findings at scale.
pub fn large_record(items: usize) -> Record {
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
        evidence,
        ..Record::default()
    }
}

/// Reports a broken setup and stops (the bench has no `panic!`).
pub fn fail(message: &str) -> ! {
    eprintln!("cehours bench setup failed: {message}");
    std::process::exit(1)
}

/// The batch, as values and as JSON text, with its item count.
pub struct Workload {
    pub records: Vec<Record>,
    pub texts: Vec<String>,
    pub items: usize,
}

/// The items in the batch of `n` records, counted without keeping the records (each is
/// generated and dropped).
pub fn count_items(n: usize) -> usize {
    let mut rng = Rng::new(SEED);
    (0..n).map(|_| record(&mut rng).evidence.len()).sum()
}

impl Workload {
    /// Generates `n` records from [`SEED`] and renders each to JSON.
    pub fn generate(n: usize) -> Workload {
        let mut rng = Rng::new(SEED);
        let records: Vec<Record> = (0..n).map(|_| record(&mut rng)).collect();
        let texts: Vec<String> = records
            .iter()
            .map(|r| serde_json::to_string(r).unwrap_or_else(|e| fail(&format!("to JSON: {e}"))))
            .collect();
        let items = records.iter().map(|r| r.evidence.len()).sum();
        Workload {
            records,
            texts,
            items,
        }
    }
}
