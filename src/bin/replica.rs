//! `replica`: run a page's link natively and write its data and figures.
//!
//! ```text
//! replica list
//! replica run 'perceptron?seed=7&N=500' --json
//! replica run 'http://127.0.0.1:8000/#/perceptron?N=1000&rule=online' --csv out/ --svg out/
//! replica sweep 'perceptron?seed=7&N=500' --param alpha_max --from 0.5 --to 20 --steps 11 --csv out/
//! ```
//! The fingerprint printed is the one the page shows for the same link.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
#[path = "replica/sweep.rs"]
mod sweep;

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use crate::sweep;
    use clap::{Parser, Subcommand};
    use replica::fingerprint::Fingerprint;
    use replica::link::{Link, RunResult, SCHEMA_VERSION};
    use replica::model::{Figure, Value};
    use serde_json::{Map, json};
    use std::io::{IsTerminal, Write};
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    #[derive(Parser)]
    #[command(name = "replica", version, about = "Runnable models from the statistical physics of learning")]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Print every model: its id and title.
        List,
        /// Run a link (a full URL, or its fragment such as 'perceptron?seed=7&N=500') to the end.
        Run {
            link: String,
            #[command(flatten)]
            output: Output,
        },
        /// Run a link at every point of a range of one parameter, on every core, and plot what the
        /// runs report at their end against it. The link may name the sweep itself (sweep=name:from:to:steps).
        Sweep(sweep::Args),
    }

    /// What is written besides the fingerprint.
    #[derive(clap::Args)]
    pub(crate) struct Output {
        /// Print everything as one JSON object: the link, parameters, seed, fingerprint, figures.
        #[arg(long)]
        pub json: bool,
        /// Write every series as CSV into this directory.
        #[arg(long, value_name = "DIR")]
        pub csv: Option<PathBuf>,
        /// Write every figure as SVG into this directory.
        #[arg(long, value_name = "DIR")]
        pub svg: Option<PathBuf>,
    }

    pub fn main() -> ExitCode {
        match Cli::parse().command {
            Command::List => {
                for model in replica::registry() {
                    println!("{}\t{}", model.spec().id, model.spec().title);
                }
                ExitCode::SUCCESS
            }
            Command::Run { link, output } => exit(run(&link, &output)),
            Command::Sweep(args) => exit(sweep::run(&args)),
        }
    }

    /// Success, or status 2 with every line of the message on stderr.
    fn exit(result: Result<(), String>) -> ExitCode {
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                for line in message.lines() {
                    eprintln!("error: {line}");
                }
                ExitCode::from(2)
            }
        }
    }

    fn run(text: &str, output: &Output) -> Result<(), String> {
        let link = Link::parse(text).map_err(|e| e.to_string())?;
        let result = run_with_progress(&link)?;
        output.write(&link.to_string(), result.fingerprint, &result.frame.figures, || report(&link, &result))
    }

    impl Output {
        /// The JSON report (made only when asked for), the CSV and SVG files, or the fingerprint and link.
        pub(crate) fn write(
            &self,
            link: &str,
            fingerprint: Fingerprint,
            figures: &[Figure],
            report: impl FnOnce() -> serde_json::Value,
        ) -> Result<(), String> {
            if self.json {
                println!("{}", serde_json::to_string(&report()).map_err(|e| e.to_string())?);
            }
            if let Some(dir) = &self.csv {
                write_files(dir, figures, "csv", |f| Ok(csv_of(link, fingerprint, f)))?;
            }
            if let Some(dir) = &self.svg {
                write_files(dir, figures, "svg", |f| {
                    let svg = replica::plot::svg(f, 800, 520).map_err(|e| e.to_string())?;
                    Ok(vec![(f.id.clone(), svg)])
                })?;
            }
            if !self.json {
                println!("{fingerprint}  {link}");
            }
            Ok(())
        }
    }

    /// Run to the end, showing the percentage done when stderr is a terminal.
    fn run_with_progress(link: &Link) -> Result<RunResult, String> {
        let show = std::io::stderr().is_terminal();
        let result = link
            .run_with_progress(
                |total| total / 200,
                |done| {
                    if show {
                        eprint!("\r{:5.1}%", 100.0 * done);
                        let _ = std::io::stderr().flush();
                    }
                },
            )
            .map_err(|e| e.to_string());
        if show {
            eprint!("\r       \r");
        }
        result
    }

    /// A parameter's value as JSON: a number, a string or a boolean.
    pub(crate) fn json_value(value: Value) -> serde_json::Value {
        match value {
            Value::Int(i) => json!(i),
            Value::Float(x) => json!(x),
            Value::Choice(c) => json!(c),
            Value::Bool(b) => json!(b),
        }
    }

    fn report(link: &Link, result: &RunResult) -> serde_json::Value {
        let params: Map<String, serde_json::Value> =
            link.params().iter().map(|(name, value)| (name.to_string(), json_value(value))).collect();
        let spec = link.model().spec();
        let observables: Map<String, serde_json::Value> =
            spec.observables.iter().zip(&result.observables).map(|(o, v)| (o.id.to_string(), json!(v))).collect();
        json!({
            "model": spec.id,
            "version": SCHEMA_VERSION,
            "link": link.to_string(),
            "seed": link.seed(),
            "params": params,
            "fingerprint": result.fingerprint.to_string(),
            "observables": observables,
            "figures": result.frame.figures,
        })
    }

    /// One file per series (CSV) or per figure (SVG), named after the figure and the series.
    fn write_files(
        dir: &Path,
        figures: &[Figure],
        ext: &str,
        content: impl Fn(&Figure) -> Result<Vec<(String, String)>, String>,
    ) -> Result<(), String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        for figure in figures {
            for (name, text) in content(figure)? {
                let path = dir.join(format!("{name}.{ext}"));
                std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                eprintln!("wrote {}", path.display());
            }
        }
        Ok(())
    }

    fn csv_of(link: &str, fingerprint: Fingerprint, figure: &Figure) -> Vec<(String, String)> {
        figure
            .series
            .iter()
            .map(|s| {
                let mut text = format!(
                    "# {} ({}): {}\n# link: {link}\n# fingerprint: {}\n# replica {}\n",
                    figure.title,
                    figure.subtitle,
                    s.label,
                    fingerprint,
                    env!("CARGO_PKG_VERSION")
                );
                let header = [figure.x.title(), figure.y.title()].map(|t| format!("\"{}\"", t.replace('"', "'")));
                text += &header.join(",");
                text += if s.y_err.is_some() { ",\"standard error\"\n" } else { "\n" };
                for (i, (x, y)) in s.x.iter().zip(&s.y).enumerate() {
                    match &s.y_err {
                        Some(e) => text += &format!("{x},{y},{}\n", e[i]),
                        None => text += &format!("{x},{y}\n"),
                    }
                }
                (format!("{}-{}", figure.id, slug(&s.label)), text)
            })
            .collect()
    }

    /// A file-name-safe form of a label.
    fn slug(label: &str) -> String {
        let mut out = String::new();
        for c in label.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.ends_with('-') {
                out.push('-');
            }
        }
        out.trim_matches('-').to_string()
    }
}
