//! `replica`: run a page's link natively and write its data and figures.
//!
//! ```text
//! replica list
//! replica run 'perceptron?seed=7&N=500' --json
//! replica run 'http://127.0.0.1:8000/#/perceptron?N=1000&rule=online' --csv out/ --svg out/
//! replica run 'perceptron?rule=online' --out out/
//! ```
//! The fingerprint printed is the one the page shows for the same link; the files written are
//! the ones the page's Export menu gives (src/export.rs).

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use clap::{Parser, Subcommand};
    use replica::export::Export;
    use replica::link::{Link, RunResult};
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
            /// Print the run as one JSON object: model, link, params, seed, fingerprint, figures.
            #[arg(long)]
            json: bool,
            /// Write the data (every series of every figure) as one CSV file into this directory.
            #[arg(long, value_name = "DIR")]
            csv: Option<PathBuf>,
            /// Write every figure as SVG into this directory.
            #[arg(long, value_name = "DIR")]
            svg: Option<PathBuf>,
            /// Write what the page's Export menu gives (CSV, JSON, SVG of every figure, BibTeX)
            /// into this directory.
            #[arg(long, value_name = "DIR")]
            out: Option<PathBuf>,
        },
    }

    pub fn main() -> ExitCode {
        match Cli::parse().command {
            Command::List => {
                for model in replica::registry() {
                    println!("{}\t{}", model.spec().id, model.spec().title);
                }
                ExitCode::SUCCESS
            }
            Command::Run { link, json, csv, svg, out } => match run(&link, json, [csv, svg, out]) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    for line in message.lines() {
                        eprintln!("error: {line}");
                    }
                    ExitCode::from(2)
                }
            },
        }
    }

    /// Run a link; `dirs` are where to write its CSV, its SVGs and all its files.
    fn run(text: &str, json: bool, dirs: [Option<PathBuf>; 3]) -> Result<(), String> {
        let link = Link::parse(text).map_err(|e| e.to_string())?;
        for note in link.notes() {
            eprintln!("note: {note}");
        }
        let result = run_with_progress(&link)?;
        let export = Export {
            link: &link,
            frame: &result.frame,
            fingerprint: result.fingerprint,
            observables: &result.observables,
        };
        if json {
            print!("{}", export.json());
        }
        let [csv, svg, out] = dirs;
        let wanted: Vec<(PathBuf, &str)> =
            [(csv, ".csv"), (svg, ".svg"), (out, "")].into_iter().filter_map(|(d, e)| Some((d?, e))).collect();
        if !wanted.is_empty() {
            let files = export.files().map_err(|e| e.to_string())?;
            for (dir, ending) in &wanted {
                write_files(dir, files.iter().filter(|(name, _)| name.ends_with(ending)))?;
            }
        }
        if !json {
            println!("{}  {link}", result.fingerprint);
        }
        Ok(())
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

    fn write_files<'a>(dir: &Path, files: impl Iterator<Item = &'a (String, String)>) -> Result<(), String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        for (name, text) in files {
            let path = dir.join(name);
            std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
        Ok(())
    }
}
