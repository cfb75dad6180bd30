//! The benches' command line: which benchmarks criterion will run, so that a bench builds only
//! the workloads those need. Criterion's filter is a regular expression on `group/function`;
//! this approximates it (a filter with regex syntax selects everything), and honours `--exact`
//! and `--list`. Shared by `benches/evaluate.rs` and `benches/adversarial.rs`.

pub struct Args {
    pub filter: Option<String>,
    pub exact: bool,
    /// `cargo bench` (not `cargo test --benches` or `--test`).
    pub measuring: bool,
    pub list: bool,
}

impl Args {
    pub fn parse() -> Args {
        const WITH_VALUE: [&str; 20] = [
            "-c",
            "--color",
            "--colour",
            "-s",
            "--save-baseline",
            "-b",
            "--baseline",
            "--baseline-lenient",
            "--format",
            "--profile-time",
            "--load-baseline",
            "--sample-size",
            "--warm-up-time",
            "--measurement-time",
            "--nresamples",
            "--noise-threshold",
            "--confidence-level",
            "--significance-level",
            "--plotting-backend",
            "--output-format",
        ];
        let (mut filter, mut exact, mut bench, mut test, mut list) =
            (None, false, false, false, false);
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--bench" => bench = true,
                "--test" => test = true,
                "--list" => list = true,
                "--exact" => exact = true,
                a if WITH_VALUE.contains(&a) => {
                    args.next();
                }
                a if a.starts_with('-') => {}
                _ if filter.is_none() => filter = Some(arg),
                _ => {}
            }
        }
        Args {
            filter,
            exact,
            measuring: bench && !test && !list,
            list,
        }
    }

    /// Whether criterion may run the benchmark `id` (`group/function`).
    pub fn selects(&self, id: &str) -> bool {
        match &self.filter {
            None => true,
            Some(f) if self.exact => f == id,
            Some(f) => {
                f.contains(|c: char| "\\.^$*+?()[]{}|".contains(c)) || id.contains(f.as_str())
            }
        }
    }

    #[allow(
        dead_code,
        reason = "the evaluate bench's ratio report; the adversarial bench has none"
    )]
    pub fn ratios(&self) -> bool {
        !self.list
            && match &self.filter {
                None => true,
                Some(f) => f == "ratios" || (!self.exact && "ratios".contains(f.as_str())),
            }
    }
}
