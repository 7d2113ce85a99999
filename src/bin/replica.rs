//! `replica`: run a page's link natively and write its data and figures.
//!
//! ```text
//! replica list
//! replica run 'perceptron?seed=7&N=500' --json
//! replica run 'http://127.0.0.1:8000/#/perceptron?N=1000&rule=online' --csv out/ --svg out/
//! replica run 'perceptron?rule=online' --out out/
//! replica sweep 'perceptron?seed=7&N=500' --param alpha_max --from 0.5 --to 20 --steps 11 --csv out/
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
#[path = "replica/sweep.rs"]
mod sweep;

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use crate::sweep;
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
            #[command(flatten)]
            output: Output,
        },
        /// Run a link at every point of a range of one parameter, on every core, and plot what the
        /// runs report at their end against it. The link may name the sweep itself (sweep=name:from:to:steps).
        Sweep(sweep::Args),
        /// Write the site's catalogue into DIR: catalog.json (every family and its models' specs)
        /// and thumbs/<model>.svg; print the families' ids, one per line (what `cargo xtask build`
        /// builds a wasm module for).
        #[command(hide = true)]
        Catalog { dir: PathBuf },
    }

    /// What is written besides the fingerprint.
    #[derive(clap::Args)]
    pub(crate) struct Output {
        /// Print everything as one JSON object: the link, parameters, seed, fingerprint, figures.
        #[arg(long)]
        pub json: bool,
        /// Write the data (every series of every figure) as one CSV file into this directory.
        #[arg(long, value_name = "DIR")]
        pub csv: Option<PathBuf>,
        /// Write every figure as SVG into this directory.
        #[arg(long, value_name = "DIR")]
        pub svg: Option<PathBuf>,
        /// Write what the page's Export menu gives (CSV, JSON, every figure as SVG, and for a run
        /// the papers as BibTeX) into this directory.
        #[arg(long, value_name = "DIR")]
        pub out: Option<PathBuf>,
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
            Command::Catalog { dir } => exit(catalog(&dir)),
        }
    }

    fn catalog(dir: &Path) -> Result<(), String> {
        let thumbs = dir.join("thumbs");
        std::fs::create_dir_all(&thumbs).map_err(|e| format!("cannot create {}: {e}", thumbs.display()))?;
        let write = |path: PathBuf, text: String| {
            std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
        };
        write(dir.join("catalog.json"), replica::catalog::json())?;
        for model in replica::registry() {
            let id = model.spec().id;
            write(thumbs.join(format!("{id}.svg")), replica::catalog::thumbnail(id)?)?;
        }
        for family in replica::FAMILIES {
            println!("{}", family.id);
        }
        Ok(())
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
        output.write(
            &format!("{}  {link}", result.fingerprint),
            || export.json(),
            || export.files().map_err(|e| e.to_string()),
        )
    }

    impl Output {
        /// The JSON (made only when asked for) on stdout, or else the fingerprint line; and the
        /// files (made only when a directory is given) into their directories.
        pub(crate) fn write(
            &self,
            fingerprint_line: &str,
            json: impl FnOnce() -> String,
            files: impl FnOnce() -> Result<Vec<(String, String)>, String>,
        ) -> Result<(), String> {
            if self.json {
                print!("{}", json());
            }
            let wanted: Vec<(&PathBuf, &str)> = [(&self.csv, ".csv"), (&self.svg, ".svg"), (&self.out, "")]
                .into_iter()
                .filter_map(|(d, e)| Some((d.as_ref()?, e)))
                .collect();
            if !wanted.is_empty() {
                let files = files()?;
                for (dir, ending) in wanted {
                    write_files(dir, files.iter().filter(|(name, _)| name.ends_with(ending)))?;
                }
            }
            if !self.json {
                println!("{fingerprint_line}");
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
