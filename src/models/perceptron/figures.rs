//! The perceptron's figures: ε(α) and R(α), theory lines and simulated points, built from the
//! theory curves and the statistics of a run.

use super::learners::Rule;
use super::theory;
use crate::model::{Axis, Figure, Frame, Scale, Series, SeriesKind};

/// Points of each theory curve.
const THEORY_POINTS: usize = 120;

/// One theory curve: ε and R on the common α grid.
pub struct Curve {
    pub name: String,
    /// Colour group, shared with the simulation of the same learner.
    pub group: u32,
    pub error: Vec<f64>,
    pub overlap: Vec<f64>,
}

/// Which curves exist, in the order of [`Curves::list`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Learner {
    Hebb = 0,
    Online = 1,
    Gibbs = 2,
    /// The centre of mass of a finite number of Gibbs samples, as simulated.
    Committee = 3,
    Bayes = 4,
}

/// Every theory curve on a log grid of α, computed when a run starts.
pub struct Curves {
    pub alpha: Vec<f64>,
    pub list: Vec<Curve>,
}

impl Curves {
    /// `samples`: how many Gibbs samples the simulated centre of mass averages.
    pub fn new(alpha_min: f64, alpha_max: f64, samples: u32) -> Self {
        let alpha: Vec<f64> = (0..THEORY_POINTS)
            .map(|k| alpha_min * libm::pow(alpha_max / alpha_min, k as f64 / (THEORY_POINTS - 1) as f64))
            .collect();
        let online_error = theory::online_errors(&alpha);
        let gibbs = theory::gibbs_curve(&alpha);
        let overlaps = [
            alpha.iter().map(|&a| theory::hebb_overlap(a)).collect(),
            online_error.iter().map(|&e| libm::cos(std::f64::consts::PI * e)).collect(),
            gibbs.clone(),
            gibbs.iter().map(|&r| theory::committee_overlap(r, samples as usize)).collect(),
            gibbs.iter().map(|r| r.sqrt()).collect::<Vec<f64>>(),
        ];
        let names = [
            "Hebb".to_string(),
            "online perceptron rule".to_string(),
            "Gibbs learning".to_string(),
            format!("centre of mass of {samples} Gibbs samples"),
            "Bayes-optimal".to_string(),
        ];
        let groups = [0, 1, 2, 3, 3];
        let list = overlaps
            .into_iter()
            .zip(names)
            .zip(groups)
            .map(|((overlap, name), group)| Curve {
                name,
                group,
                error: overlap.iter().map(|&r| theory::error_from_overlap(r)).collect(),
                overlap,
            })
            .collect();
        Curves { alpha, list }
    }

    /// The curves a rule's simulation is compared with, and the faint references behind them.
    fn roles(rule: Rule, figure: &str) -> (Vec<Learner>, Vec<Learner>) {
        use Learner::*;
        let (main, mut references) = match rule {
            Rule::Hebb => (vec![Hebb], vec![Online, Gibbs, Bayes]),
            Rule::Online => (vec![Online], vec![Hebb, Gibbs, Bayes]),
            Rule::Gibbs => (vec![Gibbs, Committee], vec![Hebb, Online, Bayes]),
        };
        if figure == "overlap" {
            // The overlap figure keeps to the learners simulated, and the Bayes limit.
            references.retain(|&c| c == Bayes && rule == Rule::Gibbs);
        }
        (main, references)
    }
}

/// Means over seeds and their standard errors, point by point.
#[derive(Debug, Clone, Default)]
pub struct Means {
    pub mean: Vec<f64>,
    pub se: Vec<f64>,
}

/// Simulated points of one learner: α, and the statistics of ε and of R.
pub struct Measured {
    pub learner: Learner,
    pub label: String,
    pub alpha: Vec<f64>,
    pub error: Means,
    pub overlap: Means,
}

/// The two figures of a run; `conditions` (e.g. "N = 500, 5 seeds") goes into their titles.
pub fn frame(rule: Rule, curves: &Curves, measured: &[Measured], conditions: &str) -> Frame {
    let alpha = &curves.alpha;
    let x = Axis {
        label: "α = P/N, examples per input".into(),
        unit: String::new(),
        scale: Scale::Log,
        range: Some([alpha[0] / 1.25, alpha[alpha.len() - 1] * 1.25]),
    };
    // A fixed ε axis from the theory, so that the axes stay put while points arrive.
    let lowest = curves.list.iter().flat_map(|c| &c.error).copied().fold(0.5, f64::min);
    let error_axis = Axis {
        label: "ε, generalisation error".into(),
        unit: String::new(),
        scale: Scale::Log,
        range: Some([lowest / 1.5, 0.6]),
    };
    let overlap_axis = Axis {
        label: "R, teacher–student overlap".into(),
        unit: String::new(),
        scale: Scale::Linear,
        range: Some([0.0, 1.0]),
    };
    let figure =
        |id: &str, title: &str, y: Axis, pick: &dyn Fn(&Curve) -> &Vec<f64>, points: &dyn Fn(&Measured) -> &Means| {
            let (main, references) = Curves::roles(rule, id);
            let theory = |learner: Learner, secondary: bool| {
                let c = &curves.list[learner as usize];
                Series {
                    label: format!("{}: theory", c.name),
                    kind: SeriesKind::Theory,
                    group: c.group,
                    x: alpha.clone(),
                    y: pick(c).clone(),
                    y_err: None,
                    secondary,
                }
            };
            let mut series: Vec<Series> = references.iter().map(|&l| theory(l, true)).collect();
            series.extend(main.iter().map(|&l| theory(l, false)));
            series.extend(measured.iter().map(|m| Series {
                label: m.label.clone(),
                kind: SeriesKind::Simulation,
                group: curves.list[m.learner as usize].group,
                x: m.alpha.clone(),
                y: points(m).mean.clone(),
                y_err: Some(points(m).se.clone()),
                secondary: false,
            }));
            Figure {
                id: id.into(),
                title: title.into(),
                subtitle: format!("simulation: {conditions}"),
                x: x.clone(),
                y,
                series,
                heatmap: None,
                network: None,
            }
        };
    Frame {
        figures: vec![
            figure("error", "Generalisation error", error_axis, &|c| &c.error, &|m| &m.error),
            figure("overlap", "Overlap with the teacher", overlap_axis, &|c| &c.overlap, &|m| &m.overlap),
        ],
    }
}
