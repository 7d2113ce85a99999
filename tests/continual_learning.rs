//! Continual learning in the teacher–student setup: the ODE of two tasks against the catalogue's
//! reference numbers (Lee, Goldt & Saxe's set-up), and the finite-N simulation against the ODE.

use replica::link::Link;
use replica::model::Run;
use replica::models::continual_learning::{self, ContinualRun, Settings, first_task_error, task_error};
use replica::models::two_layer::ode::Overlaps;

/// The catalogue's set-up: K = 2, M = 1, η = η_v = 0.5, phases of length 300, both layers trained.
fn catalogue(gamma: f64) -> Settings {
    Settings { n: 500, k: 2, m: 1, lr: 0.5, gamma, t_switch: 300.0, w0: 0.1, v0: 0.1, noise: 0.0 }
}

/// Q(0) = 0.01 I, every R(0) = 0.001 (with both teachers, whatever γ), v⁽¹⁾(0) = v⁽²⁾(0) = (0.1, −0.1).
fn catalogue_start() -> Overlaps {
    Overlaps { q: vec![0.01, 0.0, 0.0, 0.01], r: vec![0.001; 4], v: vec![vec![0.1, -0.1]; 2] }
}

/// ε₁ at the switch, 10 time units into task 2, and at the end.
fn ode_errors(gamma: f64) -> [f64; 3] {
    let e = first_task_error(&catalogue(gamma), gamma, &catalogue_start(), &[300.0, 310.0, 600.0]).unwrap();
    [e[0], e[1], e[2]]
}

/// Values quoted to four decimals are uncertain by half a unit of the last one, 5e-5, which is
/// more than 2 % of the smallest of them (0.0004, 0.0016): the tolerance is the larger of the two.
fn close(got: f64, quoted: f64) -> bool {
    (got - quoted).abs() <= (0.02 * quoted.abs()).max(5e-5)
}

#[test]
fn ode_reproduces_the_catalogue() {
    // (γ, F, ε₁ 10 time units after the switch), catalogue E14.
    let table = [
        (0.0, 0.1313, 0.0016),
        (0.2, 0.2756, 0.0101),
        (0.4, 0.2156, 0.0201),
        (0.6, 0.1471, 0.0239),
        (0.8, 0.0756, 0.0176),
        (0.9, 0.0385, 0.0104),
        (1.0, 0.0004, 0.0004),
    ];
    let first = ode_errors(0.0)[0];
    for (gamma, forgetting, after_10) in table {
        let [switch, after, end] = ode_errors(gamma);
        let f = end - switch;
        println!("γ = {gamma}: ε₁(300) = {switch:.4e}, ε₁(310) = {after:.6} ({after_10}), F = {f:.6} ({forgetting})");
        // Phase 1 does not see the second teacher: ε₁ at the switch is the same for every γ, up to
        // the integrator's tolerance (relative 1e-6 per step; it differs by 4e-6 relative).
        assert!((switch / first - 1.0).abs() < 1e-5, "γ = {gamma}: ε₁ at the switch {switch} vs {first}");
        assert!(close(f, forgetting), "γ = {gamma}: F = {f} vs {forgetting}");
        assert!(close(after, after_10), "γ = {gamma}: ε₁(310) = {after} vs {after_10}");
    }
    // The catalogue quotes ε₁(300) = 9e-5, one significant digit: the value must round to it.
    assert!((8.5e-5..9.5e-5).contains(&first), "ε₁ at the switch {first}");
}

#[test]
fn forgetting_is_largest_at_intermediate_similarity() {
    let f = |gamma: f64| {
        let [switch, _, end] = ode_errors(gamma);
        end - switch
    };
    assert!(f(0.2) > f(0.0) && f(0.2) > f(0.8), "F(0) = {}, F(0.2) = {}, F(0.8) = {}", f(0.0), f(0.2), f(0.8));
    // The page's curve, from the start of the default link's own network: the maximum is inside.
    let mut run = ContinualRun::new(catalogue(0.4), 1);
    run.advance(run.total_work() - run.trajectory.total_steps()).unwrap();
    let curve = &run.curve;
    assert_eq!(curve.gamma.len(), continual_learning::GAMMA_POINTS, "every point of the curve computed");
    let top = (0..curve.gamma.len()).max_by(|&a, &b| curve.forgetting[a].total_cmp(&curve.forgetting[b])).unwrap();
    println!(
        "page's curve: F(0) = {:.4}, max F({}) = {:.4}, F(1) = {:.4}",
        curve.forgetting[0],
        curve.gamma[top],
        curve.forgetting[top],
        curve.forgetting.last().unwrap()
    );
    assert!(curve.gamma[top] > 0.1 && curve.gamma[top] < 0.6, "maximum at γ = {}", curve.gamma[top]);
    assert!(run.trajectory.steps_done() == 0, "the curve comes first, before the simulation");
}

/// Mean over seeds of ε₁ from the simulation and from the ODE (from each simulation's own start),
/// at the simulation's times.
fn simulate(s: &Settings, seeds: u64) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let mut sim = Vec::new();
    let mut ode = Vec::new();
    let mut times = Vec::new();
    for seed in 1..=seeds {
        let (mut tr, _) = continual_learning::trajectory(s, seed);
        tr.advance(u64::MAX).unwrap();
        let rule = &tr.phases[0].rule;
        times = tr.sim_times.clone();
        sim.resize(times.len(), 0.0);
        ode.resize(times.len(), 0.0);
        for (j, t) in times.iter().enumerate() {
            let i = tr.ode_times.iter().position(|x| x == t).expect("the ODE is recorded where the simulation is");
            sim[j] += task_error(rule, &tr.simulated[j], 0) / seeds as f64;
            ode[j] += task_error(rule, &tr.theory[i], 0) / seeds as f64;
        }
    }
    (times, sim, ode)
}

#[test]
fn sgd_follows_the_ode_at_n_500() {
    // The catalogue's set-up at the page's default γ = 0.4, w ~ 0.1·N(0, 1) (Q(0) ≈ 0.01 I). Single
    // runs (seeds 1–4) deviate from their own ODE by at most 4.5 % in phase 1, also where ε₁ ≈ 9e-5
    // at the switch, and by at most 7 % in phase 2 (11 % on the steep rise just after the switch);
    // after the switch all four lie 1–7 % low, a finite-N bias. The mean of the four deviates by at
    // most 3.9 % (-3.9 % at t = 360-390): 10 % leaves room for the scatter of a single seed. The
    // smallest errors, 9e-5 at the switch, are tracked as closely as the rest (-2.7 % on the mean),
    // so no absolute allowance is needed there.
    //
    // At γ = 0.2, where forgetting is largest, F depends sharply on the state at the switch (the
    // ODE from the four seeds' starts gives F from 0.17 to 0.27): at N = 500 the simulation's phase 2
    // then lies 10–23 % below its ODE, at N = 1000 between -17 % and +5 %, at N = 2000 within 1 %
    // (measured, seeds 1–3): the same finite-size effect, amplified, and too slow to test here.
    let (times, sim, ode) = simulate(&catalogue(0.4), 4);
    let mut worst: f64 = 0.0;
    for j in 1..times.len() {
        let deviation = sim[j] / ode[j] - 1.0;
        worst = worst.max(deviation.abs());
        println!("t = {:5.1}: SGD {:.4e}, ODE {:.4e}, {:+.1} %", times[j], sim[j], ode[j], 100.0 * deviation);
        assert!(deviation.abs() < 0.10, "t = {}: SGD {} vs ODE {}", times[j], sim[j], ode[j]);
    }
    println!("largest deviation of the mean: {:.1} %", 100.0 * worst);
}

#[test]
fn the_curve_passes_through_the_run() {
    // F(γ) is integrated from the run's start carried to each γ; at the run's own γ it must be the
    // run's ODE (which uses the teachers' measured T = I ± 1e-16 and R measured on the mixed rows),
    // up to the integrator's tolerance: the two take different adaptive steps, each accurate to 1e-6
    // relative (they differ by 6e-7 relative).
    let link = Link::parse("continual-learning?N=200&K=2&M=1&gamma=0.33&t_switch=50&seed=4").unwrap();
    let s = Settings::from_params(link.params());
    let mut run = ContinualRun::new(s, 4);
    replica::model::run_to_end(&mut run, u64::MAX, |_| ()).unwrap();
    let at = run.curve.gamma.iter().position(|&g| g == 0.33).expect("the run's γ is on the curve");
    let rule = &run.trajectory.phases[0].rule;
    let theory = &run.trajectory.theory;
    let switch = theory.len() / 2;
    let f = task_error(rule, theory.last().unwrap(), 0) - task_error(rule, &theory[switch], 0);
    println!("F from the run's ODE {f:.8}, from the curve {:.8}", run.curve.forgetting[at]);
    assert!((run.curve.forgetting[at] - f).abs() < 1e-5 * f.abs().max(1e-3));
    assert_eq!(run.curve.gamma.len(), continual_learning::GAMMA_POINTS + 1, "the grid and the run's γ");
    let observed = run.observables();
    assert!(observed.iter().all(Option::is_some), "every observable known at the end: {observed:?}");
    assert!((observed[1].unwrap() - f).abs() < 1e-12, "the observable F (ODE) is the run's");
}

#[test]
fn only_the_active_head_learns() {
    // Head 2 is frozen at (v₀, −v₀) through phase 1 and head 1 at its value at the switch through
    // phase 2, exactly, in the simulation and in the ODE.
    let s = Settings { n: 200, t_switch: 40.0, ..catalogue(0.5) };
    let (mut tr, _) = continual_learning::trajectory(&s, 2);
    tr.advance(u64::MAX).unwrap();
    for (times, overlaps) in [(&tr.sim_times, &tr.simulated), (&tr.ode_times, &tr.theory)] {
        let switch = times.iter().position(|&t| t == s.switch()).unwrap();
        for (j, o) in overlaps.iter().enumerate() {
            if j <= switch {
                assert_eq!(o.v[1], vec![0.1, -0.1], "head 2 moved at t = {}", times[j]);
            } else {
                assert_eq!(o.v[0], overlaps[switch].v[0], "head 1 moved at t = {}", times[j]);
            }
        }
        assert_ne!(overlaps[switch].v[0], vec![0.1, -0.1], "head 1 learned in phase 1");
        assert_ne!(overlaps.last().unwrap().v[1], vec![0.1, -0.1], "head 2 learned in phase 2");
    }
}

#[test]
fn chunking_does_not_change_the_numbers() {
    // The curve is computed point by point and credited in parts: any chunking gives the same run.
    let link = Link::parse("continual-learning?N=100&K=2&M=1&t_switch=10&gamma=0.7&seed=9").unwrap();
    let whole = link.run_to_end(u64::MAX).unwrap().fingerprint;
    for chunk in [1, 7, 1000] {
        assert_eq!(link.run_to_end(chunk).unwrap().fingerprint, whole, "chunks of {chunk}");
    }
}

#[test]
fn work_budget_names_the_parameters() {
    let e = Link::parse("continual-learning?N=5000&K=8&t_switch=1000").unwrap_err().to_string();
    assert!(e.contains("N=5000") && e.contains("t_switch=1000") && e.contains("lower N, K, M or t_switch"), "{e}");
}
