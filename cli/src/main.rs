//! `cehours`: continuing-education credit hours (学时) under Hunan's 湘人社办函〔2024〕21号, from
//! the command line. See `cehours --help` and `cli/README.md`.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use cehours::{
    Application, Certificate, Evaluator, Holder, Kind, Policy, PolicyError, PolicyFile, Record,
    Registry, Span,
};
use cehours_cli::Lang;
use cehours_cli::screen::{self, Input, InputFormat, Options, OutputFormat, Policies, Sink};
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

/// Exit status when an input was refused (a record, a row, a policy with problems).
const REFUSED: u8 = 1;
/// Exit status for a usage error or a file that cannot be read or written.
const USAGE: u8 = 2;

#[derive(Parser)]
#[command(
    name = "cehours",
    version,
    about = "Continuing-education credit hours (学时) under 湘人社办函〔2024〕21号",
    long_about = "Continuing-education credit hours (学时) under Hunan's notice 湘人社办函〔2024〕21号: \
evaluate one record, screen many (JSON Lines, CSV, XLSX) on every core, print what each activity \
must prove, check and compare policies, and print a 学时认定单.\n\n\
Exit status: 0 when everything was done; 1 when an input was refused (a record, a row, a policy \
with problems); 2 for a usage error or a file that cannot be read or written.",
    after_help = "Examples:\n  \
cehours evaluate record.json\n  \
cehours screen records.jsonl -o result.csv\n  \
cehours screen staff.xlsx --format xlsx -o result.xlsx --lang en\n  \
cehours checklist training\n  \
cehours policy check my-policy.json\n  \
cehours certificate application.json --html > 认定单.html"
)]
struct Cli {
    /// A policy file (JSON: complete, or an overlay with "extends"), used instead of the
    /// built-in policy a record names.
    #[arg(long, global = true, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Language of headings, verdicts and messages written by the command.
    #[arg(long, global = true, value_enum, default_value_t = Lang::Zh)]
    lang: Lang,
    /// Worker threads for `screen` (default: every core).
    #[arg(long, short = 'j', global = true, value_name = "N")]
    jobs: Option<usize>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// One record → its report.
    #[command(after_help = "Examples:\n  \
cehours evaluate examples/records/sample.json\n  \
cat record.json | cehours evaluate -\n  \
cehours evaluate --format table record.json\n  \
cehours evaluate --policy examples/policies/online-45-minutes.json record.json\n\n\
The report is the library's JSON (see docs and WIRE shape); a refused record prints one \
message naming the place and exits with status 1.")]
    Evaluate {
        /// The record (JSON), or `-` for standard input.
        file: String,
        /// `json` (the report as the library writes it) or `table` (years, verdict, findings).
        #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
        format: ReportFormat,
    },
    /// Many records → one row per person, on every core.
    #[command(
        long_about = "Many records → one row per person: per year public, professional and total \
hours, waived, passed, what each minimum lacks, and the verdict.\n\n\
Inputs (by extension, or --input-format): JSON Lines (one record of the JSON contract per line; \
the person is FILE:LINE), CSV or XLSX (first sheet) of evidence rows, one row per evidence item \
with a header row and a person column; a person's rows must be together (a sheet sorted by \
person). `-` reads JSON Lines (or CSV with --input-format csv) from standard input.\n\n\
A bad record or row is reported on standard error with its line or row number (the person \
is refused, shown with verdict `refused` and the error) and the batch goes on. A summary \
follows on standard error. Exit status 1 when anything was refused, 2 when an input cannot \
be read or the output cannot be written.",
        after_help = screen_help()
    )]
    Screen {
        /// Input files (`-` for standard input).
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<String>,
        /// Output file (default standard output; required for xlsx).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
        /// Output format (default: from the output's extension, else csv).
        #[arg(long, value_enum)]
        format: Option<OutputFormat>,
        /// Input format for every input (default: from each extension; `-` is jsonl).
        #[arg(long, value_enum)]
        input_format: Option<InputFormat>,
        /// Years shown as columns, `FROM-TO` (default: the policy's review span).
        #[arg(long, value_name = "FROM-TO")]
        years: Option<String>,
        /// No progress bar, no summary, no per-record messages.
        #[arg(long, short = 'q')]
        quiet: bool,
    },
    /// What each activity must prove (the documents to upload).
    #[command(after_help = "Examples:\n  \
cehours checklist                 # every kind\n  \
cehours checklist training paper  # some kinds\n\n\
Kinds are written as in the JSON contract: training, practice, conference, overseas_exchange, \
online_course, platform_training, research_project, book, paper, patent, award, skills_exam, \
degree_course, qualification_exam, assignment, prior_certificate.")]
    Checklist {
        /// Kinds (default: every kind).
        kinds: Vec<String>,
    },
    /// Print, check or compare policies.
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// The 学时认定单 from approved applications.
    #[command(after_help = "Examples:\n  \
cehours certificate app-2019.json app-2020.json\n  \
cehours certificate apps.json --span 2019-2023 --issued 2024-06-13 --html > 认定单.html\n  \
cehours certificate apps.json --prior earlier-certificate.json --json\n\n\
Each file holds one application (as the library stores it) or an array of them. The holder \
is the applicant of the first application; only approved declarations of the holder count.")]
    Certificate {
        /// Application files (JSON: one application or an array).
        #[arg(required = true, value_name = "APPLICATION")]
        applications: Vec<PathBuf>,
        /// Earlier certificates (JSON), standing for the years they certify.
        #[arg(long, value_name = "FILE")]
        prior: Vec<PathBuf>,
        /// Years certified, `FROM-TO` (default: the declarations' years).
        #[arg(long, value_name = "FROM-TO")]
        span: Option<String>,
        /// Date of issue, `YYYY-MM-DD` (default: today, UTC).
        #[arg(long, value_name = "DATE")]
        issued: Option<String>,
        /// A printable HTML page instead of text.
        #[arg(long, conflicts_with = "json")]
        html: bool,
        /// The certificate as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum PolicyCommand {
    /// A policy as JSON: the built-in one named (default hunan-2024), or `--policy FILE` loaded.
    #[command(after_help = "Examples:\n  \
cehours policy print > hunan-2024.json\n  \
cehours policy print --policy overlay.json   # the overlay merged onto its base")]
    Print {
        /// A built-in policy's ID.
        id: Option<String>,
    },
    /// Check policy files: every problem, by path; exit status 1 when any has one.
    #[command(after_help = "Examples:\n  \
cehours policy check my-policy.json\n  \
cehours policy check a.json b.json")]
    Check {
        /// Policy files (JSON).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// What changes for a record between two policies (what-if).
    #[command(after_help = "Examples:\n  \
cehours policy diff examples/records/sample.json examples/policies/public-surplus.json\n  \
cehours policy diff record.json new.json --policy old.json --format json\n\n\
The first policy is `--policy FILE` or the built-in one the record names.")]
    Diff {
        /// The record (JSON).
        record: PathBuf,
        /// The second policy (JSON).
        after: PathBuf,
        /// `text` or `json`.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Json,
    Table,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    Text,
    Json,
}

fn screen_help() -> String {
    format!(
        "Examples:\n  \
cehours screen records.jsonl > result.csv\n  \
cehours screen 2023/*.jsonl --format jsonl -o result.jsonl --jobs 2\n  \
cehours screen 长沙.xlsx 株洲.csv -o 结果.xlsx\n  \
cehours screen staff.csv --lang en --years 2019-2023 -o result.csv\n\n\
Spreadsheet columns (header: the JSON contract's name, or a Chinese name):\n{}\n\
Cells: empty = absent; kinds also by Chinese name (培训, 论文, 网络课程 …); subject 公需/专业; \
yes/no as 是/否, true/false, 1/0; dates YYYY-MM-DD (or Excel dates); `years` as \
2019:30:60;2020:30:60; `documents` as type[:file[:bytes]] separated by `;`.\n\n\
Output columns: person, source, policy, span, verdict, error, then per year: public, \
professional, total, waived, passed, short public, short professional, short total \
(Chinese headings with --lang zh).",
        cehours_cli::columns::header_table()
    )
}

/// An error that ends the command, with its exit status.
struct Fail(u8, anyhow::Error);

impl<E: Into<anyhow::Error>> From<E> for Fail {
    fn from(e: E) -> Self {
        Fail(USAGE, e.into())
    }
}

/// Ends the command with a usage error.
macro_rules! usage {
    ($($arg:tt)*) => {
        return Err(Fail(USAGE, anyhow::anyhow!($($arg)*)))
    };
}

fn refused(e: impl Into<anyhow::Error>) -> Fail {
    Fail(REFUSED, e.into())
}

fn read(path: &str) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    if path == "-" {
        std::io::stdin()
            .read_to_end(&mut buf)
            .context("cannot read standard input")?;
    } else {
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_end(&mut buf))
            .with_context(|| format!("cannot read `{path}`"))?;
    }
    Ok(buf)
}

/// The jurisdiction files shipped in the repository's `policies/` (data, no code each), beside
/// the built-in hunan-2024: records may name them (`"policy": "ningxia-2022"`), and
/// `policy print` prints them.
const BUNDLED: [&str; 4] = [
    include_str!("../../policies/national-2015.json"),
    include_str!("../../policies/accounting-2018.json"),
    include_str!("../../policies/suqian.json"),
    include_str!("../../policies/ningxia-2022.json"),
];

/// The built-in policy and the bundled jurisdiction files.
fn bundled() -> Registry {
    let mut registry = Registry::builtin();
    for text in BUNDLED {
        // Each file is checked by the library's tests (tests/jurisdictions.rs).
        if let Ok(policy) = serde_json::from_str::<Policy>(text) {
            let _ = registry.insert(policy);
        }
    }
    registry
}

fn load_policy(registry: &Registry, path: &std::path::Path) -> Result<Policy, Fail> {
    let bytes = read(&path.to_string_lossy())?;
    let file: PolicyFile = serde_json::from_slice(&bytes)
        .map_err(|e| anyhow::anyhow!("policy file `{}` refused: {e}", path.display()))?;
    Ok(registry
        .load(&file)
        .map_err(|e| anyhow::anyhow!("policy file `{}`: {e}", path.display()))?)
}

fn write_out(text: &str) -> Result<(), Fail> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe is not our failure: the output was produced.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Fail(USAGE, anyhow::anyhow!("cannot write the output: {e}"))),
    }
}

fn parse_span(text: &str) -> Result<Span> {
    let (from, to) = text
        .split_once(['-', '–'])
        .with_context(|| format!("`{text}` is not FROM-TO"))?;
    let year = |t: &str| {
        t.trim()
            .parse::<i32>()
            .with_context(|| format!("`{t}` is not a year"))
    };
    Ok(Span::new(year(from)?, year(to)?)?)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(Fail(code, e)) => {
            eprintln!("error: {e:#}");
            ExitCode::from(code)
        }
    }
}

fn run(cli: Cli) -> Result<u8, Fail> {
    let registry = bundled();
    let custom = cli
        .policy
        .as_deref()
        .map(|p| load_policy(&registry, p))
        .transpose()?;
    match cli.command {
        Command::Evaluate { file, format } => {
            let bytes = read(&file)?;
            let text = String::from_utf8(bytes)
                .map_err(|_| refused(anyhow::anyhow!("record refused: not UTF-8")))?;
            let max_items = custom
                .as_ref()
                .map_or(cehours::MAX_ITEMS, |p| p.limits.max_items);
            let record = screen::parse_record(&text, max_items)
                .map_err(|e| refused(anyhow::anyhow!("record refused: {e}")))?;
            let report = match &custom {
                Some(policy) => Evaluator::new(policy).evaluate(&record),
                None => registry.evaluate(&record),
            }
            .map_err(|e| refused(anyhow::anyhow!("record refused: {e}")))?;
            let text = match format {
                ReportFormat::Json => serde_json::to_string_pretty(&report)? + "\n",
                ReportFormat::Table => {
                    let mut t = format!("{}\n", report.table());
                    if !report.findings.is_empty() {
                        t.push_str(match cli.lang {
                            Lang::Zh => "\n发现:\n",
                            Lang::En => "\nFindings:\n",
                        });
                        for f in &report.findings {
                            t.push_str(&format!(
                                "  [{}] {} {} ({}): {}\n",
                                f.severity(),
                                f.evidence,
                                f.code,
                                f.rule,
                                f.message()
                            ));
                        }
                    }
                    t
                }
            };
            write_out(&text)?;
            Ok(0)
        }
        Command::Screen {
            inputs,
            output,
            format,
            input_format,
            years,
            quiet,
        } => {
            let format = format.unwrap_or_else(|| {
                match output
                    .as_ref()
                    .and_then(|p| p.extension())
                    .and_then(|e| e.to_str())
                    .map(str::to_ascii_lowercase)
                    .as_deref()
                {
                    Some("xlsx") => OutputFormat::Xlsx,
                    Some("jsonl" | "ndjson" | "json") => OutputFormat::Jsonl,
                    _ => OutputFormat::Csv,
                }
            });
            let years = match years {
                Some(text) => Some(parse_span(&text)?),
                None => match &custom {
                    Some(p) => p.default_span(),
                    None => registry
                        .get(cehours::DEFAULT_POLICY)
                        .ok()
                        .and_then(Policy::default_span),
                },
            };
            let mut opened = Vec::with_capacity(inputs.len());
            for name in &inputs {
                opened.push(
                    Input::open(name, input_format)
                        .with_context(|| format!("cannot open `{name}`"))?,
                );
            }
            if opened.iter().filter(|i| i.name == "-").count() > 1 {
                usage!("standard input (`-`) can be read only once");
            }
            let sink = match (format, &output) {
                (OutputFormat::Xlsx, Some(path)) => Sink::Xlsx(path.clone()),
                (OutputFormat::Xlsx, None) => {
                    usage!("an XLSX output needs a file: give --output FILE.xlsx")
                }
                (_, Some(path)) => Sink::Text(Box::new(std::io::BufWriter::new(
                    std::fs::File::create(path)
                        .with_context(|| format!("cannot create `{}`", path.display()))?,
                ))),
                (_, None) => Sink::Text(Box::new(std::io::BufWriter::new(std::io::stdout()))),
            };
            let jobs = cli.jobs.unwrap_or_else(|| {
                std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
            });
            if jobs == 0 {
                usage!("--jobs must be at least 1");
            }
            let options = Options {
                format,
                years,
                lang: cli.lang,
                jobs,
                progress: !quiet && std::io::stderr().is_terminal(),
                report_errors: !quiet,
            };
            let policies = Policies { registry, custom };
            let started = Instant::now();
            let (summary, result) = screen::run(opened, &policies, &options, sink);
            if !quiet {
                let micros = started.elapsed().as_micros().max(1);
                let rate = u128::from(summary.records).saturating_mul(1_000_000) / micros;
                let secs = format!("{}.{:03}", micros / 1_000_000, micros % 1_000_000 / 1000);
                eprintln!(
                    "{}",
                    match cli.lang {
                        Lang::En => format!(
                            "records {}, passed {}, failed {}, refused {}, {secs} s, {rate} records/s",
                            summary.records, summary.passed, summary.failed, summary.refused
                        ),
                        Lang::Zh => format!(
                            "记录 {}，合格 {}，不合格 {}，不予受理 {}，用时 {secs} 秒，每秒 {rate} 条",
                            summary.records, summary.passed, summary.failed, summary.refused
                        ),
                    }
                );
            }
            if let Err(e) = result {
                return Err(Fail(USAGE, anyhow::anyhow!(e)));
            }
            Ok(if summary.refused > 0 { REFUSED } else { 0 })
        }
        Command::Checklist { kinds } => {
            let mut chosen = Vec::new();
            for k in &kinds {
                match Kind::parse(k) {
                    Some(kind) => chosen.push(kind),
                    None => {
                        let known: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                        usage!(
                            "unknown kind `{}`; known kinds: {}",
                            k.escape_debug(),
                            known.join(", ")
                        );
                    }
                }
            }
            if chosen.is_empty() {
                chosen = Kind::ALL.to_vec();
            }
            let builtin;
            let policy = match &custom {
                Some(p) => p,
                None => {
                    builtin = Policy::hunan_2024();
                    &builtin
                }
            };
            let mut text = String::new();
            for kind in chosen {
                text.push_str(&cehours::checklist(kind, policy));
                text.push('\n');
            }
            if let Some(materials) = &policy.materials {
                text.push_str(&materials.uploads.to_string());
                text.push('\n');
            }
            write_out(&text)?;
            Ok(0)
        }
        Command::Policy(PolicyCommand::Print { id }) => {
            let policy = match (&custom, &id) {
                (Some(_), Some(_)) => usage!("give a policy ID or --policy FILE, not both"),
                (Some(p), None) => p,
                (None, id) => registry.get(id.as_deref().unwrap_or(cehours::DEFAULT_POLICY))?,
            };
            write_out(&(serde_json::to_string_pretty(policy)? + "\n"))?;
            Ok(0)
        }
        Command::Policy(PolicyCommand::Check { files }) => {
            let mut code = 0;
            let mut text = String::new();
            for path in &files {
                let bytes = read(&path.to_string_lossy())?;
                let shown = path.display();
                let result = serde_json::from_slice::<PolicyFile>(&bytes)
                    .map_err(|e| PolicyError::Unreadable {
                        reason: e.to_string(),
                    })
                    .and_then(|file| registry.load(&file));
                match result {
                    Ok(policy) => text.push_str(&match cli.lang {
                        Lang::Zh => format!("{shown}: 通过 ({})\n", policy.id),
                        Lang::En => format!("{shown}: ok ({})\n", policy.id),
                    }),
                    Err(PolicyError::Invalid { problems, .. }) => {
                        code = REFUSED;
                        for p in problems {
                            text.push_str(&format!("{shown}: {p}\n"));
                        }
                    }
                    Err(e) => {
                        code = REFUSED;
                        text.push_str(&format!("{shown}: {e}\n"));
                    }
                }
            }
            write_out(&text)?;
            Ok(code)
        }
        Command::Policy(PolicyCommand::Diff {
            record,
            after,
            format,
        }) => {
            let bytes = read(&record.to_string_lossy())?;
            let record: Record = serde_json::from_slice(&bytes)
                .map_err(|e| refused(anyhow::anyhow!("record refused: {e}")))?;
            let after = load_policy(&registry, &after)?;
            let before = match &custom {
                Some(p) => p,
                None => registry
                    .for_record(&record)
                    .map_err(|e| refused(anyhow::anyhow!("record refused: {e}")))?,
            };
            let diff = cehours::whatif(&record, before, &after)
                .map_err(|e| refused(anyhow::anyhow!("record refused: {e}")))?;
            let text = match format {
                DiffFormat::Text => format!("{diff}\n"),
                DiffFormat::Json => serde_json::to_string_pretty(&diff)? + "\n",
            };
            write_out(&text)?;
            Ok(0)
        }
        Command::Certificate {
            applications,
            prior,
            span,
            issued,
            html,
            json,
        } => {
            let mut apps: Vec<Application> = Vec::new();
            for path in &applications {
                let bytes = read(&path.to_string_lossy())?;
                let is_array = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
                let parsed = if is_array {
                    serde_json::from_slice::<Vec<Application>>(&bytes)
                } else {
                    serde_json::from_slice::<Application>(&bytes).map(|a| vec![a])
                };
                apps.extend(
                    parsed.map_err(|e| {
                        refused(anyhow::anyhow!("`{}` refused: {e}", path.display()))
                    })?,
                );
            }
            let mut priors: Vec<Certificate> = Vec::new();
            for path in &prior {
                let bytes = read(&path.to_string_lossy())?;
                priors.push(
                    serde_json::from_slice(&bytes).map_err(|e| {
                        refused(anyhow::anyhow!("`{}` refused: {e}", path.display()))
                    })?,
                );
            }
            let Some(first) = apps.first() else {
                usage!("no application given");
            };
            let applicant = &first.declaration().applicant;
            let holder = Holder::new(applicant.id_number.clone(), applicant.name.clone());
            let span = match span {
                Some(text) => parse_span(&text)?,
                None => {
                    let years = apps.iter().map(|a| a.declaration().year);
                    let (from, to) = (years.clone().min(), years.max());
                    match (from, to) {
                        (Some(from), Some(to)) => Span::new(from, to)?,
                        _ => usage!("no application given"),
                    }
                }
            };
            let issued = match issued {
                Some(text) => cehours::wire::parse_date(&text).map_err(anyhow::Error::msg)?,
                None => today()?,
            };
            let policy = match &custom {
                Some(p) => p,
                None => registry.get(cehours::DEFAULT_POLICY)?,
            };
            let certificate = Certificate::issue(&holder, span, &apps, &priors, policy, issued)
                .map_err(|e| refused(anyhow::anyhow!("certificate refused: {e}")))?;
            let text = if html {
                cehours_cli::html::page(&certificate)
            } else if json {
                serde_json::to_string_pretty(&certificate)? + "\n"
            } else {
                format!("{certificate}\n")
            };
            write_out(&text)?;
            Ok(0)
        }
    }
}

/// Today's date (UTC) from the system clock.
fn today() -> Result<NaiveDate> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .context("the system clock is before 1970")?
        .as_secs();
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).context("no epoch")?;
    epoch
        .checked_add_days(chrono::Days::new(secs / 86_400))
        .context("the system clock is out of range")
}
