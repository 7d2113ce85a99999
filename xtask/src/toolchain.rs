//! Finds, and installs when missing, the tools the other commands need.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::SystemTime;

use crate::{Result, cargo, output, run};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// `node --test-concurrency` appeared in 20.10.
const MIN_NODE: (u32, u32) = (20, 10);

/// The tools found or installed, for the commands that run them.
pub struct Tools {
    /// The directory holding `wasm-bindgen` and `wasm-bindgen-test-runner`.
    pub wasm_bindgen_dir: PathBuf,
    pub wasm_bindgen_version: String,
}

impl Tools {
    pub fn wasm_bindgen(&self) -> PathBuf {
        self.wasm_bindgen_dir.join("wasm-bindgen")
    }

    pub fn test_runner(&self) -> PathBuf {
        self.wasm_bindgen_dir.join("wasm-bindgen-test-runner")
    }

    pub fn print(&self) {
        println!("  {WASM_TARGET}: installed");
        println!("  wasm-bindgen {}: {}", self.wasm_bindgen_version, self.wasm_bindgen_dir.display());
        println!("  Chromium: {CHROMIUM}, ChromeDriver: {CHROMEDRIVER}");
        println!("  npm packages: tests/e2e/node_modules");
    }
}

/// What building the wasm module needs: the wasm32 target and the matching wasm-bindgen.
pub fn wasm(root: &Path) -> Result<Tools> {
    wasm_target(root)?;
    let version = locked_version(root, "wasm-bindgen")?;
    let wasm_bindgen_dir = wasm_bindgen(root, &version)?;
    Ok(Tools { wasm_bindgen_dir, wasm_bindgen_version: version })
}

/// Everything: the wasm tools, Chromium with ChromeDriver, and the npm packages of tests/e2e.
pub fn all(root: &Path) -> Result<Tools> {
    let tools = wasm(root)?;
    chromium()?;
    npm_packages(root)?;
    Ok(tools)
}

fn wasm_target(root: &Path) -> Result {
    let installed = output(Command::new("rustup").current_dir(root).args(["target", "list", "--installed"]))?;
    if !installed.lines().any(|line| line.trim() == WASM_TARGET) {
        println!("installing the {WASM_TARGET} target");
        run(Command::new("rustup").current_dir(root).args(["target", "add", WASM_TARGET]))?;
    }
    Ok(())
}

/// The version of `package` in Cargo.lock.
fn locked_version(root: &Path, package: &str) -> Result<String> {
    let path = root.join("Cargo.lock");
    let lock = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let field = |block: &str, key: &str| {
        block.lines().find_map(|line| Some(line.strip_prefix(key)?.trim().trim_matches('"').to_string()))
    };
    let versions: Vec<String> = lock
        .split("[[package]]")
        .filter(|block| field(block, "name =").as_deref() == Some(package))
        .filter_map(|block| field(block, "version ="))
        .collect();
    match versions.as_slice() {
        [version] => Ok(version.clone()),
        [] => Err(format!("Cargo.lock has no `{package}` package")),
        _ => Err(format!("Cargo.lock has several versions of `{package}` ({}): pin one", versions.join(", "))),
    }
}

/// The directory of a wasm-bindgen-cli of exactly `version`: from PATH, else target/tools/, else installed there.
fn wasm_bindgen(root: &Path, version: &str) -> Result<PathBuf> {
    let reports = |dir: &Path| {
        let version_line = Command::new(dir.join("wasm-bindgen")).arg("--version").stderr(Stdio::null()).output();
        let matches = version_line
            .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).split_whitespace().nth(1) == Some(version));
        matches && dir.join("wasm-bindgen-test-runner").is_file()
    };
    if let Some(dir) = find_in_path("wasm-bindgen").and_then(|path| path.parent().map(Path::to_path_buf))
        && reports(&dir)
    {
        return Ok(dir);
    }
    let install_root = crate::target_dir(root).join("tools").join(format!("wasm-bindgen-{version}"));
    let dir = install_root.join("bin");
    if !reports(&dir) {
        println!("installing wasm-bindgen-cli {version} into {} (a few minutes, once)", install_root.display());
        run(cargo(root)
            .args(["install", "wasm-bindgen-cli", "--version", version, "--locked", "--root"])
            .arg(&install_root))?;
        if !reports(&dir) {
            return Err(format!("{} does not report version {version} after installing", dir.display()));
        }
    }
    Ok(dir)
}

fn chromium() -> Result {
    let missing = || [CHROMIUM, CHROMEDRIVER].iter().any(|path| !Path::new(path).exists());
    if !missing() {
        return Ok(());
    }
    let manual = "Chromium is missing: run `sudo apt-get install -y chromium chromium-driver`";
    if !is_root() || find_in_path("apt-get").is_none() {
        return Err(manual.to_string());
    }
    println!("installing Chromium and ChromeDriver with apt-get");
    let apt = |args: &[&str]| run(Command::new("apt-get").args(args).env("DEBIAN_FRONTEND", "noninteractive"));
    apt(&["update"])?;
    apt(&["install", "-y", "chromium", "chromium-driver"])?;
    if missing() {
        return Err(format!("apt-get installed chromium but {CHROMIUM} or {CHROMEDRIVER} is still missing"));
    }
    Ok(())
}

/// `npm ci` in tests/e2e when node_modules is missing or older than package-lock.json.
fn npm_packages(root: &Path) -> Result {
    node_version()?;
    if find_in_path("npm").is_none() {
        return Err("npm is missing: install Node.js 20.10 or newer with npm (https://nodejs.org/)".to_string());
    }
    let dir = root.join("tests/e2e");
    let lock = dir.join("package-lock.json");
    let Some(locked_at) = modified(&lock) else {
        return Err("tests/e2e/package-lock.json is missing: run `npm install` in tests/e2e".to_string());
    };
    // npm writes node_modules/.package-lock.json last, after every install.
    let installed_at = modified(&dir.join("node_modules/.package-lock.json"));
    if installed_at.is_none_or(|installed_at| installed_at < locked_at) {
        println!("installing the npm packages of tests/e2e");
        run(Command::new("npm").current_dir(&dir).args(["ci", "--no-audit", "--no-fund"]))?;
    }
    Ok(())
}

fn node_version() -> Result {
    let missing = "Node.js is missing: install Node.js 20.10 or newer with npm (https://nodejs.org/)";
    let version = Command::new("node").arg("--version").output().map_err(|_| missing.to_string())?;
    let version = String::from_utf8_lossy(&version.stdout);
    let mut parts = version.trim().trim_start_matches('v').split('.').map(|part| part.parse::<u32>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(major), Some(minor)) if (major, minor) >= MIN_NODE => Ok(()),
        _ => Err(format!("node {} is too old: the browser tests need Node.js 20.10 or newer", version.trim())),
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    path.metadata().and_then(|meta| meta.modified()).ok()
}

fn find_in_path(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?).map(|dir| dir.join(program)).find(|path| path.is_file())
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|out| out.stdout.trim_ascii() == b"0")
}
