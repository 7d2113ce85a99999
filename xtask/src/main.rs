//! `cargo xtask <command>`: builds, serves, tests and benchmarks Replica.

mod bench;
mod serve;
mod site;
mod test;
mod toolchain;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

const USAGE: &str = "\
Usage: cargo xtask <command> [options]

Commands:
  serve [--port 8000]  build the site and serve the repository root on http://127.0.0.1:PORT/
  build                build the wasm module into pkg/ and check the site's size budget
  dist [DIR]           build, then copy the site (index.html, www/, pkg/) into DIR (default dist/)
                       for any static host, at any path; print its size, raw and gzipped
  test                 run every suite: set-up, fmt, clippy, native, wasm, site, browser
  screenshot           build and serve the site, then write docs/screenshot.png
  bench                compare native and wasm (Chromium) timings; print page metrics and sizes
  help                 print this message

Each command installs what it needs and is missing: the wasm32 target, wasm-bindgen-cli
(the version in Cargo.lock, under target/tools/), Chromium and ChromeDriver (apt-get),
and the npm packages of tests/e2e (npm ci).
";

/// Every failure is a message for the user, already naming what failed.
pub type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.as_str(), rest),
        None => ("help", &[][..]),
    };
    let root = root();
    let result = match command {
        "serve" => serve::command(&root, rest),
        "build" => no_options(command, rest).and_then(|()| site::command(&root)),
        "dist" => site::dist_command(&root, rest),
        "test" => test::command(&root, rest),
        "screenshot" => no_options(command, rest).and_then(|()| screenshot(&root)),
        "bench" => no_options(command, rest).and_then(|()| bench::command(&root)),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => {
            eprintln!("error: unknown command `{other}`\n");
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `screenshot`: serve a fresh build and let tests/e2e/screenshot.mjs write docs/screenshot.png.
fn screenshot(root: &Path) -> Result {
    let script = "tests/e2e/screenshot.mjs";
    if !root.join(script).is_file() {
        return Err(format!("{script} does not exist yet: it is the script that takes the screenshot"));
    }
    let tools = toolchain::all(root)?;
    site::build(root, &tools)?;
    test::build_cli(root)?;
    let server = serve::Server::start(root, 0)?;
    let started = std::time::SystemTime::now();
    run(test::node(root, server.url()).arg(script))?;
    drop(server);
    let written = root.join("docs/screenshot.png").metadata().and_then(|meta| meta.modified());
    if !written.is_ok_and(|written| written >= started) {
        return Err(format!("`node {script}` succeeded but did not write docs/screenshot.png"));
    }
    Ok(())
}

fn no_options(command: &str, rest: &[String]) -> Result {
    match rest.first() {
        None => Ok(()),
        Some(arg) => Err(format!("`cargo xtask {command}` takes no options, got `{arg}` (see `cargo xtask help`)")),
    }
}

/// The repository root: the parent of this crate.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives inside the repository").to_path_buf()
}

/// Cargo's target directory (`CARGO_TARGET_DIR` or `target/`).
pub fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root.join(dir),
        None => root.join("target"),
    }
}

/// The cargo profile of native builds: the test binaries and the `replica` CLI (see Cargo.toml).
pub const NATIVE_PROFILE: &str = "native";

/// The `replica` CLI of [`NATIVE_PROFILE`].
pub fn cli_path(root: &Path) -> PathBuf {
    target_dir(root).join(NATIVE_PROFILE).join(format!("replica{}", std::env::consts::EXE_SUFFIX))
}

/// The cargo that runs this xtask (so nested builds use the same toolchain).
pub fn cargo(root: &Path) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(root);
    command
}

/// Runs a command with inherited stdio; a failure names the command.
pub fn run(command: &mut Command) -> Result {
    let status = command.status().map_err(|e| format!("could not start `{}`: {e}", describe(command)))?;
    if status.success() { Ok(()) } else { Err(format!("`{}` failed ({status})", describe(command))) }
}

/// Runs a command and returns its stdout; stderr is inherited.
pub fn output(command: &mut Command) -> Result<String> {
    let out = command
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("could not start `{}`: {e}", describe(command)))?;
    if !out.status.success() {
        return Err(format!("`{}` failed ({})", describe(command), out.status));
    }
    String::from_utf8(out.stdout).map_err(|_| format!("`{}` printed invalid UTF-8", describe(command)))
}

/// The command line as a user would type it (cargo shown by name, other programs as given).
pub fn describe(command: &Command) -> String {
    let program = Path::new(command.get_program());
    let name = match program.file_name() {
        Some(name) if name == OsStr::new("cargo") => name,
        _ => program.as_os_str(),
    };
    std::iter::once(name).chain(command.get_args()).map(quote).collect::<Vec<_>>().join(" ")
}

fn quote(word: &OsStr) -> String {
    let word = word.to_string_lossy();
    if word.is_empty() || word.contains(|c: char| c.is_whitespace() || c == '\'' || c == '"') {
        format!("'{}'", word.replace('\'', r"'\''"))
    } else {
        word.into_owned()
    }
}

/// Prints a step heading.
pub fn heading(text: &str) {
    println!("\n==> {text}");
}
