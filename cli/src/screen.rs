//! `cehours screen`: many records → one row per person, on every core, in input order, with
//! bounded memory.
//!
//! A reader thread cuts the inputs into chunks of [`CHUNK_UNITS`] people (or [`CHUNK_BYTES`]
//! bytes); each chunk is parsed, evaluated (`Evaluator::totals_into`, one evaluator per worker)
//! and formatted on the rayon pool; a writer thread writes the chunks in order. At most two
//! chunks wait on either side, so memory stays flat whatever the inputs' length.

use std::collections::HashSet;
use std::fs::File;
use std::hash::{BuildHasher, RandomState};
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use cehours::{Evaluator, Evidence, Policy, Record, Registry, Shortfall, Span, Totals};
use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::Lang;
use crate::columns::{Layout, Row};

/// People a worker screens and formats at once, into one output buffer.
pub const BATCH: usize = 64;

/// The outcomes of a run of people and their output rows (CSV or JSON Lines).
struct Batch {
    outcomes: Vec<Outcome>,
    text: Vec<u8>,
    weight: u64,
}

/// People per chunk.
pub const CHUNK_UNITS: usize = 4096;
/// Bytes of input per chunk, at most (a chunk closes once it holds this much).
pub const CHUNK_BYTES: usize = 8 << 20;

/// What kind of file an input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// One record of the JSON contract per line.
    Jsonl,
    /// Evidence rows with a header row (UTF-8, an optional BOM).
    Csv,
    /// Evidence rows on the first sheet, header in the first row.
    Xlsx,
}

impl InputFormat {
    /// The format a path's extension names (`.csv`, `.xlsx`/`.xlsm`/`.xls`/`.ods`); anything
    /// else, and `-`, is JSON Lines.
    pub fn of(path: &Path) -> InputFormat {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("csv") => InputFormat::Csv,
            Some("xlsx" | "xlsm" | "xls" | "ods") => InputFormat::Xlsx,
            _ => InputFormat::Jsonl,
        }
    }
}

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// CSV, UTF-8 with a BOM (Excel shows the Chinese).
    Csv,
    /// One JSON object per person.
    Jsonl,
    /// An Excel workbook (needs `--output`).
    Xlsx,
}

/// The work for one person.
#[derive(Debug)]
pub enum Work {
    /// A JSON Lines record: bytes `range` of a block read from the file (shared by the lines
    /// of the block, so that the reader copies nothing line by line).
    Line(Arc<Vec<u8>>, std::ops::Range<usize>),
    /// Spreadsheet rows: (row number, row).
    Rows(Vec<(u64, Row)>),
    /// Refused while reading (the message names the line or row).
    Bad(String),
}

/// Where a person's data is: `FILE:LINE`, `FILE:ROW` or `FILE:FIRST-LAST` (written by the
/// workers, not the reader).
#[derive(Debug, Clone)]
pub struct Source {
    /// The input's name.
    pub file: Arc<str>,
    /// First line or row (1-based).
    pub first: u64,
    /// Last line or row.
    pub last: u64,
}

impl Source {
    /// The source as text (`file:line` or `file:first-last`), built at its final size.
    fn text(&self) -> String {
        let (mut a, mut b) = (itoa::Buffer::new(), itoa::Buffer::new());
        let first = a.format(self.first);
        let last = (self.first != self.last).then(|| b.format(self.last));
        let mut text = String::with_capacity(
            self.file.len() + 2 + first.len() + last.map_or(0, |l| l.len() + 1),
        );
        text.push_str(&self.file);
        text.push(':');
        text.push_str(first);
        if let Some(last) = last {
            text.push('-');
            text.push_str(last);
        }
        text
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.first == self.last {
            write!(f, "{}:{}", self.file, self.first)
        } else {
            write!(f, "{}:{}-{}", self.file, self.first, self.last)
        }
    }
}

/// One person to screen.
#[derive(Debug)]
pub struct Unit {
    /// The person's key (for JSON Lines, the source).
    pub person: Option<String>,
    /// Where it is.
    pub source: Source,
    /// What to parse.
    pub work: Work,
    /// Input bytes (or rows) it stands for, for the progress bar.
    pub weight: u64,
}

/// One year's figures and shortfall.
#[derive(Debug, Clone, Serialize)]
pub struct YearRow {
    /// The calendar year.
    pub year: i32,
    /// Public hours.
    #[serde(with = "cehours::wire::decimal")]
    pub public: Decimal,
    /// Professional hours.
    #[serde(with = "cehours::wire::decimal")]
    pub professional: Decimal,
    /// Total hours.
    #[serde(with = "cehours::wire::decimal")]
    pub total: Decimal,
    /// Waived by an assignment.
    pub waived: bool,
    /// Meets the minimums or waived.
    pub passed: bool,
    /// What each minimum lacks.
    pub shortfall: Shortfall,
}

/// The outcome for one person.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// The person's key.
    pub person: String,
    /// Where the person's data was.
    pub source: String,
    /// `passed`, `failed` or `refused`.
    pub verdict: Verdict,
    /// The policy applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// The span reviewed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// The span's years.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub years: Vec<YearRow>,
    /// Why the record was refused (with its line or row number).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// A person's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Every year of the span passes.
    Passed,
    /// Some year falls short.
    Failed,
    /// The record could not be read or evaluated.
    Refused,
}

impl Verdict {
    fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Verdict::Passed, Lang::En) => "passed",
            (Verdict::Failed, Lang::En) => "failed",
            (Verdict::Refused, Lang::En) => "refused",
            (Verdict::Passed, Lang::Zh) => "合格",
            (Verdict::Failed, Lang::Zh) => "不合格",
            (Verdict::Refused, Lang::Zh) => "不予受理",
        }
    }
}

/// The policies a screen uses: one file for everything, or the registry by each record's
/// `policy` field.
pub struct Policies {
    /// Built-in policies.
    pub registry: Registry,
    /// `--policy FILE`, applied to every record when given.
    pub custom: Option<Policy>,
}

impl Policies {
    /// The item limit records are read with: `--policy`'s, else the library's ceiling (the
    /// built-in policy's limit).
    pub fn max_items(&self) -> usize {
        self.custom
            .as_ref()
            .map_or(cehours::MAX_ITEMS, |p| p.limits.max_items)
    }

    fn all(&self) -> Vec<&Policy> {
        match &self.custom {
            Some(p) => vec![p],
            None => self
                .registry
                .ids()
                .iter()
                .filter_map(|id| self.registry.get(id).ok())
                .collect(),
        }
    }
}

/// Per-worker state: an evaluator per policy and a reused [`Totals`].
struct Worker<'p> {
    evaluators: Vec<Evaluator<&'p Policy>>,
    /// Reused from record to record (none before the first).
    totals: Option<Totals>,
    custom: bool,
    max_items: usize,
}

impl<'p> Worker<'p> {
    fn new(policies: &'p Policies) -> Self {
        Worker {
            evaluators: policies.all().into_iter().map(Evaluator::new).collect(),
            totals: None,
            custom: policies.custom.is_some(),
            max_items: policies.max_items(),
        }
    }

    fn record(&self, unit: &Unit) -> Result<Record, String> {
        match &unit.work {
            Work::Line(block, range) => {
                let text = block
                    .get(range.clone())
                    .and_then(|b| std::str::from_utf8(b).ok())
                    .ok_or_else(|| format!("{}: not UTF-8", unit.source))?;
                parse_record(text, self.max_items).map_err(|e| format!("{}: {e}", unit.source))
            }
            Work::Rows(rows) => record_of_rows(rows, &unit.source),
            Work::Bad(e) => Err(e.clone()),
        }
    }

    /// Screens a run of units and formats their rows into one buffer.
    fn batch(&mut self, units: &[Unit], options: &Options) -> Batch {
        let outcomes: Vec<Outcome> = units.iter().map(|u| self.run(u)).collect();
        let text = format_rows(&outcomes, options);
        Batch {
            outcomes,
            text,
            weight: units.iter().map(|u| u.weight).sum(),
        }
    }

    fn run(&mut self, unit: &Unit) -> Outcome {
        let source = unit.source.text();
        let person = unit.person.clone().unwrap_or_else(|| source.clone());
        let refused = |error: String| Outcome {
            person: person.clone(),
            source: source.clone(),
            verdict: Verdict::Refused,
            policy: None,
            span: None,
            years: Vec::new(),
            error: Some(error),
        };
        let record = match self.record(unit) {
            Ok(record) => record,
            Err(e) => return refused(e),
        };
        let wanted = record.policy.as_deref().unwrap_or(cehours::DEFAULT_POLICY);
        let custom = self.custom;
        let Some(evaluator) = self
            .evaluators
            .iter_mut()
            .find(|e| custom || e.policy().id == wanted)
        else {
            return refused(format!(
                "{}: unknown policy `{wanted}` (give it with --policy FILE)",
                unit.source
            ));
        };
        let done = match &mut self.totals {
            Some(totals) => evaluator.totals_into(&record, totals),
            None => evaluator.totals(&record).map(|t| {
                self.totals = Some(t);
            }),
        };
        let t = match (done, &self.totals) {
            (Ok(()), Some(t)) => t,
            (Err(e), _) => return refused(format!("{}: {e}", unit.source)),
            (Ok(()), None) => return refused(format!("{}: no totals", unit.source)),
        };
        Outcome {
            person,
            source,
            verdict: if t.passed {
                Verdict::Passed
            } else {
                Verdict::Failed
            },
            policy: Some(t.policy.clone()),
            span: Some(t.span),
            years: t
                .years
                .iter()
                .map(|y| YearRow {
                    year: y.year,
                    public: y.public,
                    professional: y.professional,
                    total: y.total,
                    waived: y.waived,
                    passed: y.passed,
                    shortfall: y.shortfall,
                })
                .collect(),
            error: None,
        }
    }
}

/// Reads one record of the JSON contract, refusing it while reading once its evidence passes
/// `max_items`.
///
/// # Errors
///
/// The contract's refusal, naming the place.
pub fn parse_record(text: &str, max_items: usize) -> Result<Record, serde_json::Error> {
    use serde::de::DeserializeSeed;
    let mut json = serde_json::Deserializer::from_str(text);
    let record = cehours::RecordSeed { max_items }.deserialize(&mut json)?;
    json.end()?;
    Ok(record)
}

/// One person's rows → a record: each row one evidence item (errors name the row), `policy`
/// and `span` from the first row that gives them.
fn record_of_rows(rows: &[(u64, Row)], source: &Source) -> Result<Record, String> {
    let file = &source.file;
    let mut record = Record::default();
    let mut policy: Option<&str> = None;
    let mut from: Option<&str> = None;
    let mut to: Option<&str> = None;
    let mut grade: Option<&str> = None;
    let mut counts_from: Option<&str> = None;
    for (number, row) in rows {
        let at = |e: String| format!("{file}:{number}: {e}");
        if let Some(e) = &row.error {
            return Err(at(e.clone()));
        }
        for (slot, cell, name) in [
            (&mut policy, &row.policy, "policy"),
            (&mut from, &row.span_from, "span_from"),
            (&mut to, &row.span_to, "span_to"),
            (&mut grade, &row.title_grade, "title_grade"),
            (&mut counts_from, &row.counts_from, "counts_from"),
        ] {
            if let Some(cell) = cell {
                match slot {
                    Some(first) if *first != cell.as_str() => {
                        return Err(at(format!(
                            "`{name}` is `{cell}` here but `{first}` in an earlier row of the person"
                        )));
                    }
                    _ => *slot = Some(cell),
                }
            }
        }
        let item: Evidence = serde_json::from_str(&row.evidence).map_err(|e| at(plain(&e)))?;
        record.evidence.push(item);
    }
    record.policy = policy.map(str::to_owned);
    record.grade = grade.map(str::to_owned);
    record.counts_from =
        match counts_from {
            None => None,
            Some(text) => Some(chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(
                |_| format!("{source}: `counts_from` `{text}` is not a YYYY-MM-DD date"),
            )?),
        };
    record.span = match (from, to) {
        (None, None) => None,
        (Some(from), Some(to)) => {
            let year = |t: &str| {
                t.parse::<i32>()
                    .map_err(|_| format!("{file}: `{t}` is not a year"))
            };
            Some(Span::new(year(from)?, year(to)?).map_err(|e| format!("{source}: {e}"))?)
        }
        _ => {
            return Err(format!(
                "{source}: give both `span_from` and `span_to`, or neither"
            ));
        }
    };
    Ok(record)
}

/// A serde_json error without its position in the (generated) JSON text.
fn plain(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rsplit_once(" at line ") {
        Some((head, _)) => head.to_owned(),
        None => text,
    }
}

/// An input, opened.
pub struct Input {
    /// As given on the command line.
    pub name: String,
    /// Its format.
    pub format: InputFormat,
    /// Its size in bytes, when known (for the progress bar).
    pub size: Option<u64>,
    path: Option<PathBuf>,
    file: Option<File>,
}

impl Input {
    /// Opens `name` (`-` for standard input).
    ///
    /// # Errors
    ///
    /// The file cannot be opened.
    pub fn open(name: &str, format: Option<InputFormat>) -> io::Result<Input> {
        if name == "-" {
            return Ok(Input {
                name: "-".into(),
                format: format.unwrap_or(InputFormat::Jsonl),
                size: None,
                path: None,
                file: None,
            });
        }
        let path = PathBuf::from(name);
        let file = File::open(&path)?;
        let meta = file.metadata()?;
        if meta.is_dir() {
            return Err(io::Error::other("is a directory"));
        }
        Ok(Input {
            name: name.to_owned(),
            format: format.unwrap_or_else(|| InputFormat::of(&path)),
            size: Some(meta.len()),
            path: Some(path),
            file: Some(file),
        })
    }
}

/// Why the reader stopped early.
type Fatal = String;

/// Cuts the inputs into chunks of units.
struct Chunker {
    tx: SyncSender<Result<Vec<Unit>, Fatal>>,
    chunk: Vec<Unit>,
    bytes: usize,
    /// Blocks whose lines have all been screened, sent back to be filled again (their
    /// memory is already mapped in).
    spare: Receiver<Vec<u8>>,
}

impl Chunker {
    /// Adds a unit; `false` when the consumer has gone.
    fn push(&mut self, unit: Unit) -> bool {
        self.bytes = self
            .bytes
            .saturating_add(usize::try_from(unit.weight).unwrap_or(usize::MAX));
        self.chunk.push(unit);
        if self.chunk.len() >= CHUNK_UNITS || self.bytes >= CHUNK_BYTES {
            return self.flush();
        }
        true
    }

    fn flush(&mut self) -> bool {
        self.bytes = 0;
        if self.chunk.is_empty() {
            return true;
        }
        let chunk = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK_UNITS));
        self.tx.send(Ok(chunk)).is_ok()
    }
}

fn read_inputs(
    inputs: Vec<Input>,
    tx: SyncSender<Result<Vec<Unit>, Fatal>>,
    spare: Receiver<Vec<u8>>,
) {
    let mut chunker = Chunker {
        tx,
        chunk: Vec::with_capacity(CHUNK_UNITS),
        bytes: 0,
        spare,
    };
    for input in inputs {
        let result = match input.format {
            InputFormat::Jsonl => read_jsonl(&input, &mut chunker),
            InputFormat::Csv => read_csv(&input, &mut chunker),
            InputFormat::Xlsx => read_xlsx(&input, &mut chunker),
        };
        if let Err(e) = result {
            if chunker.flush() {
                let _ = chunker.tx.send(Err(format!("{}: {e}", input.name)));
            }
            return;
        }
    }
    chunker.flush();
}

/// Bytes read at a time from a JSON Lines input.
const BLOCK: usize = 4 << 20;

fn read_jsonl(input: &Input, chunker: &mut Chunker) -> Result<(), String> {
    let mut source: Box<dyn Read> = match &input.file {
        Some(file) => Box::new(file),
        None => Box::new(io::stdin().lock()),
    };
    let file: Arc<str> = Arc::from(input.name.as_str());
    let mut line_no = 0u64;
    // The start of a line that the last block cut.
    let mut pending: Vec<u8> = Vec::new();
    loop {
        let mut block = chunker.spare.try_recv().unwrap_or_default();
        block.clear();
        block.append(&mut pending);
        block.reserve(BLOCK);
        let got = (&mut source)
            .take(BLOCK as u64)
            .read_to_end(&mut block)
            .map_err(|e| format!("cannot read: {e}"))?;
        let eof = got == 0;
        if !eof {
            // Keep the last, unfinished line for the next block (all of it when the block
            // holds no line end: a line longer than a block).
            let cut = memchr::memrchr(b'\n', &block).map_or(0, |i| i.saturating_add(1));
            pending = block.split_off(cut);
        }
        if block.is_empty() {
            if eof {
                return Ok(());
            }
            continue;
        }
        let block = Arc::new(block);
        let mut start = 0usize;
        while start < block.len() {
            let rest = block.get(start..).unwrap_or_default();
            let end = memchr::memchr(b'\n', rest)
                .map_or(block.len(), |i| start.saturating_add(i).saturating_add(1));
            let range = start..end;
            start = end;
            line_no = line_no.saturating_add(1);
            let line = block.get(range.clone()).unwrap_or_default();
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let unit = Unit {
                person: None,
                source: Source {
                    file: Arc::clone(&file),
                    first: line_no,
                    last: line_no,
                },
                weight: u64::try_from(line.len()).unwrap_or(u64::MAX),
                work: Work::Line(Arc::clone(&block), range),
            };
            if !chunker.push(unit) {
                return Ok(());
            }
        }
        if eof {
            return Ok(());
        }
    }
}

/// A person's rows so far: key, (row number, row)s, weight.
type Group = (String, Vec<(u64, Row)>, u64);

/// Groups consecutive rows of one person into units; a person whose rows are not together is
/// refused (rows of a person must be adjacent, as a sheet sorted by person has them).
struct Grouper {
    name: Arc<str>,
    /// The person being read: key, (row number, row)s, weight.
    current: Option<Group>,
    seen: HashSet<u64>,
    hasher: RandomState,
}

impl Grouper {
    fn new(name: &str) -> Self {
        Grouper {
            name: Arc::from(name),
            current: None,
            seen: HashSet::new(),
            hasher: RandomState::new(),
        }
    }

    fn at(&self, first: u64, last: u64) -> Source {
        Source {
            file: Arc::clone(&self.name),
            first,
            last,
        }
    }

    /// Adds a row; `false` when the consumer has gone.
    fn add(
        &mut self,
        chunker: &mut Chunker,
        number: u64,
        row: Result<Row, String>,
        weight: u64,
    ) -> bool {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                // A row that cannot even name its person is refused on its own.
                return chunker.push(Unit {
                    person: Some(String::new()),
                    source: self.at(number, number),
                    work: Work::Bad(format!("{}:{number}: {e}", self.name)),
                    weight,
                });
            }
        };
        if let Some((person, rows, w)) = &mut self.current {
            if *person == row.person {
                rows.push((number, row));
                *w = w.saturating_add(weight);
                return true;
            }
        }
        if !self.finish(chunker) {
            return false;
        }
        let key = self.hasher.hash_one(&row.person);
        if !self.seen.insert(key) {
            let person = row.person.clone();
            return chunker.push(Unit {
                person: Some(person.clone()),
                source: self.at(number, number),
                work: Work::Bad(format!(
                    "{}:{number}: the rows of `{person}` are not together: sort the sheet by person",
                    self.name
                )),
                weight,
            });
        }
        self.current = Some((row.person.clone(), vec![(number, row)], weight));
        true
    }

    fn finish(&mut self, chunker: &mut Chunker) -> bool {
        let Some((person, rows, weight)) = self.current.take() else {
            return true;
        };
        let first = rows.first().map_or(0, |r| r.0);
        let last = rows.last().map_or(0, |r| r.0);
        let source = self.at(first, last);
        chunker.push(Unit {
            person: Some(person),
            source,
            work: Work::Rows(rows),
            weight,
        })
    }
}

fn read_csv(input: &Input, chunker: &mut Chunker) -> Result<(), String> {
    let source: Box<dyn Read> = match &input.file {
        Some(file) => Box::new(file),
        None => Box::new(io::stdin().lock()),
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(BufReader::with_capacity(1 << 16, source));
    let mut records = reader.records();
    let header = match records.next() {
        None => return Ok(()),
        Some(h) => h.map_err(|e| format!("header: {e}"))?,
    };
    let headers: Vec<&str> = header.iter().collect();
    let layout = Layout::from_headers(&headers)?;
    let mut grouper = Grouper::new(&input.name);
    let mut last_offset = header.position().map_or(0, |p| p.byte());
    for record in records {
        let (number, row, offset) = match record {
            Ok(r) => {
                let pos = r.position();
                let number = pos.map_or(0, |p| p.line());
                let offset = pos.map_or(last_offset, |p| p.byte());
                if r.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let cells: Vec<&str> = r.iter().collect();
                (number, layout.row(&cells), offset)
            }
            Err(e) => match e.kind() {
                csv::ErrorKind::Utf8 { pos, .. } => {
                    let number = pos.as_ref().map_or(0, |p| p.line());
                    (number, Err("not UTF-8".to_owned()), last_offset)
                }
                _ => return Err(format!("{e}")),
            },
        };
        let weight = offset.saturating_sub(last_offset);
        last_offset = offset;
        if !grouper.add(chunker, number, row, weight) {
            return Ok(());
        }
    }
    grouper.finish(chunker);
    Ok(())
}

fn cell_text(cell: &calamine::Data) -> Result<String, String> {
    use calamine::Data;
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // The shortest text that reads back as the same number: what Excel shows.
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(dt) => dt.date().format("%Y-%m-%d").to_string(),
            None => return Err(format!("`{d}` is not a date")),
        },
        Data::Error(e) => return Err(format!("the cell holds the error `{e}`")),
    })
}

fn read_xlsx(input: &Input, chunker: &mut Chunker) -> Result<(), String> {
    use calamine::Reader;
    let Some(path) = &input.path else {
        return Err("a workbook cannot be read from standard input".into());
    };
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| e.to_string())?;
    let Some(range) = workbook.worksheet_range_at(0) else {
        return Ok(());
    };
    let range = range.map_err(|e| e.to_string())?;
    let (top, _) = range.start().unwrap_or((0, 0));
    let mut rows = range.rows();
    let Some(header) = rows.next() else {
        return Ok(());
    };
    let headers: Vec<String> = header
        .iter()
        .map(cell_text)
        .collect::<Result<_, _>>()
        .map_err(|e| format!("row {}: {e}", u64::from(top).saturating_add(1)))?;
    let layout = Layout::from_headers(&headers)?;
    let mut grouper = Grouper::new(&input.name);
    for (i, cells) in rows.enumerate() {
        // Excel's row number: 1-based, the header on the sheet's first used row.
        let number = u64::from(top)
            .saturating_add(u64::try_from(i).unwrap_or(u64::MAX))
            .saturating_add(2);
        let texts: Result<Vec<String>, String> = cells
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                cell_text(cell).map_err(|e| format!("column {}: {e}", c.saturating_add(1)))
            })
            .collect();
        if texts
            .as_ref()
            .is_ok_and(|t| t.iter().all(|c| c.trim().is_empty()))
        {
            continue;
        }
        let row = texts.and_then(|t| layout.row(&t));
        if !grouper.add(chunker, number, row, 1) {
            return Ok(());
        }
    }
    grouper.finish(chunker);
    Ok(())
}

/// How `screen` ran.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Summary {
    /// People (records) screened.
    pub records: u64,
    /// Of them, passed.
    pub passed: u64,
    /// Failed.
    pub failed: u64,
    /// Refused.
    pub refused: u64,
}

/// Options of a screen run.
pub struct Options {
    /// Output format.
    pub format: OutputFormat,
    /// Years shown as columns in CSV and XLSX (none when `None`).
    pub years: Option<Span>,
    /// Language of headings and verdicts in CSV and XLSX.
    pub lang: Lang,
    /// Worker threads.
    pub jobs: usize,
    /// Show a progress bar (a terminal).
    pub progress: bool,
    /// Report refusals on standard error.
    pub report_errors: bool,
}

/// Where rows go.
pub enum Sink {
    /// Text (CSV or JSON Lines) to a writer.
    Text(Box<dyn Write + Send>),
    /// A workbook saved to a path at the end.
    Xlsx(PathBuf),
}

/// Screens `inputs` into `sink`.
///
/// # Errors
///
/// A failure to read an input mid-way or to write the output; what was done up to then is
/// written and summed.
pub fn run(
    inputs: Vec<Input>,
    policies: &Policies,
    options: &Options,
    sink: Sink,
) -> (Summary, Result<(), String>) {
    let total: Option<u64> = inputs.iter().map(|i| i.size).sum();
    let xlsx_rows = inputs.iter().any(|i| i.format == InputFormat::Xlsx);
    let bar = progress_bar(options.progress, if xlsx_rows { None } else { total });
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .build()
    {
        Ok(pool) => pool,
        Err(e) => {
            return (
                Summary::default(),
                Err(format!("cannot start threads: {e}")),
            );
        }
    };
    let (tx, rx) = sync_channel::<Result<Vec<Unit>, Fatal>>(2);
    let (wtx, wrx) = sync_channel::<Vec<Batch>>(2);
    let (spare_tx, spare_rx) = sync_channel::<Vec<u8>>(4);
    std::thread::scope(|s| {
        s.spawn(move || read_inputs(inputs, tx, spare_rx));
        let writer = s.spawn(|| write_all(wrx, sink, options, &bar));
        let mut fatal = None;
        for chunk in rx {
            let chunk = match chunk {
                Ok(chunk) => chunk,
                Err(e) => {
                    fatal = Some(e);
                    break;
                }
            };
            let done: Vec<Batch> = pool.install(|| {
                chunk
                    .par_chunks(BATCH)
                    .map_init(
                        || Worker::new(policies),
                        |worker, units| worker.batch(units, options),
                    )
                    .collect()
            });
            if wtx.send(done).is_err() {
                break;
            }
            // A block whose last line this chunk held goes back to the reader.
            for unit in chunk {
                if let Work::Line(block, _) = unit.work {
                    if let Ok(block) = Arc::try_unwrap(block) {
                        let _ = spare_tx.try_send(block);
                    }
                }
            }
        }
        drop(wtx);
        let (summary, written) = writer
            .join()
            .unwrap_or_else(|_| (Summary::default(), Err("the writer stopped".into())));
        bar.finish_and_clear();
        let result = match (fatal, written) {
            (Some(e), _) | (None, Err(e)) => Err(e),
            (None, Ok(())) => Ok(()),
        };
        (summary, result)
    })
}

fn progress_bar(show: bool, total: Option<u64>) -> indicatif::ProgressBar {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    if !show {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(len) => ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
    let template = if total.is_some() {
        "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}"
    } else {
        "{spinner} {pos} {per_sec} {msg}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

fn yes_no(b: bool, lang: Lang) -> &'static str {
    match (b, lang) {
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
        (true, Lang::Zh) => "是",
        (false, Lang::Zh) => "否",
    }
}

/// The output's header cells.
pub fn headings(options: &Options) -> Vec<String> {
    let zh = options.lang == Lang::Zh;
    let mut cells: Vec<String> = if zh {
        ["人员", "来源", "政策", "年度范围", "结论", "错误"]
    } else {
        ["person", "source", "policy", "span", "verdict", "error"]
    }
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    for y in options.years.iter().flat_map(Span::years) {
        let parts: [&str; 8] = if zh {
            [
                "公需",
                "专业",
                "合计",
                "免除",
                "达标",
                "公需差额",
                "专业差额",
                "合计差额",
            ]
        } else {
            [
                "public",
                "professional",
                "total",
                "waived",
                "passed",
                "short public",
                "short professional",
                "short total",
            ]
        };
        for p in parts {
            cells.push(if zh {
                format!("{y}{p}")
            } else {
                format!("{y} {p}")
            });
        }
    }
    cells
}

/// A cell of an output row.
pub enum Cell<'a> {
    /// Text.
    Text(std::borrow::Cow<'a, str>),
    /// Hours.
    Hours(Decimal),
    /// Nothing (a year outside the person's span).
    Empty,
    /// A span, written `from-to`.
    Span(Span),
}

/// The cells of one person's row, as [`headings`] names them.
pub fn cells<'a>(outcome: &'a Outcome, options: &Options) -> Vec<Cell<'a>> {
    let mut cells = Vec::with_capacity(6 + 8 * options.years.map_or(0, |s| s.len()));
    cells_into(outcome, options, &mut cells);
    cells
}

/// [`cells`] into `cells` (cleared first), reusing its memory from row to row.
fn cells_into<'a>(outcome: &'a Outcome, options: &Options, cells: &mut Vec<Cell<'a>>) {
    use std::borrow::Cow;
    let lang = options.lang;
    cells.clear();
    cells.extend([
        Cell::Text(Cow::Borrowed(&outcome.person)),
        Cell::Text(Cow::Borrowed(&outcome.source)),
        Cell::Text(Cow::Borrowed(outcome.policy.as_deref().unwrap_or(""))),
        outcome.span.map_or(Cell::Empty, Cell::Span),
        Cell::Text(Cow::Borrowed(outcome.verdict.label(lang))),
        Cell::Text(Cow::Borrowed(outcome.error.as_deref().unwrap_or(""))),
    ]);
    for y in options.years.iter().flat_map(Span::years) {
        match outcome.years.iter().find(|r| r.year == y) {
            Some(r) => cells.extend([
                Cell::Hours(r.public),
                Cell::Hours(r.professional),
                Cell::Hours(r.total),
                Cell::Text(Cow::Borrowed(yes_no(r.waived, lang))),
                Cell::Text(Cow::Borrowed(yes_no(r.passed, lang))),
                Cell::Hours(r.shortfall.public),
                Cell::Hours(r.shortfall.professional),
                Cell::Hours(r.shortfall.total),
            ]),
            None => cells.extend((0..8).map(|_| Cell::Empty)),
        }
    }
}

/// A normalised decimal with a fraction of at most 18 digits and a magnitude below 2^63, as
/// text in `buf` (`"20.5"`, `"-0.25"`), without the formatting machinery; `None` otherwise.
fn fraction_text(hours: Decimal, buf: &mut [u8; 64]) -> Option<&[u8]> {
    let scale = hours.scale();
    let m = i64::try_from(hours.mantissa()).ok()?;
    let unit = 10u64.checked_pow(scale).filter(|_| scale <= 18)?;
    let (whole, frac) = (m.unsigned_abs() / unit, m.unsigned_abs() % unit);
    let mut digits = itoa::Buffer::new();
    let frac = digits.format(frac).as_bytes();
    let mut whole_text = itoa::Buffer::new();
    let whole = whole_text.format(whole).as_bytes();
    let zeros = usize::try_from(scale).ok()?.checked_sub(frac.len())?;
    let mut len = 0usize;
    let mut put = |part: &[u8], buf: &mut [u8; 64]| {
        if let Some(dst) = buf.get_mut(len..len.saturating_add(part.len())) {
            dst.copy_from_slice(part);
            len = len.saturating_add(part.len());
        }
    };
    if m < 0 {
        put(b"-", buf);
    }
    put(whole, buf);
    put(b".", buf);
    for _ in 0..zeros {
        put(b"0", buf);
    }
    put(frac, buf);
    buf.get(..len)
}

/// Writes a span (`2019-2023`) into a CSV field, without allocating.
fn span_field<W: Write>(w: &mut csv::Writer<W>, span: Span) -> csv::Result<()> {
    let (mut a, mut b) = (itoa::Buffer::new(), itoa::Buffer::new());
    let mut text = [0u8; 48];
    let mut len = 0usize;
    for part in [
        a.format(span.from).as_bytes(),
        b"-",
        b.format(span.to).as_bytes(),
    ] {
        if let Some(dst) = text.get_mut(len..len.saturating_add(part.len())) {
            dst.copy_from_slice(part);
            len = len.saturating_add(part.len());
        }
    }
    w.write_field(text.get(..len).unwrap_or_default())
}

/// Writes hours without trailing zeros (`"30"`, `"2.5"`) into a CSV field, without allocating.
fn hours_field<W: Write>(w: &mut csv::Writer<W>, hours: Decimal) -> csv::Result<()> {
    if hours.is_zero() {
        return w.write_field(b"0");
    }
    let hours = hours.normalize();
    // Whole hours (the usual case) are written as an integer, and short fractions digit by
    // digit: both quicker than the formatting machinery.
    if let (Ok(whole), 0) = (i64::try_from(hours.mantissa()), hours.scale()) {
        return w.write_field(itoa::Buffer::new().format(whole).as_bytes());
    }
    let mut buf = [0u8; 64];
    if let Some(text) = fraction_text(hours, &mut buf) {
        return w.write_field(text);
    }
    // A decimal's text (at most 28 digits, a sign and a point) always fits.
    let mut rest = &mut buf[..];
    let _ = write!(rest, "{hours}");
    let len = 64usize.saturating_sub(rest.len());
    w.write_field(buf.get(..len).unwrap_or_default())
}

fn format_rows(outcomes: &[Outcome], options: &Options) -> Vec<u8> {
    match options.format {
        OutputFormat::Jsonl => {
            let mut text = Vec::new();
            for outcome in outcomes {
                // Serialising these plain values cannot fail.
                let _ = serde_json::to_writer(&mut text, outcome);
                text.push(b'\n');
            }
            text
        }
        OutputFormat::Csv => {
            let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
            let mut row = Vec::new();
            for outcome in outcomes {
                cells_into(outcome, options, &mut row);
                for cell in row.drain(..) {
                    let _ = match cell {
                        Cell::Text(t) => w.write_field(t.as_bytes()),
                        Cell::Hours(h) => hours_field(&mut w, h),
                        Cell::Empty => w.write_field(b""),
                        Cell::Span(s) => span_field(&mut w, s),
                    };
                }
                let _ = w.write_record(std::iter::empty::<&[u8]>());
            }
            w.into_inner().unwrap_or_default()
        }
        OutputFormat::Xlsx => Vec::new(),
    }
}

fn write_all(
    rx: Receiver<Vec<Batch>>,
    sink: Sink,
    options: &Options,
    bar: &indicatif::ProgressBar,
) -> (Summary, Result<(), String>) {
    let mut summary = Summary::default();
    let mut out = match Output::open(sink, options) {
        Ok(out) => out,
        Err(e) => {
            // Drain so the pipeline ends.
            for _ in rx {}
            return (summary, Err(e));
        }
    };
    let mut failure = None;
    for chunk in rx {
        for batch in chunk {
            for outcome in &batch.outcomes {
                summary.records = summary.records.saturating_add(1);
                match outcome.verdict {
                    Verdict::Passed => summary.passed = summary.passed.saturating_add(1),
                    Verdict::Failed => summary.failed = summary.failed.saturating_add(1),
                    Verdict::Refused => summary.refused = summary.refused.saturating_add(1),
                }
                if let (true, Some(e)) = (options.report_errors, &outcome.error) {
                    bar.suspend(|| eprintln!("error: {e}"));
                }
                if failure.is_none() {
                    if let Err(e) = out.row(outcome, options) {
                        failure = Some(e);
                    }
                }
            }
            if failure.is_none() {
                if let Err(e) = out.text(&batch.text) {
                    failure = Some(e);
                }
            }
            bar.inc(batch.weight);
        }
        bar.set_message(format!("{} records", summary.records));
    }
    if failure.is_none() {
        if let Err(e) = out.finish() {
            failure = Some(e);
        }
    }
    (summary, failure.map_or(Ok(()), Err))
}

/// The open output.
enum Output {
    Text(Box<dyn Write + Send>),
    Xlsx {
        path: PathBuf,
        workbook: Box<rust_xlsxwriter::Workbook>,
        row: u32,
    },
}

impl Output {
    fn open(sink: Sink, options: &Options) -> Result<Output, String> {
        let heads = headings(options);
        match sink {
            Sink::Text(mut w) => {
                if options.format == OutputFormat::Csv {
                    let mut header = csv::WriterBuilder::new().from_writer(Vec::new());
                    header.write_record(&heads).map_err(|e| e.to_string())?;
                    let header = header.into_inner().map_err(|e| e.to_string())?;
                    w.write_all("\u{feff}".as_bytes())
                        .and_then(|()| w.write_all(&header))
                        .map_err(|e| format!("cannot write the output: {e}"))?;
                }
                Ok(Output::Text(w))
            }
            Sink::Xlsx(path) => {
                let mut workbook = Box::new(rust_xlsxwriter::Workbook::new());
                let sheet = workbook.add_worksheet_with_constant_memory();
                let bold = rust_xlsxwriter::Format::new().set_bold();
                for (c, h) in heads.iter().enumerate() {
                    let c = u16::try_from(c).map_err(|_| "too many columns".to_owned())?;
                    sheet
                        .write_string_with_format(0, c, h, &bold)
                        .map_err(|e| e.to_string())?;
                }
                Ok(Output::Xlsx {
                    path,
                    workbook,
                    row: 0,
                })
            }
        }
    }

    /// Rows already formatted (CSV or JSON Lines).
    fn text(&mut self, text: &[u8]) -> Result<(), String> {
        match self {
            Output::Text(w) => w
                .write_all(text)
                .map_err(|e| format!("cannot write the output: {e}")),
            Output::Xlsx { .. } => Ok(()),
        }
    }

    /// One person's row, for a workbook (text outputs come formatted, see [`Output::text`]).
    fn row(&mut self, outcome: &Outcome, options: &Options) -> Result<(), String> {
        match self {
            Output::Text(_) => Ok(()),
            Output::Xlsx { workbook, row, .. } => {
                *row = row.checked_add(1).ok_or("too many rows for a worksheet")?;
                let sheet = workbook
                    .worksheet_from_index(0)
                    .map_err(|e| e.to_string())?;
                for (c, cell) in cells(outcome, options).into_iter().enumerate() {
                    let c = u16::try_from(c).map_err(|_| "too many columns".to_owned())?;
                    let written = match cell {
                        Cell::Text(t) if t.is_empty() => continue,
                        Cell::Text(t) => sheet.write_string(*row, c, t.as_ref()).map(|_| ()),
                        Cell::Hours(h) => {
                            use rust_decimal::prelude::ToPrimitive;
                            // Excel holds numbers as binary floats; the CSV and JSON
                            // outputs carry the exact decimal.
                            match h.to_f64() {
                                Some(v) => sheet.write_number(*row, c, v).map(|_| ()),
                                None => sheet.write_string(*row, c, h.to_string()).map(|_| ()),
                            }
                        }
                        Cell::Empty => continue,
                        Cell::Span(s) => sheet
                            .write_string(*row, c, format!("{}-{}", s.from, s.to))
                            .map(|_| ()),
                    };
                    written.map_err(|e| e.to_string())?;
                }
                Ok(())
            }
        }
    }

    fn finish(self) -> Result<(), String> {
        match self {
            Output::Text(mut w) => w
                .flush()
                .map_err(|e| format!("cannot write the output: {e}")),
            Output::Xlsx {
                path, mut workbook, ..
            } => workbook
                .save(&path)
                .map_err(|e| format!("cannot write `{}`: {e}", path.display())),
        }
    }
}

#[cfg(test)]
#[expect(clippy::expect_used, reason = "tests")]
mod tests {
    use super::*;

    /// Hours in CSV fields: as rust_decimal writes them, without trailing zeros.
    #[test]
    fn hours_fields_are_written_exactly() {
        let cases = [
            ("20.5", "20.5"),
            ("-0.25", "-0.25"),
            ("0.05", "0.05"),
            ("1.001", "1.001"),
            ("7.50", "7.5"),
            ("30", "30"),
            ("0", "0"),
            ("123456789.123456789", "123456789.123456789"),
            (
                "0.0000000000000000000000000001",
                "0.0000000000000000000000000001",
            ),
            (
                "79228162514264337593543950335",
                "79228162514264337593543950335",
            ),
        ];
        for (input, expected) in cases {
            let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
            let hours: Decimal = input.parse().expect("a decimal");
            hours_field(&mut w, hours).expect("written");
            w.write_record(std::iter::empty::<&[u8]>()).expect("row");
            let text = String::from_utf8(w.into_inner().expect("flushed")).expect("utf-8");
            assert_eq!(text.trim_end(), expected, "{input}");
        }
    }
}
