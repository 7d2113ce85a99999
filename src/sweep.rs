//! Sweeps: one parameter of a link varied over a range, each point a full run of the link with that
//! parameter replaced (the same seed, so the same random numbers), and what the runs report at
//! their end plotted against the parameter, simulation and theory together: a phase diagram.
//!
//! A sweep is itself a link: its base link with one more pair, `sweep=name:from:to:steps:spacing`,
//!
//! ```text
//! #/perceptron?v=1&seed=7&rule=hebb&N=500&alpha_max=20&seeds=5&sweep=alpha_max:0.5:20:11:log
//! ```
//!
//! The spacing (`linear` or `log`) may be left out; it is then the parameter's own scale, and the
//! canonical form prints it. The base value of the swept parameter stays in the link (it is the
//! page's single run) and plays no part in the sweep. Whole-number parameters are rounded at each
//! point, and points that round to the same number are run once.
//!
//! The points are independent: callers run them in any order, on any number of threads, and the
//! figures depend only on the points' [`Outcome`]s.
//!
//! # Example
//! ```
//! use replica::sweep::Sweep;
//!
//! let sweep = Sweep::parse("perceptron?N=50&seeds=2&sweep=alpha_max:0.5:2:3").unwrap();
//! assert_eq!(sweep.len(), 3);
//! let outcomes: Vec<_> = (0..sweep.len()).map(|i| sweep.run_point(i).unwrap_or_else(|_| sweep.missing())).collect();
//! let frame = sweep.frame(&outcomes);
//! assert_eq!(frame.figures[0].series.len(), 2); // the theory line and the simulated points
//! ```

use crate::fingerprint::Fingerprint;
use crate::link::{Link, LinkError, MAX_LINK_LEN};
use crate::model::{
    self, Axis, Figure, Frame, ParamError, ParamKind, ParamSpec, Run, RunError, Scale, Series, SeriesKind, Value,
};
use std::fmt;
use thiserror::Error;

/// The key of the sweep in a link.
pub const KEY: &str = "sweep";
/// Fewest and most steps of a sweep.
pub const MIN_STEPS: usize = 2;
pub const MAX_STEPS: usize = 101;
/// The most work a sweep may take, in units of the most one run may take ([`model::Model::cost`]):
/// a few minutes on one core, about a minute in a page's four workers.
pub const BUDGET: f64 = 20.0;
/// Significant digits of the points of a float parameter, so that they print as short, round
/// numbers in their links (0.7, not 0.7000000000000001).
const DIGITS: usize = 6;

/// Why a sweep was refused. Every message names the parameter and what is allowed.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SweepError {
    #[error(transparent)]
    Link(#[from] LinkError),
    #[error("this link names no sweep: add sweep=name:from:to:steps, e.g. sweep={example}")]
    Missing { example: String },
    #[error("sweep is given twice")]
    Duplicate,
    #[error("sweep must be name:from:to:steps, optionally followed by :linear or :log, got '{got}'")]
    Malformed { got: String },
    #[error("cannot sweep '{name}': model {model} has no such parameter; the parameters that can be swept are {known}")]
    UnknownParam { name: String, model: String, known: String },
    #[error("cannot sweep {name}: it is a {what}, not a number; the parameters that can be swept are {known}")]
    NotNumeric { name: String, what: String, known: String },
    #[error("sweep from: {0}")]
    From(ParamError),
    #[error("sweep to: {0}")]
    To(ParamError),
    #[error("sweep steps must be a whole number in [{MIN_STEPS}, {MAX_STEPS}], got '{got}'")]
    Steps { got: String },
    #[error("sweep spacing must be linear or log, got '{got}'")]
    Spacing { got: String },
    #[error("a sweep of {name} needs two different ends, got {value} for both")]
    SameEnds { name: String, value: String },
    #[error("a log-spaced sweep of {name} needs ends above 0, got from={from} and to={to}")]
    LogNotPositive { name: String, from: String, to: String },
    #[error("the sweep's point {name}={value} cannot run: {error}")]
    Point { name: String, value: String, error: Box<ParamError> },
    #[error(
        "the {points} runs of this sweep of {name} need {cost:.1} times the most work one run may take, more than \
         the limit of {BUDGET}: use fewer steps, a narrower range or lighter runs"
    )]
    TooMuchWork { name: String, points: usize, cost: f64 },
}

impl SweepError {
    /// The parameter the error is about, for the page: a link's own parameter, or `sweep`.
    pub fn param(&self) -> Option<&str> {
        match self {
            SweepError::Link(e) => e.param(),
            _ => Some(KEY),
        }
    }
}

/// Every error of a refused sweep link, one message per line.
#[derive(Debug, Clone, PartialEq, Error)]
pub struct SweepErrors(pub Vec<SweepError>);

impl fmt::Display for SweepErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&lines.join("\n"))
    }
}

/// A valid sweep: its base link, the parameter, its ends, steps and spacing, and the points' links.
#[derive(Clone)]
pub struct Sweep {
    base: Link,
    param: &'static ParamSpec,
    from: Value,
    to: Value,
    steps: usize,
    spacing: Scale,
    points: Vec<(Value, Link)>,
}

impl fmt::Debug for Sweep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sweep({self})")
    }
}

impl PartialEq for Sweep {
    fn eq(&self, other: &Self) -> bool {
        self.to_string() == other.to_string()
    }
}

impl fmt::Display for Sweep {
    /// The canonical form: the base link's, then `&sweep=name:from:to:steps:spacing`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let spacing = match self.spacing {
            Scale::Linear => "linear",
            Scale::Log => "log",
        };
        write!(f, "{}&{KEY}={}:{}:{}:{}:{spacing}", self.base, self.param.name, self.from, self.to, self.steps)
    }
}

/// What one point's run reports at its end: each observable of the spec, in its order, and its
/// standard error where it is a mean over repetitions. `None` where there is nothing to show.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub values: Vec<Option<f64>>,
    pub errors: Vec<Option<f64>>,
}

impl Outcome {
    /// The outcome of a finished run, for a spec with `count` observables; only finite numbers count.
    pub fn of(run: &dyn Run, count: usize) -> Self {
        let pad = |mut v: Vec<Option<f64>>| {
            v.resize(count, None);
            v.into_iter().map(|x| x.filter(|x| x.is_finite())).collect()
        };
        Outcome { values: pad(run.observables()), errors: pad(run.standard_errors()) }
    }

    /// Nothing to show: the outcome of a point whose run failed.
    pub fn missing(count: usize) -> Self {
        Outcome { values: vec![None; count], errors: vec![None; count] }
    }

    /// As flat numbers, value then standard error for each observable, NaN for `None`: the form
    /// in which outcomes cross from the page's workers to the figure, exactly.
    pub fn to_flat(&self) -> Vec<f64> {
        let nan = |x: &Option<f64>| x.unwrap_or(f64::NAN);
        self.values.iter().zip(&self.errors).flat_map(|(v, e)| [nan(v), nan(e)]).collect()
    }

    /// The inverse of [`Outcome::to_flat`] (its length must be even).
    pub fn from_flat(flat: &[f64]) -> Self {
        let some = |x: f64| x.is_finite().then_some(x);
        let (values, errors) = flat.chunks_exact(2).map(|c| (some(c[0]), some(c[1]))).unzip();
        Outcome { values, errors }
    }
}

/// The query of a link's route without its `sweep=` pairs, and the values of those pairs.
pub fn split(text: &str) -> (String, Vec<String>) {
    let route = text.find('#').map_or(0, |i| i + 1);
    let Some(q) = text[route..].find('?').map(|i| route + i + 1) else {
        return (text.to_string(), Vec::new());
    };
    let (mut kept, mut sweeps) = (Vec::new(), Vec::new());
    for part in text[q..].split('&') {
        match part.split_once('=') {
            Some((name, value)) if decode(name).as_deref() == Some(KEY) => {
                sweeps.push(decode(value).unwrap_or_else(|| value.to_string()));
            }
            _ => kept.push(part),
        }
    }
    (format!("{}{}", &text[..q], kept.join("&")), sweeps)
}

fn decode(text: &str) -> Option<String> {
    percent_encoding::percent_decode_str(text).decode_utf8().ok().map(|s| s.into_owned())
}

/// The names of a model's numeric parameters, the ones a sweep can vary.
pub fn numeric_params(base: &Link) -> String {
    let spec = base.model().spec();
    let names: Vec<&str> = spec.params.iter().filter(|p| is_numeric(p)).map(|p| p.name).collect();
    names.join(", ")
}

fn is_numeric(p: &ParamSpec) -> bool {
    matches!(p.kind, ParamKind::Int { .. } | ParamKind::Float { .. })
}

fn as_f64(v: Value) -> f64 {
    match v {
        Value::Int(i) => i as f64,
        Value::Float(x) => x,
        Value::Choice(_) | Value::Bool(_) => f64::NAN,
    }
}

/// `x` to [`DIGITS`] significant digits (formatting and parsing are exact and the same on every target).
fn round_digits(x: f64) -> f64 {
    format!("{x:.prec$e}", prec = DIGITS - 1).parse().unwrap_or(x)
}

impl Sweep {
    /// Strict: the sweep of a link (a full URL or its fragment, with `sweep=`), or every error.
    pub fn parse(text: &str) -> Result<Sweep, SweepErrors> {
        let (base, sweep, mut errors) = Self::parse_lenient(text).map_err(|e| SweepErrors(vec![e.into()]))?;
        match sweep {
            Some(sweep) if errors.is_empty() => Ok(sweep),
            _ => {
                if split(text).1.is_empty() {
                    errors.push(SweepError::Missing { example: example(&base) });
                }
                Err(SweepErrors(errors))
            }
        }
    }

    /// Lenient, as the page reads links: the base link read leniently, the sweep if its part is
    /// valid, and every error. Fails only when no model can be read from the text.
    pub fn parse_lenient(text: &str) -> Result<(Link, Option<Sweep>, Vec<SweepError>), LinkError> {
        if text.len() > MAX_LINK_LEN {
            return Err(LinkError::TooLong { len: text.len() });
        }
        let (base_text, sweeps) = split(text);
        let (base, link_errors) = Link::parse_lenient(&base_text)?;
        let mut errors: Vec<SweepError> = link_errors.into_iter().map(SweepError::from).collect();
        if sweeps.len() > 1 {
            errors.push(SweepError::Duplicate);
        }
        let sweep = match sweeps.first().map(|s| Sweep::from_text(base.clone(), s)) {
            Some(Ok(sweep)) => Some(sweep),
            Some(Err(e)) => {
                errors.push(e);
                None
            }
            None => None,
        };
        Ok((base, sweep, errors))
    }

    /// The sweep of `base` described by `name:from:to:steps[:spacing]`.
    pub fn from_text(base: Link, text: &str) -> Result<Sweep, SweepError> {
        let parts: Vec<&str> = text.split(':').collect();
        match parts[..] {
            [name, from, to, steps] => Sweep::new(base, name, from, to, steps, None),
            [name, from, to, steps, spacing] => Sweep::new(base, name, from, to, steps, Some(spacing)),
            _ => Err(SweepError::Malformed { got: text.to_string() }),
        }
    }

    /// The sweep of parameter `name` of `base` from `from` to `to` in `steps` points, spaced
    /// evenly (`linear`) or evenly in the logarithm (`log`), by default as the parameter's scale.
    /// The texts are read as in links; every point is checked as a link.
    pub fn new(
        base: Link,
        name: &str,
        from: &str,
        to: &str,
        steps: &str,
        spacing: Option<&str>,
    ) -> Result<Sweep, SweepError> {
        let spec = base.model().spec();
        let known = numeric_params(&base);
        let (_, param) = spec.param(name).ok_or_else(|| SweepError::UnknownParam {
            name: name.to_string(),
            model: spec.id.to_string(),
            known: known.clone(),
        })?;
        let scale = match param.kind {
            ParamKind::Int { scale, .. } | ParamKind::Float { scale, .. } => scale,
            ParamKind::Choice { .. } => {
                return Err(SweepError::NotNumeric { name: name.into(), what: "choice".into(), known });
            }
            ParamKind::Bool { .. } => {
                return Err(SweepError::NotNumeric { name: name.into(), what: "switch".into(), known });
            }
        };
        let from = param.parse(from).map_err(SweepError::From)?;
        let to = param.parse(to).map_err(SweepError::To)?;
        let steps = match steps.trim().parse::<usize>() {
            Ok(n) if (MIN_STEPS..=MAX_STEPS).contains(&n) => n,
            _ => return Err(SweepError::Steps { got: steps.to_string() }),
        };
        let spacing = match spacing {
            None => scale,
            Some("linear") => Scale::Linear,
            Some("log") => Scale::Log,
            Some(other) => return Err(SweepError::Spacing { got: other.to_string() }),
        };
        let (a, b) = (as_f64(from), as_f64(to));
        if a == b {
            return Err(SweepError::SameEnds { name: name.into(), value: from.to_string() });
        }
        if spacing == Scale::Log && (a <= 0.0 || b <= 0.0) {
            return Err(SweepError::LogNotPositive { name: name.into(), from: from.to_string(), to: to.to_string() });
        }
        let mut sweep = Sweep { base, param, from, to, steps, spacing, points: Vec::new() };
        let mut cost = 0.0;
        for value in sweep.values() {
            let point_error =
                |error| SweepError::Point { name: name.into(), value: value.to_string(), error: Box::new(error) };
            let mut params = sweep.base.params().clone();
            params.set(name, &value.to_string()).map_err(point_error)?;
            let model = sweep.base.model();
            cost += model.cost(&params);
            let link = Link::new(model, params, sweep.base.seed()).map_err(|e| match e {
                LinkError::Param(e) | LinkError::ConstraintFallback(e) => point_error(e),
                other => SweepError::Link(other),
            })?;
            sweep.points.push((value, link));
        }
        if cost > BUDGET {
            return Err(SweepError::TooMuchWork { name: name.into(), points: sweep.points.len(), cost });
        }
        Ok(sweep)
    }

    /// The distinct values of the points, from `from` to `to`.
    fn values(&self) -> Vec<Value> {
        let (a, b) = (as_f64(self.from), as_f64(self.to));
        let last = (self.steps - 1) as f64;
        let at = |i: usize| -> f64 {
            let t = i as f64 / last;
            match self.spacing {
                Scale::Linear => a + (b - a) * t,
                Scale::Log => libm::exp(libm::log(a) + (libm::log(b) - libm::log(a)) * t),
            }
        };
        let mut values: Vec<Value> = Vec::with_capacity(self.steps);
        for i in 0..self.steps {
            let value = match (i, self.from) {
                (0, _) => self.from,
                (i, _) if i == self.steps - 1 => self.to,
                (_, Value::Int(_)) => Value::Int(libm::round(at(i)) as i64),
                _ => Value::Float(round_digits(at(i))),
            };
            if values.last() != Some(&value) {
                values.push(value);
            }
        }
        values
    }

    pub fn base(&self) -> &Link {
        &self.base
    }
    pub fn param(&self) -> &'static ParamSpec {
        self.param
    }
    pub fn spacing(&self) -> Scale {
        self.spacing
    }
    /// The ends and the steps asked for, as in the link.
    pub fn range(&self) -> (Value, Value, usize) {
        (self.from, self.to, self.steps)
    }
    /// How many points (distinct values) the sweep runs.
    pub fn len(&self) -> usize {
        self.points.len()
    }
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }
    /// The value of the parameter at each point, and the point's link.
    pub fn points(&self) -> &[(Value, Link)] {
        &self.points
    }

    /// Point `i` run to the end; its outcome, or why it stopped (a run that diverged).
    pub fn run_point(&self, i: usize) -> Result<Outcome, RunError> {
        let mut run = self.points[i].1.start();
        let chunk = (run.total_work() / 64).max(1);
        model::run_to_end(run.as_mut(), chunk, |_| {})?;
        Ok(Outcome::of(run.as_ref(), self.observable_count()))
    }

    /// The outcome of a point that has nothing to show.
    pub fn missing(&self) -> Outcome {
        Outcome::missing(self.observable_count())
    }

    fn observable_count(&self) -> usize {
        self.base.model().spec().observables.len()
    }

    /// The figures of the sweep from the outcome of every point, in the order of [`Sweep::points`]:
    /// for each measured observable, its points (with standard errors where it has them) and the
    /// theory that predicts it; for each theory observable that predicts none, its line alone.
    pub fn frame(&self, outcomes: &[Outcome]) -> Frame {
        assert_eq!(outcomes.len(), self.len(), "one outcome per point of the sweep");
        let observables = self.base.model().spec().observables;
        let index = |id: &str| observables.iter().position(|o| o.id == id);
        let predicted: Vec<&str> = observables.iter().filter_map(|o| o.theory).collect();
        let mut figures = Vec::new();
        for (i, o) in observables.iter().enumerate() {
            let (measured, theory) = match o.kind {
                SeriesKind::Simulation => (Some(i), o.theory.and_then(index)),
                SeriesKind::Theory if predicted.contains(&o.id) => continue,
                SeriesKind::Theory => (None, Some(i)),
            };
            let mut series = Vec::new();
            if let Some(j) = theory {
                series.extend(self.series(outcomes, j, SeriesKind::Theory));
            }
            if let Some(j) = measured {
                series.extend(self.series(outcomes, j, SeriesKind::Simulation));
            }
            if !series.is_empty() {
                figures.push(self.figure(o, series));
            }
        }
        Frame { figures }
    }

    /// The fingerprint of the sweep: that of its figures.
    pub fn fingerprint(&self, outcomes: &[Outcome]) -> Fingerprint {
        Fingerprint::of(&self.frame(outcomes))
    }

    /// Observable `j` over the points where it is known; `None` where it is known nowhere.
    fn series(&self, outcomes: &[Outcome], j: usize, kind: SeriesKind) -> Option<Series> {
        let (mut x, mut y, mut err) = (Vec::new(), Vec::new(), Vec::new());
        for ((value, _), outcome) in self.points.iter().zip(outcomes) {
            if let Some(v) = outcome.values.get(j).copied().flatten() {
                x.push(as_f64(*value));
                y.push(v);
                err.push(outcome.errors.get(j).copied().flatten());
            }
        }
        if x.is_empty() {
            return None;
        }
        let y_err: Option<Vec<f64>> = if kind == SeriesKind::Simulation { err.into_iter().collect() } else { None };
        let label = match (kind, &y_err) {
            (SeriesKind::Theory, _) => "theory".to_string(),
            (SeriesKind::Simulation, Some(_)) => "simulation, mean ± standard error".to_string(),
            (SeriesKind::Simulation, None) => "simulation".to_string(),
        };
        Some(Series { label, kind, group: 0, x, y, y_err, secondary: false })
    }

    fn figure(&self, observable: &model::Observable, series: Vec<Series>) -> Figure {
        let p = self.param;
        let symbol = if p.symbol.is_empty() { p.name } else { p.symbol };
        let fixed: Vec<String> = self
            .base
            .params()
            .iter()
            .filter(|(name, _)| *name != p.name)
            .map(|(name, value)| format!("{name}={value}"))
            .chain([format!("seed={}", self.base.seed())])
            .collect();
        let mut title = observable.label.to_string();
        // Labels start with an ASCII word (ASCII only: Unicode case tables would weigh on the wasm).
        if let Some(first) = title.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        Figure {
            id: format!("sweep-{}", observable.id),
            title: format!("{title}, against {symbol}"),
            subtitle: format!("{} points; {}", self.len(), fixed.join(", ")),
            x: Axis {
                label: format!("{symbol}, {}", p.label),
                unit: p.unit.to_string(),
                scale: self.spacing,
                range: None,
            },
            y: Axis {
                label: observable.label.to_string(),
                unit: observable.unit.to_string(),
                scale: Scale::Linear,
                range: None,
            },
            series,
            heatmap: None,
            network: None,
        }
    }
}

/// A sweep to show in a message: the model's first numeric parameter over its range.
fn example(base: &Link) -> String {
    let spec = base.model().spec();
    match spec.params.iter().find(|p| is_numeric(p)) {
        Some(p) => match p.kind {
            ParamKind::Int { min, max, .. } => format!("{}:{min}:{max}:11", p.name),
            ParamKind::Float { range, .. } => {
                let lo = if range.min_open { range.min + (range.max - range.min) / 10.0 } else { range.min };
                format!("{}:{}:{}:11", p.name, model::format_float(lo), model::format_float(range.max))
            }
            _ => unreachable!("a numeric parameter"),
        },
        None => "name:from:to:steps".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_takes_the_sweep_out_of_the_query_only() {
        let (base, sweeps) = split("http://h/i.html?sweep=no#/perceptron?N=50&sweep=alpha_max:1:2:3&seeds=2");
        assert_eq!(base, "http://h/i.html?sweep=no#/perceptron?N=50&seeds=2");
        assert_eq!(sweeps, ["alpha_max:1:2:3"]);
        assert_eq!(split("perceptron").1, Vec::<String>::new());
        assert_eq!(split("perceptron?%73weep=N%3A10%3A20%3A2").1, ["N:10:20:2"]);
    }

    #[test]
    fn points_are_round_distinct_and_end_exactly() {
        let s = Sweep::parse("perceptron?N=50&seeds=1&sweep=alpha_max:0.5:3:26:linear").unwrap();
        let xs: Vec<String> = s.points().iter().map(|(v, _)| v.to_string()).collect();
        assert_eq!(xs.len(), 26);
        assert_eq!((xs[0].as_str(), xs[2].as_str(), xs[25].as_str()), ("0.5", "0.7", "3"));
        let s = Sweep::parse("perceptron?N=50&seeds=1&sweep=N:10:14:9").unwrap();
        let ns: Vec<String> = s.points().iter().map(|(v, _)| v.to_string()).collect();
        assert_eq!(ns, ["10", "11", "12", "13", "14"], "whole numbers, each once");
        let s = Sweep::parse("perceptron?N=50&seeds=1&sweep=alpha_max:0.1:100:4").unwrap();
        let xs: Vec<String> = s.points().iter().map(|(v, _)| v.to_string()).collect();
        assert_eq!(xs, ["0.1", "1", "10", "100"], "log spacing, the parameter's own scale");
    }

    #[test]
    fn flat_outcomes_round_trip() {
        let o = Outcome { values: vec![Some(0.25), None, Some(-1e-300)], errors: vec![Some(0.01), None, None] };
        assert_eq!(Outcome::from_flat(&o.to_flat()), o);
    }
}
