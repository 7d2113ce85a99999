//! Low-rank plus random networks (Mastrogiuseppe & Ostojic 2018): the mean-field numbers of the
//! catalogue's cases A, B and C, the simulation at N = 3000 against them, and the outlier of the
//! spectrum.

use replica::link::Link;
use replica::model::run_to_end;
use replica::models::low_rank_rnn::Settings;
use replica::models::low_rank_rnn::run::LowRankRun;
use replica::models::low_rank_rnn::theory::MeanField;

const CASE_A: &str = "g=0.5&M_m=0&M_n=0&S_m=1&S_n=2.8284271247461903&rho=0.7071067811865476&M_I=0&S_I=0";
const CASE_B: &str = "g=0.5&M_m=1&M_n=2&S_m=1&S_n=1&rho=0&M_I=0&S_I=0";
const CASE_C: &str = "g=0.5&M_m=0&M_n=0&S_m=1&S_n=1&rho=0.8&M_I=0&S_I=0";

fn settings(query: &str) -> (Settings, u64) {
    let link = Link::parse(&format!("low-rank-rnn?{query}")).unwrap();
    (Settings::from_params(link.params()), link.seed())
}

fn run(query: &str) -> LowRankRun {
    let (s, seed) = settings(query);
    let mut r = LowRankRun::new(s, seed);
    run_to_end(&mut r, u64::MAX, |_| {}).unwrap();
    r
}

#[test]
fn mean_field_numbers_of_the_catalogue() {
    // Catalogue A3 §4: case A κ = ±1.2895, Δ0 = 1.7879; case B κ = μ = 1.1009, Δ0 = 1.3596.
    let (a, _) = settings(CASE_A);
    let states = MeanField::new(a.stats).states();
    println!("case A: {states:?}");
    let kappas: Vec<f64> = states.iter().map(|s| s.kappa).collect();
    assert_eq!(kappas.len(), 3, "two symmetric states and the trivial one: {kappas:?}");
    assert!((kappas[2] - 1.2895).abs() < 1e-4 && (kappas[0] + 1.2895).abs() < 1e-4, "{kappas:?}");
    assert!(kappas[1].abs() < 1e-12 && !states[1].stable && states[0].stable && states[2].stable);
    assert!((states[2].delta0 - 1.7879).abs() < 1e-4, "{}", states[2].delta0);

    let (b, _) = settings(CASE_B);
    let mf = MeanField::new(b.stats);
    let states = mf.states();
    println!("case B: {states:?}");
    let reached = mf.reached(&states, mf.initial_kappa(1.0)).unwrap();
    assert!((reached.kappa - 1.1009).abs() < 1e-4 && (reached.mu - 1.1009).abs() < 1e-4, "{reached:?}");
    assert!((reached.delta0 - 1.3596).abs() < 1e-4 && reached.stable, "{reached:?}");

    let (c, _) = settings(CASE_C);
    let states = MeanField::new(c.stats).states();
    assert_eq!(states.len(), 1, "{states:?}");
    assert!(states[0].kappa.abs() < 1e-12 && states[0].delta0.abs() < 1e-12 && states[0].stable);
}

/// The simulation of a case at N = 3000 with exactly orthonormalised y1, y2 (the catalogue's
/// normalisation), to T = 10: κ(t) is constant to 1e-4 from t = 8 on (measured on 5 seeds).
fn simulate(case: &str, seed: u64) -> LowRankRun {
    run(&format!("{case}&N=3000&T=10&dt=0.1&exact=1&seed={seed}"))
}

#[test]
fn case_a_simulation_sits_on_the_mean_field_state() {
    // Measured at N = 3000, exact statistics, seeds 1–5: κ off by −0.6, +0.3, +1.6, −0.3, −0.1 %
    // (sd 0.8 %), var x by −2.1, −0.1, +2.9, −1.4, −0.4 % (sd 1.9 %), the outlier 1.992, 1.987,
    // 2.005, 1.993, 1.999 (sd 0.007). Tolerances: 4 % in κ, 6 % in Δ0 (the catalogue's, 3–5 sd),
    // 0.04 in the outlier (5 sd).
    let r = simulate(CASE_A, 1);
    let (mean, var) = r.moments_of_x();
    let th = r.theory.as_ref().unwrap().reached.unwrap();
    println!(
        "case A: κ {} ({}), var {var} ({}), mean {mean}, outlier {:?}",
        r.dynamics.kappa, th.kappa, th.delta0, r.outlier
    );
    assert!((th.kappa - 1.2895).abs() < 1e-4, "x(0) = +m reaches the positive state: {th:?}");
    assert!((r.dynamics.kappa / th.kappa - 1.0).abs() < 0.04);
    assert!((var / th.delta0 - 1.0).abs() < 0.06);
    assert!(mean.abs() < 0.05);
    assert!((r.outlier.unwrap() - 2.0).abs() < 0.04);
    // The currents collapse onto κ m: the residual x − κm has the variance g²⟨φ²⟩ = Δ0 − Σ_m²κ².
    let k = r.dynamics.kappa;
    let residual = r.dynamics.x.iter().zip(&r.vectors.m).map(|(x, m)| (x - k * m) * (x - k * m)).sum::<f64>() / 3000.0;
    let predicted = th.delta0 - th.kappa * th.kappa;
    println!("residual variance {residual} ({predicted})");
    assert!((residual / predicted - 1.0).abs() < 0.1, "{residual} vs {predicted}");
}

#[test]
fn case_a_flipped_falls_into_the_other_state() {
    let (s, seed) = settings(&format!("{CASE_A}&N=1000&T=10&exact=1&flip=1&seed=3"));
    let mut r = LowRankRun::new(s, seed);
    run_to_end(&mut r, u64::MAX, |_| {}).unwrap();
    let th = r.theory.as_ref().unwrap().reached.unwrap();
    println!("flipped: κ {} ({})", r.dynamics.kappa, th.kappa);
    assert!((th.kappa + 1.2895).abs() < 1e-4);
    assert!((r.dynamics.kappa / th.kappa - 1.0).abs() < 0.06, "N = 1000: 1.5 times the tolerance at 3000");
}

#[test]
fn case_b_simulation_sits_on_the_mean_field_state() {
    // Measured at N = 3000, exact statistics, seeds 1–5: κ off by +1.5, −0.9, −0.2, +0.2, +2.0 %
    // (sd 1.2 %), var x by +1.5, −1.6, −0.9, −1.1, +3.6 % (sd 2.2 %), mean x by +1.2, −0.4, −0.7,
    // +0.3, +2.2 %, the outlier 1.987, 2.011, 1.986, 2.012, 2.015 (sd 0.014). Tolerances: 4 % in κ
    // and μ, 6 % in Δ0, 0.05 in the outlier.
    let r = simulate(CASE_B, 1);
    let (mean, var) = r.moments_of_x();
    let th = r.theory.as_ref().unwrap().reached.unwrap();
    println!(
        "case B: κ {} ({}), var {var} ({}), mean {mean} ({}), outlier {:?}",
        r.dynamics.kappa, th.kappa, th.delta0, th.mu, r.outlier
    );
    assert!((r.dynamics.kappa / th.kappa - 1.0).abs() < 0.04);
    assert!((mean / th.mu - 1.0).abs() < 0.04);
    assert!((var / th.delta0 - 1.0).abs() < 0.06);
    assert!((r.outlier.unwrap() - 2.0).abs() < 0.05);
}

#[test]
fn case_c_decays_to_zero_at_the_rate_of_the_outlier() {
    // Below the pitchfork the dynamics near x = 0 is linear, x ← x + dt(J − 1)x, and its slowest
    // mode is the outlier: κ shrinks by 1 − dt(1 − λ_out) per step, with the realised λ_out.
    let r = run(&format!("{CASE_C}&N=1000&T=100&dt=0.1&exact=1&seed=2"));
    let largest = r.dynamics.x.iter().fold(0.0f64, |a, x| a.max(x.abs()));
    let th = r.theory.as_ref().unwrap().reached.unwrap();
    assert!(th.kappa == 0.0 && th.stable);
    let lambda = r.outlier.unwrap();
    let at = |t: f64| r.kappa_trace.iter().find(|(s, _)| (s - t).abs() < 1e-9).unwrap().1;
    let rate = -libm::log(at(100.0) / at(60.0)) / 40.0;
    let euler = -libm::log(1.0 - 0.1 * (1.0 - lambda)) / 0.1;
    println!("case C: max |x| = {largest:e}, outlier {lambda}, decay rate {rate} vs {euler}");
    assert!(largest < 1e-6);
    // With exact statistics the realised outlier moves from 0.8 by the terms nᵀ(gχ)^k m (measured
    // 0.808 at N = 1000, 0.89 at N = 300).
    assert!((lambda - 0.8).abs() < 0.05);
    // The bulk (|λ| ≤ g) shrinks by 0.95 per step against 0.98: after 400 steps its share of κ
    // is below 1e-5, so the rates agree to far better than the 1e-3 asked.
    assert!((rate / euler - 1.0).abs() < 1e-3, "{rate} vs {euler}");
}

#[test]
fn the_outlier_formula_is_the_eigenvalue_of_j() {
    // Up to N = 500 (here 300) the run has the whole spectrum: its real eigenvalue outside the bulk must be
    // the root of nᵀ(λ − gχ)⁻¹m = N to rounding.
    for (case, want) in [(CASE_A, 2.0), (CASE_B, 2.0), (CASE_C, 0.8)] {
        let r = run(&format!("{case}&N=300&T=1&seed=4"));
        let ev = r.eigenvalues.as_ref().unwrap();
        let top = ev.iter().filter(|z| z.im == 0.0).map(|z| z.re).fold(f64::NEG_INFINITY, f64::max);
        let formula = r.outlier.unwrap();
        println!("{case}: eigenvalue {top}, formula {formula}, theory {want}");
        assert!((top - formula).abs() < 1e-9, "{top} vs {formula}");
        // The bulk: the largest modulus of the others is within 10 % of g (measured 0.49–0.51).
        let bulk = ev.iter().map(|z| z.abs()).filter(|&a| (a - top).abs() > 1e-6).fold(0.0, f64::max);
        assert!((bulk / 0.5 - 1.0).abs() < 0.1, "{bulk}");
    }
}

#[test]
fn chunking_does_not_change_the_run() {
    let link = Link::parse("low-rank-rnn?g=0.7&M_m=1&M_n=2&S_m=1&S_n=1&rho=0.3&N=37&T=3&dt=0.2&S_I=0.3&M_I=0.2&seed=9")
        .unwrap();
    let whole = link.run_to_end(u64::MAX).unwrap().fingerprint;
    for chunk in [1, 3, 50] {
        assert_eq!(link.run_to_end(chunk).unwrap().fingerprint, whole, "chunks of {chunk}");
    }
}

#[test]
fn budget_is_refused_with_the_parameters_named() {
    let e = Link::parse("low-rank-rnn?N=3000&T=500&dt=0.01").unwrap_err().to_string();
    assert!(e.contains("N=3000, T=500 and dt=0.01"), "{e}");
}

#[test]
fn quadrature_and_bifurcation_diagram_agree_with_the_states() {
    let (a, _) = settings(CASE_A);
    // The Gaussian averages: 8 panels of 16 points against 64 panels.
    let coarse = MeanField::new(a.stats).states();
    let fine = MeanField::with_rule(a.stats, 64).states();
    for (c, f) in coarse.iter().zip(&fine) {
        assert!((c.kappa - f.kappa).abs() < 1e-12 && (c.delta0 - f.delta0).abs() < 1e-12, "{c:?} vs {f:?}");
    }
    // The branches, traced by κ, pass through the states found by root finding at λ = 2, and
    // the non-trivial ones leave κ = 0 at the pitchfork λ = 1 (zero means, no input: ⟨φ'⟩ = 1).
    let mf = MeanField::new(a.stats);
    let branches = mf.branches([-0.5, 3.0]);
    let upper = branches.iter().find(|b| b.stable && b.kappa[0] > 0.0).unwrap();
    assert!((upper.overlap[0] - 1.0).abs() < 1e-3, "pitchfork at {}", upper.overlap[0]);
    let k = upper.overlap.iter().position(|&l| l > 2.0).unwrap();
    let (l0, l1, k0, k1) = (upper.overlap[k - 1], upper.overlap[k], upper.kappa[k - 1], upper.kappa[k]);
    let at_two = k0 + (k1 - k0) * (2.0 - l0) / (l1 - l0);
    assert!((at_two - 1.2895).abs() < 2e-3, "linear interpolation on the branch: {at_two}");
    let trivial: Vec<_> = branches.iter().filter(|b| b.kappa[0] == 0.0).collect();
    assert_eq!(trivial.len(), 2);
    assert!(trivial[0].stable && (trivial[0].overlap[1] - 1.0).abs() < 1e-12 && !trivial[1].stable);
}

// Rank two: J = gχ + m₁n₁ᵀ/N + m₂n₂ᵀ/N with n_r = σ_r1 m₁ + σ_r2 m₂ + ξ_r.

/// Unequal diagonal overlaps: four fixed points besides κ = 0, the pair along m₁ stable.
const DIAGONAL: &str = "rank=2&s11=2&s12=0&s21=0&s22=1.5&M_I=0&S_I=0";
/// A rotation: outliers 1.5 ± i, a limit cycle.
const ROTATION: &str = "rank=2&s11=1.5&s12=-1&s21=1&s22=1.5&M_I=0&S_I=0";
/// σ = 2I: a ring of fixed points.
const RING: &str = "rank=2&s11=2&s12=0&s21=0&s22=2&M_I=0&S_I=0";

fn kappa_radius(r: &LowRankRun) -> f64 {
    (r.dynamics.kappa * r.dynamics.kappa + r.dynamics.higher[0] * r.dynamics.higher[0]).sqrt()
}

#[test]
fn rank_two_outliers_are_the_eigenvalues_of_the_overlaps() {
    // Measured at N = 1000, g = 0.5, exact overlaps, seeds 1–5: the outliers (from the exact
    // finite-N condition) differ from the eigenvalues of σ by at most 0.025 (diagonal), 0.021
    // (rotation, real and imaginary parts) and 0.031 (ring, where σ's double eigenvalue 2 splits
    // into two real outliers or a pair 2 ± 0.017i), sd about 0.015: the terms n_rᵀ(gχ)^k m_s/N of
    // size g|n||m|/(λN^{1/2}) ≈ 0.018. Tolerance 0.06, four sd.
    let cases: [(&str, [(f64, f64); 2]); 3] =
        [(DIAGONAL, [(2.0, 0.0), (1.5, 0.0)]), (ROTATION, [(1.5, 1.0), (1.5, -1.0)]), (RING, [(2.0, 0.0), (2.0, 0.0)])];
    for (case, want) in cases {
        for seed in 1..=3 {
            let r = run(&format!("{case}&g=0.5&N=1000&T=1&exact=1&seed={seed}"));
            let theory = r.latent.as_ref().unwrap().eigenvalues;
            println!("{case} seed {seed}: outliers {:?}", r.outliers);
            assert_eq!(r.outliers.len(), 2);
            for ((z, th), w) in r.outliers.iter().zip(theory).zip(want) {
                assert!((th.re - w.0).abs() < 1e-12 && (th.im - w.1).abs() < 1e-12, "{th:?}");
                assert!((z.re - w.0).abs() < 0.06 && (z.im.abs() - w.1.abs()).abs() < 0.06, "{z:?} vs {w:?}");
            }
        }
    }
    // Up to N = 500 the run has the whole spectrum of J: the roots of the finite-N condition are
    // its eigenvalues outside the bulk, to rounding.
    for case in [DIAGONAL, ROTATION] {
        let r = run(&format!("{case}&g=0.5&N=300&T=1&seed=4"));
        let ev = r.eigenvalues.as_ref().unwrap();
        for z in &r.outliers {
            let nearest =
                ev.iter().map(|e| ((e.re - z.re).powi(2) + (e.im - z.im).powi(2)).sqrt()).fold(f64::INFINITY, f64::min);
            println!("{case}: outlier {z:?}, nearest eigenvalue of J at {nearest:e}");
            assert!(nearest < 1e-9, "{z:?}: {nearest}");
        }
    }
}

#[test]
fn rank_two_fixed_points_of_the_mean_field() {
    // σ = diag(2, 1.5): along m₁ the state of a rank-one network of overlap 2 (the catalogue's
    // case A numbers, κ = 1.2895, Δ0 = 1.7879), stable; along m₂ the state of overlap 1.5, a
    // saddle (the growth rate along m₁ there is 2/1.5 − 1 > 0); κ = 0 unstable.
    let (s, _) = settings(DIAGONAL);
    let field =
        replica::models::low_rank_rnn::latent::LatentField::new(replica::models::low_rank_rnn::latent::RankTwo {
            g: 0.5,
            overlaps: s.overlaps,
            m_i: 0.0,
            s_i: 0.0,
        });
    let points = field.fixed_points();
    println!("{points:?}");
    assert_eq!(points.len(), 5);
    assert!(!points[0].stable && points[0].kappa == [0.0, 0.0]);
    let one =
        MeanField::new(replica::models::low_rank_rnn::theory::Stats { s_n: 1.5, rho: 1.0, ..settings(CASE_A).0.stats })
            .states();
    for p in &points[1..] {
        let along_m1 = p.kappa[1] == 0.0;
        let radius = p.kappa[0].abs() + p.kappa[1].abs();
        let want = if along_m1 { 1.2895 } else { one[2].kappa };
        assert!((radius - want).abs() < 1e-4, "{p:?} vs {want}");
        assert_eq!(p.stable, along_m1, "{p:?}");
    }
    assert!((points[1].delta0 - 1.7879).abs() < 1e-4);
    // Rotations and rings: no fixed point but κ = 0, or a ring at the radius of overlap 2.
    let rot = |a: f64, b: f64| {
        replica::models::low_rank_rnn::latent::LatentField::new(replica::models::low_rank_rnn::latent::RankTwo {
            g: 0.5,
            overlaps: [[a, -b], [b, a]],
            m_i: 0.0,
            s_i: 0.0,
        })
    };
    assert_eq!(rot(1.5, 1.0).fixed_points().len(), 1);
    assert!((rot(2.0, 0.0).ring().unwrap() - 1.2895).abs() < 1e-4);
    assert!(rot(1.5, 0.0).cycle(0.1).is_none() && rot(0.8, 0.5).cycle(0.1).is_none());
}

#[test]
fn rank_two_simulation_sits_on_the_fixed_point() {
    // σ = diag(2, 1.5), g = 0.5, N = 3000, exact overlaps, T = 20, x(0) = m₁ + 0.1ξ. Measured on
    // seeds 1–5: κ₁ off by −1.0, +0.9, +0.6, +0.4, −0.2 % (sd 0.7 %), var x by −2.9, +1.1, +1.0,
    // +0.1, −0.6 % (sd 1.5 %), κ₂ = −0.035, 0.012, −0.005, −0.021, 0.015. Tolerances as for rank
    // one: 4 % in κ₁, 6 % in Δ0, and 0.1 in κ₂ (four times the largest seen; the theory says 0).
    for seed in [1, 2] {
        let r = run(&format!("{DIAGONAL}&g=0.5&N=3000&T=20&exact=1&seed={seed}"));
        let (_, var) = r.moments_of_x();
        let l = r.latent.as_ref().unwrap();
        let last = l.trajectory.kappa.len() - 1;
        let (kappa, delta) = (l.trajectory.kappa[last], l.trajectory.delta[last]);
        println!("seed {seed}: κ ({}, {}) vs {kappa:?}, var {var} vs {delta}", r.dynamics.kappa, r.dynamics.higher[0]);
        // The latent flow has reached the stable fixed point (the catalogue's case A numbers).
        assert!((kappa[0] - 1.2895).abs() < 1e-4 && kappa[1] == 0.0 && (delta - 1.7879).abs() < 1e-4);
        assert!((r.dynamics.kappa / kappa[0] - 1.0).abs() < 0.04);
        assert!(r.dynamics.higher[0].abs() < 0.1);
        assert!((var / delta - 1.0).abs() < 0.06);
    }
    // The ring σ = 2I: |κ| at the ring's radius, in whatever direction the network drifted to.
    // Measured on seeds 1–5: |κ| off by −0.7, +0.9, +0.6, +0.6, −0.1 %; tolerance 4 %.
    let r = run(&format!("{RING}&g=0.5&N=3000&T=20&exact=1&seed=1"));
    let ring = r.latent.as_ref().unwrap().ring.unwrap();
    println!("ring: |κ| {} vs {ring}, κ₂ {}", kappa_radius(&r), r.dynamics.higher[0]);
    assert!((kappa_radius(&r) / ring - 1.0).abs() < 0.04);
}

/// Mean |κ| over the records from t = `from` on, and the mean period between upward zero crossings
/// of κ₁ (linearly interpolated).
fn cycle_of(r: &LowRankRun, from: f64) -> (f64, f64) {
    let points: Vec<(f64, f64, f64)> =
        r.kappa_trace.iter().zip(&r.higher_trace).map(|(&(t, k1), h)| (t, k1, h[0])).filter(|p| p.0 >= from).collect();
    let radius = points.iter().map(|p| (p.1 * p.1 + p.2 * p.2).sqrt()).sum::<f64>() / points.len() as f64;
    let crossings: Vec<f64> = points
        .windows(2)
        .filter(|w| w[0].1 < 0.0 && w[1].1 >= 0.0)
        .map(|w| w[0].0 + (w[1].0 - w[0].0) * (-w[0].1) / (w[1].1 - w[0].1))
        .collect();
    assert!(crossings.len() >= 4, "{crossings:?}");
    (radius, (crossings[crossings.len() - 1] - crossings[0]) / (crossings.len() - 1) as f64)
}

#[test]
fn rank_two_rotation_settles_on_the_limit_cycle() {
    // σ = [[1.5, −1], [1, 1.5]] at g = 0, where the latent flow is exact as N → ∞. The cycle of the
    // Euler map of step 0.1: |κ| = 1.0329, period 9.623 (the flow's own, dt → 0: 1.0137 and
    // 2πa/b = 9.425, 2 % away; the test tells them apart). Measured at N = 2000, exact overlaps,
    // over t ∈ [50, 100], seeds 1–5: |κ| off by −0.13, +0.07, +0.22, −0.60, −0.24 % (sd 0.3 %),
    // the period by −0.22, 0.00, +0.35, −0.22, −0.04 % (sd 0.25 %). Tolerances 1.2 % for both
    // (4–5 sd). At g = 0.3 (an approximation there) the same seeds gave |κ| 0.8 % above the
    // theory's and periods within 0.8 %.
    for seed in [1, 2] {
        let r = run(&format!("{ROTATION}&g=0&N=2000&T=100&exact=1&seed={seed}"));
        let l = r.latent.as_ref().unwrap();
        let cycle = l.cycle.unwrap();
        assert!((cycle.radius_kappa - 1.0329).abs() < 1e-4 && (cycle.period - 9.623).abs() < 1e-3, "{cycle:?}");
        let flow = l.field.cycle(0.0).unwrap();
        assert!((flow.period - 3.0 * std::f64::consts::PI).abs() < 1e-12, "{flow:?}");
        // The latent flow itself ends on the closed-form cycle.
        let end = l.trajectory.kappa.last().unwrap();
        assert!(((end[0] * end[0] + end[1] * end[1]).sqrt() - cycle.radius_kappa).abs() < 1e-6, "{end:?}");
        let (radius, period) = cycle_of(&r, 50.0);
        println!("seed {seed}: radius {radius} vs {}, period {period} vs {}", cycle.radius_kappa, cycle.period);
        assert!((radius / cycle.radius_kappa - 1.0).abs() < 0.012);
        assert!((period / cycle.period - 1.0).abs() < 0.012);
    }
    // At g = 0.3 the flow holds the random part at its stationary variance, an approximation: on
    // seeds 1–5 |κ| was above the theory's 1.0117 by 0.8, 1.0, 1.0, 0.5, 0.7 %, the period off
    // 9.623 by −0.4, −0.9, +0.8, −0.3, +0.3 %. Tolerance 2.5 % for both: it holds the 1 % that
    // latent.rs states, and the flow's cycle without the Euler step (|κ| = 0.9921) fails it.
    let r = run(&format!("{ROTATION}&g=0.3&N=2000&T=100&exact=1&seed=3"));
    let cycle = r.latent.as_ref().unwrap().cycle.unwrap();
    let (radius, period) = cycle_of(&r, 50.0);
    println!("g = 0.3: radius {radius} vs {}, period {period} vs {}", cycle.radius_kappa, cycle.period);
    assert!((radius / cycle.radius_kappa - 1.0).abs() < 0.025);
    assert!((period / cycle.period - 1.0).abs() < 0.025);
}

#[test]
fn rank_two_below_threshold_decays_at_the_rate_of_the_outliers() {
    // σ = [[0.8, −0.5], [0.5, 0.8]]: outliers 0.8 ± 0.5i inside the unit disc's threshold Re λ = 1.
    // No cycle, no fixed point but 0; near x = 0 the dynamics is linear and |κ| shrinks by
    // |1 − Δt + Δt λ_out| per step, with the realised outliers (the bulk, at most 0.95 per step
    // against 0.981, has a share below 1e-4 of κ from t = 30 on).
    let r = run("rank=2&s11=0.8&s12=-0.5&s21=0.5&s22=0.8&g=0.5&N=1000&T=100&exact=1&seed=2");
    let l = r.latent.as_ref().unwrap();
    assert!(l.cycle.is_none() && l.fixed_points.len() == 1 && l.fixed_points[0].stable);
    let at = |t: f64| {
        let k = r.kappa_trace.iter().position(|(s, _)| (s - t).abs() < 1e-9).unwrap();
        (r.kappa_trace[k].1.powi(2) + r.higher_trace[k][0].powi(2)).sqrt()
    };
    let z = r.outliers[0];
    let factor = ((1.0 - 0.1 + 0.1 * z.re).powi(2) + (0.1 * z.im).powi(2)).sqrt();
    let (rate, euler) = (-libm::log(at(100.0) / at(30.0)) / 70.0, -libm::log(factor) / 0.1);
    let largest = r.dynamics.x.iter().fold(0.0f64, |a, x| a.max(x.abs()));
    println!("outliers {:?}, decay rate {rate} vs {euler}, max |x| {largest:e}", r.outliers);
    assert!(largest < 1e-6);
    assert!((rate / euler - 1.0).abs() < 1e-3, "{rate} vs {euler}");
}

#[test]
fn rank_two_chunking_does_not_change_the_run() {
    let link =
        Link::parse("low-rank-rnn?g=0.4&N=37&T=3&dt=0.2&M_I=0.2&S_I=0.3&rank=2&s11=1.5&s12=-1&s21=1&s22=1.2&seed=9")
            .unwrap();
    let whole = link.run_to_end(u64::MAX).unwrap().fingerprint;
    for chunk in [1, 3, 50] {
        assert_eq!(link.run_to_end(chunk).unwrap().fingerprint, whole, "chunks of {chunk}");
    }
}
