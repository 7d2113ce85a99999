//! Online SGD in two-layer networks: the order-parameter ODEs against their known fixed points and
//! against the finite-N simulation, with the catalogue's reference numbers.

use replica::models::two_layer::integrals::Activation;
use replica::models::two_layer::ode::{self, Dynamics, Overlaps, Phase};
use replica::models::two_layer::setup;
use replica::models::two_layer::sgd::Network;
use replica::models::two_layer::trajectory::Trajectory;
use replica::num::ode::OdeSystem;
use replica::rng;

/// The soft committee machine of Saad & Solla: K students learn M teachers, second layers 1 and
/// frozen, T = I.
fn committee(k: usize, m: usize, lr: f64, noise: f64) -> Dynamics {
    let mut t = vec![0.0; m * m];
    for n in 0..m {
        t[n * m + n] = 1.0;
    }
    Dynamics { noise, ..Dynamics::committee(Activation::Erf, k, m, t, lr) }
}

/// Overlaps with every Q_ii = q, Q_ik = c, R_in = r.
fn symmetric(k: usize, m: usize, q: f64, c: f64, r: f64) -> Overlaps {
    let q = (0..k * k).map(|ij| if ij / k == ij % k { q } else { c }).collect();
    Overlaps { q, r: vec![r; k * m], v: vec![vec![1.0; k]] }
}

fn error_at(d: &Dynamics, start: &Overlaps, t: f64) -> f64 {
    let mut out = 0.0;
    let phases = [Phase { until: t, rule: d.clone() }];
    ode::integrate(&phases, start, &[t], |_, o| out = d.error(o, 0, &d.readout, 1.0)).unwrap();
    out
}

#[test]
fn plateau_of_saad_and_solla() {
    // As η → 0 the symmetric start runs into the unspecialised fixed point with
    // ε = (K/π)[π/6 − K asin(1/(2K))]: 0.0116108 for K = 2. With η = 1e-3 the O(η) shift of the
    // plateau is 0.0116108·(1e-3/0.05)·(0.011842/0.011611 − 1)… ≈ 5e-6, below the 1e-4 asked.
    for k in [2usize, 3] {
        let exact = k as f64 / std::f64::consts::PI
            * (std::f64::consts::PI / 6.0 - k as f64 * libm::asin(1.0 / (2.0 * k as f64)));
        let d = committee(k, k, 1e-3, 0.0);
        // Time in units of 1/η: the plateau is reached by ηt ≈ 50 and left only after ηt ≫ 100.
        let e = error_at(&d, &symmetric(k, k, 0.2, 0.2, 0.01), 100.0 / 1e-3);
        println!("K = {k}: plateau {e:.7} vs η→0 value {exact:.7}");
        assert!((e - exact).abs() < 1e-4, "K = {k}: {e} vs {exact}");
    }
    // Finite η raises the plateau (catalogue, ODE from the symmetric start, K = M = 2).
    for (lr, expected) in [(0.05, 0.011842), (0.1, 0.012086), (0.5, 0.014677), (1.0, 0.021156)] {
        let e = error_at(&committee(2, 2, lr, 0.0), &symmetric(2, 2, 0.2, 0.2, 0.01), 60.0 / lr);
        println!("η = {lr}: plateau {e:.6} vs {expected}");
        assert!((e - expected).abs() < 2e-6, "η = {lr}: {e} vs {expected}");
    }
}

#[test]
fn a_perfect_student_stays_put() {
    // σ = 0, K = M, R = Q = T = I, v = v*: every derivative vanishes.
    for act in [Activation::Erf, Activation::Linear] {
        let d = Dynamics { act, ..committee(3, 3, 0.5, 0.0) };
        let mut o = symmetric(3, 3, 1.0, 0.0, 0.0);
        for i in 0..3 {
            o.r[i * 3 + i] = 1.0;
        }
        let y = d.pack(&o);
        let mut dy = vec![1.0; d.dim()];
        d.rhs(0.0, &y, &mut dy);
        let largest = dy.iter().fold(0.0f64, |a, &b| a.max(b.abs()));
        assert!(largest < 1e-12, "{act:?}: |dy| = {largest}");
        assert!(d.error(&o, 0, &d.readout, 1.0).abs() < 1e-15);
    }
}

/// A soft committee run at finite N: orthonormal teacher, student w ~ scale·N(0,1), second layers
/// `v` (frozen unless the rule trains them). Returns ε of the simulation and of the ODE
/// (integrated from the simulation's initial overlaps) at `times`.
fn simulate(n: usize, d: &Dynamics, scale: f64, v: Vec<f64>, seed: u64, times: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let teacher = setup::orthonormal_rows(n, d.m, &mut rng::stream(seed, "teacher", 0));
    let w = setup::gaussian_rows(n, d.k, scale, &mut rng::stream(seed, "student", 0));
    let network = Network::new(n, d.act, w, vec![v], teacher, seed, 0);
    let mut grid = vec![0.0];
    grid.extend_from_slice(times);
    let phases = vec![Phase { until: *times.last().unwrap(), rule: d.clone() }];
    let mut run = Trajectory::new(network, phases, grid.clone(), grid, ode::Output::Stepped);
    run.advance(u64::MAX).unwrap();
    let eps = |o: &Overlaps| d.error(o, 0, &d.readout, 1.0);
    (run.simulated[1..].iter().map(eps).collect(), run.theory[1..].iter().map(eps).collect())
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

#[test]
fn sgd_follows_the_ode_at_n_500() {
    // Goldt et al.'s set-up (catalogue E1 T2): N = 500, K = M = 2, η = 0.5, w ~ N(0,1). Reference
    // runs deviate from the ODE by ≤ 6% for t ≤ 100; the mean of 3 seeds must be within 10%.
    let d = committee(2, 2, 0.5, 0.0);
    let times = [5.0, 10.0, 20.0, 50.0, 100.0, 400.0];
    let runs: Vec<_> = (1..=3).map(|seed| simulate(500, &d, 1.0, vec![1.0; 2], seed, &times)).collect();
    for (j, t) in times.iter().enumerate().take(5) {
        let sim = mean(&runs.iter().map(|r| r.0[j]).collect::<Vec<_>>());
        let ode = mean(&runs.iter().map(|r| r.1[j]).collect::<Vec<_>>());
        println!("t = {t}: SGD {sim:.5}, ODE {ode:.5}, {:+.1}%", 100.0 * (sim / ode - 1.0));
        assert!((sim / ode - 1.0).abs() < 0.10, "t = {t}: SGD {sim} vs ODE {ode}");
    }
    // By t = 400 every run has left the plateau (ε ≈ 0.015) and converged to the teacher. How far
    // it has got depends on when it escaped, which jitters by ~20 time units between seeds
    // (ε decays by a factor e in ~10), so the bound is 1e-5, three decades below the plateau.
    for (sim, ode) in &runs {
        println!("t = 400: SGD {:.2e}, ODE {:.2e}", sim[5], ode[5]);
        assert!(sim[5] < 1e-5 && ode[5] < 1e-5, "not converged by t = 400");
    }
}

#[test]
fn sgd_sits_on_the_plateau_at_n_1000() {
    // Catalogue E1 T3: N = 1000, K = M = 2, η = 0.1, w ~ 0.1·N(0,1): the plateau, averaged over
    // t ∈ [100, 400], is 0.0121 ± 0.0003 (its η = 0.1 ODE value is 0.012086; single runs at this N
    // scatter by about 1e-4 around it).
    let d = committee(2, 2, 0.1, 0.0);
    let times: Vec<f64> = (0..=30).map(|j| 100.0 + 10.0 * j as f64).collect();
    let (sim, ode) = simulate(1000, &d, 0.1, vec![1.0; 2], 11, &times);
    let (sim, ode) = (mean(&sim), mean(&ode));
    println!("plateau: SGD {sim:.5}, ODE {ode:.5}");
    assert!((sim - 0.0121).abs() < 3e-4, "SGD plateau {sim}");
    assert!((ode - 0.0121).abs() < 3e-4, "ODE plateau {ode}");
}

#[test]
fn label_noise_leaves_a_floor_of_order_eta_sigma_squared() {
    // Catalogue E1 T4: K = M = 1, η = 0.01, σ = 0.1, from R = Q = 0.99: ε(6000) = 9.211e-6 (±1%);
    // the floor over ησ² tends to 1/(2√3π) = 0.09189 as η → 0 (0.0921 at η = 0.01).
    let d = committee(1, 1, 0.01, 0.1);
    let start = Overlaps { q: vec![0.99], r: vec![0.99], v: vec![vec![1.0]] };
    let e = error_at(&d, &start, 6000.0);
    let ratio = e / (0.01 * 0.1 * 0.1);
    println!(
        "floor {e:.4e}, floor/(ησ²) = {ratio:.5} (η → 0: {:.5})",
        1.0 / (2.0 * 3f64.sqrt() * std::f64::consts::PI)
    );
    assert!((e / 9.211e-6 - 1.0).abs() < 0.01, "floor {e}");
    assert!((ratio - 0.0921).abs() < 5e-4);
}

/// Q is symmetric and positive semi-definite: a Cholesky factorisation of Q + δI succeeds.
fn positive_semidefinite(q: &[f64], k: usize, delta: f64) -> bool {
    let mut l = vec![0.0; k * k];
    for i in 0..k {
        for j in 0..=i {
            if (q[i * k + j] - q[j * k + i]).abs() > 1e-12 * (1.0 + q[i * k + j].abs()) {
                return false;
            }
            let s: f64 = (0..j).map(|m| l[i * k + m] * l[j * k + m]).sum();
            if i == j {
                let d = q[i * k + i] + delta - s;
                if d <= 0.0 {
                    return false;
                }
                l[i * k + i] = d.sqrt();
            } else {
                l[i * k + j] = (q[i * k + j] - s) / l[j * k + j];
            }
        }
    }
    true
}

#[test]
fn q_stays_symmetric_positive_semidefinite_along_the_ode() {
    // Q = WWᵀ/N is a Gram matrix; the ODE must keep it one, for every variant of the rule.
    let times: Vec<f64> = (1..=60).map(|j| libm::pow(10.0, -1.0 + j as f64 / 15.0)).collect();
    for (k, m, lr, noise, train_v, keep) in
        [(2, 2, 0.5, 0.0, false, 1.0), (4, 2, 1.0, 0.3, true, 1.0), (3, 1, 0.5, 0.5, false, 0.6)]
    {
        let d = Dynamics { train_v, keep, ..committee(k, m, lr, noise) };
        let mut start = symmetric(k, m, 0.5, 0.01, 0.02);
        start.q[0] = 0.8;
        let phases = [Phase { until: *times.last().unwrap(), rule: d.clone() }];
        let mut checked = 0;
        ode::integrate(&phases, &start, &times, |t, o| {
            assert!(positive_semidefinite(&o.q, k, 1e-12), "K = {k}: Q not PSD at t = {t}: {:?}", o.q);
            checked += 1;
        })
        .unwrap();
        assert_eq!(checked, times.len());
    }
    // The check itself fails on a matrix that is not PSD.
    assert!(!positive_semidefinite(&[1.0, 2.0, 2.0, 1.0], 2, 1e-12));
}

#[test]
fn over_parameterised_students_with_noise() {
    // Goldt et al.: with label noise, students with K > M trained on the first layer only end at a
    // larger error than K = M; training both layers keeps it close to the K = M value. The ODE
    // from the pages' own starts (N = 500, the presets' parameters), at t = 2000.
    use replica::link::Link;
    use replica::models::two_layer_sgd::{Settings, trajectory};
    let final_error = |link: &str| {
        let link = Link::parse(link).unwrap();
        let s = Settings::from_params(link.params());
        let tr = trajectory(&s, link.seed());
        let rule = &tr.phases[0].rule;
        rule.error(tr.theory.last().unwrap(), 0, &rule.readout, 1.0)
    };
    let base = "two-layer-sgd?N=500&M=2&lr=0.5&noise=0.3&t_max=2000";
    let matched = final_error(&format!("{base}&K=2"));
    let first_only = final_error(&format!("{base}&K=4"));
    let both = final_error(&format!("{base}&K=4&train_v=1"));
    println!("ε(2000): K = M = 2 {matched:.3e}; K = 4, first layer {first_only:.3e}; both layers {both:.3e}");
    assert!(first_only > 1.5 * matched, "first layer only: {first_only} vs {matched}");
    assert!(both < first_only / 1.5, "both layers: {both} vs {first_only}");
}

#[test]
fn a_diverging_run_says_so_and_where() {
    // A linear network of 8 units at η = 2 with noisy labels: SGD is unstable (the effective rate
    // on the output, η Σ_k v_k² = 16, is far beyond 2) and the weights overflow.
    use replica::link::Link;
    use replica::model::RunError;
    let link = Link::parse("two-layer-sgd?activation=linear&K=8&M=6&lr=2&noise=1&t_max=50").unwrap();
    match link.run_to_end(10_000) {
        Err(RunError::Diverged { at, what }) => {
            println!("diverged at {at}: {what}");
            assert!(at.starts_with("t = ") && at.contains("step"), "{at}");
            assert!(what.contains("learning rate"), "{what}");
        }
        Ok(_) => panic!("the run should diverge"),
    }
    // The stable rate of the same network runs to the end.
    assert!(
        Link::parse("two-layer-sgd?activation=linear&K=8&M=6&lr=0.05&noise=1&t_max=50")
            .unwrap()
            .run_to_end(10_000)
            .is_ok()
    );
}

#[test]
fn the_dense_read_out_agrees_with_a_step_at_every_plotted_time() {
    // The two read-outs integrate to the same per-step tolerance (relative 1e-6); they differ by
    // the integration error itself, measured at ≤ 1e-6·ε(0) against a solution at 1e-10 for
    // K = M = 2, 3, 4. A wrong interpolant (one weight off by 1 %) is off by 1e-3·ε(0) or more.
    use replica::link::Link;
    use replica::models::two_layer::ode::Output;
    use replica::models::two_layer_sgd::{Settings, trajectory};
    for k in [2, 4] {
        let link = Link::parse(&format!("two-layer-sgd?N=100&K={k}&M={k}&t_max=1000")).unwrap();
        let dense = Settings::from_params(link.params());
        assert_eq!(dense.output, Output::Dense, "the default of v=2 links");
        let stepped = Settings { output: Output::Stepped, ..dense };
        let errors = |s: &Settings| {
            let tr = trajectory(s, link.seed());
            let rule = tr.phases[0].rule.clone();
            tr.theory.iter().map(|o| rule.error(o, 0, &rule.readout, 1.0)).collect::<Vec<f64>>()
        };
        let (a, b) = (errors(&dense), errors(&stepped));
        assert_eq!(a.len(), b.len());
        let worst = a.iter().zip(&b).map(|(x, y)| (x - y).abs()).fold(0.0, f64::max) / b[0];
        println!("K = M = {k}: largest difference {worst:.2e} of ε(0) over {} times", a.len());
        assert!(worst < 1e-5, "K = {k}: {worst:e}");
    }
}
