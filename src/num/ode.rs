//! Fixed-step classical Runge–Kutta (RK4) integration of y' = f(t, y) over a flat state vector.
//!
//! The order-parameter equations of online learning are small, smooth, non-stiff systems integrated along
//! a grid of recording times. A fixed step makes the result a deterministic function of the inputs, with
//! the same arithmetic in the same order on every target; the stage buffers are allocated once, so
//! stepping does not allocate.

/// A system of first-order ODEs y' = f(t, y) with a state of fixed dimension.
pub trait OdeSystem {
    /// The length of the state vector.
    fn dim(&self) -> usize;
    /// Writes f(t, y) into `dy`; both slices have length `dim()`.
    fn rhs(&self, t: f64, y: &[f64], dy: &mut [f64]);
}

/// Why an integration could not be carried out.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum OdeError {
    /// The state or the system does not have the dimension the integrator was built for.
    #[error("dimension mismatch: integrator built for {expected}, got {found}")]
    Dimension { expected: usize, found: usize },
    /// A time is not finite, or the maximal step is not a positive number.
    #[error("invalid interval [{t0}, {t1}] or step {max_step}")]
    InvalidStep { t0: f64, t1: f64, max_step: f64 },
}

/// The classical fourth-order Runge–Kutta method with its four stage buffers.
#[derive(Debug, Clone)]
pub struct Rk4 {
    k1: Vec<f64>,
    k2: Vec<f64>,
    k3: Vec<f64>,
    k4: Vec<f64>,
    tmp: Vec<f64>,
}

impl Rk4 {
    /// An integrator for states of length `dim`.
    pub fn new(dim: usize) -> Self {
        Self { k1: vec![0.0; dim], k2: vec![0.0; dim], k3: vec![0.0; dim], k4: vec![0.0; dim], tmp: vec![0.0; dim] }
    }

    /// The state length this integrator was built for.
    pub fn dim(&self) -> usize {
        self.tmp.len()
    }

    /// One step of size h from (t, y), overwriting y with the state at t + h:
    /// k1 = f(t, y), k2 = f(t + h/2, y + h k1/2), k3 = f(t + h/2, y + h k2/2), k4 = f(t + h, y + h k3),
    /// y ← y + h (k1 + 2 k2 + 2 k3 + k4)/6.
    pub fn step<S: OdeSystem + ?Sized>(&mut self, sys: &S, t: f64, y: &mut [f64], h: f64) -> Result<(), OdeError> {
        self.check(sys, y)?;
        let half = 0.5 * h;
        sys.rhs(t, y, &mut self.k1);
        for ((s, &yi), &k) in self.tmp.iter_mut().zip(y.iter()).zip(&self.k1) {
            *s = yi + half * k;
        }
        sys.rhs(t + half, &self.tmp, &mut self.k2);
        for ((s, &yi), &k) in self.tmp.iter_mut().zip(y.iter()).zip(&self.k2) {
            *s = yi + half * k;
        }
        sys.rhs(t + half, &self.tmp, &mut self.k3);
        for ((s, &yi), &k) in self.tmp.iter_mut().zip(y.iter()).zip(&self.k3) {
            *s = yi + h * k;
        }
        sys.rhs(t + h, &self.tmp, &mut self.k4);
        let sixth = h / 6.0;
        for (i, yi) in y.iter_mut().enumerate() {
            *yi += sixth * (self.k1[i] + 2.0 * self.k2[i] + 2.0 * self.k3[i] + self.k4[i]);
        }
        Ok(())
    }

    /// Integrates from t0 to t1 (either direction) in n = ⌈|t1 − t0|/max_step⌉ equal steps, overwriting y
    /// with the state at t1. The step times are t0 + (t1 − t0)·k/n and the last one is t1 exactly.
    /// Returns the number of steps taken (0 when t0 = t1).
    pub fn integrate<S: OdeSystem + ?Sized>(
        &mut self,
        sys: &S,
        t0: f64,
        y: &mut [f64],
        t1: f64,
        max_step: f64,
    ) -> Result<usize, OdeError> {
        self.check(sys, y)?;
        let span = t1 - t0;
        // The step count must be representable exactly; 2^53 steps is beyond any useful integration.
        let count = (span.abs() / max_step).ceil();
        let valid = span.is_finite() && max_step > 0.0 && count < 9.0e15;
        if !valid {
            return Err(OdeError::InvalidStep { t0, t1, max_step });
        }
        let n = count as usize;
        let mut t = t0;
        for k in 1..=n {
            let next = if k == n { t1 } else { t0 + span * (k as f64 / n as f64) };
            self.step(sys, t, y, next - t)?;
            t = next;
        }
        Ok(n)
    }

    fn check<S: OdeSystem + ?Sized>(&self, sys: &S, y: &[f64]) -> Result<(), OdeError> {
        let expected = self.dim();
        for found in [y.len(), sys.dim()] {
            if found != expected {
                return Err(OdeError::Dimension { expected, found });
            }
        }
        Ok(())
    }
}

/// RK4 over [0, t_max] in `steps` equal steps, the way the network pages integrate: every
/// `stride`-th step (and the last) is marked for recording, and a step stops the run at the first
/// component that is not finite or has reached `limit` in modulus.
pub struct FixedSteps<S: OdeSystem> {
    pub system: S,
    rk: Rk4,
    pub step: u64,
    pub steps: u64,
    h: f64,
    stride: u64,
    limit: f64,
}

impl<S: OdeSystem> FixedSteps<S> {
    /// `steps` (at least 1) equal steps over [0, t_max], about `recorded` of them marked.
    pub fn new(system: S, t_max: f64, steps: u64, recorded: u64, limit: f64) -> Self {
        let steps = steps.max(1);
        let rk = Rk4::new(system.dim());
        FixedSteps {
            system,
            rk,
            step: 0,
            steps,
            h: t_max / steps as f64,
            stride: steps.div_ceil(recorded).max(1),
            limit,
        }
    }

    pub fn time(&self) -> f64 {
        self.step as f64 * self.h
    }

    pub fn done(&self) -> bool {
        self.step >= self.steps
    }

    /// One step of `state`: whether to record now, or the first component out of bounds and its value.
    pub fn step(&mut self, state: &mut [f64]) -> Result<bool, (usize, f64)> {
        let t = self.time();
        self.rk.step(&self.system, t, state, self.h).expect("the state has the system's dimension");
        self.step += 1;
        if let Some(i) = state.iter().position(|x| !x.is_finite() || x.abs() >= self.limit) {
            return Err((i, state[i]));
        }
        Ok(self.step % self.stride == 0 || self.step == self.steps)
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

    /// x'' = −ω² x as (x, v).
    struct Oscillator(f64);
    impl OdeSystem for Oscillator {
        fn dim(&self) -> usize {
            2
        }
        fn rhs(&self, _t: f64, y: &[f64], dy: &mut [f64]) {
            dy[0] = y[1];
            dy[1] = -self.0 * self.0 * y[0];
        }
    }

    /// y' = cos t, explicitly time-dependent.
    struct Forced;
    impl OdeSystem for Forced {
        fn dim(&self) -> usize {
            1
        }
        fn rhs(&self, t: f64, _y: &[f64], dy: &mut [f64]) {
            dy[0] = libm::cos(t);
        }
    }

    #[test]
    fn exponential_decay() {
        let mut rk = Rk4::new(1);
        let mut y = [1.0];
        let steps = rk.integrate(&Decay(1.5), 0.0, &mut y, 2.0, 0.01).unwrap();
        assert_eq!(steps, 200);
        // On a linear equation a step multiplies by the Taylor polynomial of e^z to 4th order, z = −λh.
        let z = -1.5 * 0.01;
        let factor = 1.0 + z * (1.0 + z / 2.0 * (1.0 + z / 3.0 * (1.0 + z / 4.0)));
        let discrete = (0..200).fold(1.0, |acc, _| acc * factor);
        assert!(((y[0] - discrete) / discrete).abs() < 1e-13, "{} vs {discrete}", y[0]);
        let exact = libm::exp(-3.0);
        assert!(((y[0] - exact) / exact).abs() < 2e-9, "{} vs {exact}", y[0]);
    }

    #[test]
    fn harmonic_oscillator() {
        let omega = 2.0;
        let mut rk = Rk4::new(2);
        let mut y = [1.0, 0.0];
        let t1 = 10.0;
        rk.integrate(&Oscillator(omega), 0.0, &mut y, t1, 1e-3).unwrap();
        assert!((y[0] - libm::cos(omega * t1)).abs() < 1e-10);
        assert!((y[1] + omega * libm::sin(omega * t1)).abs() < 1e-10);
        // Backwards in time returns to the start.
        rk.integrate(&Oscillator(omega), t1, &mut y, 0.0, 1e-3).unwrap();
        assert!((y[0] - 1.0).abs() < 1e-10 && y[1].abs() < 1e-10);
    }

    #[test]
    fn time_dependent_right_hand_side_lands_on_t1() {
        let mut rk = Rk4::new(1);
        let mut y = [0.0];
        // 0.1 → 0.3 does not divide evenly into steps of 0.07: three steps of 0.0666….
        assert_eq!(rk.integrate(&Forced, 0.1, &mut y, 0.3, 0.07).unwrap(), 3);
        let exact = libm::sin(0.3) - libm::sin(0.1);
        // RK4 on y' = g(t) is Simpson's rule, with error h⁵ g⁗/2880 per step.
        assert!((y[0] - exact).abs() < 3e-9);
        assert_eq!(rk.integrate(&Forced, 0.3, &mut y, 0.3, 0.07).unwrap(), 0);
    }

    #[test]
    fn fourth_order_convergence() {
        let sys = Oscillator(1.0);
        let t1 = 5.0;
        let error = |h: f64| {
            let mut rk = Rk4::new(2);
            let mut y = [1.0, 0.0];
            rk.integrate(&sys, 0.0, &mut y, t1, h).unwrap();
            (y[0] - libm::cos(t1)).abs()
        };
        let mut ratios = Vec::new();
        for h in [0.2, 0.1, 0.05] {
            ratios.push(error(h) / error(0.5 * h));
        }
        println!("RK4 error ratios on halving h: {ratios:?}");
        for r in ratios {
            assert!((r - 16.0).abs() < 1.0, "ratio {r}");
        }
    }

    #[test]
    fn reports_errors() {
        let mut rk = Rk4::new(2);
        let mut y1 = [1.0];
        let mut y2 = [1.0, 0.0];
        assert_eq!(rk.step(&Oscillator(1.0), 0.0, &mut y1, 0.1), Err(OdeError::Dimension { expected: 2, found: 1 }));
        assert_eq!(rk.step(&Decay(1.0), 0.0, &mut y2, 0.1), Err(OdeError::Dimension { expected: 2, found: 1 }));
        for (t1, h) in [(1.0, 0.0), (1.0, -0.1), (f64::INFINITY, 0.1), (1.0, f64::NAN), (1e300, 1e-300)] {
            assert!(matches!(rk.integrate(&Oscillator(1.0), 0.0, &mut y2, t1, h), Err(OdeError::InvalidStep { .. })));
        }
        assert_eq!(y2, [1.0, 0.0]);
    }
}
