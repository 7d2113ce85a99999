//! Builds the site (the wasm module and its bindings in pkg/), measures what a browser downloads, and
//! copies the site into a folder of plain files for any static host (`dist`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use flate2::Compression;
use flate2::write::GzEncoder;

use crate::toolchain::{self, Tools, WASM_TARGET};
use crate::{Result, cargo, run};

/// The most that opening a model page may download, gzipped: index.html, the stylesheet, the
/// catalogue, the wasm module of the model's family, and every module the page and its worker
/// import when they load (wasm + JS + CSS); and the most the gallery may download. Modules a
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
    families(root)?;
    let is_empty = |dir: &Path| std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none());
    if dir.exists() && !is_empty(dir) && !dir.join("pkg/catalog.json").is_file() {
        return Err(format!("{} holds other files: give `dist` a new or empty folder", dir.display()));
    }
    for old in ["www", "pkg"] {
        if dir.join(old).is_dir() {
            std::fs::remove_dir_all(dir.join(old))
                .map_err(|e| format!("cannot clear {}: {e}", dir.join(old).display()))?;
        }
    }
    let files = site_files(root)?;
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

/// Writes pkg/: the catalogue and thumbnails (made by the native `replica catalog`), and for each
/// family of models its own wasm module, `pkg/replica-<family>.js` and `_bg.wasm`, compiled with that
/// family's feature only, so that a page downloads the models of its family and no others.
pub fn build(root: &Path, tools: &Tools) -> Result {
    let pkg = root.join("pkg");
    if pkg.is_dir() {
        std::fs::remove_dir_all(&pkg).map_err(|e| format!("cannot clear {}: {e}", pkg.display()))?;
    }
    crate::test::build_cli(root)?;
    let replica = crate::cli_path(root);
    let listed = Command::new(&replica)
        .args(["catalog".as_ref(), pkg.as_os_str()])
        .output()
        .map_err(|e| format!("cannot run {}: {e}", replica.display()))?;
    if !listed.status.success() {
        return Err(format!("replica catalog failed: {}", String::from_utf8_lossy(&listed.stderr)));
    }
    for family in String::from_utf8_lossy(&listed.stdout).lines() {
        run(cargo(root)
            .args(["build", "--lib", "--release", "--target", WASM_TARGET, "--no-default-features"])
            .args(["--features", family]))?;
        let wasm = crate::target_dir(root).join(WASM_TARGET).join("release/replica.wasm");
        run(Command::new(tools.wasm_bindgen())
            .current_dir(root)
            .args(["--target", "web", "--no-typescript", "--out-dir", "pkg", "--out-name"])
            .arg(format!("replica-{family}"))
            // Function names only serve debuggers; panics reach the page through the panic hook.
            .args(["--remove-name-section", "--remove-producers-section"])
            .arg(wasm))?;
    }
    Ok(())
}

/// The families built into pkg/, from the catalogue's wasm modules.
fn families(root: &Path) -> Result<Vec<String>> {
    let mut wasm = Vec::new();
    collect(&root.join("pkg"), &["wasm"], &mut wasm)?;
    let families: Vec<String> = wasm
        .iter()
        .filter_map(|p| p.file_name()?.to_str()?.strip_prefix("replica-")?.strip_suffix("_bg.wasm").map(str::to_string))
        .collect();
    if families.is_empty() {
        return Err("pkg/ has not been built: run `cargo xtask build` first".to_string());
    }
    Ok(families)
}

pub struct Size {
    pub label: String,
    pub raw: u64,
    pub gzipped: u64,
}

pub struct Sizes {
    /// Each family's wasm module.
    pub wasm: Vec<Size>,
    /// What opening a model page of each family downloads: the budget is on these.
    pub pages: Vec<Size>,
    /// What opening the gallery downloads (no wasm: the catalogue and the thumbnails).
    pub gallery: Size,
    pub site: Size,
}

impl Sizes {
    pub fn measure(root: &Path) -> Result<Sizes> {
        let files = site_files(root)?;
        let site = Size::of_files(&format!("whole site ({} files)", files.len()), &files)?;
        let mut shell = vec![root.join("index.html"), root.join("www/style.css"), root.join("pkg/catalog.json")];
        imports(&root.join("www/app.js"), &mut shell)?;
        let mut gallery = shell.clone();
        collect(&root.join("pkg/thumbs"), &["svg"], &mut gallery)?;
        let gallery = Size::of_files(&format!("opening the gallery ({} files)", gallery.len()), &gallery)?;
        imports(&root.join("www/worker.js"), &mut shell)?;
        let (mut wasm, mut pages) = (Vec::new(), Vec::new());
        for family in families(root)? {
            let module = root.join(format!("pkg/replica-{family}_bg.wasm"));
            wasm.push(Size::of_files(&format!("pkg/replica-{family}_bg.wasm"), std::slice::from_ref(&module))?);
            let mut page = shell.clone();
            page.push(module);
            imports(&root.join(format!("pkg/replica-{family}.js")), &mut page)?;
            pages.push(Size::of_files(&format!("opening a {family} page ({} files)", page.len()), &page)?);
        }
        Ok(Sizes { wasm, pages, gallery, site })
    }

    pub fn print(&self) {
        println!("{:<40} {:>12} {:>12}", "size", "raw", "gzip -9");
        for size in self.wasm.iter().chain(&self.pages).chain([&self.gallery, &self.site]) {
            println!("{:<40} {:>12} {:>12}", size.label, kib(size.raw), kib(size.gzipped));
        }
        let largest = self.pages.iter().map(|p| p.gzipped).max().unwrap_or(0);
        let used = 100.0 * largest as f64 / BUDGET_GZIPPED as f64;
        println!("budget of opening a page: {} gzipped, {used:.1}% used by the largest", kib(BUDGET_GZIPPED));
    }

    pub fn check_budget(&self) -> Result {
        for page in self.pages.iter().chain([&self.gallery]) {
            if page.gzipped > BUDGET_GZIPPED {
                return Err(format!(
                    "{} downloads {} gzipped, over its budget of {} (site::BUDGET_GZIPPED)",
                    page.label,
                    kib(page.gzipped),
                    kib(BUDGET_GZIPPED)
                ));
            }
        }
        Ok(())
    }
}

/// Every file of the built site: index.html, www/ and pkg/.
fn site_files(root: &Path) -> Result<Vec<PathBuf>> {
    let mut files = vec![root.join("index.html")];
    collect(&root.join("pkg"), &["js", "wasm", "json", "svg"], &mut files)?;
    collect(&root.join("www"), SITE_FILES, &mut files)?;
    Ok(files)
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
