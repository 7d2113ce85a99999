//! The figures of the hidden-manifold page: the error against time for both kinds of inputs, the
//! GET's check on the local fields, and the inputs in a plane.

use super::run::{HmmRun, Problem, T_MIN, TestSet};
use super::theory::Feature;
use crate::model::{Axis, Figure, Frame, Scale, Series, SeriesKind, format_float};
use crate::models::two_layer::ode::Overlaps;
use crate::models::two_layer::page;
use crate::num::vector::{axpy, dot};
use crate::rng;

const MANIFOLD: u32 = 0;
const GAUSSIAN: u32 = 1;
const Q_ENTRIES: u32 = 0;
const R_ENTRIES: u32 = 2;
const T_ENTRIES: u32 = 3;
/// Test inputs drawn in the plane.
const POINTS: usize = 400;

pub fn frame(run: &HmmRun) -> Frame {
    Frame { figures: vec![error_figure(run), get_figure(run), plane_figure(run)] }
}

fn conditions(run: &HmmRun) -> String {
    let s = &run.settings;
    let f = match s.feature {
        Feature::Sign => "sign",
        Feature::Erf => "erf",
    };
    format!("N = {}, D = {}, f = {f}, K = {}, M = {}, η = {}", s.n, s.d, s.k, s.m, format_float(s.lr))
}

fn error_figure(run: &HmmRun) -> Figure {
    let s = &run.settings;
    let times = run.recorded_times();
    let keep = |t: &f64| *t > 0.0;
    let pick =
        |values: Vec<f64>| -> Vec<f64> { times.iter().zip(values).filter(|(t, _)| keep(t)).map(|(_, v)| v).collect() };
    let t: Vec<f64> = times.iter().copied().filter(keep).collect();
    let e_mc = pick(run.records.iter().map(|r| r.measured.eps).collect());
    let se = pick(run.records.iter().map(|r| r.measured.se).collect());
    let e_get = pick(run.records.iter().map(|r| r.eps_get).collect());

    let g = &run.gauss;
    let rule = &g.phases[0].rule;
    let eps = |o: &Overlaps| rule.error(o, 0, &rule.readout, 1.0);
    let (t_ode, e_ode) = page::positive_times(g.theory_times(), g.theory.iter().map(eps));
    let (t_sim, e_sim) = page::positive_times(g.simulated_times(), g.simulated.iter().map(eps));
    let axis =
        page::error_axis("ε_g, generalisation error", e_mc.iter().chain(&e_get).chain(&e_ode).chain(&e_sim).copied());
    let series = vec![
        page::theory("hidden manifold: GET from the current weights", MANIFOLD, t.clone(), e_get),
        Series {
            y_err: Some(se),
            ..page::simulation(
                format!("hidden manifold: simulation, test error on {} fresh examples", s.p_test),
                MANIFOLD,
                t,
                e_mc,
            )
        },
        page::theory("i.i.d. Gaussian inputs (dimension D): ODE", GAUSSIAN, t_ode, e_ode),
        page::simulation("i.i.d. Gaussian inputs: simulation", GAUSSIAN, t_sim, e_sim),
    ];
    Figure {
        id: "error".into(),
        title: "Generalisation error: hidden manifold against i.i.d. Gaussian inputs".into(),
        subtitle: format!(
            "the same teacher on the latent c; simulation at {}; the Gaussian run's ODE from its own start{}",
            conditions(run),
            g.divergence_note()
        ),
        x: Axis {
            label: "t = examples / input dimension (N for the manifold, D for Gaussian inputs)".into(),
            ..page::time_axis(T_MIN, s.t_max)
        },
        y: axis,
        series,
        heatmap: None,
        network: None,
    }
}

/// Measured second moments of the local fields against the GET's Q, R and T, at the last record.
fn get_figure(run: &HmmRun) -> Figure {
    let s = &run.settings;
    let (k, m) = (s.k, s.m);
    let units = k + m;
    let last = run.records.last().expect("the start is recorded");
    let moments = &last.measured.moments;
    let t = run.teacher_overlaps();
    let mut q = (Vec::new(), Vec::new());
    let mut r = (Vec::new(), Vec::new());
    let mut tt = (Vec::new(), Vec::new());
    for a in 0..k {
        for b in a..k {
            q.0.push(last.get.q[a * k + b]);
            q.1.push(moments[a * units + b]);
        }
        for p in 0..m {
            r.0.push(last.get.r[a * m + p]);
            r.1.push(moments[a * units + k + p]);
        }
    }
    for p in 0..m {
        for p2 in p..m {
            tt.0.push(t[p * m + p2]);
            tt.1.push(moments[(k + p) * units + k + p2]);
        }
    }
    let all = || q.0.iter().chain(&q.1).chain(&r.0).chain(&r.1).chain(&tt.0).chain(&tt.1).copied();
    let lo = all().fold(0.0f64, f64::min);
    let hi = all().fold(0.0f64, f64::max);
    let pad = 0.08 * (hi - lo).max(0.1);
    let (lo, hi) = (lo - pad, hi + pad);
    let points = |label: &str, group: u32, (x, y): (Vec<f64>, Vec<f64>)| page::simulation(label, group, x, y);
    let series = vec![
        page::theory("measured = GET (the diagonal)", 6, vec![lo, hi], vec![lo, hi]),
        points("⟨λ_i λ_k⟩ against Q_ik", Q_ENTRIES, q),
        points("⟨λ_i ν_n⟩ against R_in", R_ENTRIES, r),
        points("⟨ν_n ν_m⟩ against T_nm", T_ENTRIES, tt),
    ];
    let axis =
        |label: &str| Axis { label: label.into(), unit: String::new(), scale: Scale::Linear, range: Some([lo, hi]) };
    Figure {
        id: "get".into(),
        title: format!("Gaussian equivalence: the local fields' covariance at t = {}", format_float(round3(last.t))),
        subtitle: format!(
            "points: second moments on {} test examples; GET: Q = (κ² − κ₁²)W + κ₁²Σ, R = κ₁Sw̃*ᵀ/D; {}",
            s.p_test,
            conditions(run)
        ),
        x: axis("GET prediction (Q, R or T entry)"),
        y: axis("measured second moment of (λ, ν)"),
        series,
        heatmap: None,
        network: None,
    }
}

fn round3(t: f64) -> f64 {
    (t * 1000.0).round() / 1000.0
}

/// Test inputs projected on the direction of F's first column (a direction of the manifold) and
/// on a random direction orthogonal to it, with the GET's 2σ ellipse.
pub struct Plane {
    pub along: Vec<f64>,
    pub across: Vec<f64>,
    /// GET covariance of the two projections: [var along, covariance, var across].
    pub covariance: [f64; 3],
}

impl Plane {
    /// The random direction comes from the stream "projection".
    pub fn new(problem: &Problem, test: &TestSet, seed: u64) -> Self {
        let (n, d) = (problem.n, problem.d);
        let mut e1: Vec<f64> = (0..n).map(|i| problem.features[i * d]).collect();
        normalise(&mut e1);
        let mut e2 = vec![0.0; n];
        rng::normal().fill(&mut rng::stream(seed, "projection", 0), &mut e2);
        let overlap = dot(&e1, &e2);
        axpy(-overlap, &e1, &mut e2);
        normalise(&mut e2);
        let count = POINTS.min(test.p);
        let project = |e: &[f64]| (0..count).map(|mu| dot(e, &test.x[mu * n..(mu + 1) * n])).collect();
        // GET: Cov(x) = κ₁² F Fᵀ/D + (κ² − κ₁²) I.
        let (kappa_sq, kappa1) = (problem.feature.kappa_sq(), problem.feature.kappa1());
        let ft = |e: &[f64]| -> Vec<f64> {
            let mut out = vec![0.0; d];
            for (i, &e_i) in e.iter().enumerate() {
                axpy(e_i, &problem.features[i * d..(i + 1) * d], &mut out);
            }
            out
        };
        let (f1, f2) = (ft(&e1), ft(&e2));
        let cov = |a: &[f64], b: &[f64], same: f64| {
            kappa1 * kappa1 * dot(a, b) / d as f64 + (kappa_sq - kappa1 * kappa1) * same
        };
        Plane {
            along: project(&e1),
            across: project(&e2),
            covariance: [cov(&f1, &f1, 1.0), cov(&f1, &f2, 0.0), cov(&f2, &f2, 1.0)],
        }
    }
}

/// The 2σ ellipse of a 2 × 2 covariance [a, b, c] (variances a, c, covariance b): z = 2 L (cos θ,
/// sin θ), L its Cholesky factor.
fn ellipse([a, b, c]: [f64; 3]) -> (Vec<f64>, Vec<f64>) {
    let l11 = a.max(0.0).sqrt();
    let l21 = if l11 > 0.0 { b / l11 } else { 0.0 };
    let l22 = (c - l21 * l21).max(0.0).sqrt();
    (0..=96)
        .map(|j| {
            let th = 2.0 * std::f64::consts::PI * j as f64 / 96.0;
            let (u, v) = (2.0 * libm::cos(th), 2.0 * libm::sin(th));
            (l11 * u, l21 * u + l22 * v)
        })
        .unzip()
}

fn normalise(e: &mut [f64]) {
    let norm = dot(e, e).sqrt();
    for x in e.iter_mut() {
        *x /= norm;
    }
}

fn plane_figure(run: &HmmRun) -> Figure {
    let s = &run.settings;
    let plane = &run.plane;
    let (ex, ey) = ellipse(plane.covariance);
    let variance = s.feature.kappa_sq();
    let (cx, cy) = ellipse([variance, 0.0, variance]);
    let extent =
        plane.along.iter().chain(&plane.across).chain(&ex).chain(&ey).fold(0.0f64, |a, v| a.max(v.abs())) * 1.1;
    let axis = |label: &str| Axis {
        label: label.into(),
        unit: String::new(),
        scale: Scale::Linear,
        range: Some([-extent, extent]),
    };
    Figure {
        id: "inputs".into(),
        title: "The inputs x = f(Fc/√D) in a plane".into(),
        subtitle: format!(
            "{} test inputs; the manifold's directions carry variance κ₁²(1 + 1/δ) + κ² − κ₁², a generic one κ²; {}",
            plane.along.len(),
            conditions(run)
        ),
        x: axis("e₁·x, along F's first column (a direction of the manifold)"),
        y: axis("e₂·x, along a random direction ⊥ e₁"),
        series: vec![
            Series { secondary: true, ..page::theory("isotropic inputs of variance κ²: 2σ circle", 6, cx, cy) },
            page::theory("GET covariance: 2σ ellipse", MANIFOLD, ex, ey),
            Series {
                label: "test inputs: simulation".into(),
                kind: SeriesKind::Simulation,
                group: MANIFOLD,
                x: plane.along.clone(),
                y: plane.across.clone(),
                y_err: None,
                secondary: true,
            },
        ],
        heatmap: None,
        network: None,
    }
}
