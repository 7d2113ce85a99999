//! Spherical p-spin: the theory against the catalogue's numbers (p = 2 closed form, CK energies,
//! threshold, ground state, BBP), and gradient descent and Langevin dynamics at finite N against
//! the Cugliandolo–Kurchan theory, with tolerances from the scatter between disorder samples.

use replica::link::Link;
use replica::model::{Figure, Frame, SeriesKind};
use replica::models::p_spin_descent::theory::{self, Ck};

fn run(link: &str) -> (Frame, Vec<Option<f64>>) {
    let link = Link::parse(link).unwrap();
    let mut run = link.start();
    replica::model::run_to_end(run.as_mut(), 1000, |_| {}).unwrap();
    (run.frame(), run.observables())
}

fn figure<'a>(frame: &'a Frame, id: &str) -> &'a Figure {
    frame.figures.iter().find(|f| f.id == id).unwrap_or_else(|| panic!("no figure {id}"))
}

/// (t, mean, standard error) of the simulated series with this label in a figure.
fn simulated(f: &Figure, label_start: &str) -> Vec<(f64, f64, f64)> {
    let s = f
        .series
        .iter()
        .find(|s| s.kind == SeriesKind::Simulation && s.label.starts_with(label_start))
        .unwrap_or_else(|| panic!("no series {label_start} in {}", f.id));
    let err = s.y_err.clone().unwrap_or_else(|| vec![0.0; s.x.len()]);
    s.x.iter().zip(&s.y).zip(err).map(|((&x, &y), e)| (x, y, e)).collect()
}

fn near(points: &[(f64, f64, f64)], t: f64) -> (f64, f64, f64) {
    *points.iter().min_by(|a, b| (a.0 - t).abs().total_cmp(&(b.0 - t).abs())).unwrap()
}

#[test]
fn p2_closed_form_and_ck_agree() {
    // Catalogue: e(1) = −.65805, e(2) = −.81925, e(5) = −.92599, e(10) = −.96274, e(19.9) = −.98122;
    // the quadrature converges to 1e-10, so 1e-5 is the catalogue's rounding.
    for (t, want) in [(1.0, -0.65805), (2.0, -0.81925), (5.0, -0.92599), (10.0, -0.96274), (19.9, -0.98122)] {
        assert!((theory::p2_energy(t) - want).abs() < 1e-5, "t = {t}: {}", theory::p2_energy(t));
    }
    // Catalogue: CK at p = 2, Richardson of h = .05 and .025, at t = 10: −.96276, |Δ| < 5e-4 from exact.
    let ck = Ck::new(2, 0.0, 10.0, 200);
    assert!((ck.h - 0.05).abs() < 1e-15);
    let e10 = ck.energy[200];
    assert!((e10 - theory::p2_energy(10.0)).abs() < 5e-4, "{e10}");
    assert!((e10 + 0.96276).abs() < 5e-5, "{e10}");
}

#[test]
fn ck_energies_at_p3_are_the_catalogue_s() {
    // Catalogue (Richardson of h = .025/.0125, converged to 1e-4): e(1) = −.78254, e(2) = −.92626,
    // e(5) = −1.03568, e(10) = −1.08161, e(19.9) = −1.10936. Here h = .05/.025 (a second of work):
    // measured differences ≤ 6e-5 (the page's h = .078/.039 is within 1.2e-4), so 2e-4.
    let ck = Ck::new(3, 0.0, 20.0, 400);
    for (t, want) in [(1.0, -0.78254), (2.0, -0.92626), (5.0, -1.03568), (10.0, -1.08161), (19.9, -1.10936)] {
        let got = ck.energy_at(t);
        assert!((got - want).abs() < 2e-4, "t = {t}: {got} vs {want}");
    }
    // The correlations: C(t, t) = 1 and C decreases with t at fixed t_w; aging: at fixed τ = 5,
    // C(t_w + τ, t_w) grows with t_w.
    let (h, n) = (ck.h, ck.n);
    assert_eq!(ck.correlation(n, n), 1.0);
    let iw = |t: f64| (t / h).round() as usize;
    let tau = iw(5.0);
    let aged: Vec<f64> = [1.0, 2.0, 4.0, 8.0].iter().map(|&t| ck.correlation(iw(t) + tau, iw(t))).collect();
    assert!(aged.windows(2).all(|w| w[1] > w[0] + 0.01), "{aged:?}");
}

#[test]
fn threshold_ground_state_and_temperatures() {
    // Catalogue: e_th = −√(2(p−1)/p) = −1.154701 at p = 3, where the semicircle's edge −p·e − √(2p(p−1)) is 0.
    assert!((theory::threshold_energy(3) + 1.154_701).abs() < 1e-6);
    for p in 2..=4 {
        let edge = -(p as f64) * theory::threshold_energy(p) - theory::semicircle_radius(p);
        assert!(edge.abs() < 1e-14, "p = {p}");
    }
    // Ground state: the zero of the complexity, 1.657 in the normalisation ξ = q^p of Auffinger, Ben Arous
    // & Černý (2013), i.e. −1.657/√2 = −1.1717 here, 1.5% below the threshold. (The catalogue gives
    // "≈ −1.657" for this normalisation: that is the value for ξ = q^p.)
    let gs = theory::ground_state_energy(3);
    assert!((gs * std::f64::consts::SQRT_2 + 1.657).abs() < 1e-3, "{gs}");
    assert!(gs < theory::threshold_energy(3) && gs > -1.18);
    assert!(theory::complexity_abc(3, 2.0 * (2.0f64 / 3.0).sqrt()) > 0.0);
    assert!((theory::dynamical_temperature(3) - (3.0f64 / 8.0).sqrt()).abs() < 1e-15);
    // Above T_d the CK solution equilibrates at e = −1/(2T) (FDT): at T = 1, h = .039, e(10) = −.4995.
    let ck = Ck::new(3, 1.0, 10.0, 256);
    assert!((ck.energy[256] + 0.5).abs() < 2e-3, "{}", ck.energy[256]);
}

#[test]
fn bbp_closed_form() {
    assert_eq!(theory::bbp(0.5), (2.0, 0.0));
    let (top, overlap) = theory::bbp(2.0);
    assert!((top - 2.5).abs() < 1e-15 && (overlap - 0.75).abs() < 1e-15);
}

#[test]
fn gradient_descent_follows_ck_then_stays_above_it() {
    // N = 100, 16 disorder samples, Δt = 0.02. The scatter between samples is dominated by the random
    // start's energy, e(0) ~ 𝒩(0, 1/(2N)): SE ≈ 0.016 at t ≤ 2, 0.008 at t = 5. The catalogue's test:
    // within 3 SE of CK for t ≤ 5, and only e_sim(10) < e_CK(5) later (a finite system gets stuck).
    // Δt = 0.02 against 0.005 moves e(t ≤ 5) by less than 0.005 (measured), added to the tolerance.
    let (frame, obs) = run("p-spin-descent?seed=3&p=3&N=100&T=0&t_max=10&dt=0.02&seeds=16");
    let ck = Ck::new(3, 0.0, 10.0, 256);
    let e = simulated(figure(&frame, "energy"), "e(t)");
    for t in [0.5, 1.0, 2.0, 5.0] {
        let (ts, mean, se) = near(&e, t);
        let want = ck.energy_at(ts);
        println!("GD t = {ts}: {mean:.4} ± {se:.4}, CK {want:.4}");
        assert!((mean - want).abs() < 3.0 * se + 0.005, "t = {ts}: {mean} ± {se} vs CK {want}");
    }
    let (_, late, _) = near(&e, 10.0);
    println!("GD e(10) = {late:.4}, CK e(5) = {:.4}, CK e(10) = {:.4}", ck.energy_at(5.0), ck.energy_at(10.0));
    assert!(late < ck.energy_at(5.0), "e(10) = {late}");
    assert!(late > ck.energy_at(10.0) - 0.02 && late > theory::ground_state_energy(3), "e(10) = {late}");
    // The observables: e(t_max) measured and its CK value.
    assert_eq!(obs[0], Some(late));
    assert!((obs[1].unwrap() - ck.energy[256]).abs() < 1e-12);

    // Aging: C(t_w + τ, t_w) against CK where both are known; the SE grows with τ (up to 0.03).
    let aging = figure(&frame, "aging");
    let mut compared = 0;
    for s in aging.series.iter().filter(|s| s.kind == SeriesKind::Simulation) {
        let t_w: f64 = s.label.trim_start_matches("t_w = ").split(':').next().unwrap().parse().unwrap();
        let iw = (t_w / ck.h).round() as usize;
        let theory = aging.series.iter().find(|x| x.kind == SeriesKind::Theory && x.group == s.group).unwrap();
        for ((&tau, &c), &se) in s.x.iter().zip(&s.y).zip(s.y_err.as_ref().unwrap()) {
            if tau < 0.1 || t_w + tau > 5.0 {
                continue;
            }
            let i = iw + (tau / ck.h).round() as usize;
            let want = ck.correlation(i, iw);
            // τ is read to the nearest CK step (h = 0.039): C moves by at most 0.02 per step.
            println!("aging t_w = {t_w}, τ = {tau:.3}: {c:.4} ± {se:.4}, CK {want:.4}");
            assert!((c - want).abs() < 3.0 * se + 0.02, "t_w = {t_w}, τ = {tau}: {c} ± {se} vs CK {want}");
            let _ = theory;
            compared += 1;
        }
    }
    assert!(compared >= 15, "{compared}");
}

#[test]
fn the_hessian_is_a_shifted_semicircle_whose_edge_follows_the_energy() {
    let (frame, obs) = run("p-spin-descent?seed=4&p=3&N=100&T=0&t_max=10&dt=0.02&seeds=1");
    let r = theory::semicircle_radius(3);
    // The lowest eigenvalue at the sample's own energy: at N = 100 the edge of a semicircle of
    // radius 3.46 fluctuates by about (r/2)N^{−2/3} ≈ 0.08 (Tracy–Widom), its mean 0.14 inside:
    // tolerance 0.35 while the dynamics is far from a minimum (t ≤ 2).
    let edge = figure(&frame, "edge");
    let lowest = simulated(edge, "lowest eigenvalue");
    let own = simulated(edge, "edge at the sample's own energy");
    assert_eq!(lowest.len(), own.len());
    assert!(lowest.len() >= 6);
    for (l, o) in lowest.iter().zip(&own).filter(|(l, _)| l.0 <= 2.0) {
        println!("Hessian t = {}: λ_min {:.4}, −p·e − r {:.4}", l.0, l.1, o.1);
        assert!((l.1 - o.1).abs() < 0.35, "t = {}: λ_min = {} vs −p·e − r = {}", l.0, l.1, o.1);
    }
    // Later the sample sits near a minimum: λ_min climbs to about 0 (finite-N marginality).
    let last = lowest.last().unwrap();
    assert!(last.1 > -0.3 && last.1 < 0.3, "{last:?}");
    assert_eq!(obs[2], Some(last.1));
    // The start: e ≈ 0, the spectrum centred at 0, λ_min ≈ −r.
    let spectrum = figure(&frame, "spectrum");
    let histogram = simulated(spectrum, "eigenvalue histogram");
    let mass: f64 = histogram.iter().map(|p| p.1).sum::<f64>() * (histogram[1].0 - histogram[0].0);
    assert!((mass - 1.0).abs() < 0.02, "{mass}");
    // Its mean and variance: −p·e and r²/4 = p(p−1)/2 = 3.
    let mean: f64 = histogram.iter().map(|p| p.0 * p.1).sum::<f64>() / histogram.iter().map(|p| p.1).sum::<f64>();
    let var: f64 = histogram.iter().map(|p| (p.0 - mean) * (p.0 - mean) * p.1).sum::<f64>()
        / histogram.iter().map(|p| p.1).sum::<f64>();
    let e_end = simulated(figure(&frame, "energy"), "e(t)").last().unwrap().1;
    println!(
        "Hessian at the end: mean {mean:.4} (−3e = {:.4}), variance {var:.4} (3), λ_min {:.4}",
        -3.0 * e_end,
        last.1
    );
    assert!((mean + 3.0 * e_end).abs() < 0.15, "mean {mean}, e {e_end}");
    assert!((var - r * r / 4.0).abs() < 0.4, "var {var}");
}

#[test]
fn langevin_above_td_equilibrates() {
    // T = 1 > T_d = 0.612: e → −1/(2T) = −0.5. N = 100, 6 samples: SE ≈ 0.01; Δt = 0.02 adds
    // an O(Δt·T) bias of the projected Euler–Maruyama step, measured < 0.01.
    let (frame, _) = run("p-spin-descent?seed=5&p=3&N=100&T=1&t_max=10&dt=0.02&seeds=6");
    let ck = Ck::new(3, 1.0, 10.0, 256);
    let e = simulated(figure(&frame, "energy"), "e(t)");
    for t in [1.0, 3.0, 10.0] {
        let (ts, mean, se) = near(&e, t);
        let want = ck.energy_at(ts);
        println!("T = 1, t = {ts}: {mean:.4} ± {se:.4}, CK {want:.4}");
        assert!((mean - want).abs() < 3.0 * se + 0.01, "t = {ts}: {mean} ± {se} vs CK {want}");
    }
}

#[test]
fn bbp_outlier_and_overlap_at_finite_n() {
    // N = 200, 6 independent GOE matrices. Catalogue (N = 2000): within 0.05 of λ + 1/λ and 0.03 of
    // 1 − 1/λ². At N = 200 the outlier's scatter is about √(2/N)(1 − 1/λ²)^{1/2} ≈ 0.07 per matrix and
    // the overlap's about 0.05: tolerance 3 SE of the mean over the 6 plus the N^{−1/3}-slow bias
    // near λ = 1 (0.05 at λ = 1.5, where the finite-N overlap is visibly low). Below λ = 1 the edge
    // itself is biased by O(N^{−2/3}), taken from the Tracy–Widom mean.
    let mut tops: Vec<Vec<f64>> = vec![Vec::new(); 12];
    let mut overlaps: Vec<Vec<f64>> = vec![Vec::new(); 12];
    for seed in 1..=6 {
        let (frame, _) = run(&format!("p-spin-descent?seed={seed}&p=2&N=200&t_max=1&dt=0.1&seeds=1"));
        let top = simulated(figure(&frame, "bbp_eigenvalue"), "top eigenvalue");
        let ov = simulated(figure(&frame, "bbp_overlap"), "top eigenvector");
        assert_eq!(top.len(), 12);
        for k in 0..12 {
            tops[k].push(top[k].1);
            overlaps[k].push(ov[k].1);
        }
    }
    let stats = |v: &[f64]| {
        let n = v.len() as f64;
        let m = v.iter().sum::<f64>() / n;
        let var = v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0);
        (m, (var / n).sqrt())
    };
    for (k, lambda) in [(1usize, 0.5), (5, 1.5), (7, 2.0), (11, 3.0)] {
        let (mut want_top, want_overlap) = theory::bbp(lambda);
        if lambda <= 1.0 {
            // Below the transition the top eigenvalue is the bulk's edge, 2 + N^{−2/3}·TW₁, and the
            // mean of the Tracy–Widom law TW₁ is −1.2065: 1.965 at N = 200.
            want_top += -1.2065 * libm::pow(200.0, -2.0 / 3.0);
        }
        let (top, top_se) = stats(&tops[k]);
        let (ov, ov_se) = stats(&overlaps[k]);
        println!(
            "BBP λ = {lambda}: top {top:.4} ± {top_se:.4} ({want_top:.4}), overlap² {ov:.4} ± {ov_se:.4} ({want_overlap:.4})"
        );
        let bias = if lambda == 1.5 { 0.05 } else { 0.02 };
        assert!((top - want_top).abs() < 3.0 * top_se + bias, "λ = {lambda}: {top} ± {top_se} vs {want_top}");
        assert!((ov - want_overlap).abs() < 3.0 * ov_se + bias, "λ = {lambda}: {ov} ± {ov_se} vs {want_overlap}");
    }
}

#[test]
fn bad_parameters_are_named() {
    let e = Link::parse("p-spin-descent?p=4&N=150").unwrap_err().to_string();
    assert!(e.contains("p=4 with N=150") && e.contains("lower N"), "{e}");
    let e = Link::parse("p-spin-descent?p=3&N=300&t_max=100&dt=0.002&seeds=20").unwrap_err().to_string();
    assert!(e.contains("t_max=100") && e.contains("raise dt"), "{e}");
    let e = Link::parse("p-spin-descent?p=5").unwrap_err().to_string();
    assert!(e.contains("p must be in [2, 4]"), "{e}");
}
