//! The WebAssembly boundary, and the only module that knows about the browser.
//!
//! The page's main thread uses it to read the registry, validate links and draw figures; the
//! worker uses [`Simulation`] to run a link in slices. Values cross as strings (JSON for
//! structures) and numbers; errors cross as `Error` objects carrying the core's message.

use crate::fingerprint::Fingerprint;
use crate::link::{Link, LinkError, SCHEMA_VERSION};
use crate::model::{Figure, Frame, Run};
use crate::plot::{Backend, Measured, Style, Surface, TextMeasure, draw};
use plotters::prelude::IntoDrawingArea;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

mod sweep;
pub use sweep::{check_sweep, sweep_fingerprint, sweep_frame, sweep_point};

#[wasm_bindgen(
    inline_js = "export function report_panic(message) { globalThis.replicaPanic = message; console.error(message); }"
)]
extern "C" {
    fn report_panic(message: &str);
}

/// Make a panic's message reach the page: it is stored in `globalThis.replicaPanic` (and the
/// console) before the instance traps, so the page can show it and start a fresh instance.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| report_panic(&format!("internal error: {info}"))));
}

/// An error as the page shows it: under the control of its parameter, or on its own.
#[derive(Serialize)]
struct Problem {
    param: Option<String>,
    message: String,
}

fn problems(errors: &[LinkError]) -> Vec<Problem> {
    errors.iter().map(|e| Problem { param: e.param().map(str::to_string), message: e.to_string() }).collect()
}

fn to_json<T: Serialize>(value: &T) -> Result<String, JsError> {
    serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))
}

/// Every model's spec, in gallery order, as a JSON array; and the link schema version.
#[wasm_bindgen]
pub fn registry_json() -> Result<String, JsError> {
    #[derive(Serialize)]
    struct Registry<'a> {
        version: u32,
        models: Vec<&'a crate::model::ModelSpec>,
    }
    to_json(&Registry { version: SCHEMA_VERSION, models: crate::registry().iter().map(|m| m.spec()).collect() })
}

/// What a link means to the page: the canonical link and parameter texts (bad parts replaced by
/// defaults), the sweep it names (or null), the errors, and the notes on an old link's rewriting,
/// as JSON `{model, link, seed, params: {name: text}, sweep, errors: [{param, message}], notes: [text]}`;
/// or `{error}` when the link names no known model.
#[wasm_bindgen]
pub fn read_link(text: &str) -> Result<String, JsError> {
    #[derive(Serialize)]
    struct Read {
        model: &'static str,
        link: String,
        seed: u64,
        params: serde_json::Map<String, serde_json::Value>,
        sweep: Option<sweep::Shown>,
        errors: Vec<Problem>,
        /// What was rewritten to read a link of an older version.
        notes: Vec<String>,
    }
    #[derive(Serialize)]
    struct Unreadable {
        error: String,
    }
    match sweep::read(text) {
        Ok((link, sweep, errors)) => to_json(&Read {
            model: link.model().spec().id,
            link: link.to_string(),
            seed: link.seed(),
            params: link.params().iter().map(|(k, v)| (k.to_string(), v.to_string().into())).collect(),
            sweep,
            errors,
            notes: link.notes().to_vec(),
        }),
        Err(e) => to_json(&Unreadable { error: e.to_string() }),
    }
}

/// Check a link strictly (as the controls do before a run): JSON `{link}` with the canonical link,
/// or `{errors: [{param, message}]}`. Unlike [`read_link`], nothing is replaced by defaults.
#[wasm_bindgen]
pub fn check_link(text: &str) -> Result<String, JsError> {
    #[derive(Serialize)]
    #[serde(untagged)]
    enum Checked {
        Valid { link: String },
        Invalid { errors: Vec<Problem> },
    }
    to_json(&match Link::parse(text) {
        Ok(link) => Checked::Valid { link: link.to_string() },
        Err(e) => Checked::Invalid { errors: problems(&e.0) },
    })
}

/// A run of a link, advanced in slices by the page's worker.
#[wasm_bindgen]
pub struct Simulation {
    link: Link,
    run: Box<dyn Run>,
}

#[wasm_bindgen]
impl Simulation {
    /// Start the run of a link; a link that is not entirely valid is refused with every message.
    #[wasm_bindgen(constructor)]
    pub fn new(link: &str) -> Result<Simulation, JsError> {
        let link = Link::parse(link).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Simulation::of(&link))
    }

    /// Do at most `budget` units of work; returns the units done (0 once complete).
    pub fn advance(&mut self, budget: f64) -> Result<f64, JsError> {
        let budget = if budget.is_finite() && budget >= 1.0 { budget as u64 } else { 1 };
        self.run.advance(budget).map(|done| done as f64).map_err(|e| JsError::new(&e.to_string()))
    }

    #[wasm_bindgen(getter)]
    pub fn progress(&self) -> f64 {
        self.run.progress()
    }

    #[wasm_bindgen(getter)]
    pub fn done(&self) -> bool {
        self.run.is_done()
    }

    #[wasm_bindgen(getter, js_name = totalWork)]
    pub fn total_work(&self) -> f64 {
        self.run.total_work() as f64
    }

    /// The current frame as JSON `{figures: [..]}`.
    #[wasm_bindgen(js_name = frameJson)]
    pub fn frame_json(&self) -> Result<String, JsError> {
        to_json(&self.run.frame())
    }

    /// The fingerprint of the current frame (the run's fingerprint once it is done).
    pub fn fingerprint(&self) -> String {
        Fingerprint::of(&self.run.frame()).to_string()
    }

    /// The names of the files the run exports (src/export.rs), as a JSON array: the same names
    /// as the CLI's `--out` writes.
    #[wasm_bindgen(js_name = exportNames)]
    pub fn export_names(&self) -> Result<String, JsError> {
        self.with_export(|export| to_json(&export.names()))
    }

    /// One exported file by its name, made now, from the run itself (not from a frame sent
    /// through JSON, so that every number keeps its bits): the bytes the CLI writes.
    #[wasm_bindgen(js_name = exportFile)]
    pub fn export_file(&self, name: &str) -> Result<String, JsError> {
        self.with_export(|export| match export.file(name) {
            Some(file) => file.map_err(|e| JsError::new(&e.to_string())),
            None => Err(JsError::new(&format!("this run has no file '{name}'"))),
        })
    }

    /// The observables of the spec, in its order, as a JSON array (null where not yet known).
    #[wasm_bindgen(js_name = observablesJson)]
    pub fn observables_json(&self) -> Result<String, JsError> {
        to_json(&self.run.observables())
    }
}

impl Simulation {
    fn of(link: &Link) -> Self {
        Simulation { run: link.start(), link: link.clone() }
    }

    fn with_export<T>(&self, f: impl FnOnce(&crate::export::Export) -> T) -> T {
        let frame = self.run.frame();
        let observables = self.run.observables();
        f(&crate::export::Export {
            link: &self.link,
            fingerprint: Fingerprint::of(&frame),
            frame: &frame,
            observables: &observables,
        })
    }
}

/// The benchmark cases (src/bench.rs) this build's families can run, with their index, as JSON.
#[wasm_bindgen(js_name = benchCases)]
pub fn bench_cases() -> Result<String, JsError> {
    #[derive(Serialize)]
    struct Indexed<'a> {
        index: usize,
        #[serde(flatten)]
        case: &'a crate::bench::Case,
    }
    let cases: Vec<Indexed> = crate::bench::CASES
        .iter()
        .enumerate()
        .filter(|(_, case)| crate::bench::runnable(case))
        .map(|(index, case)| Indexed { index, case })
        .collect();
    to_json(&cases)
}

/// Do the work of benchmark case `index` once; returns its size in work units.
#[wasm_bindgen(js_name = benchExecute)]
pub fn bench_execute(index: usize) -> Result<f64, JsError> {
    let case = crate::bench::CASES.get(index).ok_or_else(|| JsError::new("no such benchmark case"))?;
    Ok(crate::bench::execute(case) as f64)
}

/// Run a link to the end at once and return its fingerprint (for tests and benchmarks).
#[wasm_bindgen(js_name = runFingerprint)]
pub fn run_fingerprint(link: &str) -> Result<String, JsError> {
    let link = Link::parse(link).map_err(|e| JsError::new(&e.to_string()))?;
    let result = link.run_to_end(u64::MAX).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(result.fingerprint.to_string())
}

fn figure_in(frame: &str, id: &str) -> Result<Figure, JsError> {
    let frame: Frame = serde_json::from_str(frame).map_err(|e| JsError::new(&format!("not a frame: {e}")))?;
    frame
        .figures
        .into_iter()
        .find(|f| f.id == id)
        .ok_or_else(|| JsError::new(&format!("no figure '{id}' in the frame")))
}

/// Draw figure `id` of a frame (JSON) on a canvas whose pixel size is already set; `scale` is the
/// device pixel ratio the canvas was sized with; `compact` leaves out the title and the legend
/// (gallery thumbnails).
#[wasm_bindgen]
pub fn render(canvas: HtmlCanvasElement, frame: &str, id: &str, scale: f64, compact: bool) -> Result<(), JsError> {
    let figure = figure_in(frame, id)?;
    let context = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        .ok_or_else(|| JsError::new("the canvas has no 2-D context"))?;
    let inner = plotters_canvas::CanvasBackend::with_canvas_object(canvas)
        .ok_or_else(|| JsError::new("the canvas has no 2-D context"))?;
    let scale = if scale.is_finite() && scale > 0.0 { scale.min(4.0) } else { 1.0 };
    let measure = CanvasText(context);
    let backend: Backend = Measured { inner: Surface::Canvas(inner), measure: &measure };
    draw(&backend.into_drawing_area(), &figure, Style { scale, compact }).map_err(|e| JsError::new(&e.to_string()))
}

/// Text measured by the canvas itself, in the font the canvas backend draws with: font shaping
/// only, no layout of the page.
struct CanvasText(CanvasRenderingContext2d);

impl TextMeasure for CanvasText {
    fn measure(&self, text: &str, style: &str, family: &str, size: f64) -> (u32, u32) {
        self.0.set_font(&format!("{style} {size}px {family}"));
        let width = self.0.measure_text(text).map(|m| m.width()).unwrap_or(0.56 * size * text.chars().count() as f64);
        (width.ceil() as u32, size.round() as u32)
    }
}

/// The height (CSS px) to give a figure with `series` series at `width` CSS px; narrow figures
/// get room for their legend under the plot.
#[wasm_bindgen(js_name = figureHeight)]
pub fn figure_height(width: f64, series: usize) -> f64 {
    crate::plot::height_for(if width.is_finite() { width.max(0.0) } else { 0.0 }, series)
}
