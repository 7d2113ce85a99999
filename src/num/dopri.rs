//! Adaptive Runge–Kutta integration: the Dormand–Prince 5(4) pair with step-size control.
//!
//! The order-parameter equations of online learning spend most of their time on plateaus where
//! nothing moves and then change within a few time units; a fixed step small enough for the
//! change wastes thousands of steps on the plateau. The embedded fourth-order solution estimates
//! the error of each step, and the step grows or shrinks to keep it within tolerance. The result
//! is a deterministic function of the inputs: the same steps, in the same order, on every target.

use super::ode::OdeSystem;

// The Dormand–Prince tableau (J. R. Dormand and P. J. Prince, J. Comput. Appl. Math. 6, 19 (1980)).
const C: [f64; 7] = [0.0, 1.0 / 5.0, 3.0 / 10.0, 4.0 / 5.0, 8.0 / 9.0, 1.0, 1.0];
const A: [[f64; 6]; 7] = [
    [0.0; 6],
    [1.0 / 5.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    [3.0 / 40.0, 9.0 / 40.0, 0.0, 0.0, 0.0, 0.0],
    [44.0 / 45.0, -56.0 / 15.0, 32.0 / 9.0, 0.0, 0.0, 0.0],
    [19372.0 / 6561.0, -25360.0 / 2187.0, 64448.0 / 6561.0, -212.0 / 729.0, 0.0, 0.0],
    [9017.0 / 3168.0, -355.0 / 33.0, 46732.0 / 5247.0, 49.0 / 176.0, -5103.0 / 18656.0, 0.0],
    [35.0 / 384.0, 0.0, 500.0 / 1113.0, 125.0 / 192.0, -2187.0 / 6784.0, 11.0 / 84.0],
];
/// Fifth-order weights minus the embedded fourth-order ones: the local error estimate.
const E: [f64; 7] =
    [71.0 / 57600.0, 0.0, -71.0 / 16695.0, 71.0 / 1920.0, -17253.0 / 339200.0, 22.0 / 525.0, -1.0 / 40.0];

/// Dense output (L. F. Shampine, Math. Comp. 46, 135 (1986)): with these weights the stages of an
/// accepted step give a fourth-order interpolant anywhere inside it, so that a solution can be
/// read at many times without cutting the steps short to land on each of them.
const D: [f64; 7] = [
    -12715105075.0 / 11282082432.0,
    0.0,
    87487479700.0 / 32700410799.0,
    -10690763975.0 / 1880347072.0,
    701980252875.0 / 199316789632.0,
    -1453857185.0 / 822651844.0,
    69997945.0 / 29380423.0,
];

/// Why an adaptive integration stopped early.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum AdaptiveError {
    /// The state stopped being finite numbers, or the step had to shrink below any useful size:
    /// the solution blows up near `t`.
    #[error("the solution diverges near t = {t}")]
    Diverged { t: f64 },
    /// The system does not have the dimension the integrator was built for.
    #[error("dimension mismatch: integrator built for {expected}, got {found}")]
    Dimension { expected: usize, found: usize },
}

/// Error tolerances and limits of the step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tolerance {
    pub relative: f64,
    pub absolute: f64,
    /// The largest step taken, whatever the error estimate says.
    pub max_step: f64,
}

/// The integrator: its stage buffers and the step size it has learnt so far.
#[derive(Debug, Clone)]
pub struct Dopri5 {
    k: [Vec<f64>; 7],
    stage: Vec<f64>,
    next: Vec<f64>,
    /// The step the next call starts with (adapted as it goes).
    pub step: f64,
    pub tolerance: Tolerance,
    /// Steps accepted and rejected so far (for benchmarks and tests).
    pub accepted: u64,
    pub rejected: u64,
    /// The time t at which `k[0]` holds f(t, y) for y = `next`: the last stage of an accepted
    /// step is the first of the next one ("first same as last"), a seventh of the work.
    first_stage_at: Option<f64>,
    /// Evaluations of the right-hand side so far.
    pub evaluations: u64,
}

impl Dopri5 {
    pub fn new(dim: usize, tolerance: Tolerance) -> Self {
        Dopri5 {
            k: std::array::from_fn(|_| vec![0.0; dim]),
            stage: vec![0.0; dim],
            next: vec![0.0; dim],
            step: tolerance.max_step.min(1e-2),
            tolerance,
            accepted: 0,
            rejected: 0,
            first_stage_at: None,
            evaluations: 0,
        }
    }

    /// Integrates from t0 forward to t1, overwriting y with the state at t1; the last step is
    /// shortened to land on t1 exactly.
    pub fn integrate<S: OdeSystem + ?Sized>(
        &mut self,
        sys: &S,
        t0: f64,
        y: &mut [f64],
        t1: f64,
    ) -> Result<(), AdaptiveError> {
        self.advance(sys, t0, y, t1, |_| {})
    }

    /// Integrates from t0 to t1 like [`Dopri5::integrate`], and passes the state at each of `times`
    /// (increasing) that lies in [t0, t1] to `record`, read off the dense output of the step that
    /// covers it: the steps are those of the solution alone, whatever the times. A time that is the
    /// end of a step gets that step's state exactly.
    pub fn integrate_dense<S: OdeSystem + ?Sized>(
        &mut self,
        sys: &S,
        t0: f64,
        y: &mut [f64],
        t1: f64,
        times: &[f64],
        mut record: impl FnMut(f64, &[f64]),
    ) -> Result<(), AdaptiveError> {
        let mut pending = times.iter().copied().filter(|&at| at >= t0 && at <= t1).peekable();
        while let Some(at) = pending.next_if(|&at| at == t0) {
            record(at, y);
        }
        let mut between = vec![0.0; y.len()];
        self.advance(sys, t0, y, t1, |step| {
            while let Some(at) = pending.next_if(|&at| at <= step.t_end) {
                if at == step.t_end {
                    record(at, step.y_end);
                } else {
                    step.interpolate((at - step.t) / step.h, &mut between);
                    record(at, &between);
                }
            }
        })
    }

    /// The stepping of [`Dopri5::integrate`]; `accepted` sees every accepted step before the state
    /// moves on.
    fn advance<S: OdeSystem + ?Sized>(
        &mut self,
        sys: &S,
        t0: f64,
        y: &mut [f64],
        t1: f64,
        mut accepted: impl FnMut(&Step),
    ) -> Result<(), AdaptiveError> {
        let dim = self.stage.len();
        for found in [y.len(), sys.dim()] {
            if found != dim {
                return Err(AdaptiveError::Dimension { expected: dim, found });
            }
        }
        let mut t = t0;
        // The first stage carries over only to the state the last step ended at, bit for bit.
        if self.first_stage_at != Some(t0) || y.iter().zip(&self.next).any(|(a, b)| a.to_bits() != b.to_bits()) {
            self.first_stage_at = None;
        }
        let tol = self.tolerance;
        // Below this the step is pointless: the solution is blowing up.
        let min_step = 1e-12 * (1.0 + t1.abs());
        while t < t1 {
            let h = self.step.min(tol.max_step).min(t1 - t);
            let last = h >= t1 - t;
            let error = self.attempt(sys, t, y, h);
            if !error.is_finite() || self.step < min_step {
                return Err(AdaptiveError::Diverged { t });
            }
            // The classical controller: aim at 0.9 of the tolerance, change by at most 5x.
            let factor = if error == 0.0 { 5.0 } else { (0.9 * libm::pow(error, -0.2)).clamp(0.2, 5.0) };
            if error <= 1.0 {
                let t_end = if last { t1 } else { t + h };
                accepted(&Step { t, h, t_end, y_start: y, y_end: &self.next, k: &self.k });
                y.copy_from_slice(&self.next);
                let stage_time = t + C[6] * h;
                t = t_end;
                self.k.swap(0, 6);
                self.first_stage_at = Some(stage_time).filter(|&at| at == t);
                self.accepted += 1;
                // A step cut short to land on t1 says nothing about the step the solution allows.
                if !last || factor < 1.0 {
                    self.step = h * factor;
                }
            } else {
                self.rejected += 1;
                self.step = h * factor.min(1.0);
            }
        }
        Ok(())
    }

    /// One trial step of size h from (t, y) into `self.next`; returns the scaled error norm
    /// (≤ 1 means within tolerance).
    fn attempt<S: OdeSystem + ?Sized>(&mut self, sys: &S, t: f64, y: &[f64], h: f64) -> f64 {
        if self.first_stage_at != Some(t) {
            sys.rhs(t, y, &mut self.k[0]);
            self.evaluations += 1;
            self.first_stage_at = Some(t);
        }
        for s in 1..7 {
            for i in 0..y.len() {
                let mut acc = 0.0;
                for (j, kj) in self.k[..s].iter().enumerate() {
                    acc += A[s][j] * kj[i];
                }
                self.stage[i] = y[i] + h * acc;
            }
            let (_, rest) = self.k.split_at_mut(s);
            sys.rhs(t + C[s] * h, &self.stage, &mut rest[0]);
        }
        self.evaluations += 6;
        // Stage 7 was evaluated at the fifth-order solution itself.
        self.next.copy_from_slice(&self.stage);
        let mut sum = 0.0;
        for i in 0..y.len() {
            let mut err = 0.0;
            for (s, ks) in self.k.iter().enumerate() {
                err += E[s] * ks[i];
            }
            let scale = self.tolerance.absolute + self.tolerance.relative * y[i].abs().max(self.next[i].abs());
            let r = h * err / scale;
            sum += r * r;
        }
        (sum / y.len().max(1) as f64).sqrt()
    }
}

/// An accepted step from `t` to `t_end` (= t + h, or t1 exactly for the last one), with its stages.
struct Step<'a> {
    t: f64,
    h: f64,
    t_end: f64,
    y_start: &'a [f64],
    y_end: &'a [f64],
    /// k[0] = f(t, y_start), …, k[6] = f(t + h, y_end).
    k: &'a [Vec<f64>; 7],
}

impl Step<'_> {
    /// The state at t + θh, 0 ≤ θ ≤ 1, from the interpolant of Shampine's dense output in the
    /// Hermite-like form of Hairer, Nørsett & Wanner (Solving ODEs I, II.6).
    fn interpolate(&self, theta: f64, out: &mut [f64]) {
        let (h, k) = (self.h, self.k);
        for i in 0..out.len() {
            let (y0, y1) = (self.y_start[i], self.y_end[i]);
            let rise = y1 - y0;
            let start_slope = h * k[0][i] - rise;
            let end_slope = rise - h * k[6][i] - start_slope;
            let mut sum = 0.0;
            for (s, ks) in k.iter().enumerate() {
                sum += D[s] * ks[i];
            }
            let bulge = h * sum;
            out[i] = y0 + theta * (rise + (1.0 - theta) * (start_slope + theta * (end_slope + (1.0 - theta) * bulge)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// y' = −λ y.
    struct Decay(f64);
    impl OdeSystem for Decay {
        fn dim(&self) -> usize {
            1
        }
        fn rhs(&self, _t: f64, y: &[f64], dy: &mut [f64]) {
            dy[0] = -self.0 * y[0];
        }
    }

    /// y' = y², which blows up at t = 1/y(0).
    struct BlowUp;
    impl OdeSystem for BlowUp {
        fn dim(&self) -> usize {
            1
        }
        fn rhs(&self, _t: f64, y: &[f64], dy: &mut [f64]) {
            dy[0] = y[0] * y[0];
        }
    }

    /// A fast transient then a long plateau: y' = −y + 1.
    struct Relax;
    impl OdeSystem for Relax {
        fn dim(&self) -> usize {
            1
        }
        fn rhs(&self, _t: f64, y: &[f64], dy: &mut [f64]) {
            dy[0] = 1.0 - y[0];
        }
    }

    const TIGHT: Tolerance = Tolerance { relative: 1e-9, absolute: 1e-12, max_step: 10.0 };

    #[test]
    fn meets_its_tolerance_and_lands_on_the_end() {
        let mut ode = Dopri5::new(1, TIGHT);
        let mut y = [1.0];
        ode.integrate(&Decay(2.0), 0.0, &mut y, 3.0).unwrap();
        let exact = libm::exp(-6.0);
        assert!(((y[0] - exact) / exact).abs() < 1e-7, "{} vs {exact}", y[0]);
        // Resuming from where it stopped continues the same solution.
        ode.integrate(&Decay(2.0), 3.0, &mut y, 4.0).unwrap();
        assert!(((y[0] - libm::exp(-8.0)) / libm::exp(-8.0)).abs() < 1e-7);
    }

    #[test]
    fn the_last_stage_of_a_step_is_the_first_of_the_next() {
        let mut solver = Dopri5::new(1, Tolerance { relative: 1e-8, absolute: 1e-12, max_step: 0.5 });
        let mut y = [1.0];
        solver.integrate(&Decay(1.0), 0.0, &mut y, 3.0).unwrap();
        assert_eq!(solver.evaluations, 6 * (solver.accepted + solver.rejected) + 1);
        // Going on from where it stopped needs no new first stage; from elsewhere it does.
        let work = |s: &Dopri5| (s.evaluations, s.accepted + s.rejected);
        let before = work(&solver);
        solver.integrate(&Decay(1.0), 3.0, &mut y, 3.5).unwrap();
        assert_eq!(work(&solver).0 - before.0, 6 * (work(&solver).1 - before.1));
        y[0] *= 0.5;
        let before = work(&solver);
        solver.integrate(&Decay(1.0), 3.5, &mut y, 4.0).unwrap();
        assert_eq!(work(&solver).0 - before.0, 6 * (work(&solver).1 - before.1) + 1);
    }

    #[test]
    fn steps_grow_on_a_plateau() {
        let mut ode = Dopri5::new(1, Tolerance { relative: 1e-7, absolute: 1e-10, max_step: 50.0 });
        let mut y = [0.0];
        ode.integrate(&Relax, 0.0, &mut y, 1000.0).unwrap();
        assert!((y[0] - 1.0).abs() < 1e-6);
        // A fixed step resolving the transient (0.01) would take 10⁵ steps; once the transient is
        // over the step is bounded by stability alone (|hλ| ≲ 3.3 for this method, λ = −1).
        assert!(ode.accepted < 400, "{} steps", ode.accepted);
    }

    /// y' = (cos t, −y₁): a smooth solution that is not a polynomial, y₁ = sin t, y₂ = cos t − 1.
    struct Circle;
    impl OdeSystem for Circle {
        fn dim(&self) -> usize {
            2
        }
        fn rhs(&self, t: f64, y: &[f64], dy: &mut [f64]) {
            dy[0] = libm::cos(t);
            dy[1] = -y[0];
        }
    }

    /// Largest error of the dense output at points inside the steps of a fixed step h.
    fn dense_error(h: f64) -> f64 {
        let mut solver = Dopri5::new(2, Tolerance { relative: 1.0, absolute: 1.0, max_step: h });
        solver.step = h;
        let times: Vec<f64> = (0..=40).map(|j| 0.1 * f64::from(j) + 0.0371).collect();
        let mut worst: f64 = 0.0;
        solver
            .integrate_dense(&Circle, 0.0, &mut [0.0, 0.0], 4.2, &times, |t, y| {
                let exact = [libm::sin(t), libm::cos(t) - 1.0];
                worst = worst.max((y[0] - exact[0]).abs()).max((y[1] - exact[1]).abs());
            })
            .unwrap();
        worst
    }

    #[test]
    fn dense_output_is_of_fourth_order() {
        // The interpolant's error is O(h⁵): halving the step divides it by about 32 (a third-order
        // interpolant, e.g. one wrong weight, gives 16 or less).
        let (coarse, fine) = (dense_error(0.4), dense_error(0.2));
        let ratio = coarse / fine;
        assert!((24.0..48.0).contains(&ratio), "error {coarse:.3e} then {fine:.3e}: ratio {ratio:.1}");
        assert!(coarse < 1e-4, "{coarse:.3e}");
    }

    #[test]
    fn dense_output_records_every_time_and_leaves_the_steps_alone() {
        let times: Vec<f64> = (0..=30).map(|j| 0.1 * f64::from(j)).collect();
        let mut dense = Dopri5::new(1, TIGHT);
        let mut y = [1.0];
        let mut seen = Vec::new();
        dense.integrate_dense(&Decay(2.0), 0.0, &mut y, 3.0, &times, |t, y| seen.push((t, y[0]))).unwrap();
        assert_eq!(seen.iter().map(|&(t, _)| t).collect::<Vec<_>>(), times);
        for &(t, value) in &seen {
            let exact = libm::exp(-2.0 * t);
            assert!(((value - exact) / exact).abs() < 1e-7, "t = {t}: {value} vs {exact}");
        }
        // The same end state, bit for bit, as without recording: the times do not touch the steps.
        let mut plain = Dopri5::new(1, TIGHT);
        let mut z = [1.0];
        plain.integrate(&Decay(2.0), 0.0, &mut z, 3.0).unwrap();
        assert_eq!((y[0].to_bits(), dense.accepted), (z[0].to_bits(), plain.accepted));
        assert_eq!(seen.last().unwrap().1.to_bits(), y[0].to_bits(), "the end is recorded exactly");
    }

    #[test]
    fn reports_a_blow_up_near_where_it_happens() {
        let mut ode = Dopri5::new(1, TIGHT);
        let mut y = [1.0];
        match ode.integrate(&BlowUp, 0.0, &mut y, 2.0) {
            Err(AdaptiveError::Diverged { t }) => assert!((t - 1.0).abs() < 1e-3, "diverged at {t}"),
            other => panic!("expected a divergence, got {other:?}"),
        }
        assert!(matches!(ode.integrate(&Decay(1.0), 0.0, &mut [1.0, 2.0], 1.0), Err(AdaptiveError::Dimension { .. })));
    }
}
