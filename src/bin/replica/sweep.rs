//! `replica sweep`: a sweep's points run on every core, its figures, fingerprint and files.

use crate::cli::Output;
use replica::link::Link;
use replica::model::RunError;
use replica::sweep::{Outcome, Sweep};
use serde_json::{Map, json};
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

#[derive(clap::Args)]
pub struct Args {
    /// A link (a full URL or its fragment), with or without its sweep (sweep=name:from:to:steps).
    link: String,
    /// The parameter to vary (when the link names no sweep).
    #[arg(long, value_name = "NAME")]
    param: Option<String>,
    /// The first value of the parameter.
    #[arg(long, value_name = "X", allow_hyphen_values = true)]
    from: Option<String>,
    /// The last value of the parameter.
    #[arg(long, value_name = "X", allow_hyphen_values = true)]
    to: Option<String>,
    /// How many points, ends included.
    #[arg(long, value_name = "K")]
    steps: Option<String>,
    /// `linear` or `log`; by default the parameter's own scale.
    #[arg(long)]
    spacing: Option<String>,
    /// Threads to run the points on; by default one per core. The results do not depend on it.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    #[command(flatten)]
    output: Output,
}

pub fn run(args: &Args) -> Result<(), String> {
    let sweep = sweep_of(args)?;
    let threads = match args.threads {
        Some(0) => return Err("threads must be at least 1, got 0".to_string()),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let results = run_points(&sweep, threads);
    let outcomes: Vec<Outcome> = results.iter().map(|r| r.clone().unwrap_or_else(|_| sweep.missing())).collect();
    for ((value, _), result) in sweep.points().iter().zip(&results) {
        if let Err(e) = result {
            eprintln!("warning: at {}={value}: {e}; the point is left out", sweep.param().name);
        }
    }
    let frame = sweep.frame(&outcomes);
    let fingerprint = replica::fingerprint::Fingerprint::of(&frame);
    let link = sweep.to_string();
    let report = || {
        let observables = sweep.base().model().spec().observables;
        let named = |values: &[Option<f64>]| -> Map<String, serde_json::Value> {
            observables.iter().zip(values).map(|(o, v)| (o.id.to_string(), json!(v))).collect()
        };
        let points: Vec<serde_json::Value> = sweep
            .points()
            .iter()
            .zip(&outcomes)
            .zip(&results)
            .map(|(((value, point), outcome), result)| {
                json!({
                    "value": json!(*value),
                    "link": point.to_string(),
                    "observables": named(&outcome.values),
                    "standard_errors": named(&outcome.errors),
                    "failure": result.as_ref().err().map(ToString::to_string),
                })
            })
            .collect();
        let (from, to, steps) = sweep.range();
        json!({
            "model": sweep.base().model().spec().id,
            "link": link,
            "base": sweep.base().to_string(),
            "param": sweep.param().name,
            "from": json!(from),
            "to": json!(to),
            "steps": steps,
            "spacing": sweep.spacing(),
            "seed": sweep.base().seed(),
            "fingerprint": fingerprint.to_string(),
            "points": points,
            "figures": frame.figures,
        })
    };
    let stem = format!("{}-sweep-{fingerprint}", sweep.base().model().spec().id);
    let title = format!("{}: sweep of {}", sweep.base().model().spec().title, sweep.param().name);
    let files = || {
        let mut files = vec![
            (format!("{stem}.csv"), replica::export::csv(&title, &link, fingerprint, &frame)),
            (format!("{stem}.json"), report().to_string() + "\n"),
        ];
        files.extend(replica::export::svgs(&stem, &frame).map_err(|e| e.to_string())?);
        Ok(files)
    };
    args.output.write(&format!("{fingerprint}  {link}"), || report().to_string() + "\n", files)
}

/// The sweep named in the link, or by the flags; not both.
fn sweep_of(args: &Args) -> Result<Sweep, String> {
    let flags = [&args.param, &args.from, &args.to, &args.steps, &args.spacing];
    if flags.iter().all(|f| f.is_none()) {
        return Sweep::parse(&args.link).map_err(|e| e.to_string());
    }
    if !replica::sweep::split(&args.link).1.is_empty() {
        return Err("the link names a sweep (sweep=…), and so do the flags: give one of them".to_string());
    }
    let base = Link::parse(&args.link).map_err(|e| e.to_string())?;
    let given = [("--param", &args.param), ("--from", &args.from), ("--to", &args.to), ("--steps", &args.steps)];
    let missing: Vec<&str> = given.iter().filter(|(_, v)| v.is_none()).map(|(flag, _)| *flag).collect();
    if !missing.is_empty() {
        return Err(format!("a sweep needs --param, --from, --to and --steps; {} missing", missing.join(", ")));
    }
    let text = |f: &Option<String>| f.clone().unwrap_or_default();
    let (param, from, to, steps) = (text(&args.param), text(&args.from), text(&args.to), text(&args.steps));
    Sweep::new(base, &param, &from, &to, &steps, args.spacing.as_deref()).map_err(|e| e.to_string())
}

/// Every point run to the end on `threads` threads, each taking the next point not yet taken; the
/// results in the order of the points, so they do not depend on the threads.
fn run_points(sweep: &Sweep, threads: usize) -> Vec<Result<Outcome, RunError>> {
    let n = sweep.len();
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Result<Outcome, RunError>>> = vec![None; n];
    let show = std::io::stderr().is_terminal();
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::channel();
        for _ in 0..threads.min(n) {
            let (send, next) = (send.clone(), &next);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n || send.send((i, sweep.run_point(i))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        for (done, (i, result)) in receive.into_iter().enumerate() {
            results[i] = Some(result);
            progress(done + 1, n, show);
        }
    });
    if show {
        eprint!("\r{:40}\r", "");
    }
    results.into_iter().map(|r| r.expect("every point was run")).collect()
}

/// A bar on a terminal; elsewhere (a log, a test) a line "sweep: k/n points".
fn progress(done: usize, n: usize, terminal: bool) {
    if terminal {
        let width = 24;
        let filled = done * width / n;
        eprint!("\r[{}{}] {done}/{n} points", "#".repeat(filled), " ".repeat(width - filled));
        let _ = std::io::stderr().flush();
    } else {
        eprintln!("sweep: {done}/{n} points");
    }
}
