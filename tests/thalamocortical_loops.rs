//! Cortex with thalamocortical loops: the outliers of J + U G Vᵀ against eig(G γM) for every loop
//! subset, the linear dynamics against the exact solution, and the rectified fixed point.

use replica::link::Link;
use replica::model::run_to_end;
use replica::models::thalamocortical_loops::network::{Cortex, Units, solve};
use replica::models::thalamocortical_loops::run::LoopsRun;
use replica::models::thalamocortical_loops::{Settings, outliers};
use replica::num::eigen::{Complex, eigenvalues};

fn settings(query: &str) -> (Settings, u64) {
    let link = Link::parse(&format!("thalamocortical-loops?{query}")).unwrap();
    (Settings::from_params(link.params()), link.seed())
}

fn distance(a: Complex, b: Complex) -> f64 {
    Complex { re: a.re - b.re, im: a.im - b.im }.abs()
}

/// Distances between each predicted outlier (|μ| > g_J + 0.4) and the nearest eigenvalue of
/// J_eff, and between each eigenvalue of J_eff beyond g_J + 0.5 and the nearest prediction, over
/// every loop subset.
fn outlier_errors(n: usize, seed: u64) -> Vec<f64> {
    let (s, _) = settings(&format!("N={n}&g_J=0.6&gain=1"));
    let cortex = Cortex::new(n, s.g_j, s.gain, 0.0, 0.0, Units::Linear, seed);
    let mut errors = Vec::new();
    for mask in 0u8..8 {
        let ev = eigenvalues(n, &cortex.effective(mask)).unwrap();
        let theory = outliers(&s, mask);
        let nearest = |z: Complex, set: &[Complex]| set.iter().map(|&w| distance(z, w)).fold(f64::INFINITY, f64::min);
        errors.extend(theory.iter().filter(|z| z.abs() > s.g_j + 0.4).map(|&z| nearest(z, &ev)));
        errors.extend(ev.iter().filter(|z| z.abs() > s.g_j + 0.5).map(|&z| nearest(z, &theory)));
    }
    errors
}

#[test]
fn outliers_sit_at_the_eigenvalues_of_g_m_for_every_loop_subset() {
    // The catalogue's set-up (g_J = 0.6, VᵀU = M, |λ| beyond the bulk) at N = 400, where the whole
    // spectrum of the 8 subsets takes about 2 s. The outliers of the 2×2 block [[1.2, −0.8],
    // [0, 0.9]] are left with 0.9, which sits 0.3 from the bulk edge and is not isolated at this N.
    // Measured at N = 400, seeds 1–4: the distances are O(N^{-1/2}) = 0.05, RMS 0.045, 0.067,
    // 0.031, 0.066, worst 0.073, 0.161, 0.041, 0.132 (subset {2, 3}: its two outliers 1.2 and 0.9
    // have nearly parallel eigenvectors, which amplifies the fluctuations). Tolerances: worst 0.25,
    // RMS 0.1. The catalogue's 0.03 at N = 1000 holds for the pair of all loops (0.028 here at 400
    // for seed 1), not for every subset.
    let errors = outlier_errors(400, 3);
    let rms = (errors.iter().map(|e| e * e).sum::<f64>() / errors.len() as f64).sqrt();
    let worst = errors.iter().fold(0.0f64, |a, &e| a.max(e));
    println!("{} outliers: RMS distance {rms:.4}, worst {worst:.4}", errors.len());
    assert!(errors.len() >= 16, "every subset with loop 1 or 2 has an outlier: {}", errors.len());
    assert!(worst < 0.25 && rms < 0.1, "{errors:?}");
    // Without loops there is no outlier: the spectral radius of J is g_J to within 10 %.
    let (s, _) = settings("N=400&g_J=0.6&gain=1");
    let cortex = Cortex::new(400, s.g_j, s.gain, 0.0, 0.0, Units::Linear, 3);
    let radius = eigenvalues(400, &cortex.effective(0)).unwrap().iter().map(|z| z.abs()).fold(0.0, f64::max);
    assert!((radius / 0.6 - 1.0).abs() < 0.1, "{radius}");
}

/// x(t) = A⁻¹(e^{At} − I) b = t Σ_k (At)^k b/(k + 1)! with A = J_eff − I, from x(0) = 0: the
/// exact solution of the linear units, summed until the terms vanish.
fn exact_linear(a_eff: &[f64], b: &[f64], t: f64) -> Vec<f64> {
    let n = b.len();
    let mut term: Vec<f64> = b.iter().map(|v| t * v).collect();
    let mut sum = term.clone();
    for k in 1..400 {
        let mut next = vec![0.0; n];
        for i in 0..n {
            let row = &a_eff[i * n..(i + 1) * n];
            let jv: f64 = row.iter().zip(&term).map(|(a, v)| a * v).sum();
            next[i] = t * (jv - term[i]) / (k + 1) as f64;
        }
        term = next;
        sum.iter_mut().zip(&term).for_each(|(s, v)| *s += v);
        if term.iter().all(|v| v.abs() < 1e-20) {
            break;
        }
    }
    sum
}

#[test]
fn linear_units_follow_the_exact_solution() {
    // RK4 at dt = 0.01 against the series of the exact solution at t = 5, every loop on: the
    // error of RK4 is O(dt⁴) (measured 2.5e-12 relative); the catalogue asks for 1e-6.
    let (s, seed) = settings("N=60&g_J=0.6&gain=0.6&units=linear&T=5&dt=0.01&b_mean=0.1&b_spread=1&seed=4");
    let mut run = LoopsRun::new(s, seed);
    run_to_end(&mut run, u64::MAX, |_| {}).unwrap();
    let exact = exact_linear(&run.j_eff[0], &run.cortex.b, 5.0);
    let norm = exact.iter().map(|v| v * v).sum::<f64>().sqrt();
    let error = run.x.iter().zip(&exact).map(|(a, b)| (a - b) * (a - b)).sum::<f64>().sqrt() / norm;
    println!("relative error at t = 5: {error:e} (|x| = {norm})");
    assert!(error < 1e-6);
}

#[test]
fn rectified_units_settle_on_a_fixed_point_with_its_active_set() {
    // The fixed point of x = J_eff[x]₊ + b on the active set S: x_S = (I − J_eff,SS)⁻¹ b_S with
    // x_S > 0, and J_eff,S̄S x_S + b_S̄ ≤ 0 off it. After T = 300 the simulation must be that point
    // to 1e-8 (it converges at the rate of the slowest mode of −I + J_eff,SS, ≥ 0.1 here).
    let (s, seed) = settings("N=100&g_J=0.6&gain=0.6&units=rectified&loop1=1&loop2=0&loop3=0&T=300&dt=0.05&seed=2");
    let mut run = LoopsRun::new(s, seed);
    run_to_end(&mut run, u64::MAX, |_| {}).unwrap();
    let n = 100;
    let j = &run.j_eff[0];
    let active: Vec<usize> = (0..n).filter(|&i| run.x[i] > 0.0).collect();
    let m = active.len();
    let mut a = vec![0.0; m * m];
    for (r, &i) in active.iter().enumerate() {
        for (c, &k) in active.iter().enumerate() {
            a[r * m + c] = f64::from(u8::from(r == c)) - j[i * n + k];
        }
    }
    let x_s = solve(m, a, active.iter().map(|&i| run.cortex.b[i]).collect()).unwrap();
    let mut worst = 0.0f64;
    for (r, &i) in active.iter().enumerate() {
        assert!(x_s[r] > 0.0, "unit {i} is active but its fixed point is {}", x_s[r]);
        worst = worst.max((x_s[r] - run.x[i]).abs());
    }
    for i in (0..n).filter(|i| !active.contains(i)) {
        let field: f64 = active.iter().enumerate().map(|(r, &k)| j[i * n + k] * x_s[r]).sum::<f64>() + run.cortex.b[i];
        assert!(field <= 0.0, "unit {i} is silent but its input is {field}");
        worst = worst.max((field - run.x[i]).abs());
    }
    println!("{m} of {n} units active; largest residual {worst:e}");
    assert!(m > 10 && m < 90, "a mixed active set: {m}");
    assert!(worst < 1e-8);
}

#[test]
fn chunking_does_not_change_the_run() {
    let link =
        Link::parse("thalamocortical-loops?N=30&sequence=1&T_motif=2&T=5&dt=0.05&units=rectified&seed=6").unwrap();
    let whole = link.run_to_end(u64::MAX).unwrap().fingerprint;
    for chunk in [1, 7, 60] {
        assert_eq!(link.run_to_end(chunk).unwrap().fingerprint, whole, "chunks of {chunk}");
    }
}

#[test]
fn unstable_linear_loops_are_reported_as_a_divergence() {
    // All loops at γ = 1: outliers at 1.477 ± 0.374i, so linear units grow as e^{0.48 t}.
    let link = Link::parse("thalamocortical-loops?N=50&gain=1&units=linear&T=200&dt=0.05").unwrap();
    let e = link.run_to_end(u64::MAX).unwrap_err().to_string();
    assert!(e.contains("diverged at t = ") && e.contains("real part above 1"), "{e}");
}

#[test]
fn linear_units_settle_on_the_fixed_point_drawn() {
    // One configuration (loops 1 and 2 at γ = 0.6: rightmost outlier 0.9, decay rate 0.1 or more):
    // after T = 200 the readout is the page's fixed-point line, W_out (I − J_eff)⁻¹ b, to 1e-7.
    let (s, seed) = settings("N=80&gain=0.6&units=linear&loop3=0&T=200&dt=0.05&seed=8");
    let mut run = LoopsRun::new(s, seed);
    run_to_end(&mut run, u64::MAX, |_| {}).unwrap();
    let z = run.records.last().unwrap().1;
    let fixed = run.fixed_readouts[0].unwrap();
    println!("readout {z:?}, fixed point {fixed:?}");
    for c in 0..2 {
        assert!((z[c] - fixed[c]).abs() < 1e-7 * fixed[c].abs().max(1.0));
    }
}
