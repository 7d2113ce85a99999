//! The learning-rate-schedule model against its theory: the catalogue's table, the closed forms
//! against a direct integration of the ODE, the optimal-control solver against the closed form and
//! against the exact optimum of its own pieces, and the finite-N simulation against the ODE.
//!
//! The oracle is dm/dt = −2ηm + η²(m + σ²), integrated here by RK4 from the schedule η(t) alone,
//! and at finite N the exact mean of m over the randomness of SGD, which obeys a linear recursion
//! (derived below). Every check of the simulation is also run against a wrong ODE (without the
//! η²m term) and must fail there.

use replica::link::Link;
use replica::model::SeriesKind;
use replica::models::lr_schedule::control::{Pieces, flow, optimise};
use replica::models::lr_schedule::theory::{Comparison, Kind, PIECES, Problem, Schedule};
use replica::num::ode::{OdeSystem, Rk4};

/// The catalogue's problem: σ² = 0.25, m₀ = 1.
fn catalogue(horizon: f64) -> Problem {
    Problem { sigma2: 0.25, m0: 1.0, horizon }
}

/// |value − printed| within half a unit of the printed number's last digit: the value agrees with
/// every digit the table gives.
fn assert_rounds_to(what: &str, value: f64, printed: &str) {
    let decimals = printed.split_once('.').map_or(0, |(_, d)| d.len());
    let half_unit = 0.5 * 10f64.powi(-(decimals as i32));
    let table: f64 = printed.parse().unwrap();
    println!("{what}: {value:.8} (table {printed}, off by {:.1e})", (value - table).abs());
    assert!((value - table).abs() <= half_unit * (1.0 + 1e-9), "{what}: {value} does not round to {printed}");
}

#[test]
fn the_catalogue_table() {
    // T, optimal m(T), η*(T), best constant η, its m(T), all as printed in the catalogue (E13).
    let table = [
        (2.0, ".267945", ".5173", ".6399", ".272394"),
        (10.0, ".036085", ".1261", ".2569", ".047783"),
        (50.0, ".005549", ".0217", ".0677", ".010190"),
    ];
    for (horizon, m_opt, eta_opt, eta_const, m_const) in table {
        let p = catalogue(horizon);
        let best = p.best_constant();
        assert_rounds_to(&format!("T = {horizon}: optimal m(T)"), p.optimal_m(horizon), &format!("0{m_opt}"));
        assert_rounds_to(&format!("T = {horizon}: η*(T)"), p.optimal_eta(horizon), &format!("0{eta_opt}"));
        assert_rounds_to(&format!("T = {horizon}: best constant η"), best, &format!("0{eta_const}"));
        assert_rounds_to(&format!("T = {horizon}: its m(T)"), p.constant_m(best, horizon), &format!("0{m_const}"));
    }
}

/// dm/dt = −2ηm + η²(m + σ²) with η(t) given (the `noise_only` variant drops the η²m term: the
/// negative control).
struct Ode<'a> {
    sigma2: f64,
    eta: &'a dyn Fn(f64) -> f64,
    noise_only: bool,
}

impl OdeSystem for Ode<'_> {
    fn dim(&self) -> usize {
        1
    }
    fn rhs(&self, t: f64, y: &[f64], dy: &mut [f64]) {
        let eta = (self.eta)(t);
        let second_order = if self.noise_only { eta * eta * self.sigma2 } else { eta * eta * (y[0] + self.sigma2) };
        dy[0] = -2.0 * eta * y[0] + second_order;
    }
}

/// RK4 step: 10⁻³; the error is O(h⁴), about 10⁻¹² relative.
const STEP: f64 = 1e-3;

/// [a, b] (either direction) cut at the ends of pieces strictly inside it, where η jumps: RK4 is
/// run on each part with that part's constant η.
fn parts(schedule: &Schedule, a: f64, b: f64) -> Vec<(f64, f64)> {
    let mut cuts = vec![a];
    if let Schedule::Pieces(pieces) = schedule {
        let (lo, hi) = (a.min(b), a.max(b));
        let mut inside: Vec<f64> =
            (1..pieces.eta.len()).map(|k| k as f64 * pieces.width()).filter(|&j| j > lo && j < hi).collect();
        if b < a {
            inside.reverse();
        }
        cuts.extend(inside);
    }
    cuts.push(b);
    cuts.windows(2).map(|w| (w[0], w[1])).collect()
}

/// η(t) on a part of [0, T] that no jump crosses: for pieces the value at the part's middle, so
/// that rounding at its ends cannot pick the neighbouring piece.
fn eta_on<'a>(p: &'a Problem, schedule: &'a Schedule, a: f64, b: f64) -> impl Fn(f64) -> f64 + 'a {
    let middle = 0.5 * (a + b);
    move |t| match schedule {
        Schedule::Pieces(_) => schedule.eta(p, middle),
        _ => schedule.eta(p, t),
    }
}

/// m(t) at increasing times by RK4 from m₀.
fn integrate(p: &Problem, schedule: &Schedule, times: &[f64], noise_only: bool) -> Vec<f64> {
    let mut rk = Rk4::new(1);
    let (mut t, mut y) = (0.0, [p.m0]);
    times
        .iter()
        .map(|&target| {
            for (a, b) in parts(schedule, t, target) {
                let eta = eta_on(p, schedule, a, b);
                rk.integrate(&Ode { sigma2: p.sigma2, eta: &eta, noise_only }, a, &mut y, b, STEP).unwrap();
            }
            t = target;
            y[0]
        })
        .collect()
}

/// dp/dt = p η(2 − η).
struct Costate<'a>(&'a dyn Fn(f64) -> f64);

impl OdeSystem for Costate<'_> {
    fn dim(&self) -> usize {
        1
    }
    fn rhs(&self, t: f64, y: &[f64], dy: &mut [f64]) {
        let eta = (self.0)(t);
        dy[0] = y[0] * eta * (2.0 - eta);
    }
}

/// p(t) by RK4 backwards from p(T) = 1, at decreasing times.
fn costate_backwards(p: &Problem, schedule: &Schedule, times: &[f64]) -> Vec<f64> {
    let mut rk = Rk4::new(1);
    let (mut t, mut y) = (p.horizon, [1.0]);
    times
        .iter()
        .map(|&target| {
            for (a, b) in parts(schedule, t, target) {
                let eta = eta_on(p, schedule, a, b);
                rk.integrate(&Costate(&eta), a, &mut y, b, STEP).unwrap();
            }
            t = target;
            y[0]
        })
        .collect()
}

fn relative(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}

#[test]
fn closed_forms_solve_the_ode() {
    // Each schedule's m(t) (closed form, root, quadrature or exact flows) against RK4 of the ODE
    // with the same η(t); the co-state against RK4 of dp/dt = p η(2 − η) from p(T) = 1. RK4 at
    // step 10⁻³ is exact to ~10⁻¹² here (measured: halving the step changes nothing above 10⁻¹²);
    // tolerance 10⁻⁹.
    let problems = [
        catalogue(10.0),
        Problem { sigma2: 2.0, m0: 0.01, horizon: 30.0 },
        Problem { sigma2: 0.01, m0: 10.0, horizon: 3.0 },
        Problem { sigma2: 0.0, m0: 1.0, horizon: 5.0 },
    ];
    for p in problems {
        let c = Comparison::new(p);
        let times: Vec<f64> = (1..=20).map(|k| p.horizon * k as f64 / 20.0).collect();
        let backwards: Vec<f64> = (0..20).rev().map(|k| p.horizon * k as f64 / 20.0).collect();
        for kind in Kind::ALL {
            let schedule = c.schedule(kind);
            let ode = integrate(&p, schedule, &times, false);
            let worst = times.iter().zip(&ode).map(|(&t, &m)| relative(schedule.m(&p, t), m)).fold(0.0, f64::max);
            let back = costate_backwards(&p, schedule, &backwards);
            let worst_p =
                backwards.iter().zip(&back).map(|(&t, &q)| relative(schedule.costate(&p, t), q)).fold(0.0, f64::max);
            println!("{p:?} {kind:?}: m(t) off by {worst:.1e}, p(t) by {worst_p:.1e} (relative)");
            assert!(worst < 1e-9, "{p:?} {kind:?}: m(t) off the ODE by {worst:e}");
            assert!(worst_p < 1e-9, "{p:?} {kind:?}: p(t) off the ODE by {worst_p:e}");
        }
    }
}

/// The exact optimum over pieces: since the flow of a piece increases with the state, the best η of
/// a piece is the one that minimises m at its end, whatever follows (greedy, piece by piece), here
/// by golden-section search on [0, 1] to 10⁻¹² in η.
fn exact_pieces(p: &Problem, count: usize) -> Pieces {
    let h = p.horizon / count as f64;
    let mut m = p.m0;
    let mut eta = Vec::with_capacity(count);
    for _ in 0..count {
        let end = |e: f64| flow(m, e, h, p.sigma2).m;
        let (mut lo, mut hi) = (0.0, 1.0);
        let g = (5f64.sqrt() - 1.0) / 2.0;
        while hi - lo > 1e-12 {
            let (a, b) = (hi - g * (hi - lo), lo + g * (hi - lo));
            if end(a) < end(b) { hi = b } else { lo = a }
        }
        let best = 0.5 * (lo + hi);
        eta.push(best);
        m = end(best);
    }
    Pieces { horizon: p.horizon, eta }
}

#[test]
fn the_solver_finds_the_optimal_schedule() {
    // The catalogue: with 50 pieces m(T) within 1% of the closed form and η*(t) within 5% on the
    // pieces' midpoints. Measured: m(T) 7e-6 (T = 2), 1.5e-4 (10), 8.3e-4 (50) above the closed form,
    // and η within 1e-5, 3e-4 and 7e-3: what 50 pieces allow (the exact optimum over pieces is as
    // far). With the catalogue's problem and three other corners of the parameters, T ≤ 50.
    let mut problems: Vec<Problem> = [2.0, 10.0, 50.0].into_iter().map(catalogue).collect();
    problems.extend([
        Problem { sigma2: 2.0, m0: 0.01, horizon: 50.0 },
        Problem { sigma2: 0.01, m0: 10.0, horizon: 20.0 },
        Problem { sigma2: 0.0, m0: 1.0, horizon: 10.0 },
        Problem { sigma2: 2.0, m0: 10.0, horizon: 0.5 },
    ]);
    for p in problems {
        let c = Comparison::new(p);
        let solved = &c.solution;
        let closed = p.optimal_m(p.horizon);
        let h = solved.pieces.width();
        let eta_dev = (0..PIECES)
            .map(|k| relative(solved.pieces.eta[k], p.optimal_eta((k as f64 + 0.5) * h)))
            .fold(0.0, f64::max);
        println!(
            "{p:?}: m(T) = {:.6e} vs closed form {closed:.6e} ({:+.1e}), η within {eta_dev:.1e}, {} iterations",
            solved.cost,
            solved.cost / closed - 1.0,
            solved.iterations
        );
        assert!(relative(solved.cost, closed) < 0.01, "{p:?}: m(T) {} vs {closed}", solved.cost);
        assert!(eta_dev < 0.05, "{p:?}: η off η* by {eta_dev}");
        // Nothing beats the optimum; the pieces beat the best constant (with noise).
        assert!(solved.cost >= closed * (1.0 - 1e-12));
        if p.sigma2 > 0.0 {
            assert!(solved.cost < p.constant_m(p.best_constant(), p.horizon));
        }
        // The exact optimum over the same pieces: the gradient method converges onto it. m(T) to
        // 1e-10 (its rounding and the stopping rule are below 1e-12), η to 1e-5 (an η off by δ
        // changes m(T) by δ² times the co-state, tiny for early pieces at long horizons).
        let exact = exact_pieces(&p, PIECES);
        let exact_cost = *exact.boundaries(&p).last().unwrap();
        let worst = exact.eta.iter().zip(&solved.pieces.eta).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
        println!("    exact pieces: m(T) {:.1e} relative, η {worst:.1e}", relative(solved.cost, exact_cost));
        assert!(relative(solved.cost, exact_cost) < 1e-10, "{p:?}: {} vs exact pieces {exact_cost}", solved.cost);
        assert!(worst < 1e-5, "{p:?}: η off the exact pieces by {worst}");
    }
}

#[test]
fn long_horizons_need_more_pieces() {
    // At T = 200 the first piece, t in [0, 4], spans a fall of η* from 0.8 to 0.3: no constant
    // matches η* at its midpoint within 5% (the exact optimum over pieces misses it by 7%). The
    // solver still finds that exact optimum, and m(T) stays within 1% of the closed form.
    let p = catalogue(200.0);
    let c = Comparison::new(p);
    let exact = exact_pieces(&p, PIECES);
    let first = relative(exact.eta[0], p.optimal_eta(0.5 * exact.width()));
    println!("T = 200: the exact first piece is {first:.3} off η* at its midpoint");
    assert!(first > 0.05);
    let worst = exact.eta.iter().zip(&c.solution.pieces.eta).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
    assert!(worst < 1e-5, "η off the exact pieces by {worst}");
    assert!(relative(c.solution.cost, p.optimal_m(p.horizon)) < 0.01);
}

#[test]
fn optimise_starts_anywhere() {
    // From a poor start (η = 0.05 throughout) the solver reaches the same pieces as from the best
    // constant: the minimum is unique, and the result does not hinge on the start.
    let p = catalogue(10.0);
    let from_best = Comparison::new(p).solution;
    let from_low = optimise(&p, &Pieces::constant(p.horizon, PIECES, 0.05));
    let worst = from_best.pieces.eta.iter().zip(&from_low.pieces.eta).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
    println!(
        "from η = 0.05: {} iterations, η within {worst:.1e} of the run from the best constant",
        from_low.iterations
    );
    assert!(worst < 1e-5);
}

/// One simulated point against the theory.
struct Point {
    kind: Kind,
    t: f64,
    mean: f64,
    se: f64,
    /// The ODE (N → ∞).
    ode: f64,
    /// The exact mean at this N.
    finite: f64,
}

/// The exact mean of m after s steps at finite N. With e = w − w*, one step changes |e|² by
/// −2(η/√N)(e·x/√N − σζ)(e·x) + (η²/N)(e·x/√N − σζ)²|x|²; over x ~ N(0, I_N) and ζ, with
/// E[(e·x)²] = |e|² and E[(e·x)²|x|²] = (N + 2)|e|², the mean of m = |e|²/N moves by
/// [−2ηm + η²((1 + 2/N)m + σ²)]/N: a linear recursion for E[m], exact, since the schedule does not
/// depend on the run. η of step s is the schedule's at (s + ½)/N, as in the run.
fn finite_n_means(p: &Problem, schedule: &Schedule, n: usize, steps: &[usize]) -> Vec<f64> {
    let nf = n as f64;
    let mut m = p.m0;
    let mut s = 0;
    steps
        .iter()
        .map(|&target| {
            while s < target {
                let eta = schedule.eta(p, (s as f64 + 0.5) / nf);
                m += (-2.0 * eta * m + eta * eta * ((1.0 + 2.0 / nf) * m + p.sigma2)) / nf;
                s += 1;
            }
            m
        })
        .collect()
}

/// The simulated points of a link with their oracles (from the ODE, or the wrong ODE).
fn simulated(link: &str, noise_only: bool) -> Vec<Point> {
    let link = Link::parse(link).unwrap();
    let params = replica::models::lr_schedule::LrParams::from_params(link.params());
    let p = params.problem();
    let c = Comparison::new(p);
    let result = link.run_to_end(u64::MAX).unwrap();
    let figure = result.frame.figures.iter().find(|f| f.id == "error").unwrap();
    let mut points = Vec::new();
    for kind in replica::models::lr_schedule::SIMULATED {
        let s = figure.series.iter().find(|s| s.kind == SeriesKind::Simulation && s.group == kind as u32).unwrap();
        let schedule = c.schedule(kind);
        let ode = integrate(&p, schedule, &s.x, noise_only);
        let steps: Vec<usize> = s.x.iter().map(|t| (t * params.n as f64).round() as usize).collect();
        let finite = finite_n_means(&p, schedule, params.n, &steps);
        let se = s.y_err.as_ref().unwrap();
        for k in 0..s.x.len() {
            points.push(Point { kind, t: s.x[k], mean: s.y[k], se: se[k], ode: ode[k], finite: finite[k] });
        }
    }
    points
}

/// Standard errors allowed: with 20 seeds the deviation over its estimated SE follows Student's t
/// with 19 degrees of freedom, P(|t| > 4) = 0.08% per point; 39 points, correlated along each
/// trajectory, leave a chance below 3% of a false alarm.
const K: f64 = 4.0;

#[test]
fn simulation_follows_the_ode() {
    for link in [
        "learning-rate-schedule?seed=1&sigma2=0.25&m0=1&T=10&N=1000&seeds=20",
        "learning-rate-schedule?seed=2&sigma2=1&m0=3&T=5&N=1000&seeds=20",
    ] {
        let points = simulated(link, false);
        assert_eq!(points.len(), 39, "{link}: 13 checkpoints of 3 schedules");
        // The finite-size allowance: the exact finite-N mean against the ODE. Its relative size is
        // O(1/N) (the 2/N in the recursion, and steps of 1/N instead of a flow).
        let allowance: Vec<f64> = points.iter().map(|q| (q.finite - q.ode).abs()).collect();
        let bias = points.iter().map(|q| (q.finite - q.ode).abs() / q.ode).fold(0.0, f64::max);
        let mut max_z_ode = 0.0f64;
        let mut max_z_finite = 0.0f64;
        let mut max_rel = 0.0f64;
        for (q, a) in points.iter().zip(&allowance) {
            max_z_ode = max_z_ode.max((q.mean - q.ode).abs() / q.se);
            max_z_finite = max_z_finite.max((q.mean - q.finite).abs() / q.se);
            max_rel = max_rel.max((q.mean - q.ode).abs() / q.ode);
            assert!(
                (q.mean - q.ode).abs() <= K * q.se + a,
                "{link}: {:?} at t = {}: {} ± {} vs ODE {} (allowance {a})",
                q.kind,
                q.t,
                q.mean,
                q.se,
                q.ode
            );
            // And the simulation against its exact mean at this N, with no allowance.
            assert!((q.mean - q.finite).abs() <= K * q.se, "{link}: {:?} at t = {}: vs finite-N mean", q.kind, q.t);
        }
        println!(
            "{link}: largest |z| vs ODE {max_z_ode:.2}, vs finite-N mean {max_z_finite:.2}; largest relative \
             deviation from the ODE {max_rel:.3}; finite-N bias of the mean up to {bias:.1e} relative"
        );
        // The finite-size bias is small next to the scatter: ≤ 0.5% at N = 1000.
        assert!(bias < 0.005, "{link}: finite-N bias {bias}");

        // Negative control: the same points against the ODE without the η²m term.
        let wrong = simulated(link, true);
        let outside = wrong.iter().zip(&allowance).filter(|(q, a)| (q.mean - q.ode).abs() > K * q.se + **a).count();
        let max_z_wrong = wrong.iter().map(|q| (q.mean - q.ode).abs() / q.se).fold(0.0, f64::max);
        println!("{link}: without the η²m term, {outside} of 39 points outside, largest |z| {max_z_wrong:.1}");
        assert!(outside > 0, "{link}: the check cannot tell the ODE from one without its η²m term");
    }
}

#[test]
fn chunking_does_not_change_the_numbers() {
    let link = Link::parse("learning-rate-schedule?seed=5&sigma2=0.5&m0=2&T=3&N=40&seeds=3").unwrap();
    let whole = link.run_to_end(u64::MAX).unwrap();
    for chunk in [1, 7, 100] {
        let again = link.run_to_end(chunk).unwrap();
        assert_eq!(again.fingerprint, whole.fingerprint, "{link} in chunks of {chunk}");
        assert_eq!(again.observables, whole.observables);
    }
    let run = |l: &str| Link::parse(l).unwrap().run_to_end(u64::MAX).unwrap().fingerprint;
    let base = run("learning-rate-schedule?seed=1&T=2&N=40&seeds=2");
    assert_ne!(base, run("learning-rate-schedule?seed=2&T=2&N=40&seeds=2"));
    assert_ne!(base, run("learning-rate-schedule?seed=1&T=2&N=41&seeds=2"));
    assert_ne!(base, run("learning-rate-schedule?seed=1&T=2&N=40&seeds=2&sigma2=0.3"));
}

#[test]
fn observables_report_the_final_errors() {
    let link = Link::parse("learning-rate-schedule?seed=3&T=10&N=200&seeds=4").unwrap();
    let spec = link.model().spec();
    let result = link.run_to_end(u64::MAX).unwrap();
    let get = |id: &str| {
        let i = spec.observables.iter().position(|o| o.id == id).unwrap();
        result.observables[i].unwrap()
    };
    let p = catalogue(10.0);
    assert_eq!(get("m_opt_theory"), p.optimal_m(10.0));
    assert_eq!(get("eta_const"), p.best_constant());
    assert_eq!(get("m_const_theory"), p.constant_m(p.best_constant(), 10.0));
    assert!(relative(get("m_solver"), get("m_opt_theory")) < 0.01);
    // The simulated finals scatter by about √(2/N)/√seeds ≈ 5% at N = 200: within 20% here.
    for (sim, theory) in [("m_opt", "m_opt_theory"), ("m_const", "m_const_theory"), ("m_inv", "m_inv_theory")] {
        assert!(relative(get(sim), get(theory)) < 0.2, "{sim} = {} vs {}", get(sim), get(theory));
    }
}

#[test]
fn work_budget_names_the_parameters() {
    let e = Link::parse("learning-rate-schedule?N=5000&T=200&seeds=50").unwrap_err().to_string();
    assert!(e.contains("N=5000, T=200 and seeds=50"), "{e}");
    assert!(e.contains("lower N, T or seeds"), "{e}");
    assert!(Link::parse("learning-rate-schedule?N=5000&T=10&seeds=1").is_ok());
}

#[test]
fn every_link_runs_at_the_edges_of_its_ranges() {
    // The ends of every range, with one seed and a few: every valid link of moderate cost runs to
    // its end, and every number it shows is finite (m falls to 1e-87 without noise at T = 200).
    let mut ran = 0;
    for sigma2 in ["0", "2"] {
        for m0 in ["0.01", "10"] {
            for horizon in ["0.5", "200"] {
                for n in [10, 37, 5000] {
                    for seeds in [1, 3] {
                        let text = format!(
                            "learning-rate-schedule?seed=4294967295&sigma2={sigma2}&m0={m0}&T={horizon}&N={n}&seeds={seeds}"
                        );
                        let Ok(link) = Link::parse(&text) else { continue };
                        if replica::models::lr_schedule::LrParams::from_params(link.params()).work() > 3e7 {
                            continue;
                        }
                        let result = link.run_to_end(997).unwrap();
                        for s in result.frame.figures.iter().flat_map(|f| &f.series) {
                            let values = s.x.iter().chain(&s.y).chain(s.y_err.iter().flatten());
                            assert!(
                                !s.x.is_empty() && values.into_iter().all(|v| v.is_finite()),
                                "{text}: {}",
                                s.label
                            );
                        }
                        assert!(result.observables.iter().all(|v| v.is_some_and(f64::is_finite)), "{text}");
                        ran += 1;
                    }
                }
            }
        }
    }
    assert!(ran >= 24, "only {ran} links ran");
}
