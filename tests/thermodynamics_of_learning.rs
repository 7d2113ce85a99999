//! Stochastic thermodynamics of learning: the exact Ornstein–Uhlenbeck theory of Hebbian learning
//! against its closed forms, and the simulation (Euler–Maruyama, the entropy production measured
//! along each trajectory) against the theory.
//!
//! Tolerances come from the scatter between seeds: a mean over seeds agrees with a prediction when
//! it lies within 3 standard errors (SE) of it. Each such check is also run against a wrong
//! prediction, which it must reject.

use replica::link::Link;
use replica::model::Run;
use replica::models::thermodynamics_of_learning::theory::{self as th, Setting};
use replica::models::thermodynamics_of_learning::{Settings, ThermoRun};
use std::f64::consts::FRAC_2_PI;

fn finished(link: &str) -> ThermoRun {
    let link = Link::parse(link).unwrap();
    let mut run = ThermoRun::new(Settings::from_params(link.params()), link.seed());
    while run.advance(1 << 20).unwrap() > 0 {}
    run
}

fn hebb(nu: f64, alpha: f64) -> Setting {
    Setting { nu, k: 1.0, temperature: 1.0, alpha, teacher: false }
}

/// |x − expected| ≤ 3 SE, and a wrong expectation is refused.
fn assert_within_3se(what: &str, x: f64, se: f64, expected: f64, wrong: f64) {
    println!("{what}: {x:.5} ± {se:.5} (SE) vs {expected:.5}, z = {:.2}", (x - expected) / se);
    assert!((x - expected).abs() <= 3.0 * se, "{what}: {x} ± {se} vs {expected}");
    assert!((x - wrong).abs() > 3.0 * se, "{what}: the check cannot tell {expected} from {wrong}");
}

#[test]
fn the_catalogue_table_in_closed_form() {
    // k = T = 1, t → ∞: (ν, α) → (p_err, I per pattern, S_tot/P, efficiency), catalogue E11 §4.
    let table = [
        (0.1, 0.01, 0.4602, 0.00318, 0.005, 0.6351),
        (0.5, 0.1, 0.3107, 0.07349, 0.125, 0.5879),
        (1.0, 0.1, 0.1702, 0.23698, 0.5, 0.4740),
        (2.0, 1.0, 0.1855, 0.21345, 2.0, 0.1067),
    ];
    let t = 60.0;
    for (nu, alpha, p, info, s, eta) in table {
        let h = hebb(nu, alpha);
        let got = (h.training_error(t), h.information(t), h.entropy_per_n(t) / alpha, h.efficiency(t));
        println!("ν = {nu}, α = {alpha}: {got:.5?}");
        assert!((got.0 - p).abs() < 1e-3 && (got.1 - info).abs() < 1e-3, "ν = {nu}, α = {alpha}: {got:?}");
        assert!((got.2 - s).abs() < 1e-3 && (got.3 - eta).abs() < 1e-3, "ν = {nu}, α = {alpha}: {got:?}");
    }
    // Slow learning: η → 2/π as ν, α → 0; at finite time η(t) = (2/π)(1 − e^{−kt})/(1 + e^{−kt}).
    let slow = hebb(1e-3, 1e-4);
    assert!((slow.efficiency(60.0) - FRAC_2_PI).abs() < 1e-4, "{}", slow.efficiency(60.0));
    let e = libm::exp(-1.0);
    assert!((slow.efficiency(1.0) - FRAC_2_PI * (1.0 - e) / (1.0 + e)).abs() < 1e-4);
    // Teacher labels: ε at t → ∞ is the closed form, and T → 0 gives Hebb's learning curve
    // ε = arccos(√(2α/(π + 2α)))/π of the perceptron page (catalogue E5: .285634 at α = 1, .230823 at α = 2).
    for (alpha, eps_hebb) in [(1.0, 0.285634), (2.0, 0.230823)] {
        let s = Setting { nu: 1.3, k: 0.7, temperature: 0.4, alpha, teacher: true };
        let closed = th::teacher_error_limit(alpha, 1.3, 0.7, 0.4);
        assert!((s.generalisation_error(200.0) - closed).abs() < 1e-12);
        assert!((th::teacher_error_limit(alpha, 1.0, 1.0, 1e-12) - eps_hebb).abs() < 1e-6);
    }
    // The small-ν limit with a teacher: η → (2/π)(1 + 2α/π), above 1 for α > π(π − 2)/4 ≈ 0.90.
    for alpha in [0.5, 2.0] {
        let s = Setting { nu: 1e-3, k: 1.0, temperature: 1.0, alpha, teacher: true };
        let limit = FRAC_2_PI * (1.0 + FRAC_2_PI * alpha);
        assert!((s.efficiency(60.0) - limit).abs() < 1e-3 * limit, "α = {alpha}: {} vs {limit}", s.efficiency(60.0));
    }
}

#[test]
fn measured_entropy_production_follows_the_theory() {
    // S_tot ≈ ν²P/2 = 1125 nats per trajectory; 40 seeds.
    let run = finished("thermodynamics-of-learning?seed=1&N=500&alpha=0.5&nu=3&t_max=5&seeds=40");
    let last = run.points.last().unwrap().entropy;
    let theory = 500.0 * run.setting.entropy_per_n(5.0);
    println!(
        "S_tot at k·t = 5: relative SE {:.4}, per-trajectory relative scatter {:.4}",
        last.std_error() / last.mean(),
        last.variance().sqrt() / last.mean()
    );
    assert_within_3se("S_tot against ⟨S_tot⟩ (N → ∞)", last.mean(), last.std_error(), theory, 1.1 * theory);
    // Seed by seed against the closed form for the seed's own patterns: the scatter of the patterns
    // cancels, what remains is the trajectory's own, of variance 2⟨S_tot⟩ for a Gaussian S_tot
    // that obeys the integral fluctuation theorem ⟨e^{−S_tot}⟩ = 1.
    let d = run.late.entropy_difference;
    assert_within_3se("S_tot − closed form of the seed's patterns", d.mean(), d.std_error(), 0.0, 0.1 * theory);
    let ratio = d.variance() / (2.0 * last.mean());
    println!("variance of S_tot − closed form over 2⟨S_tot⟩: {ratio:.3}");
    // 39 degrees of freedom: the ratio lies in [0.5, 1.7] with probability 0.998.
    assert!((0.5..=1.7).contains(&ratio), "variance ratio {ratio}");
    // The whole time trace, against the closed form at every recording.
    let mut worst: f64 = 0.0;
    for point in &run.points[1..] {
        let z = (point.entropy.mean() - point.entropy_instance.mean()) / point.entropy.std_error();
        worst = worst.max(z.abs());
    }
    println!("S_tot(t) against the seeds' closed forms: largest |z| over 100 times = {worst:.2}");
    assert!(worst < 4.0);
}

#[test]
fn small_entropy_production_obeys_the_fluctuation_theorem() {
    // ⟨S_tot⟩ ≈ 0.4 nat per trajectory, 1000 trajectories (one seed each): the integral fluctuation
    // theorem ⟨e^{−S_tot}⟩ = 1 holds only with the system's entropy added to the heat, and e^{−⟨S_tot⟩}
    // (what a trajectory-independent S_tot would give) is refused.
    let mut s = Vec::new();
    for seed in 1..=1000 {
        let link = format!("thermodynamics-of-learning?seed={seed}&N=200&alpha=0.1&nu=0.2&t_max=5&seeds=1");
        s.push(Link::parse(&link).unwrap().run_to_end(u64::MAX).unwrap().observables[0].unwrap());
    }
    let n = s.len() as f64;
    let weights: Vec<f64> = s.iter().map(|&x| libm::exp(-x)).collect();
    let mean = weights.iter().sum::<f64>() / n;
    let var = weights.iter().map(|w| (w - mean) * (w - mean)).sum::<f64>() / (n - 1.0);
    let mean_s = s.iter().sum::<f64>() / n;
    println!("⟨S_tot⟩ = {mean_s:.3} over {n} trajectories");
    assert_within_3se("⟨e^(−S_tot)⟩", mean, (var / n).sqrt(), 1.0, libm::exp(-mean_s));
}

#[test]
fn steady_state_error_follows_the_instance_prediction() {
    // Catalogue: N = 200, P = 20, ν = 1, Δt = 0.01, ±1 inputs. The second half of a run to k·t = 40,
    // 20 seeds; each seed's error against the prediction for its own patterns.
    let run = finished("thermodynamics-of-learning?seed=3&N=200&alpha=0.1&nu=1&t_max=40&dt=0.01&seeds=40");
    let late = &run.late;
    println!(
        "steady-state error {:.4} ± {:.4}, instance prediction {:.4}, ensemble {:.4}",
        late.error.mean(),
        late.error.std_error(),
        late.error_instance.mean(),
        run.setting.training_error(40.0)
    );
    let d = late.difference;
    assert_within_3se("error − instance prediction, seed by seed", d.mean(), d.std_error(), 0.0, 0.02);
}

#[test]
fn efficiency_stays_below_one_for_random_labels() {
    // Theory: on a grid over the sliders' ranges, η ≤ 2/π, its small-ν limit.
    let mut largest: f64 = 0.0;
    for i in 0..=20 {
        let nu = 0.05 * libm::pow(100.0, i as f64 / 20.0);
        for j in 0..=20 {
            let alpha = 0.01 * libm::pow(200.0, j as f64 / 20.0);
            for t in [0.1, 1.0, 5.0, 50.0] {
                largest = largest.max(hebb(nu, alpha).efficiency(t));
            }
        }
    }
    println!("largest η of the theory over ν ∈ [0.05, 5], α ∈ [0.01, 2], k·t ∈ {{0.1, 1, 5, 50}}: {largest:.4}");
    assert!(largest < FRAC_2_PI && largest > 0.6);
    // Simulation: P·I from the error of the second half of the run, S_tot at its end.
    let mut largest: f64 = 0.0;
    for nu in [0.5, 1.0, 2.0, 5.0] {
        for alpha in [0.1, 0.5, 2.0] {
            let run =
                finished(&format!("thermodynamics-of-learning?seed=5&N=200&alpha={alpha}&nu={nu}&t_max=8&seeds=8"));
            let s = run.points.last().unwrap().entropy.mean();
            let info = run.p as f64 * th::information(run.late.error.mean());
            let theory = run.setting.efficiency(8.0);
            println!("ν = {nu}, α = {alpha}: η = {:.4} (theory {theory:.4})", info / s);
            largest = largest.max(info / s);
            assert!(info / s < 1.0);
        }
    }
    println!("largest measured η: {largest:.4}");
}

#[test]
fn teacher_generalisation_error_follows_the_formula() {
    // ε of the fluctuating weights over the second half of a run to k·t = 16, against ε(α) at t → ∞
    // (e^{−8} away). N = 500, 10 seeds.
    for (alpha, nu) in [(0.5, 1.0), (2.0, 0.5)] {
        let link = format!(
            "thermodynamics-of-learning?seed=7&labels=teacher&inputs=gaussian&N=500&alpha={alpha}&nu={nu}&t_max=16&seeds=10"
        );
        let run = finished(&link);
        let g = run.late.generalisation;
        let theory = th::teacher_error_limit(alpha, nu, 1.0, 1.0);
        let wrong = th::teacher_error_limit(1.25 * alpha, nu, 1.0, 1.0);
        assert_within_3se(&format!("ε at α = {alpha}, ν = {nu}"), g.mean(), g.std_error(), theory, wrong);
    }
}

#[test]
fn teacher_labels_carry_more_summed_information_than_entropy_produced() {
    // With a teacher the labels are correlated: each pattern's label is partly predictable from the
    // others, so the summed informations P·I can exceed S_tot. At α = 2, ν = 0.1 the theory gives
    // η = 1.39; measured with P·I from the second half's error and S_tot at the end.
    let run = finished(
        "thermodynamics-of-learning?seed=1&labels=teacher&inputs=gaussian&N=500&alpha=2&nu=0.1&t_max=10&seeds=40",
    );
    let p = run.p as f64;
    let e = run.late.error;
    let info = p * th::information(e.mean());
    let info_se = p * libm::log(e.mean() / (1.0 - e.mean())).abs() * e.std_error();
    let s = run.points.last().unwrap().entropy;
    println!(
        "teacher, α = 2, ν = 0.1: P·I = {info:.3} ± {info_se:.3}, S_tot = {:.3} ± {:.3}, theory η = {:.3}",
        s.mean(),
        s.std_error(),
        run.setting.efficiency(10.0)
    );
    let combined = (info_se * info_se + s.std_error() * s.std_error()).sqrt();
    assert!(info - s.mean() > 3.0 * combined, "P·I − S_tot = {} vs 3 SE = {}", info - s.mean(), 3.0 * combined);
    assert_within_3se(
        "P·I against theory",
        info,
        info_se,
        p * run.setting.information(10.0),
        0.8 * p * run.setting.information(10.0),
    );
}

#[test]
fn every_rule_runs_and_learns() {
    // The Perceptron and AdaTron forces have no theory here: they must run, produce finite numbers
    // in chunks of any size, and learn (fewer errors than chance).
    for rule in ["hebb", "perceptron", "adatron"] {
        for labels in ["random", "teacher"] {
            let text = format!(
                "thermodynamics-of-learning?seed=9&rule={rule}&labels={labels}&N=100&alpha=0.5&nu=2&t_max=4&seeds=3"
            );
            let link = Link::parse(&text).unwrap();
            let whole = link.run_to_end(u64::MAX).unwrap();
            assert_eq!(link.run_to_end(37).unwrap().fingerprint, whole.fingerprint, "{text}");
            for s in whole.frame.figures.iter().flat_map(|f| &f.series) {
                let values = s.x.iter().chain(&s.y).chain(s.y_err.iter().flatten());
                assert!(values.into_iter().all(|v| v.is_finite()), "{text}: {}", s.label);
            }
            let error = whole.observables[2].unwrap();
            println!("{rule}, {labels}: training error {error:.3}, S (or Q/T) {:.2}", whole.observables[0].unwrap());
            assert!(error < 0.4, "{text}: error {error}");
        }
    }
    // The edges of the ranges.
    for text in [
        "thermodynamics-of-learning?N=10&alpha=0.01&nu=0.05&k=0.1&T=0.01&t_max=0.5&dt=0.2&seeds=1",
        "thermodynamics-of-learning?N=10&alpha=2&nu=5&k=10&T=10&t_max=50&dt=0.2&seeds=2&rule=adatron",
        "thermodynamics-of-learning?N=2000&alpha=0.01&t_max=1&seeds=1&inputs=gaussian&labels=teacher",
    ] {
        let result = Link::parse(text).unwrap().run_to_end(1000).unwrap();
        assert!(result.observables[0].unwrap().is_finite(), "{text}");
    }
}
