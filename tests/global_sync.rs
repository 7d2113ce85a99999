//! Global topological synchronisation: the master stability function against the catalogue's
//! numbers, the simulated spread against it on the 8×8 square torus (stable and unstable), and the
//! topological obstruction on the triangulated torus.

use replica::find_model;
use replica::model::{Params, run_to_end};
use replica::models::global_sync::{Msf, Settings, SyncRun};

fn settings(triangulated: bool, mu: (f64, f64), t_max: f64, perturbation: f64) -> Settings {
    Settings { triangulated, l: 8, mu, sigma: (1.0, 4.0), beta: (1.0, 2.0), t_max, dt: 0.01, perturbation }
}

fn run(s: Settings, seed: u64) -> SyncRun {
    let mut run = SyncRun::new(s, seed);
    run_to_end(&mut run, 100_000, |_| {}).unwrap();
    run
}

#[test]
fn the_master_stability_function_matches_the_catalogue() {
    let msf = |mu| Msf { sigma: (1.0, 4.0), beta: (1.0, 2.0), mu };
    let lambda = -4.0 * libm::sin(std::f64::consts::PI / 8.0) * libm::sin(std::f64::consts::PI / 8.0);
    assert!((lambda + 0.5858).abs() < 1e-4);
    assert!((msf((1.0, -1.0)).growth(lambda) - 0.14626).abs() < 1e-5, "{}", msf((1.0, -1.0)).growth(lambda));
    // The run's own spectrum of L1 gives the same maximum, at the smallest non-zero eigenvalue.
    let r = SyncRun::new(settings(false, (1.0, -1.0), 1.0, 1e-9), 1);
    assert!((r.msf_max().unwrap() - 0.14626).abs() < 1e-5);
    let stable = SyncRun::new(settings(false, (1.0, 1.0), 1.0, 1e-9), 1).msf_max().unwrap();
    assert!((stable + 1.5858).abs() < 1e-4, "{stable}");
    // The square torus' L1 spectrum: 4 sin²(πp/L) + 4 sin²(πq/L), each twice, and two zeros.
    let spectrum = r.spectrum.as_ref().unwrap();
    assert_eq!(spectrum.len(), 128 - 2);
    assert!((spectrum[0] - 0.5858).abs() < 1e-4 && (spectrum[125] - 8.0).abs() < 1e-9);
}

#[test]
fn on_the_square_torus_the_spread_follows_the_master_stability_function() {
    // μ = 1 − i (catalogue): the spread grows at 0.14626 over t ∈ [30, 60] from a perturbation of
    // 1e-9 (still below 0.05 at t = 60). The perturbation's part along Λ = −0.5858 dominates from
    // t ≈ 10 on; the next eigenvalue (Λ = −1.1716) grows more slowly by more than 0.1, so over the
    // window the bias is below 1e-4: measured 0.14626 for seeds 1 and 2. The catalogue's 2 % is
    // kept as the tolerance: it is the scale at which a wrong sign or factor in M(Λ) would show.
    for seed in [1, 2] {
        let r = run(settings(false, (1.0, -1.0), 60.0, 1e-9), seed);
        let (got, want) = (r.growth_measured().unwrap(), r.msf_max().unwrap());
        eprintln!("μ = 1 − i, seed {seed}: fitted {got:.5}, theory {want:.5}");
        assert!((got / want - 1.0).abs() < 0.02, "{got} vs {want}");
    }
    // μ = 1 + i: the spread decays at the master stability function's −1.5858 (fitted −1.5854 over
    // t ∈ [6.1, 12.2], where it falls from 1e-7 to 1e-12) to rounding, and every edge keeps its
    // phase (relative phases 0°: w_e = z(t) on all edges, up to the neutral relative phase between
    // the two harmonic directions, of the order of the perturbation).
    let r = run(settings(false, (1.0, 1.0), 40.0, 1e-3), 1);
    let obs = replica::model::Run::observables(&r);
    eprintln!("μ = 1 + i: spread {:?}, phase gap {:?}°", obs[2], obs[3]);
    assert!(obs[2].unwrap() < 1e-12 && obs[3].unwrap() < 1.0, "{obs:?}");
    let (got, want) = (r.growth_measured().unwrap(), r.msf_max().unwrap());
    let (t0, t1) = r.fit_window();
    eprintln!("μ = 1 + i: decay fitted {got:.5} over [{t0:.2}, {t1:.2}], theory {want:.5}");
    assert!((got / want - 1.0).abs() < 0.02, "{got} vs {want}");
}

#[test]
fn the_triangulated_torus_cannot_synchronise_globally() {
    // No ±1 harmonic edge signal (each triangle's boundary sums three ±1): starting from all-ones,
    // the amplitudes still equalise but the edges lock at relative phases of 60° and 120°
    // (catalogue), more than 30° away from 0° or 180°; on the square torus the same run keeps
    // every relative phase at 0.
    let square = run(settings(false, (1.0, 1.0), 150.0, 1e-9), 1);
    assert!(square.synchronisable() && square.defect < 1e-12);
    let gap = replica::models::global_sync::run::phase_gap(&square.state);
    assert!(gap < 1e-6 * 180.0 / std::f64::consts::PI, "square: {gap}°");
    let mut s = settings(true, (1.0, 1.0), 150.0, 1e-9);
    s.l = 6;
    let triangles = run(s, 1);
    assert!(!triangles.synchronisable() && triangles.msf_max().is_none());
    let obs = replica::model::Run::observables(&triangles);
    eprintln!("triangulated: spread {:?}, gap {:?}°, ‖L1 1‖ = {}", obs[2], obs[3], triangles.defect);
    assert!(obs[2].unwrap() < 1e-9, "equal amplitudes: {obs:?}");
    assert!(obs[3].unwrap() > 30.0, "{obs:?}");
}

#[test]
fn every_parameter_is_checked_with_a_message_naming_it() {
    let model = find_model("global-sync").unwrap();
    let check = |pairs: &[(&str, &str)]| {
        let mut p = Params::defaults(model.spec());
        for (k, v) in pairs {
            p.set(k, v).map_err(|e| e.to_string())?;
        }
        model.check(&p).map_err(|e| e.to_string())
    };
    assert!(check(&[]).is_ok());
    assert!(check(&[("dt", "0.1"), ("mu_re", "3")]).unwrap_err().contains("dt=0.1 is too large"));
    assert!(check(&[("t_max", "1000"), ("dt", "1e-4"), ("L", "12")]).unwrap_err().contains("t_max=1000"));
    assert!(check(&[("sigma_re", "0")]).unwrap_err().contains("sigma_re must be in (0, 5]"));
    assert!(check(&[("complex", "sphere")]).unwrap_err().contains("complex must be one of"));
}
