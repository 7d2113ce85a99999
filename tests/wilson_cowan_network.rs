//! Wilson–Cowan nodes on a network: the master stability function against the simulated growth of
//! every Fourier mode of a ring (whose Laplacian and adjacency spectra are exact), an instability
//! forming on a random network, and the planted patterns: exact fixed points, their linear
//! stability from the Jacobian against the simulated approach, and a corrupted pattern restored.

use replica::find_model;
use replica::link::Link;
use replica::model::{Params, Run};
use replica::models::turing_network::Topology;
use replica::models::wilson_cowan_network::{
    Coupling, Msf, Settings, Theory, WcNetworkRun, fit_slope, pattern_spectrum, planted, rate, spectrum,
};

fn settings(coupling: Coupling, topology: Topology, n: usize, gamma: f64, p: f64) -> Settings {
    Settings {
        coupling,
        topology,
        n,
        k: 4,
        gamma,
        p,
        tau_i: 1.0,
        patterns: 3,
        flips: 0,
        t_max: 10.0,
        dt: 0.01,
        perturbation: 1e-7,
    }
}

/// Σ_j x_j e^{−2πikj/N}, as (re, im).
fn fourier(x: &[f64], k: usize) -> (f64, f64) {
    let n = x.len();
    let (mut re, mut im) = (0.0, 0.0);
    for (j, v) in x.iter().enumerate() {
        let a = 2.0 * std::f64::consts::PI * ((k * j) % n) as f64 / n as f64;
        re += v * libm::cos(a);
        im -= v * libm::sin(a);
    }
    (re, im)
}

/// The growth rate of each Fourier mode k = 1..N/2 of a ring, simulated (the slope of ln |w·x_k|,
/// w the left eigenvector of J(m_k) for its leading eigenvalue, x_k the mode's complex (E, I)
/// amplitudes, over t ∈ [t0, t1] while the spread of E stays below 1e-5) and from the theory.
fn ring_rates(s: Settings, m: impl Fn(usize) -> f64, t0: f64, t1: f64, seed: u64) -> Vec<(usize, f64, f64)> {
    let n = s.n;
    let row_sum = if s.coupling == Coupling::Adjacency { 1.0 } else { 0.0 };
    let msf = Msf::new(&s.node(), s.gamma, row_sum).unwrap();
    let mut run = WcNetworkRun::new(Settings { t_max: t1, ..s }, seed);
    let per = (0.1 / s.dt).round() as u64;
    let mut t = Vec::new();
    let mut amp: Vec<Vec<f64>> = vec![Vec::new(); n / 2 + 1];
    let reference = run.reference.clone();
    while !run.is_done() {
        run.advance(per).unwrap();
        let de: Vec<f64> = run.state[..n].iter().zip(&reference[..n]).map(|(a, b)| a - b).collect();
        let di: Vec<f64> = run.state[n..].iter().zip(&reference[n..]).map(|(a, b)| a - b).collect();
        let spread = replica::models::wilson_cowan_network::spread(&run.state[..n]);
        // Beyond this the growing modes mix at second order into the slow ones (8 − 6 = 2).
        if spread > 1e-5 {
            break;
        }
        t.push(run.time());
        for (k, a) in amp.iter_mut().enumerate().skip(1) {
            let w = msf.left_vector(m(k));
            let (er, ei) = fourier(&de, k);
            let (ir, ii) = fourier(&di, k);
            let re = w[0].re * er - w[0].im * ei + w[1].re * ir - w[1].im * ii;
            let im = w[0].re * ei + w[0].im * er + w[1].re * ii + w[1].im * ir;
            a.push(libm::hypot(re, im));
        }
    }
    (1..=n / 2)
        .map(|k| {
            let got = fit_slope(&t, &amp[k], |t, _| t >= t0 && t <= t1).expect("points in the window");
            (k, got, msf.growth(m(k)))
        })
        .collect()
}

fn laplacian_ring(n: usize) -> impl Fn(usize) -> f64 {
    move |k| -4.0 * libm::sin(std::f64::consts::PI * k as f64 / n as f64).powi(2)
}

fn assert_rates(what: &str, rates: &[(usize, f64, f64)], tol: f64) {
    for &(k, got, want) in rates {
        eprintln!("{what}, mode k = {k}: simulated {got:.6}, theory {want:.6}, ratio {:.5}", got / want);
        assert!((got / want - 1.0).abs() < tol, "{what}, mode {k}: {got} vs {want}");
    }
}

#[test]
fn ring_fourier_modes_decay_at_the_msf_rate() {
    // The catalogue's test: a ring of 20, A = L, P = 2.5 (a stable focus), here with γ = 1: every
    // mode decays, faster the larger |Λ|. The projection on the left eigenvector removes the
    // focus's oscillation, so ln|w·x_k| is a straight line up to rounding and to the second-order
    // coupling of modes (relative 1e-7 at a perturbation of 1e-7): 2 % is a wide margin.
    let n = 20;
    let s = settings(Coupling::Laplacian, Topology::Ring, n, 1.0, 2.5);
    assert_rates("P = 2.5, γ = 1", &ring_rates(s, laplacian_ring(n), 0.5, 8.0, 1), 0.02);
}

#[test]
fn ring_fourier_modes_grow_past_the_msf_threshold() {
    // γ = −2: a node is excited by its own activity and inhibited by its neighbours'; the short
    // modes (k ≥ 3, Λ < −0.38) grow, as oscillations (complex eigenvalues), the long ones decay.
    let n = 20;
    let s = settings(Coupling::Laplacian, Topology::Ring, n, -2.0, 2.5);
    let rates = ring_rates(s, laplacian_ring(n), 0.5, 8.0, 2);
    assert!(rates.iter().any(|r| r.2 > 0.0) && rates.iter().any(|r| r.2 < 0.0));
    assert_rates("P = 2.5, γ = −2", &rates, 0.02);
    // Past the Hopf point of the uncoupled node (P = 1.25) with γ = 1: the uniform mode and the
    // long modes grow, the short ones decay.
    let s = settings(Coupling::Laplacian, Topology::Ring, n, 1.0, 1.25);
    assert_rates("P = 1.25, γ = 1", &ring_rates(s, laplacian_ring(n), 0.5, 8.0, 3), 0.02);
    // Adjacency over the mean degree on the (regular) ring: μ_k = cos(2πk/N), the homogeneous
    // state a fixed point of one node with c₁ + γ.
    let s = settings(Coupling::Adjacency, Topology::Ring, n, -3.0, 2.5);
    let mu = move |k: usize| libm::cos(2.0 * std::f64::consts::PI * k as f64 / n as f64);
    assert_rates("adjacency, P = 2.5, γ = −3", &ring_rates(s, mu, 0.5, 8.0, 4), 0.02);
}

#[test]
fn the_runs_own_spectrum_gives_the_ring_theory() {
    let n = 20;
    for gamma in [1.0, -2.0] {
        let run = WcNetworkRun::new(settings(Coupling::Laplacian, Topology::Ring, n, gamma, 2.5), 1);
        let msf = Msf::new(&run.node, gamma, 0.0).unwrap();
        let want = (1..n).map(|k| msf.growth(laplacian_ring(n)(k))).fold(f64::NEG_INFINITY, f64::max);
        assert!((run.growth_theory().unwrap() - want).abs() < 1e-12, "{:?} vs {want}", run.growth_theory());
        let unstable = (1..n).filter(|&k| msf.growth(laplacian_ring(n)(k)) > 0.0).count();
        assert_eq!(run.unstable_modes(), Some(unstable));
        // The homogeneous state is the node's: (0.2887, 0.2821) at P = 2.5 (catalogue, C1).
        assert!((run.reference[0] - 0.2887).abs() < 1e-4 && (run.reference[n] - 0.2821).abs() < 1e-4);
    }
}

#[test]
fn an_instability_forms_a_pattern_on_a_random_network() {
    // The default page: a Watts–Strogatz network, P = 2.5, γ = −3; the fastest mode's amplitude
    // (projected on its eigenvectors and the left eigenvector of J(Λ)) grows at the theory's rate
    // until the spread of E reaches 1e-2, then saturates into a pattern.
    let model = find_model("wilson-cowan-network").unwrap();
    let link = Link::defaults(model);
    let result = link.run_to_end(100_000).unwrap();
    let obs = &result.observables;
    eprintln!("default: {obs:?}");
    let (got, want) = (obs[0].unwrap(), obs[1].unwrap());
    assert!(want > 0.0 && (got / want - 1.0).abs() < 0.02, "{got} vs {want}");
    assert!(obs[3].unwrap() > 0.05, "spread of E at the end: {obs:?}");
}

fn planted_settings(n: usize, k: usize, gamma: f64, flips: usize, t_max: f64) -> Settings {
    Settings {
        coupling: Coupling::Planted,
        topology: Topology::Ring,
        n,
        k: 4,
        gamma,
        p: 1.0,
        tau_i: 0.5,
        patterns: k,
        flips,
        t_max,
        dt: 0.02,
        perturbation: 1e-3,
    }
}

#[test]
fn the_node_is_bistable_only_with_faster_inhibition() {
    use replica::models::wilson_cowan::node::{Node, Population};
    // The catalogue's window P ∈ [0.910, 1.085] has three fixed points with the 1972 constants,
    // but the upper one is an unstable focus (Re λ = 0.1246 at P = 1): one stable state only.
    let wc = Node { p: 1.0, ..Node::wc1972() };
    let points = wc.fixed_points();
    assert_eq!(points.len(), 3);
    assert_eq!(points.iter().filter(|f| f.stability.is_stable()).count(), 1);
    assert!((points[2].eigenvalues.max_re() - 0.1246).abs() < 1e-4, "{:?}", points[2]);
    // With τ_I = 0.5 the same upper point is a stable focus: two stable states.
    let fast = Node { inhibitory: Population { tau: 0.5, ..wc.inhibitory }, ..wc };
    let points = fast.fixed_points();
    assert_eq!(points.iter().filter(|f| f.stability.is_stable()).count(), 2, "{points:?}");
    eprintln!("bistable node: {:?}", points.iter().map(|f| (f.e, f.i, f.eigenvalues.max_re())).collect::<Vec<_>>());
}

#[test]
fn planted_patterns_are_fixed_points_and_their_spectrum_is_the_jacobians() {
    for (n, k, gamma) in [(8, 2, 1.5), (40, 3, 2.0), (100, 6, -1.0)] {
        let run = WcNetworkRun::new(planted_settings(n, k, gamma, 0, 1.0), 5);
        let Theory::Planted(p) = &run.theory else { panic!() };
        assert_eq!(p.states.len(), k);
        let mut dy = vec![0.0; 2 * n];
        for y in &p.states {
            rate(&run.node, run.a(), gamma, y, &mut dy);
            let norm = dy.iter().map(|x| x * x).sum::<f64>().sqrt();
            eprintln!("N = {n}, K = {k}: ‖F(ξ)‖ = {norm:.2e}");
            assert!(norm < 1e-10, "‖F(ξ)‖ = {norm}");
        }
        // The reduced spectrum against the general eigensolver on the whole 2N × 2N Jacobian
        // (small N only: the general solver does not converge on many equal eigenvalues).
        if n <= 8 {
            let e: Vec<Vec<f64>> = p.states.iter().map(|y| y[..n].to_vec()).collect();
            for (c, y) in p.states.iter().enumerate() {
                // Both in the same order: by real part, then |imaginary part|.
                let order = |mut v: Vec<replica::num::eigen::Complex>| {
                    v.sort_by(|a, b| a.re.total_cmp(&b.re).then(a.im.abs().total_cmp(&b.im.abs())));
                    v
                };
                let full = order(spectrum(&run.node, run.a(), gamma, y).unwrap());
                let reduced = order(pattern_spectrum(&run.node, run.a(), gamma, &e, &p.bits[c]).unwrap());
                assert_eq!(full.len(), reduced.len());
                for (a, b) in full.iter().zip(&reduced) {
                    assert!((a.re - b.re).abs() < 1e-9 && (a.im.abs() - b.im.abs()).abs() < 1e-9, "{a:?} {b:?}");
                }
            }
        }
    }
    // Dependent patterns have no planted operator.
    assert!(planted(&[vec![0.1, 0.2, 0.3], vec![0.2, 0.4, 0.6]]).is_none());
}

/// δ′ = J δ, J dense 2N × 2N.
struct Linear {
    j: Vec<f64>,
    size: usize,
}

impl replica::num::ode::OdeSystem for Linear {
    fn dim(&self) -> usize {
        self.size
    }
    fn rhs(&self, _t: f64, y: &[f64], dy: &mut [f64]) {
        for (r, d) in dy.iter_mut().enumerate() {
            *d = self.j[r * self.size..(r + 1) * self.size].iter().zip(y).fold(0.0, |s, (a, b)| s + a * b);
        }
    }
}

#[test]
fn a_perturbed_pattern_relaxes_as_the_jacobian_says() {
    // Uncoupled (γ = 0): the distance decays at the low node's rate −0.3817 (its slower
    // eigenvalue; the high node's focus decays at −0.582). Fitted once the distance is below a
    // tenth of its start: 1.3 % above, from the high nodes' −0.58 not quite gone; 3 % allowed.
    let mut run = WcNetworkRun::new(planted_settings(40, 3, 0.0, 0, 60.0), 1);
    replica::model::run_to_end(&mut run, 100_000, |_| {}).unwrap();
    let (got, want) = (run.growth_measured().unwrap(), run.growth_theory().unwrap());
    eprintln!("γ = 0: fitted {got:.5}, max Re λ {want:.5}");
    assert!((want + 0.3817).abs() < 1e-4 && (got / want - 1.0).abs() < 0.03, "{got} vs {want}");
    // Coupled (γ = 2): many eigenvalues lie close to the leading one (−0.401), so a single rate
    // fits the distance poorly; the whole linear evolution e^{Jt}δ₀ is the theory instead. The
    // simulation started at δ₀ ≈ 1e-5 differs from it by second-order terms: δ over the low
    // state's E = 0.028, ~1e-3 relative (at δ = 1e-3 it was 1 %).
    let s = Settings { perturbation: 1e-5, ..planted_settings(40, 3, 2.0, 0, 30.0) };
    let mut run = WcNetworkRun::new(s, 2);
    let Theory::Planted(p) = &run.theory else { panic!() };
    let pattern = p.states[0].clone();
    let lin =
        Linear { j: replica::models::wilson_cowan_network::jacobian(&run.node, run.a(), 2.0, &pattern), size: 80 };
    let mut delta: Vec<f64> = run.state.iter().zip(&pattern).map(|(a, b)| a - b).collect();
    let mut rk = replica::num::ode::Rk4::new(80);
    let per = 250; // 5 time units
    let mut t = 0.0;
    while !run.is_done() {
        run.advance(per).unwrap();
        for _ in 0..per {
            rk.step(&lin, t, &mut delta, s.dt).unwrap();
            t += s.dt;
        }
        let sim = run.state.iter().zip(&pattern).map(|(a, b)| (a - b) * (a - b)).sum::<f64>().sqrt();
        let linear = delta.iter().map(|x| x * x).sum::<f64>().sqrt();
        eprintln!(
            "γ = 2, t = {:.0}: distance {sim:.4e}, linear theory {linear:.4e}, ratio {:.5}",
            run.time(),
            sim / linear
        );
        assert!((sim / linear - 1.0).abs() < 0.005, "t = {}: {sim} vs {linear}", run.time());
    }
    let leading = run.growth_theory().unwrap();
    assert!(leading < 0.0 && run.fitted().last().unwrap() < &1e-6, "{leading}");
}

#[test]
fn a_pattern_loses_stability_where_the_jacobian_says() {
    // γ < 0 feeds a node's deviation back into itself (A = −1 off the patterns): past the γ_c
    // where the Jacobian's leading eigenvalue crosses 0 the pattern repels.
    let leading = |gamma: f64| WcNetworkRun::new(planted_settings(40, 3, gamma, 0, 1.0), 3).growth_theory().unwrap();
    let (mut lo, mut hi) = (-20.0, 0.0);
    assert!(leading(lo) > 0.0 && leading(hi) < 0.0);
    for _ in 0..40 {
        let mid = 0.5 * (lo + hi);
        if leading(mid) > 0.0 { lo = mid } else { hi = mid }
    }
    let gamma_c = 0.5 * (lo + hi);
    eprintln!("γ_c = {gamma_c:.4}");
    for (factor, stable) in [(0.9, true), (1.1, false)] {
        let gamma = factor * gamma_c;
        let mut s = planted_settings(40, 3, gamma, 0, 80.0);
        s.perturbation = 1e-6;
        let mut run = WcNetworkRun::new(s, 3);
        replica::model::run_to_end(&mut run, 100_000, |_| {}).unwrap();
        let d = run.fitted();
        let (first, last) = (d[0], *d.last().unwrap());
        eprintln!(
            "γ = {gamma:.4} (max Re λ {:.5}): distance {first:.3e} → {last:.3e}, fitted {:?}",
            leading(gamma),
            run.growth_measured()
        );
        assert_eq!(last < first, stable, "γ = {gamma}: {first} → {last}");
    }
}

#[test]
fn the_coupling_restores_a_corrupted_pattern() {
    // Four of 40 nodes flipped: uncoupled nodes keep their flipped states (each node is bistable);
    // with γ = 2 the coupling, blind to the patterns (they are in its kernel), pulls the state back
    // to pattern 1 exactly.
    for (gamma, restored) in [(0.0, false), (2.0, true), (4.0, true)] {
        let mut run = WcNetworkRun::new(planted_settings(40, 3, gamma, 4, 100.0), 7);
        replica::model::run_to_end(&mut run, 100_000, |_| {}).unwrap();
        let (nearest, distance) = run.nearest().unwrap();
        eprintln!("γ = {gamma}, 4 flipped: nearest pattern {nearest}, distance {distance:.3e}");
        assert_eq!(nearest, 1);
        assert_eq!(distance < 1e-10, restored, "γ = {gamma}: {distance}");
    }
}

#[test]
fn every_preset_runs_and_every_parameter_is_checked() {
    let model = find_model("wilson-cowan-network").unwrap();
    for preset in model.spec().presets {
        let mut p = Params::defaults(model.spec());
        for (k, v) in preset.values {
            p.set(k, v).unwrap();
        }
        model.check(&p).unwrap_or_else(|e| panic!("{}: {e}", preset.name));
    }
    let check = |pairs: &[(&str, &str)]| {
        let mut p = Params::defaults(model.spec());
        for (k, v) in pairs {
            p.set(k, v).map_err(|e| e.to_string())?;
        }
        model.check(&p).map_err(|e| e.to_string())
    };
    assert!(check(&[]).is_ok());
    assert!(check(&[("N", "20"), ("k", "20")]).unwrap_err().contains("k=20 must be below N=20"));
    assert!(check(&[("k", "7")]).unwrap_err().contains("k=7 must be even for topology=ws"));
    assert!(check(&[("coupling", "planted")]).unwrap_err().contains("P=2.5 and tau_I=1 give a node 1 stable state"));
    assert!(
        check(&[("coupling", "planted"), ("P", "1"), ("tau_I", "0.5"), ("N", "101")])
            .unwrap_err()
            .contains("N=101 is too large")
    );
    assert!(
        check(&[("coupling", "planted"), ("P", "1"), ("tau_I", "0.5"), ("flips", "70")])
            .unwrap_err()
            .contains("flips=70 must be at most N=60")
    );
    assert!(check(&[("dt", "0.2")]).unwrap_err().contains("dt=0.2 is too large"));
    assert!(check(&[("T", "2000"), ("dt", "1e-4"), ("N", "300")]).unwrap_err().contains("T=2000"));
    assert!(check(&[("gamma", "11")]).unwrap_err().contains("gamma must be in [-10, 10]"));
    assert!(check(&[("coupling", "kuramoto")]).unwrap_err().contains("coupling must be one of"));
    // A step the mean degree allows but this network's hubs do not: the run says so at t = 0.
    let s = Settings {
        topology: Topology::BarabasiAlbert,
        n: 300,
        k: 4,
        gamma: -10.0,
        dt: 0.015,
        ..settings(Coupling::Laplacian, Topology::Ring, 300, -10.0, 2.5)
    };
    let mut run = WcNetworkRun::new(s, 1);
    let e = run.advance(10).unwrap_err().to_string();
    assert!(e.contains("t = 0") && e.contains("lower dt"), "{e}");
}

#[test]
fn every_coupling_draws_its_figures() {
    // Adjacency on a Barabási–Albert network (degrees differ: no homogeneous state, no MSF), a
    // planted run and a Laplacian one: every figure renders, with labelled axes.
    for link in [
        "wilson-cowan-network?coupling=adjacency&topology=ba&N=40&k=4&gamma=1&T=5",
        "wilson-cowan-network?coupling=planted&P=1&tau_I=0.5&N=30&K=2&flips=3&gamma=2&T=10",
        "wilson-cowan-network?coupling=laplacian&topology=er&N=40&k=6&gamma=-1&T=5",
    ] {
        let link = Link::parse(link).unwrap();
        let mut run = link.model().start(link.params(), link.seed());
        replica::model::run_to_end(run.as_mut(), 100_000, |_| {}).unwrap();
        let frame = run.frame();
        assert_eq!(frame.figures.len(), 4);
        for f in &frame.figures {
            let svg = replica::plot::svg(f, 640, 400).unwrap();
            assert!(svg.starts_with("<svg") && svg.len() > 1000, "{}", f.id);
            if f.network.is_none() {
                assert!(!f.x.label.is_empty() && !f.y.label.is_empty(), "{}", f.id);
            }
        }
    }
}
