//! `test`: every suite, in order, stopping at the first failure.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::serve::Server;
use crate::site;
use crate::toolchain::{self, CHROMEDRIVER, CHROMIUM, Tools, WASM_TARGET};
use crate::{Result, cargo, heading, run};

/// The steps, by the name `--from` takes and the title they are shown with.
const STEPS: [(&str, &str); 7] = [
    ("setup", "set-up: wasm32 target, wasm-bindgen-cli, Chromium, npm packages"),
    ("fmt", "formatting: cargo fmt --check"),
    ("clippy", "lints: cargo clippy (native and wasm32)"),
    ("native", "native tests: cargo test --workspace --release"),
    ("wasm", "wasm tests in headless Chromium: cargo test --target wasm32-unknown-unknown --test web"),
    ("site", "site build and size budget"),
    ("e2e", "browser tests: node --test tests/e2e/"),
];

/// Where the browser tests find the site: a folder of another site, as when it is copied into one.
const E2E_BASE: &str = "/assets/replica/";

/// Seconds wasm-bindgen-test-runner waits for a whole test file to finish in the browser (its default is 20).
const WASM_TEST_TIMEOUT: &str = "120";

enum Outcome {
    Passed(Duration),
    Failed(Duration),
    Skipped,
}

/// `test [--from <step>]`: the set-up always runs; `--from` skips the steps before the one named.
pub fn command(root: &Path, args: &[String]) -> Result {
    let from = match args {
        [] => 0,
        [flag, step] if flag == "--from" => STEPS.iter().position(|(name, _)| name == step).ok_or_else(|| {
            let names: Vec<&str> = STEPS.iter().map(|(name, _)| *name).collect();
            format!("unknown step `{step}`: the steps are {}", names.join(", "))
        })?,
        _ => return Err("usage: cargo xtask test [--from <step>]".to_string()),
    };
    let mut tools = None;
    let mut outcomes = Vec::new();
    for (index, (name, title)) in STEPS.iter().enumerate() {
        if index != 0 && index < from {
            outcomes.push(Outcome::Skipped);
            continue;
        }
        heading(&format!("[{}/{}] {title}", index + 1, STEPS.len()));
        let start = Instant::now();
        let result = match *name {
            "setup" => setup(root).map(|found| tools = Some(found)),
            "fmt" => run(cargo(root).args(["fmt", "--all", "--", "--check"])),
            "clippy" => clippy(root),
            "native" => run(cargo(root).args(["test", "--workspace", "--profile", crate::NATIVE_PROFILE])),
            "wasm" => wasm_tests(root, tools.as_ref().expect("the set-up ran")),
            "site" => site::build_and_check(root, tools.as_ref().expect("the set-up ran")),
            "e2e" => browser_tests(root),
            _ => unreachable!("every step has a body"),
        };
        let elapsed = start.elapsed();
        println!("--- {name}: {} in {}", if result.is_ok() { "ok" } else { "FAILED" }, seconds(elapsed));
        outcomes.push(if result.is_ok() { Outcome::Passed(elapsed) } else { Outcome::Failed(elapsed) });
        if let Err(message) = result {
            summary(&outcomes);
            return Err(format!("step `{name}` failed: {message}"));
        }
    }
    summary(&outcomes);
    Ok(())
}

fn setup(root: &Path) -> Result<Tools> {
    let tools = toolchain::all(root)?;
    if !root.join("webdriver.json").is_file() {
        return Err("webdriver.json is missing at the repository root (wasm-bindgen-test-runner reads it)".to_string());
    }
    tools.print();
    Ok(tools)
}

fn clippy(root: &Path) -> Result {
    run(cargo(root).args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))?;
    run(cargo(root).args(["clippy", "--lib", "--target", WASM_TARGET, "--", "-D", "warnings"]))
}

/// tests/web.rs in headless Chromium, driven by ChromeDriver through wasm-bindgen-test-runner.
fn wasm_tests(root: &Path, tools: &Tools) -> Result {
    let mut command = cargo(root);
    command
        .args(["test", "--profile", crate::NATIVE_PROFILE, "--target", WASM_TARGET, "--test", "web"])
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", tools.test_runner())
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", root.join("webdriver.json"));
    if std::env::var_os("WASM_BINDGEN_TEST_TIMEOUT").is_none() {
        command.env("WASM_BINDGEN_TEST_TIMEOUT", WASM_TEST_TIMEOUT);
    }
    run(&mut command)
}

fn browser_tests(root: &Path) -> Result {
    let files = test_files(root, Path::new("tests/e2e"))?;
    if files.is_empty() {
        return Err("tests/e2e has no *.test.mjs file".to_string());
    }
    build_cli(root)?;
    // The tests see the site as a lab website would serve it: the dist folder, under a sub-path.
    let dist = crate::target_dir(root).join("dist");
    site::dist(root, &dist)?;
    let server = Server::start_under(&dist, 0, E2E_BASE)?;
    println!("serving {} at {}", dist.display(), server.url());
    run(node(root, server.url()).args(["--test", "--test-concurrency=1"]).args(files))
}

/// The test files node's runner would pick in `dir` (relative to `root`), listed so that every node version
/// runs the same ones.
fn test_files(root: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let entries = std::fs::read_dir(root.join(dir)).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries.filter_map(|entry| entry.ok()) {
        let (name, path) = (entry.file_name(), dir.join(entry.file_name()));
        let name = name.to_str().unwrap_or_default();
        if root.join(&path).is_dir() {
            if name != "node_modules" {
                files.extend(test_files(root, &path)?);
            }
        } else if [".test.mjs", ".test.js"].iter().any(|suffix| name.ends_with(suffix)) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Builds the native command-line program the browser scripts may run (REPLICA_CLI).
pub fn build_cli(root: &Path) -> Result {
    run(cargo(root).args(["build", "--profile", crate::NATIVE_PROFILE, "--bin", "replica"]))
}

/// `node` with the environment the browser scripts read.
pub fn node(root: &Path, url: &str) -> Command {
    let mut command = Command::new("node");
    command
        .current_dir(root)
        .env("REPLICA_URL", url)
        .env("REPLICA_CLI", crate::cli_path(root))
        .env("CHROMIUM", CHROMIUM)
        .env("REPLICA_ROOT", root);
    command
}

fn summary(outcomes: &[Outcome]) {
    heading("summary");
    let mut total = Duration::ZERO;
    for (index, (name, _)) in STEPS.iter().enumerate() {
        let (result, time) = match outcomes.get(index) {
            Some(Outcome::Passed(time)) => ("ok", seconds(*time)),
            Some(Outcome::Failed(time)) => ("FAILED", seconds(*time)),
            Some(Outcome::Skipped) => ("skipped (--from)", String::new()),
            None => ("not run", String::new()),
        };
        if let Some(Outcome::Passed(time) | Outcome::Failed(time)) = outcomes.get(index) {
            total += *time;
        }
        println!("  {}. {name:<8} {result:<18} {time:>8}", index + 1);
    }
    println!("  {:<30} {:>8}", "total", seconds(total));
}

fn seconds(duration: Duration) -> String {
    format!("{:.1}s", duration.as_secs_f64())
}
