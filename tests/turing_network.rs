//! Turing patterns on networks: the linear theory against the catalogue's numbers, and the
//! simulation against the theory on graphs whose spectra are exact (complete graphs, rings,
//! directed rings), so that no random graph enters the comparison.

use replica::find_model;
use replica::link::Link;
use replica::model::{Params, Run};
use replica::models::turing_network::{
    C, Dispersion, FIT_END, LINEAR_LIMIT, MimuraMurray, Settings, Topology, TuringRun, fit_growth, sigma_c,
};

fn settings(topology: Topology, n: usize, eps: f64, sigma: f64, t_max: f64, dt: f64, perturbation: f64) -> Settings {
    Settings { topology, n, k: 2, eps, sigma, t_max, dt, perturbation }
}

fn paper(eps: f64, sigma: f64) -> Dispersion {
    Dispersion::new(&MimuraMurray::PAPER, eps, sigma)
}

#[test]
fn threshold_and_band_match_the_catalogue() {
    let sc = sigma_c(MimuraMurray::PAPER.jacobian());
    assert!((sc - 15.5071).abs() < 1e-4, "σ_c = {sc}");
    let (lo, hi) = paper(0.12, 15.6).band().expect("a band above σ_c");
    assert!((lo + 13.889).abs() < 1e-3 && (hi + 11.752).abs() < 1e-3, "band ({lo}, {hi})");
    // At the band's edges the growth rate crosses zero; the fastest Λ lies inside.
    let d = paper(0.12, 15.6);
    assert!(d.growth_real(lo).abs() < 1e-9 && d.growth_real(hi).abs() < 1e-9);
    let (best, rate) = d.fastest_real(-30.0);
    assert!(lo < best && best < hi && rate > 0.0, "{best} {rate}");
    // Below σ_c there is none, and every real Λ ≤ 0 decays.
    let below = paper(0.12, 15.5);
    assert!(below.band().is_none());
    assert!((0..=3000).all(|k| below.growth_real(-0.01 * k as f64) < 0.0));
}

#[test]
fn complete_graphs_growth_rates_from_the_theory() {
    let d = paper(0.12, 15.6);
    // Catalogue values, given to five decimals: ±5e-6 is their rounding.
    for (n, want) in [(11, -0.02164), (12, 0.00428), (13, 0.00938), (14, -0.00197)] {
        let got = d.growth_real(-(n as f64));
        assert!((got - want).abs() < 5e-6, "K_{n}: {got} vs {want}");
        // And from the run's own spectrum of K_n.
        let run = TuringRun::new(settings(Topology::Complete, n, 0.12, 15.6, 1.0, 1e-3, 1e-3), 1);
        assert!((run.growth_theory().unwrap() - got).abs() < 1e-12);
        assert_eq!(run.unstable_modes(), if want > 0.0 { n - 1 } else { 0 });
    }
}

/// The growth of the spread of u over t ∈ [5, 15] (the catalogue's protocol: step 1e-3,
/// perturbation 1e-3; RK4 here, Euler in the catalogue).
fn simulated_growth(topology: Topology, n: usize, seed: u64, perturbation: f64) -> (f64, f64) {
    let mut run = TuringRun::new(settings(topology, n, 0.12, 15.6, FIT_END, 1e-3, perturbation), seed);
    replica::model::run_to_end(&mut run, 100_000, |_| {}).unwrap();
    (run.growth_measured().expect("the window was run"), run.growth_theory().unwrap())
}

#[test]
fn complete_graphs_simulated_growth_follows_the_theory() {
    // Every non-uniform mode of K_n has Λ = −n, so the spread of u grows (or decays) at exactly
    // λ(−n) once the faster eigen-direction (rate ≈ −24.6) has died out; what is left is the
    // nonlinear coupling of the pattern to itself and to the uniform mode, of the order of the
    // perturbation: at 1e-3 (the catalogue's protocol) it moves the rates by up to 5e-4 from seed
    // to seed (measured over seeds 1..3: K_11 −0.02125..−0.02224, K_12 0.00378..0.00489,
    // K_13 0.00871..0.00976, K_14 −0.00235..−0.00165), hence 10 % on the larger rates and the sign
    // on the smaller; at 1e-5 the same runs agree with the theory to 1 %.
    for seed in 1..=3 {
        for (n, within) in [(11, Some(0.10)), (12, None), (13, Some(0.10)), (14, None)] {
            let (got, want) = simulated_growth(Topology::Complete, n, seed, 1e-3);
            eprintln!("K_{n} seed {seed}: simulated {got:.6}, theory {want:.6}");
            assert_eq!(got > 0.0, want > 0.0, "K_{n}, seed {seed}: {got} vs {want}");
            if let Some(tol) = within {
                assert!((got / want - 1.0).abs() < tol, "K_{n}, seed {seed}: {got} vs {want}");
            }
            let (small, _) = simulated_growth(Topology::Complete, n, seed, 1e-5);
            eprintln!("K_{n} seed {seed}, perturbation 1e-5: simulated {small:.6}");
            assert!((small / want - 1.0).abs() < 0.01, "K_{n}, seed {seed}, perturbation 1e-5: {small} vs {want}");
        }
    }
}

#[test]
fn directed_ring_theory_matches_the_catalogue() {
    let n = 20;
    let best = |eps: f64, directed: bool| {
        (1..n)
            .map(|k| {
                let th = 2.0 * std::f64::consts::PI * k as f64 / n as f64;
                let z = if directed {
                    C { re: libm::cos(th) - 1.0, im: libm::sin(th) }
                } else {
                    C::real(2.0 * libm::cos(th) - 2.0)
                };
                paper(eps, 10.0).growth(z)
            })
            .fold(f64::NEG_INFINITY, f64::max)
    };
    assert!((best(0.5, true) - 0.0470).abs() < 1e-4, "{}", best(0.5, true));
    assert!((best(1.0, true) - 0.5071).abs() < 1e-4, "{}", best(1.0, true));
    // The catalogue's −0.333 for the symmetric ring is the uniform mode's (Λ = 0: Re eig J = −1/3),
    // the largest over all modes; the slowest non-uniform mode (Λ_1 = −0.0979) decays at −0.6025.
    let uniform = paper(0.5, 10.0).growth_real(0.0);
    assert!((uniform + 1.0 / 3.0).abs() < 1e-12 && uniform > best(0.5, false), "{uniform}");
    assert!((best(0.5, false) + 0.6025).abs() < 1e-4, "{}", best(0.5, false));
    // The run's own (non-symmetric) spectrum gives the same.
    for eps in [0.5, 1.0] {
        let run = TuringRun::new(settings(Topology::DirectedRing, n, eps, 10.0, 1.0, 0.01, 1e-6), 1);
        assert!((run.growth_theory().unwrap() - best(eps, true)).abs() < 1e-10);
    }
}

/// |Σ_j (u_j − ū) e^{−2πikj/N}|.
fn fourier(u: &[f64], k: usize) -> f64 {
    let n = u.len();
    let mean = u.iter().sum::<f64>() / n as f64;
    let (mut re, mut im) = (0.0, 0.0);
    for (j, x) in u.iter().enumerate() {
        let a = 2.0 * std::f64::consts::PI * (k * j) as f64 / n as f64;
        re += (x - mean) * libm::cos(a);
        im -= (x - mean) * libm::sin(a);
    }
    libm::hypot(re, im)
}

#[test]
fn directed_ring_fourier_modes_grow_at_the_theory_rate() {
    let n = 20;
    // (ε, window): the window starts once the mode's other eigen-direction has decayed.
    for (eps, t0, t1) in [(0.5, 10.0, 60.0), (1.0, 5.0, 15.0)] {
        let dt = 0.01;
        let mut run = TuringRun::new(settings(Topology::DirectedRing, n, eps, 10.0, t1, dt, 1e-6), 4);
        let d = paper(eps, 10.0);
        let k = (1..n)
            .max_by(|&a, &b| {
                let g = |k: usize| {
                    let th = 2.0 * std::f64::consts::PI * k as f64 / n as f64;
                    d.growth(C { re: libm::cos(th) - 1.0, im: libm::sin(th) })
                };
                g(a).total_cmp(&g(b))
            })
            .unwrap();
        let th = 2.0 * std::f64::consts::PI * k as f64 / n as f64;
        let want = d.growth(C { re: libm::cos(th) - 1.0, im: libm::sin(th) });
        let per_unit = (1.0 / dt).round() as u64;
        let (mut t, mut amp) = (Vec::new(), Vec::new());
        while !run.is_done() {
            run.advance(per_unit).unwrap();
            t.push(run.time());
            amp.push(fourier(run.u(), k));
        }
        let got = fit_growth(&t, &amp, t0, t1, LINEAR_LIMIT).unwrap();
        eprintln!("directed ring ε = {eps}, mode k = {k}: simulated {got:.6}, theory {want:.6}");
        assert!((got / want - 1.0).abs() < 0.05, "ε = {eps}: {got} vs {want}");
    }
}

#[test]
fn a_ring_with_a_mode_in_the_band_grows_and_one_without_decays() {
    // Ring of N: Λ_k = −(2 − 2cos 2πk/N) ≥ −4, outside the band at ε = 0.12: no pattern. With
    // ε = 3.5 the band (−0.476, −0.403) holds Λ_3 = −0.4363 of N = 28 (and Λ_25, its twin).
    let mut settled = TuringRun::new(settings(Topology::Ring, 30, 0.12, 15.6, 30.0, 0.01, 1e-3), 2);
    replica::model::run_to_end(&mut settled, 1000, |_| {}).unwrap();
    assert!(settled.growth_theory().unwrap() < 0.0 && settled.growth_measured().unwrap() < 0.0);
    let d = paper(3.5, 15.6);
    let (lo, hi) = d.band().unwrap();
    let lambda3 = -(2.0 - 2.0 * libm::cos(2.0 * std::f64::consts::PI * 3.0 / 28.0));
    assert!(lo < lambda3 && lambda3 < hi, "({lo}, {hi}) ∌ {lambda3}");
    let growing = TuringRun::new(settings(Topology::Ring, 28, 3.5, 15.6, 30.0, 0.01, 1e-3), 2);
    assert_eq!(growing.unstable_modes(), 2, "k = 3 and k = 25");
    assert!((growing.growth_theory().unwrap() - d.growth_real(lambda3)).abs() < 1e-12);
}

#[test]
fn the_default_network_forms_a_pattern() {
    let model = find_model("turing-network").unwrap();
    let link = Link::defaults(model);
    let result = link.run_to_end(10_000).unwrap();
    let obs = &result.observables;
    // σ = 30 on a Barabási–Albert network: modes in the band, and a pattern far from uniform.
    assert!(obs[1].unwrap() > 0.0 && obs[3].unwrap() >= 1.0, "{obs:?}");
    assert!(obs[4].unwrap() > 0.5, "spread of u at the end: {obs:?}");
    assert!((obs[2].unwrap() - 15.5071).abs() < 1e-4);
}

#[test]
fn every_parameter_is_checked_with_a_message_naming_it() {
    let model = find_model("turing-network").unwrap();
    let check = |pairs: &[(&str, &str)]| {
        let mut p = Params::defaults(model.spec());
        for (k, v) in pairs {
            p.set(k, v).map_err(|e| e.to_string())?;
        }
        model.check(&p).map_err(|e| e.to_string())
    };
    assert!(check(&[]).is_ok());
    assert!(check(&[("N", "20"), ("k", "20")]).unwrap_err().contains("k=20 must be below N=20"));
    assert!(check(&[("k", "7")]).unwrap_err().contains("k=7 must be even for topology=ba"));
    assert!(check(&[("topology", "er"), ("k", "7")]).is_ok());
    assert!(check(&[("topology", "ring"), ("N", "20"), ("k", "40")]).is_ok(), "a ring ignores k");
    assert!(check(&[("dt", "0.1")]).unwrap_err().contains("dt=0.1 is too large"));
    assert!(check(&[("t_max", "5000"), ("dt", "1e-4")]).unwrap_err().contains("t_max=5000"));
    assert!(check(&[("N", "2")]).unwrap_err().contains("N must be in [3, 600]"));
    assert!(check(&[("sigma", "0.5")]).unwrap_err().contains("sigma must be in [1, 100]"));
    assert!(check(&[("topology", "star")]).unwrap_err().contains("topology must be one of"));
    // A step the mean degree allows but this network's hubs do not: the run says so at t = 0.
    let mut run = TuringRun::new(
        Settings {
            topology: Topology::BarabasiAlbert,
            n: 400,
            k: 20,
            eps: 0.12,
            sigma: 30.0,
            t_max: 1.0,
            dt: 0.02,
            perturbation: 0.01,
        },
        1,
    );
    let e = run.advance(10).unwrap_err().to_string();
    assert!(e.contains("t = 0") && e.contains("lower dt"), "{e}");
}
