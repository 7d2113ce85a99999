//! Dropout in two-layer networks: the engine's mask-averaged ODEs against a direct transcription
//! of the equations, p = 1 against the plain ODEs, the ODE and the simulation against the
//! catalogue's numbers (E12), and the page's run.

use replica::link::Link;
use replica::model::Run;
use replica::models::dropout::sweep::{self, Sweep};
use replica::models::dropout::{DropoutRun, Rescale, Settings};
use replica::models::two_layer::integrals::{Activation, Covariance, i3, i4, j2};
use replica::models::two_layer::ode::{self, Dynamics, Overlaps, Phase};
use replica::models::two_layer::setup::{self, TeacherKind};
use replica::models::two_layer::trajectory::Trajectory;
use replica::models::two_layer_sgd;
use replica::num::ode::OdeSystem;
use replica::rng;

/// The catalogue's set-up: N = 500, K = 3, M = 1, η = 0.5, w ~ 0.1·𝒩(0, 1), p_f = p.
fn settings(noise: f64, keep: f64, t_max: f64) -> Settings {
    Settings { n: 500, k: 3, m: 1, lr: 0.5, noise, keep, rescale: Rescale::Keep, w0: 0.1, t_max }
}

fn identity(m: usize) -> Vec<f64> {
    (0..m * m).map(|ab| if ab / m == ab % m { 1.0 } else { 0.0 }).collect()
}

/// The mean of the stated random start, as N → ∞: Q = w₀² I, R = 0.
fn symmetric_start(k: usize, m: usize, w0: f64) -> Overlaps {
    Overlaps { q: identity(k).iter().map(|x| x * w0 * w0).collect(), r: vec![0.0; k * m], v: vec![vec![1.0; k]] }
}

/// The page's network for `seed`: its initial overlaps and the teacher's measured T.
fn measured_start(s: &Settings, seed: u64) -> (Overlaps, Vec<f64>) {
    let network = network(s, seed);
    (network.overlaps(), network.t.clone())
}

fn network(s: &Settings, seed: u64) -> replica::models::two_layer::sgd::Network {
    let teacher = setup::teacher(s.n, s.m, TeacherKind::Orthonormal, &mut rng::stream(seed, "teacher", 0));
    setup::network(s.n, s.k, Activation::Erf, teacher, s.w0, vec![vec![1.0; s.k]], seed)
}

/// ε_g (test output scaled by p_f) of the ODE from `start` at `times`.
fn ode_errors(rule: &Dynamics, start: &Overlaps, times: &[f64], scale: f64) -> Vec<f64> {
    let mut out = Vec::new();
    let phases = [Phase { until: *times.last().unwrap(), rule: rule.clone() }];
    ode::integrate(&phases, start, times, |_, o| out.push(rule.error(o, 0, &rule.readout, scale))).unwrap();
    out
}

/// The catalogue's equations written out term by term, slowly: for v = v* = 1,
/// dR_in/dt = η Σ_c u_c p^{s(i,c)} I3(i,n,c),
/// dQ_ik/dt = η Σ_c u_c [p^{s(i,c)} I3(i,k,c) + p^{s(k,c)} I3(k,i,c)]
///            + η² [Σ_{c,d} u_c u_d p^{s(i,k,c,d)} I4(i,k,c,d) + σ² p^{s(i,k)} J2(i,k)],
/// with u = −1 for students, +1 for teachers and s the number of distinct students among the units.
fn reference_rhs(d: &Dynamics, y: &[f64]) -> Vec<f64> {
    let (k, m) = (d.k, d.m);
    let o = d.unpack(y);
    let units = k + m;
    let mut cov = Covariance::zeros(units);
    d.covariance(&o.q, &o.r, &mut cov);
    let u: Vec<f64> = (0..units).map(|c| if c < k { -1.0 } else { 1.0 }).collect();
    let kept = |set: &[usize]| {
        let mut students: Vec<usize> = set.iter().copied().filter(|&c| c < k).collect();
        students.sort();
        students.dedup();
        d.keep.powi(students.len() as i32)
    };
    let act = d.act;
    let mut dy = vec![0.0; d.dim()];
    for i in 0..k {
        for n in 0..m {
            let b = k + n;
            dy[k * k + i * m + n] =
                d.lr * (0..units).map(|c| u[c] * kept(&[i, c]) * i3(act, &cov, i, b, c)).sum::<f64>();
        }
        for j in 0..k {
            let drift: f64 = (0..units)
                .map(|c| u[c] * (kept(&[i, c]) * i3(act, &cov, i, j, c) + kept(&[j, c]) * i3(act, &cov, j, i, c)))
                .sum();
            let mut noise = d.noise * d.noise * kept(&[i, j]) * j2(act, &cov, i, j);
            for c in 0..units {
                for e in 0..units {
                    noise += u[c] * u[e] * kept(&[i, j, c, e]) * i4(act, &cov, i, j, c, e);
                }
            }
            dy[i * k + j] = d.lr * drift + d.lr * d.lr * noise;
        }
    }
    dy
}

/// A state that is not special: Q positive definite with unequal entries, R of both signs.
fn some_state(k: usize, m: usize, seed: u64) -> Overlaps {
    let n = 40;
    let mut g = rng::stream(seed, "test-state", 0);
    let w = setup::gaussian_rows(n, k, 0.8, &mut g);
    let t = setup::orthonormal_rows(n, m, &mut g);
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>() / n as f64;
    let row = |x: &[f64], i: usize| x[i * n..(i + 1) * n].to_vec();
    let q = (0..k * k).map(|ij| dot(&row(&w, ij / k), &row(&w, ij % k))).collect();
    let r = (0..k * m).map(|in_| dot(&row(&w, in_ / m), &row(&t, in_ % m))).collect();
    Overlaps { q, r, v: vec![vec![1.0; k]] }
}

#[test]
fn the_engine_integrates_the_equations_of_the_catalogue() {
    // The fast right-hand side folds the dropout weights into sums of matrix products; the
    // reference evaluates every Gaussian average on its own. Both are sums of the same O(1) terms
    // in a different order, so they agree to rounding: 1e-12 absolute (measured: 1.1e-16).
    let mut largest: f64 = 0.0;
    for (k, m) in [(3, 1), (2, 2), (4, 2)] {
        for keep in [0.3, 0.7, 1.0] {
            let s = Settings { k, m, ..settings(0.5, keep, 100.0) };
            let d = s.dynamics(identity(m), keep);
            for seed in 1..=3 {
                let y = d.pack(&some_state(k, m, seed));
                let mut fast = vec![0.0; d.dim()];
                d.rhs(0.0, &y, &mut fast);
                let slow = reference_rhs(&d, &y);
                let worst = fast.iter().zip(&slow).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
                assert!(worst < 1e-12, "K = {k}, M = {m}, p = {keep}: |fast − reference| = {worst:e}");
                largest = largest.max(worst);
            }
        }
    }
    println!("largest difference of the derivatives: {largest:.1e}");
}

#[test]
fn without_dropout_the_equations_are_those_of_the_plain_network() {
    // p = 1 must give the soft committee machine of the two-layer-sgd page (catalogue E1): the same
    // rule, and the same ε(t) to the last bit (asked: < 1e-12).
    let s = settings(0.5, 1.0, 200.0);
    let (start, t) = measured_start(&s, 3);
    let dropout = s.dynamics(t.clone(), 1.0);
    let plain = two_layer_sgd::Settings {
        n: s.n,
        k: s.k,
        m: s.m,
        lr: s.lr,
        lr_v: s.lr,
        train_v: false,
        noise: s.noise,
        act: Activation::Erf,
        w0: s.w0,
        teacher: TeacherKind::Orthonormal,
        t_max: s.t_max,
        output: ode::Output::Stepped,
    }
    .dynamics(t);
    assert_eq!(dropout, plain);
    let times = [5.0, 20.0, 50.0, 100.0, 200.0];
    let a = ode_errors(&dropout, &start, &times, 1.0);
    let b = ode_errors(&plain, &start, &times, 1.0);
    for (x, y) in a.iter().zip(&b) {
        assert!((x - y).abs() < 1e-12, "{x} vs {y}");
    }
    // The shortcut for p = 1 joins the general weights continuously: at p = 1 − 1e-12 the
    // derivatives move by O(1e-12) of their size.
    let y = dropout.pack(&some_state(3, 1, 5));
    let (mut at_one, mut near_one) = (vec![0.0; y.len()], vec![0.0; y.len()]);
    dropout.rhs(0.0, &y, &mut at_one);
    Dynamics { keep: 1.0 - 1e-12, ..dropout.clone() }.rhs(0.0, &y, &mut near_one);
    let worst = at_one.iter().zip(&near_one).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
    assert!(worst < 1e-10, "|rhs(1) − rhs(1 − 1e-12)| = {worst:e}");
}

const T1_TIMES: [f64; 5] = [5.0, 20.0, 50.0, 100.0, 200.0];
const T1_NO_DROPOUT: [f64; 5] = [0.10781, 0.10424, 0.09122, 0.07539, 0.06106];
const T1_DROPOUT: [f64; 5] = [0.05544, 0.04765, 0.04731, 0.04726, 0.04725];

#[test]
fn t1_the_ode_reproduces_the_catalogue() {
    // From the symmetric start Q = 0.01·I, R = 0 (the mean of w ~ 0.1·𝒩(0, 1) as N → ∞):
    let sym = symmetric_start(3, 1, 0.1);
    let with = settings(0.5, 0.7, 200.0);
    let dropout = ode_errors(&with.dynamics(identity(1), 0.7), &sym, &T1_TIMES, 0.7);
    let plain = ode_errors(&with.dynamics(identity(1), 1.0), &sym, &T1_TIMES, 1.0);
    for j in 0..5 {
        println!(
            "t = {:>3}: p = 1 {:.5} (catalogue {:.5}), p = 0.7 {:.5} (catalogue {:.5})",
            T1_TIMES[j], plain[j], T1_NO_DROPOUT[j], dropout[j], T1_DROPOUT[j]
        );
    }
    // With dropout the network forgets its start by t = 20: from there the catalogue's five
    // digits are matched (rounding 5e-6; measured ≤ 4e-6).
    for j in 1..5 {
        assert!((dropout[j] - T1_DROPOUT[j]).abs() < 1e-5, "p = 0.7, t = {}: {}", T1_TIMES[j], dropout[j]);
    }
    // Earlier, and for p = 1 up to t = 50, ε still depends on the start at the 1e-4 level (over
    // the page's measured starts at N = 500, t = 5, p = 0.7: 0.05529..0.05562), so the catalogue's
    // own random start shows: 1e-4 (measured: 7e-5 at p = 0.7, t = 5; ≤ 2e-5 for p = 1).
    assert!((dropout[0] - T1_DROPOUT[0]).abs() < 1e-4, "p = 0.7, t = 5: {}", dropout[0]);
    for j in 0..3 {
        assert!((plain[j] - T1_NO_DROPOUT[j]).abs() < 1e-4, "p = 1, t = {}: {}", T1_TIMES[j], plain[j]);
    }
    // Without dropout the symmetric start never splits its units (the equations keep the
    // symmetry), so by t = 100 it sits above the catalogue, whose units had split: the
    // catalogue started from a random draw. When they split depends on the draw; the catalogue's
    // values lie among the ODEs from the page's own draws (seeds 1–8).
    assert!(plain[3] > T1_NO_DROPOUT[3] + 5e-4 && plain[4] > T1_NO_DROPOUT[4] + 5e-3);
    let mut low = [f64::INFINITY; 5];
    let mut high = [0.0f64; 5];
    for seed in 1..=8 {
        let (start, t) = measured_start(&with, seed);
        let e = ode_errors(&with.dynamics(t, 1.0), &start, &T1_TIMES, 1.0);
        for j in 0..5 {
            low[j] = low[j].min(e[j]);
            high[j] = high[j].max(e[j]);
        }
    }
    for j in 3..5 {
        println!(
            "p = 1, t = {}: ODE from 8 draws {:.5}..{:.5}, catalogue {:.5}",
            T1_TIMES[j], low[j], high[j], T1_NO_DROPOUT[j]
        );
        assert!((low[j]..=high[j]).contains(&T1_NO_DROPOUT[j]), "t = {}", T1_TIMES[j]);
    }
}

/// Simulations of seeds 1..=`seeds` at the catalogue's set-up: ε of the simulation and of the ODE
/// from its own start, at `times`, per seed.
fn simulate(s: &Settings, seeds: u64, times: &[f64]) -> Vec<(Vec<f64>, Vec<f64>)> {
    (1..=seeds)
        .map(|seed| {
            let network = network(s, seed);
            let rule = s.dynamics(network.t.clone(), s.keep);
            let mut grid = vec![0.0];
            grid.extend_from_slice(times);
            let phases = vec![Phase { until: *times.last().unwrap(), rule: rule.clone() }];
            let mut run = Trajectory::new(network, phases, grid.clone(), grid, ode::Output::Stepped);
            run.advance(u64::MAX).unwrap();
            let eps = |o: &Overlaps| rule.error(o, 0, &rule.readout, s.test_scale());
            (run.simulated[1..].iter().map(eps).collect(), run.theory[1..].iter().map(eps).collect())
        })
        .collect()
}

fn sgd_follows_the_ode(keep: f64, catalogue: &[f64; 5]) {
    // The catalogue's criterion: the mean of ≥ 8 seeds within 10% of the ODE (here the mean of
    // the ODEs from each seed's own start). Measured over 16 seeds, one run scatters by 3–7%
    // (p = 0.7) and 5–13% (p = 1, most at t = 200, where the time the units split jitters), so the
    // standard error of the 8-seed mean is 1–5% and 10% is 2 to 11 of them; the finite-N bias of
    // the mean is O(1/N). Measured: within 3.7% at every time, for either p.
    let s = settings(0.5, keep, 200.0);
    let runs = simulate(&s, 8, &T1_TIMES);
    let count = runs.len() as f64;
    for (j, t) in T1_TIMES.iter().enumerate() {
        let sim: Vec<f64> = runs.iter().map(|r| r.0[j]).collect();
        let mean = sim.iter().sum::<f64>() / count;
        let se = (sim.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (count - 1.0) / count).sqrt();
        let ode = runs.iter().map(|r| r.1[j]).sum::<f64>() / count;
        println!(
            "p = {keep}, t = {t:>3}: SGD {mean:.5} ± {se:.5}, ODE {ode:.5} ({:+.1}%, {:+.1} SE); catalogue ODE {:.5}",
            100.0 * (mean / ode - 1.0),
            (mean - ode) / se,
            catalogue[j]
        );
        assert!((mean / ode - 1.0).abs() < 0.10, "p = {keep}, t = {t}: SGD {mean} vs ODE {ode}");
    }
}

#[test]
fn t1_sgd_follows_the_ode_without_dropout() {
    sgd_follows_the_ode(1.0, &T1_NO_DROPOUT);
}

#[test]
fn t1_sgd_follows_the_ode_with_dropout() {
    sgd_follows_the_ode(0.7, &T1_DROPOUT);
}

/// The catalogue's table T2: ε_g(t = 100) for p = 0.4, 0.5, …, 1 at σ = 0, 0.25, 0.5.
const T2_KEEPS: [f64; 7] = [0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
const T2_TABLE: [(f64, [f64; 7]); 3] = [
    (0.0, [0.0218, 0.0160, 0.0129, 0.0115, 0.0108, 0.0105, 0.0102]),
    (0.25, [0.0238, 0.0199, 0.0195, 0.0213, 0.0246, 0.0289, 0.0336]),
    (0.5, [0.0292, 0.0308, 0.0373, 0.0473, 0.0593, 0.0696, 0.0754]),
];

#[test]
fn t2_the_table_of_the_error_against_p() {
    let sym = symmetric_start(3, 1, 0.1);
    let (measured, t) = measured_start(&settings(0.0, 1.0, 100.0), 1);
    let mut worst_dropout: f64 = 0.0;
    let mut worst_plain: f64 = 0.0;
    for (noise, row) in T2_TABLE {
        let s = settings(noise, 1.0, 100.0);
        for (&keep, &expected) in T2_KEEPS.iter().zip(&row) {
            let e = sweep::final_error(&s.dynamics(identity(1), keep), &sym, 100.0, keep);
            let from_draw = sweep::final_error(&s.dynamics(t.clone(), keep), &measured, 100.0, keep);
            println!("σ = {noise}, p = {keep}: {e:.5} (from a draw {from_draw:.5}), catalogue {expected:.4}");
            // The catalogue's 1e-3, for every entry and either start.
            assert!((e - expected).abs() < 1e-3 && (from_draw - expected).abs() < 1e-3, "σ = {noise}, p = {keep}");
            if keep < 1.0 {
                worst_dropout = worst_dropout.max((e - expected).abs());
            } else {
                worst_plain = worst_plain.max((e - expected).abs());
            }
        }
    }
    println!("largest deviation: {worst_dropout:.1e} with dropout, {worst_plain:.1e} at p = 1");
    // With dropout the start is forgotten by t = 100, so the table's four digits must be matched
    // (rounding 5e-5, and 1e-5 for what is left of the start; measured 4.7e-5). At p = 1 the catalogue's random start shows (see T1): the
    // symmetric start is 6e-4 above its σ = 0.5 entry, within the 1e-3 of the test.
    assert!(worst_dropout < 6e-5, "{worst_dropout}");
}

/// The best p on the page's grid for each noise level, from `start`.
fn best_keeps(noises: &[f64], start: &Overlaps, t: Vec<f64>, rescale: Rescale) -> Vec<f64> {
    let s = Settings { rescale, ..settings(0.0, 1.0, 100.0) };
    let mut grid = Sweep::new(s.dynamics(t, 1.0), start.clone(), noises.to_vec(), sweep::keep_grid(), rescale, 100.0);
    grid.complete();
    (0..noises.len()).map(|row| grid.optimum(row).unwrap().0).collect()
}

#[test]
fn t2_the_best_keep_probability_falls_as_the_noise_grows() {
    // More label noise, more dropout: argmin_p ε_g(t = 100) is non-increasing in σ, on the page's
    // grid of 17 values of p, from the symmetric start and from a draw of the page.
    let noises = [0.0, 0.125, 0.25, 0.375, 0.5, 0.75, 1.0];
    let (measured, t) = measured_start(&settings(0.0, 1.0, 100.0), 1);
    for (name, start, t) in [("symmetric", symmetric_start(3, 1, 0.1), identity(1)), ("drawn", measured, t)] {
        let best = best_keeps(&noises, &start, t.clone(), Rescale::Keep);
        println!("{name} start: best p {best:?} at σ = {noises:?}");
        assert!(best.windows(2).all(|w| w[1] <= w[0]), "{name}: {best:?}");
        // The catalogue: p* = 1 without noise, ≈ 0.6 at σ = 0.25 (on its grid of 0.1; 0.55 on
        // ours), ≤ 0.4 at σ = 0.5.
        assert_eq!(best[0], 1.0);
        assert!((best[2] - 0.6).abs() <= 0.05 + 1e-12, "σ = 0.25: {}", best[2]);
        assert!(best[4] <= 0.4 + 1e-12, "σ = 0.5: {}", best[4]);
        // Without the test-time rescaling the output is about 1/p too large and dropout never pays.
        let unscaled = best_keeps(&noises[..5], &start, t, Rescale::None);
        assert!(unscaled.iter().all(|&p| p == 1.0), "{name}, p_f = 1: {unscaled:?}");
    }
}

#[test]
fn the_page_runs_in_any_chunks_within_its_budget() {
    // The sweep's ODEs are paid for in units of the budget and computed when paid: no call does
    // more work than it was given, and the numbers do not depend on the chunks.
    let link = Link::parse("dropout?N=100&K=2&t_max=10&noise=0.3&p=0.6&seed=4").unwrap();
    let whole = link.run_to_end(u64::MAX).unwrap().fingerprint;
    for chunk in [1, 7, 1000] {
        assert_eq!(link.run_to_end(chunk).unwrap().fingerprint, whole, "chunks of {chunk}");
    }
    let mut run = DropoutRun::new(Settings { n: 100, k: 2, t_max: 10.0, ..settings(0.3, 0.6, 10.0) }, 4);
    let total = run.total_work();
    let mut calls = 0;
    loop {
        let before = run.work_done();
        let done = run.advance(97).unwrap();
        assert!(done <= 97 && run.work_done() == before + done);
        calls += 1;
        if done == 0 {
            break;
        }
    }
    assert_eq!(run.work_done(), total);
    assert!(calls > total / 97, "{calls} calls for {total} units");
    // Four noise levels (0, 0.25, 0.5 and the run's 0.3), each with its best p.
    assert_eq!(run.sweep.noises, vec![0.0, 0.25, 0.3, 0.5]);
    let observed = run.observables();
    assert!(observed.iter().all(Option::is_some), "{observed:?}");
}

#[test]
fn the_defaults_show_the_catalogue() {
    // The page's default link is the catalogue's set-up at t_max = 100: the best p at σ = 0.5 is
    // 0.4, and the run's ODE at p = 0.7 is the T2 entry 0.0473.
    let result = Link::parse("dropout").unwrap().run_to_end(u64::MAX).unwrap();
    let observed = &result.observables;
    println!("{observed:?}");
    let spec = replica::find_model("dropout").unwrap().spec();
    let find = |id: &str| observed[spec.observables.iter().position(|o| o.id == id).unwrap()].unwrap();
    assert_eq!(find("p_opt"), 0.4);
    assert!((find("eps_theory") - 0.0473).abs() < 5e-5);
    // One run at N = 500 scatters by ~5% around the ODE at the plateau of dropout (see T1).
    assert!((find("eps") / find("eps_theory") - 1.0).abs() < 0.15);
}

#[test]
fn a_run_over_the_budget_is_refused_with_the_parameters_to_lower() {
    let e = Link::parse("dropout?K=8&M=6&t_max=5000&N=100").unwrap_err().to_string();
    assert!(e.contains("K=8") && e.contains("t_max=5000") && e.contains("lower N, K, M or t_max"), "{e}");
    assert!(Link::parse("dropout?K=8&M=6&t_max=1000&N=100").is_ok());
}
