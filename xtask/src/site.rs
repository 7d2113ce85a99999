//! Builds the site (the wasm module and its bindings in pkg/), measures what a browser downloads, and
//! copies the site into a folder of plain files for any static host (`dist`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use flate2::Compression;
use flate2::write::GzEncoder;

use crate::toolchain::{self, Tools, WASM_TARGET};
use crate::{Result, cargo, run};

/// The most that opening a model page may download, gzipped: index.html, the stylesheet, the wasm,
/// and every module the page and its worker import when they load (wasm + JS + CSS). Modules a
/// page imports only when asked (the Embed dialog, the sweep workers) and the embedding script
/// of other sites are measured with the whole site, outside the budget.
pub const BUDGET_GZIPPED: u64 = 300 * 1024;

/// `build`: set up, build, print the sizes, enforce the budget.
pub fn command(root: &Path) -> Result {
    let tools = toolchain::wasm(root)?;
    build_and_check(root, &tools)
}

/// Builds, prints the sizes and enforces the budget.
pub fn build_and_check(root: &Path, tools: &Tools) -> Result {
    build(root, tools)?;
    let sizes = Sizes::measure(root)?;
    sizes.print();
    sizes.check_budget()
}

/// `dist [DIR]`: build, then write the site into DIR (default `dist/`) and print what it weighs.
pub fn dist_command(root: &Path, args: &[String]) -> Result {
    let dir = match args {
        [] => root.join("dist"),
        [dir] if !dir.starts_with('-') => std::env::current_dir().map_err(|e| e.to_string())?.join(dir),
        _ => return Err("usage: cargo xtask dist [DIR]  (default: dist/)".to_string()),
    };
    let tools = toolchain::wasm(root)?;
    build(root, &tools)?;
    let sizes = dist(root, &dir)?;
    sizes.check_budget()?;
    println!("\nThe site is in {}: serve the folder as it is, at any path of any static host.", dir.display());
    Ok(())
}

/// Copies the built site (index.html, www/, pkg/) into `dir`, replacing an earlier copy, and prints its
/// size. Nothing in it needs a build tool: it is the folder a static host serves.
pub fn dist(root: &Path, dir: &Path) -> Result<Sizes> {
    if !root.join("pkg/replica_bg.wasm").is_file() {
        return Err("pkg/ has not been built: run `cargo xtask build` first".to_string());
    }
    let is_empty = |dir: &Path| std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none());
    if dir.exists() && !is_empty(dir) && !dir.join("pkg/replica_bg.wasm").is_file() {
        return Err(format!("{} holds other files: give `dist` a new or empty folder", dir.display()));
    }
    for old in ["www", "pkg"] {
        if dir.join(old).is_dir() {
            std::fs::remove_dir_all(dir.join(old))
                .map_err(|e| format!("cannot clear {}: {e}", dir.join(old).display()))?;
        }
    }
    let mut files = vec![root.join("index.html"), root.join("pkg/replica_bg.wasm")];
    collect(&root.join("pkg"), &["js"], &mut files)?;
    collect(&root.join("www"), SITE_FILES, &mut files)?;
    for file in &files {
        let to = dir.join(file.strip_prefix(root).expect("collected under the root"));
        std::fs::create_dir_all(to.parent().expect("a file has a folder"))
            .and_then(|()| std::fs::copy(file, &to))
            .map_err(|e| format!("cannot copy {} to {}: {e}", file.display(), to.display()))?;
    }
    let sizes = Sizes::measure(dir)?;
    println!("{} files written to {}", files.len(), dir.display());
    sizes.print();
    Ok(sizes)
}

/// The kinds of file of www/ that belong to the site.
const SITE_FILES: &[&str] = &["js", "css", "html"];

/// Compiles the crate to wasm and generates pkg/ with wasm-bindgen.
pub fn build(root: &Path, tools: &Tools) -> Result {
    run(cargo(root).args(["build", "--lib", "--release", "--target", WASM_TARGET]))?;
    let wasm = crate::target_dir(root).join(WASM_TARGET).join("release/replica.wasm");
    run(Command::new(tools.wasm_bindgen())
        .current_dir(root)
        .args(["--target", "web", "--no-typescript", "--out-dir", "pkg"])
        // Function names only serve debuggers; panics reach the page through the panic hook.
        .args(["--remove-name-section", "--remove-producers-section"])
        .arg(wasm))
}

pub struct Size {
    pub label: String,
    pub raw: u64,
    pub gzipped: u64,
}

pub struct Sizes {
    pub wasm: Size,
    pub js: Size,
    /// What opening a page downloads: the budget is on this.
    pub page: Size,
    pub site: Size,
}

impl Sizes {
    pub fn measure(root: &Path) -> Result<Sizes> {
        let wasm = Size::of_files("pkg/replica_bg.wasm", &[root.join("pkg/replica_bg.wasm")])?;
        let js = Size::of_files("pkg/replica.js", &[root.join("pkg/replica.js")])?;
        let mut files = vec![root.join("pkg/replica_bg.wasm"), root.join("index.html")];
        collect(&root.join("pkg"), &["js"], &mut files)?;
        collect(&root.join("www"), SITE_FILES, &mut files)?;
        let site = Size::of_files(&format!("whole site ({} files)", files.len()), &files)?;
        let mut loaded = vec![root.join("index.html"), root.join("www/style.css"), root.join("pkg/replica_bg.wasm")];
        for entry in ["www/app.js", "www/worker.js"] {
            imports(&root.join(entry), &mut loaded)?;
        }
        let page = Size::of_files(&format!("opening a page ({} files)", loaded.len()), &loaded)?;
        Ok(Sizes { wasm, js, page, site })
    }

    pub fn print(&self) {
        println!("{:<28} {:>12} {:>12}", "size", "raw", "gzip -9");
        for size in [&self.wasm, &self.js, &self.page, &self.site] {
            println!("{:<28} {:>12} {:>12}", size.label, kib(size.raw), kib(size.gzipped));
        }
        let used = 100.0 * self.page.gzipped as f64 / BUDGET_GZIPPED as f64;
        println!("budget of opening a page: {} gzipped, {used:.1}% used", kib(BUDGET_GZIPPED));
    }

    pub fn check_budget(&self) -> Result {
        if self.page.gzipped > BUDGET_GZIPPED {
            return Err(format!(
                "opening a page downloads {} gzipped, over its budget of {} (site::BUDGET_GZIPPED)",
                kib(self.page.gzipped),
                kib(BUDGET_GZIPPED)
            ));
        }
        Ok(())
    }
}

impl Size {
    /// Sums the raw and the gzipped (level 9, file by file, as served) sizes.
    fn of_files(label: &str, files: &[PathBuf]) -> Result<Size> {
        let mut size = Size { label: label.to_string(), raw: 0, gzipped: 0 };
        for file in files {
            let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            let mut encoder = GzEncoder::new(Vec::new(), Compression::new(9));
            encoder.write_all(&bytes).and_then(|()| encoder.try_finish()).map_err(|e| e.to_string())?;
            size.raw += bytes.len() as u64;
            size.gzipped += encoder.get_ref().len() as u64;
        }
        Ok(size)
    }
}

/// Adds `module` and, recursively, every module it imports statically (`import … from './x.js'`,
/// `import './x.js'`): what a browser fetches before the module runs. `import()` is left out.
fn imports(module: &Path, files: &mut Vec<PathBuf>) -> Result {
    let module = module.canonicalize().map_err(|e| format!("cannot find {}: {e}", module.display()))?;
    if files.iter().any(|f| f.canonicalize().is_ok_and(|f| f == module)) {
        return Ok(());
    }
    let text = std::fs::read_to_string(&module).map_err(|e| format!("cannot read {}: {e}", module.display()))?;
    files.push(module.clone());
    let folder = module.parent().expect("a module is in a folder");
    for line in text.lines().filter(|l| l.starts_with("import ") || l.starts_with("export ") && l.contains(" from ")) {
        let quoted = line.rsplit_once(" from ").map_or(line.trim_start_matches("import "), |(_, from)| from);
        let path = quoted.trim().trim_end_matches(';').trim_matches(|c| c == '\'' || c == '"');
        if path.starts_with('.') {
            imports(&folder.join(path), files)?;
        }
    }
    Ok(())
}

/// Adds the files under `dir` (recursively) whose extension is in `extensions`.
fn collect(dir: &Path, extensions: &[&str], files: &mut Vec<PathBuf>) -> Result {
    if !dir.is_dir() {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|entry| entry.ok().map(|entry| entry.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect(&path, extensions, files)?;
        } else if path.extension().and_then(|ext| ext.to_str()).is_some_and(|ext| extensions.contains(&ext)) {
            files.push(path);
        }
    }
    Ok(())
}

fn kib(bytes: u64) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}
