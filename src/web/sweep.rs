//! The sweep's side of the WebAssembly boundary: reading and checking sweep links, one point run
//! in a worker, and the figures made from every point's outcome.

use super::{Problem, Simulation, to_json};
use crate::link::LinkError;
use crate::sweep::{Outcome, Sweep, SweepError};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A sweep as the page's panel shows it: its canonical link and its parts as texts.
#[derive(Serialize)]
pub(super) struct Shown {
    link: String,
    param: &'static str,
    from: String,
    to: String,
    steps: usize,
    spacing: crate::model::Scale,
    points: usize,
}

impl From<&Sweep> for Shown {
    fn from(sweep: &Sweep) -> Self {
        let (from, to, steps) = sweep.range();
        Shown {
            link: sweep.to_string(),
            param: sweep.param().name,
            from: from.to_string(),
            to: to.to_string(),
            steps,
            spacing: sweep.spacing(),
            points: sweep.len(),
        }
    }
}

fn problems(errors: &[SweepError]) -> Vec<Problem> {
    errors.iter().map(|e| Problem { param: e.param().map(str::to_string), message: e.to_string() }).collect()
}

/// A link read leniently with its sweep, if it names one: the base link, the sweep when valid,
/// and every error (those of the sweep under the parameter `sweep`).
pub(super) fn read(text: &str) -> Result<(crate::link::Link, Option<Shown>, Vec<Problem>), LinkError> {
    let (link, sweep, errors) = Sweep::parse_lenient(text)?;
    Ok((link, sweep.as_ref().map(Shown::from), problems(&errors)))
}

fn parse(text: &str) -> Result<Sweep, JsError> {
    Sweep::parse(text).map_err(|e| JsError::new(&e.to_string()))
}

/// Check a sweep link strictly (as the panel does before a run): JSON `{sweep: {link, param, from,
/// to, steps, spacing, points}}`, or `{errors: [{param, message}]}`.
#[wasm_bindgen(js_name = checkSweep)]
pub fn check_sweep(text: &str) -> Result<String, JsError> {
    #[derive(Serialize)]
    #[serde(untagged)]
    enum Checked {
        Valid { sweep: Shown },
        Invalid { errors: Vec<Problem> },
    }
    to_json(&match Sweep::parse(text) {
        Ok(sweep) => Checked::Valid { sweep: Shown::from(&sweep) },
        Err(e) => Checked::Invalid { errors: problems(&e.0) },
    })
}

/// Start point `index` (from 0) of a sweep link, for a worker of the page's pool to run in slices.
#[wasm_bindgen(js_name = sweepPoint)]
pub fn sweep_point(sweep: &str, index: usize) -> Result<Simulation, JsError> {
    let sweep = parse(sweep)?;
    let (_, link) = sweep.points().get(index).ok_or_else(|| JsError::new("no such point in the sweep"))?;
    Ok(Simulation::of(link))
}

#[wasm_bindgen]
impl Simulation {
    /// What the run reports at its end, as flat numbers (see [`Outcome::to_flat`]), exact across
    /// the boundary.
    pub fn outcome(&self) -> Vec<f64> {
        Outcome::of(self.run.as_ref(), self.link.model().spec().observables.len()).to_flat()
    }
}

/// The sweep's figures from every point's flat outcome, concatenated in the order of the points
/// (NaN for a point that failed): JSON `{fingerprint, frame}`.
#[wasm_bindgen(js_name = sweepFrame)]
pub fn sweep_frame(text: &str, outcomes: &[f64]) -> Result<String, JsError> {
    let sweep = parse(text)?;
    let width = 2 * sweep.missing().values.len();
    if outcomes.len() != sweep.len() * width {
        return Err(JsError::new(&format!(
            "a sweep of {} points needs {} numbers of outcomes, got {}",
            sweep.len(),
            sweep.len() * width,
            outcomes.len()
        )));
    }
    let outcomes: Vec<Outcome> = if width == 0 {
        vec![sweep.missing(); sweep.len()]
    } else {
        outcomes.chunks_exact(width).map(Outcome::from_flat).collect()
    };
    frame_json(&sweep, &outcomes)
}

fn frame_json(sweep: &Sweep, outcomes: &[Outcome]) -> Result<String, JsError> {
    #[derive(Serialize)]
    struct Result {
        fingerprint: String,
        frame: crate::model::Frame,
    }
    let frame = sweep.frame(outcomes);
    to_json(&Result { fingerprint: crate::fingerprint::Fingerprint::of(&frame).to_string(), frame })
}

/// Run every point of a sweep link at once and return the sweep's fingerprint (for tests).
#[wasm_bindgen(js_name = sweepFingerprint)]
pub fn sweep_fingerprint(text: &str) -> Result<String, JsError> {
    let sweep = parse(text)?;
    let outcomes: Vec<Outcome> =
        (0..sweep.len()).map(|i| sweep.run_point(i).unwrap_or_else(|_| sweep.missing())).collect();
    Ok(sweep.fingerprint(&outcomes).to_string())
}
