//! What a model is: a declarative spec, validated parameters, and runs that stream frames of figures.
//!
//! A model is declared once, in a [`ModelSpec`]: the spec drives the page's controls, the link codec,
//! validation, the command-line flags and the gallery. Nothing here knows about the browser.

use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

/// A paper a model comes from.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Paper {
    pub authors: &'static str,
    pub title: &'static str,
    pub venue: &'static str,
    pub year: u16,
    pub doi: Option<&'static str>,
    pub arxiv: Option<&'static str>,
}

/// One displayed equation: what it says in words, and its MathML (`<math display="block">…</math>`).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Equation {
    pub caption: &'static str,
    pub mathml: &'static str,
}

/// How a numeric control moves: evenly, or evenly in the logarithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scale {
    Linear,
    Log,
}

/// A closed or half-open interval of allowed real values, printed as "(0, 2]".
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub min: f64,
    pub max: f64,
    pub min_open: bool,
    pub max_open: bool,
}

impl Interval {
    pub const fn closed(min: f64, max: f64) -> Self {
        Interval { min, max, min_open: false, max_open: false }
    }
    pub const fn left_open(min: f64, max: f64) -> Self {
        Interval { min, max, min_open: true, max_open: false }
    }
    pub fn contains(&self, x: f64) -> bool {
        let above = if self.min_open { x > self.min } else { x >= self.min };
        let below = if self.max_open { x < self.max } else { x <= self.max };
        above && below
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (l, r) = (if self.min_open { '(' } else { '[' }, if self.max_open { ')' } else { ']' });
        write!(f, "{l}{}, {}{r}", format_float(self.min), format_float(self.max))
    }
}

/// One option of a choice parameter: its value in links and its label on the page.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Choice {
    pub value: &'static str,
    pub label: &'static str,
}

/// The type, range and default of a parameter.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ParamKind {
    Int { min: i64, max: i64, default: i64, scale: Scale },
    Float { range: Interval, default: f64, scale: Scale },
    Choice { options: &'static [Choice], default: &'static str },
    Bool { default: bool },
}

/// A parameter, declared once. `name` is the key in links, the element id on the page, the
/// command-line flag and the name the model reads it by.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ParamSpec {
    pub name: &'static str,
    /// The symbol as set in the equations, e.g. "α_max"; empty when it has none.
    pub symbol: &'static str,
    /// What it is, in words, e.g. "input dimension".
    pub label: &'static str,
    /// Physical unit; empty for dimensionless quantities.
    pub unit: &'static str,
    pub help: &'static str,
    pub kind: ParamKind,
}

/// A named set of parameter values, e.g. "Fig. 2 of the paper". Values are written as in links.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Preset {
    pub name: &'static str,
    pub description: &'static str,
    pub values: &'static [(&'static str, &'static str)],
}

/// A scalar a run reports when it ends: what a sweep plots against a parameter.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Observable {
    pub id: &'static str,
    /// What it is, without saying how it was obtained, e.g. "generalisation error ε at α_max".
    pub label: &'static str,
    pub unit: &'static str,
    /// Measured in the simulation, or computed from the theory.
    pub kind: SeriesKind,
    /// For a measured observable, the id of the theory observable that predicts it.
    pub theory: Option<&'static str>,
}

impl Observable {
    /// A value measured in the simulation.
    pub const fn measured(id: &'static str, label: &'static str) -> Self {
        Observable { id, label, unit: "", kind: SeriesKind::Simulation, theory: None }
    }
    /// A value computed from the theory.
    pub const fn theory(id: &'static str, label: &'static str) -> Self {
        Observable { id, label, unit: "", kind: SeriesKind::Theory, theory: None }
    }
    /// This measured value is predicted by the theory observable `id`.
    pub const fn predicted_by(self, id: &'static str) -> Self {
        Observable { theory: Some(id), ..self }
    }
}

/// Everything the page, the link codec, the CLI and the gallery know about a model.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ModelSpec {
    pub id: &'static str,
    pub title: &'static str,
    /// One paragraph: what the user sees and why it matters.
    pub summary: &'static str,
    pub papers: &'static [Paper],
    pub equations: &'static [Equation],
    pub params: &'static [ParamSpec],
    pub presets: &'static [Preset],
    pub observables: &'static [Observable],
}

impl ModelSpec {
    pub fn param(&self, name: &str) -> Option<(usize, &'static ParamSpec)> {
        self.params.iter().enumerate().find(|(_, p)| p.name == name)
    }
}

/// A parameter value that passed validation against its [`ParamSpec`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Int(i64),
    Float(f64),
    Choice(&'static str),
    Bool(bool),
}

impl fmt::Display for Value {
    /// The canonical text of a value, as printed in links.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Int(v) => write!(f, "{v}"),
            Value::Float(v) => f.write_str(&format_float(*v)),
            Value::Choice(v) => f.write_str(v),
            Value::Bool(v) => f.write_str(if *v { "1" } else { "0" }),
        }
    }
}

/// The shortest text that reads back to exactly `x`: plain digits or exponent form, whichever is
/// shorter (Rust prints both as the shortest round-tripping decimal).
pub fn format_float(x: f64) -> String {
    let plain = format!("{x}");
    let exp = format!("{x:e}");
    if exp.len() < plain.len() { exp } else { plain }
}

/// Why a parameter value was refused. Every message names the parameter, the value and what is allowed.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ParamError {
    #[error("{name} must be {expected}, got '{got}'")]
    Malformed { name: String, expected: String, got: String },
    #[error("{name} must be in {range}, got {got}")]
    OutOfRange { name: String, range: String, got: String },
    #[error("{name} must be one of {allowed}, got '{got}'")]
    NotAChoice { name: String, allowed: String, got: String },
    #[error("unknown parameter '{name}' for model {model}; its parameters are {known}")]
    Unknown { name: String, model: String, known: String },
    /// A constraint between parameters, e.g. a budget on work; the message names the parameters.
    #[error("{0}")]
    Constraint(String),
}

impl ParamError {
    /// The parameter the error is about, when it is about one.
    pub fn param(&self) -> Option<&str> {
        match self {
            ParamError::Malformed { name, .. }
            | ParamError::OutOfRange { name, .. }
            | ParamError::NotAChoice { name, .. }
            | ParamError::Unknown { name, .. } => Some(name),
            ParamError::Constraint(_) => None,
        }
    }
}

impl ParamSpec {
    /// A real parameter without unit on a linear scale; `with_unit` and `with_scale` change those.
    pub const fn float(
        name: &'static str,
        symbol: &'static str,
        label: &'static str,
        help: &'static str,
        range: Interval,
        default: f64,
    ) -> ParamSpec {
        ParamSpec {
            name,
            symbol,
            label,
            unit: "",
            help,
            kind: ParamKind::Float { range, default, scale: Scale::Linear },
        }
    }

    pub const fn with_unit(self, unit: &'static str) -> ParamSpec {
        ParamSpec { unit, ..self }
    }

    /// The scale of a numeric control (a parameter of another kind is returned as it is).
    pub const fn with_scale(self, scale: Scale) -> ParamSpec {
        let kind = match self.kind {
            ParamKind::Float { range, default, .. } => ParamKind::Float { range, default, scale },
            ParamKind::Int { min, max, default, .. } => ParamKind::Int { min, max, default, scale },
            other => other,
        };
        ParamSpec { kind, ..self }
    }

    pub fn default_value(&self) -> Value {
        match self.kind {
            ParamKind::Int { default, .. } => Value::Int(default),
            ParamKind::Float { default, .. } => Value::Float(default),
            ParamKind::Choice { default, .. } => Value::Choice(default),
            ParamKind::Bool { default } => Value::Bool(default),
        }
    }

    /// Parse and validate the text of a value (from a link, a control or a CLI flag).
    pub fn parse(&self, text: &str) -> Result<Value, ParamError> {
        let name = self.name.to_string();
        let got = text.to_string();
        match self.kind {
            ParamKind::Int { min, max, .. } => {
                let range = format!("[{min}, {max}]");
                let v: i64 = text.trim().parse().map_err(|_| ParamError::Malformed {
                    name: name.clone(),
                    expected: format!("a whole number in {range}"),
                    got: got.clone(),
                })?;
                if v < min || v > max {
                    return Err(ParamError::OutOfRange { name, range, got });
                }
                Ok(Value::Int(v))
            }
            ParamKind::Float { range, .. } => {
                let expected = format!("a number in {range}");
                let v: f64 = text.trim().parse().map_err(|_| ParamError::Malformed {
                    name: name.clone(),
                    expected: expected.clone(),
                    got: got.clone(),
                })?;
                if !v.is_finite() {
                    return Err(ParamError::Malformed { name, expected, got });
                }
                if !range.contains(v) {
                    return Err(ParamError::OutOfRange { name, range: range.to_string(), got });
                }
                // -0 and 0 are one value; only one of them may appear in canonical links.
                Ok(Value::Float(if v == 0.0 { 0.0 } else { v }))
            }
            ParamKind::Choice { options, .. } => {
                options.iter().find(|o| o.value == text).map(|o| Value::Choice(o.value)).ok_or_else(|| {
                    ParamError::NotAChoice {
                        name,
                        allowed: options.iter().map(|o| o.value).collect::<Vec<_>>().join(", "),
                        got,
                    }
                })
            }
            ParamKind::Bool { .. } => match text {
                "1" | "true" | "on" | "yes" => Ok(Value::Bool(true)),
                "0" | "false" | "off" | "no" => Ok(Value::Bool(false)),
                _ => Err(ParamError::Malformed { name, expected: "0 or 1".into(), got }),
            },
        }
    }
}

/// A complete, validated set of parameter values for one model, in the order of its spec.
/// Only [`Params::defaults`] and [`Params::set`] make one, so every value is in range.
#[derive(Debug, Clone)]
pub struct Params {
    spec: &'static ModelSpec,
    values: Vec<Value>,
}

impl PartialEq for Params {
    fn eq(&self, other: &Self) -> bool {
        self.spec.id == other.spec.id && self.values == other.values
    }
}

impl Params {
    pub fn defaults(spec: &'static ModelSpec) -> Self {
        Params { spec, values: spec.params.iter().map(ParamSpec::default_value).collect() }
    }

    pub fn spec(&self) -> &'static ModelSpec {
        self.spec
    }

    /// Set one parameter from its text; on error the old value stays.
    pub fn set(&mut self, name: &str, text: &str) -> Result<(), ParamError> {
        let (i, p) = self.spec.param(name).ok_or_else(|| ParamError::Unknown {
            name: name.to_string(),
            model: self.spec.id.to_string(),
            known: self.spec.params.iter().map(|p| p.name).collect::<Vec<_>>().join(", "),
        })?;
        self.values[i] = p.parse(text)?;
        Ok(())
    }

    /// (name, value) in the spec's order: the canonical order of links.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, Value)> + '_ {
        self.spec.params.iter().zip(&self.values).map(|(p, v)| (p.name, *v))
    }

    fn get(&self, name: &str) -> Value {
        match self.spec.param(name) {
            Some((i, _)) => self.values[i],
            None => panic!("model {} reads parameter '{name}', which its spec does not declare", self.spec.id),
        }
    }

    // Typed getters for a model's own code. A name that is not in the spec, or a kind that does not
    // match, is a bug in the model, caught by the registry tests that start every model.
    pub fn int(&self, name: &str) -> i64 {
        match self.get(name) {
            Value::Int(v) => v,
            v => panic!("parameter '{name}' is {v}, not an integer"),
        }
    }
    pub fn float(&self, name: &str) -> f64 {
        match self.get(name) {
            Value::Float(v) => v,
            v => panic!("parameter '{name}' is {v}, not a number"),
        }
    }
    pub fn choice(&self, name: &str) -> &'static str {
        match self.get(name) {
            Value::Choice(v) => v,
            v => panic!("parameter '{name}' is {v}, not a choice"),
        }
    }
    pub fn flag(&self, name: &str) -> bool {
        match self.get(name) {
            Value::Bool(v) => v,
            v => panic!("parameter '{name}' is {v}, not a flag"),
        }
    }
}

/// A model from a paper: its spec, the constraints between its parameters, and how to start a run.
pub trait Model: Sync {
    fn spec(&self) -> &'static ModelSpec;

    /// Constraints between parameters beyond each one's range, such as a budget on work.
    fn check(&self, _params: &Params) -> Result<(), ParamError> {
        Ok(())
    }

    /// The work of a run as a share of the most that [`Model::check`] lets one run take: at most 1
    /// for every run it accepts. A sweep bounds the sum over its points. The default counts every
    /// run as the largest one.
    fn cost(&self, _params: &Params) -> f64 {
        1.0
    }

    /// Start a run. `params` has passed [`Model::check`]. The run's first frame already holds the
    /// theory, so that a page can draw it before any simulation has happened.
    fn start(&self, params: &Params, seed: u64) -> Box<dyn Run>;
}

/// Why a run stopped before its end.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum RunError {
    /// The simulation left the region where its numbers mean anything (overflow, NaN).
    #[error("the simulation diverged at {at}: {what}")]
    Diverged { at: String, what: String },
}

/// A run in progress. Work is counted in model-defined units, fixed when the run starts, so that a
/// caller can advance it in chunks, show progress, pause (stop calling) and cancel (drop it).
///
/// The result never depends on how the work is chunked: a run advanced in one call or in a
/// million gives the same frames and the same fingerprint.
pub trait Run {
    fn total_work(&self) -> u64;
    fn work_done(&self) -> u64;
    /// Do at most `budget` units of work; returns how many were done (0 once the run is complete).
    fn advance(&mut self, budget: u64) -> Result<u64, RunError>;
    /// The figures as they stand now.
    fn frame(&self) -> Frame;
    /// The observables of the spec, in its order, as they stand now (`None` where not yet known).
    fn observables(&self) -> Vec<Option<f64>> {
        Vec::new()
    }
    /// The standard error of each observable, in the spec's order, where it is a mean over
    /// independent repetitions (`None` elsewhere; an empty list when there are none at all).
    fn standard_errors(&self) -> Vec<Option<f64>> {
        Vec::new()
    }

    fn is_done(&self) -> bool {
        self.work_done() >= self.total_work()
    }
    fn progress(&self) -> f64 {
        let total = self.total_work();
        if total == 0 { 1.0 } else { self.work_done() as f64 / total as f64 }
    }
}

/// Run to the end in chunks of `chunk` units, calling `progress` with the fraction done after each
/// (natively; the page's worker does the same in slices).
pub fn run_to_end(run: &mut dyn Run, chunk: u64, mut progress: impl FnMut(f64)) -> Result<(), RunError> {
    while run.advance(chunk.max(1))? > 0 {
        progress(run.progress());
    }
    Ok(())
}

/// The size of a simulation averaged over seeds, for figure subtitles: "N = 500, 5 seeds".
pub fn simulation_size(n: usize, seeds: usize) -> String {
    if seeds == 1 { format!("N = {n}, 1 seed") } else { format!("N = {n}, {seeds} seeds") }
}

/// Is a series computed from the model's equations, or measured in a simulation?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeriesKind {
    Theory,
    Simulation,
}

/// One curve or set of points. Series that share a `group` share a colour (e.g. a rule's theory
/// and its simulation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub label: String,
    pub kind: SeriesKind,
    pub group: u32,
    /// A NaN cuts a theory line (JSON carries it as null).
    #[serde(deserialize_with = "null_as_nan::numbers")]
    pub x: Vec<f64>,
    #[serde(deserialize_with = "null_as_nan::numbers")]
    pub y: Vec<f64>,
    /// Standard error of each point, for simulations averaged over seeds.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "null_as_nan::optional")]
    pub y_err: Option<Vec<f64>>,
    /// A faint reference curve drawn behind the main ones.
    #[serde(default)]
    pub secondary: bool,
}

/// JSON has no NaN: serde_json writes a non-finite number as null. Reading null back as NaN lets a
/// frame with NaN in its series make the trip to the page and back.
mod null_as_nan {
    use serde::{Deserialize, Deserializer};

    pub fn numbers<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
        let v: Vec<Option<f64>> = Vec::deserialize(d)?;
        Ok(v.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect())
    }

    pub fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<f64>>, D::Error> {
        let v: Option<Vec<Option<f64>>> = Option::deserialize(d)?;
        Ok(v.map(|v| v.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Axis {
    /// What is plotted, with its symbol, e.g. "α = P/N".
    pub label: String,
    /// Unit, empty for dimensionless quantities.
    #[serde(default)]
    pub unit: String,
    pub scale: Scale,
    /// Fixed range; `None` fits the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<[f64; 2]>,
}

impl Axis {
    /// "label (unit)", or the label alone for a dimensionless quantity.
    pub fn title(&self) -> String {
        if self.unit.is_empty() { self.label.clone() } else { format!("{} ({})", self.label, self.unit) }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub id: String,
    pub title: String,
    /// A second line under the title, e.g. the size of the simulation.
    #[serde(default)]
    pub subtitle: String,
    pub x: Axis,
    pub y: Axis,
    pub series: Vec<Series>,
    /// A map drawn under the series: one row of coloured cells per quantity, over the x axis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heatmap: Option<Heatmap>,
    /// A graph drawn in place of axes: nodes coloured by a value, and its edges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<Network>,
}

/// A graph to draw: nodes at given positions, each coloured by its value on a colour scale (as a
/// heat map's, with its bar), and edges as lines between them, grey or coloured by a value of
/// their own. The figure's axes are not drawn; its title and subtitle are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Network {
    /// Node positions, in any units: the drawing fits them in a square, keeping their aspect.
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    /// One value per node; NaN leaves a node grey.
    #[serde(deserialize_with = "null_as_nan::numbers")]
    pub values: Vec<f64>,
    /// The values at the two ends of the nodes' colour scale.
    pub range: [f64; 2],
    /// What the nodes' colours mean, e.g. "u_i, activator".
    pub label: String,
    /// Pairs of node indices; an arrow head marks the second end when `directed`.
    pub edges: Vec<[u32; 2]>,
    #[serde(default)]
    pub directed: bool,
    /// One value per edge, on a colour scale of its own spanning `edge_range`; grey edges when absent.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "null_as_nan::optional")]
    pub edge_values: Option<Vec<f64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edge_range: Option<[f64; 2]>,
}

/// Values of several quantities over a common x grid, drawn as rows of coloured cells: e.g. every
/// entry of an overlap matrix against time. The figure's y axis is then the row index, 0 at the
/// bottom (its range is set by the drawing, not by `Axis::range`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Heatmap {
    /// Column centres, on the figure's x axis (increasing).
    pub x: Vec<f64>,
    /// Row names, bottom to top, e.g. "R₁₁".
    pub rows: Vec<String>,
    /// Row-major: `values[row * x.len() + column]`. NaN leaves a cell empty.
    pub values: Vec<f64>,
    /// The values at the two ends of the colour scale (a diverging scale, white in the middle).
    pub range: [f64; 2],
    /// What the colours mean, e.g. "R, student–teacher overlap".
    pub label: String,
}

/// The figures of a run at one moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Frame {
    pub figures: Vec<Figure>,
}

#[cfg(test)]
mod tests {
    use super::*;

    static SPEC: ModelSpec = ModelSpec {
        id: "toy",
        title: "Toy",
        summary: "",
        papers: &[],
        equations: &[],
        params: &[
            ParamSpec {
                name: "lr",
                symbol: "η",
                label: "learning rate",
                unit: "",
                help: "",
                kind: ParamKind::Float { range: Interval::left_open(0.0, 2.0), default: 0.5, scale: Scale::Linear },
            },
            ParamSpec {
                name: "N",
                symbol: "N",
                label: "dimension",
                unit: "",
                help: "",
                kind: ParamKind::Int { min: 10, max: 100, default: 20, scale: Scale::Log },
            },
        ],
        presets: &[],
        observables: &[],
    };

    #[test]
    fn messages_name_parameter_value_and_range() {
        let mut p = Params::defaults(&SPEC);
        let e = p.set("lr", "3.1").unwrap_err();
        assert_eq!(e.to_string(), "lr must be in (0, 2], got 3.1");
        assert_eq!(p.set("lr", "0").unwrap_err().to_string(), "lr must be in (0, 2], got 0");
        assert_eq!(p.set("lr", "abc").unwrap_err().to_string(), "lr must be a number in (0, 2], got 'abc'");
        assert_eq!(p.set("lr", "NaN").unwrap_err().to_string(), "lr must be a number in (0, 2], got 'NaN'");
        assert_eq!(p.set("N", "2.5").unwrap_err().to_string(), "N must be a whole number in [10, 100], got '2.5'");
        assert_eq!(p.set("N", "1000").unwrap_err().to_string(), "N must be in [10, 100], got 1000");
        assert!(p.set("eta", "1").unwrap_err().to_string().contains("its parameters are lr, N"));
        assert_eq!(p.float("lr"), 0.5, "a refused value leaves the old one");
        p.set("lr", "2").unwrap();
        assert_eq!(p.float("lr"), 2.0);
    }

    #[test]
    fn nan_in_a_series_survives_json() {
        let s = Series {
            label: "a".into(),
            kind: SeriesKind::Theory,
            group: 0,
            x: vec![0.0, f64::NAN, 2.0],
            y: vec![1.0, f64::INFINITY, 3.0],
            y_err: Some(vec![f64::NAN, 0.5, 0.1]),
            secondary: false,
        };
        let back: Series = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!((back.x[0], back.x[2], back.y[2]), (0.0, 2.0, 3.0));
        assert!(back.x[1].is_nan() && back.y[1].is_nan() && back.y_err.as_ref().unwrap()[0].is_nan());
        let none: Series = serde_json::from_str(&serde_json::to_string(&Series { y_err: None, ..s }).unwrap()).unwrap();
        assert_eq!(none.y_err, None);
    }

    #[test]
    fn floats_print_short_and_exact() {
        for x in [20.0, 0.1, 1e-7, 1.5e300, 123456.789, 2.0f64.sqrt()] {
            let s = format_float(x);
            assert_eq!(s.parse::<f64>().unwrap(), x, "{s}");
        }
        assert_eq!(format_float(20.0), "20");
        assert_eq!(format_float(1e-7), "1e-7");
        assert_eq!(format_float(0.25), "0.25");
    }
}
