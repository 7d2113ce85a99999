//! The learners of the perceptron model: the teacher and its examples, students trained online
//! (Hebb, perceptron rule), and the Monte Carlo sampler of the version space (Gibbs learning).

use crate::num::vector::{axpy, cosine, dot};
use crate::rng::{Pcg32, normal, stream};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    Hebb,
    Online,
    Gibbs,
}

impl Rule {
    /// From a validated choice value of the spec.
    pub fn from_name(name: &str) -> Rule {
        match name {
            "hebb" => Rule::Hebb,
            "online" => Rule::Online,
            "gibbs" => Rule::Gibbs,
            other => unreachable!("rule '{other}' is not in the spec"),
        }
    }
}

/// A teacher perceptron T with |T|² ≈ N, and its stream of labelled Gaussian examples.
///
/// The teacher of repetition r comes from the stream ("teacher", r), its examples from ("data", r):
/// every rule sees the same teacher and the same examples for the same seed.
pub struct Teacher {
    pub weights: Vec<f64>,
    data: Pcg32,
    input: Vec<f64>,
}

impl Teacher {
    pub fn new(n: usize, seed: u64, repetition: u64) -> Self {
        let mut weights = vec![0.0; n];
        normal().fill(&mut stream(seed, "teacher", repetition), &mut weights);
        Teacher { weights, data: stream(seed, "data", repetition), input: vec![0.0; n] }
    }

    /// The next example ξ ~ N(0, I_N), labelled σ = sign(T·ξ).
    pub fn next_example(&mut self) -> Example<'_> {
        normal().fill(&mut self.data, &mut self.input);
        let field = dot(&self.weights, &self.input);
        Example { input: &self.input, label: if field >= 0.0 { 1.0 } else { -1.0 }, field }
    }

    pub fn overlap(&self, student: &[f64]) -> f64 {
        cosine(student, &self.weights)
    }
}

/// One labelled example.
pub struct Example<'a> {
    pub input: &'a [f64],
    /// σ = ±1.
    pub label: f64,
    /// The teacher's field T·ξ.
    pub field: f64,
}

/// A student trained one example at a time, from J = 0.
pub struct OnlineStudent {
    hebb: bool,
    pub weights: Vec<f64>,
    /// η/√N with η = 1: from J = 0 both rules are invariant under a change of scale of J, so the
    /// learning rate would change nothing but |J|.
    step: f64,
}

impl OnlineStudent {
    pub fn new(rule: Rule, n: usize) -> Self {
        OnlineStudent { hebb: rule == Rule::Hebb, weights: vec![0.0; n], step: 1.0 / (n as f64).sqrt() }
    }

    /// Hebb: J += σξ/√N always. Perceptron rule: only when J gets the example wrong (σ J·ξ ≤ 0).
    pub fn learn(&mut self, input: &[f64], label: f64) {
        if self.hebb || label * dot(&self.weights, input) <= 0.0 {
            axpy(label * self.step, input, &mut self.weights);
        }
    }
}

/// Gibbs learning: a Markov chain whose stationary law is the Gaussian measure restricted to the
/// version space {J : σ^μ J·ξ^μ > 0 for every active example μ}. The direction of such a J is
/// uniform on the part of the sphere that classifies every example right, which is Gibbs learning
/// at zero temperature; the centre of mass of many samples approximates the Bayes-optimal student.
///
/// Each step is exact Hamiltonian Monte Carlo for a truncated Gaussian (Pakman & Paninski 2014),
/// the exact form of Ruján's (1997) billiard in version space: with a fresh velocity v ~ N(0, I),
/// J moves on J cos t + v sin t for a time π/2 and reflects off every wall σ^μ ξ^μ·J = 0 it meets.
/// A wall-free trajectory of length π/2 would give an independent draw; the walls are what make
/// the version space narrow, and bouncing (rather than stopping, as coordinate or slice moves
/// must) lets J cross it in one step: successive steps are nearly independent. A step costs two
/// products of the examples with a vector, O(NP), and O(P) per reflection thanks to the Gram
/// matrix of the examples, which is why the number of examples is capped.
pub struct GibbsChain {
    n: usize,
    /// rows[μ N + i] = σ^μ ξ^μ_i, all examples of the run.
    rows: Vec<f64>,
    /// gram[μ P + ν] = σ^μξ^μ·σ^νξ^ν for active μ, ν (P the capacity), for reflections.
    gram: Vec<f64>,
    capacity: usize,
    /// σ^μ T·ξ^μ > 0: the teacher's margins, used to move J back into the version space.
    teacher_margins: Vec<f64>,
    teacher: Vec<f64>,
    /// h_μ = J·σ^μξ^μ and g_μ = v·σ^μξ^μ on the active examples.
    margins: Vec<f64>,
    slopes: Vec<f64>,
    active: usize,
    pub weights: Vec<f64>,
    velocity: Vec<f64>,
    rng: Pcg32,
}

/// A step that meets this many walls stops where it is (a grazing trajectory); the chain stays
/// valid, the step is only shorter.
const MAX_BOUNCES: u32 = 10_000;

impl GibbsChain {
    /// Draw the teacher and all `max_examples` examples of repetition r, and a random start.
    pub fn new(n: usize, max_examples: usize, seed: u64, repetition: u64) -> Self {
        let mut teacher = Teacher::new(n, seed, repetition);
        let mut rows = vec![0.0; n * max_examples];
        let mut teacher_margins = vec![0.0; max_examples];
        for mu in 0..max_examples {
            let example = teacher.next_example();
            for (r, &x) in rows[mu * n..(mu + 1) * n].iter_mut().zip(example.input) {
                *r = example.label * x;
            }
            teacher_margins[mu] = example.field.abs();
        }
        let mut rng = stream(seed, "gibbs", repetition);
        let mut weights = vec![0.0; n];
        normal().fill(&mut rng, &mut weights);
        GibbsChain {
            n,
            rows,
            gram: vec![0.0; max_examples * max_examples],
            capacity: max_examples,
            teacher_margins,
            teacher: teacher.weights,
            margins: vec![0.0; max_examples],
            slopes: vec![0.0; max_examples],
            active: 0,
            weights,
            velocity: vec![0.0; n],
            rng,
        }
    }

    fn row(&self, mu: usize) -> &[f64] {
        &self.rows[mu * self.n..(mu + 1) * self.n]
    }

    /// Learn the examples up to `count`. If J misclassifies any new one, it moves towards the
    /// teacher, J ← J + cT, which keeps every old margin positive and makes the new ones positive;
    /// the burn-in that follows forgets this start.
    pub fn activate(&mut self, count: usize) {
        assert!(count >= self.active && count * self.n <= self.rows.len());
        let worst = (self.active..count)
            .map(|mu| -dot(self.row(mu), &self.weights) / self.teacher_margins[mu])
            .fold(0.0, f64::max);
        if worst > 0.0 {
            axpy(2.0 * worst, &self.teacher, &mut self.weights);
        }
        for mu in self.active..count {
            for nu in 0..=mu {
                let g = dot(self.row(mu), self.row(nu));
                self.gram[mu * self.capacity + nu] = g;
                self.gram[nu * self.capacity + mu] = g;
            }
        }
        self.active = count;
    }

    /// One trajectory of length π/2.
    pub fn step(&mut self) {
        let (n, active) = (self.n, self.active);
        normal().fill(&mut self.rng, &mut self.velocity);
        for mu in 0..active {
            let row = &self.rows[mu * n..(mu + 1) * n];
            self.margins[mu] = dot(row, &self.weights);
            self.slopes[mu] = dot(row, &self.velocity);
        }
        let mut left = std::f64::consts::FRAC_PI_2;
        for _ in 0..MAX_BOUNCES {
            // h_μ(t) = h_μ cos t + g_μ sin t first vanishes at t = atan(g_μ/h_μ) + π/2: the wall
            // met first is the one with the smallest g/h. (A margin rounded to ≤ 0 counts as a
            // hair above 0: a wall just left, with g > 0, is then not met again.)
            let (wall, smallest) = first_wall(&self.slopes[..active], &self.margins[..active]);
            let hit =
                if wall == usize::MAX { f64::INFINITY } else { libm::atan(smallest) + std::f64::consts::FRAC_PI_2 };
            let t = hit.min(left);
            self.rotate(t);
            left -= t;
            if hit >= left + t {
                return;
            }
            self.reflect(wall);
        }
    }

    /// Move along the trajectory for a time t: (J, v) ← (J cos t + v sin t, −J sin t + v cos t).
    fn rotate(&mut self, t: f64) {
        let (sin, cos) = (libm::sin(t), libm::cos(t));
        for (j, v) in self.weights.iter_mut().zip(self.velocity.iter_mut()) {
            (*j, *v) = (*j * cos + *v * sin, -*j * sin + *v * cos);
        }
        for (h, g) in self.margins[..self.active].iter_mut().zip(self.slopes[..self.active].iter_mut()) {
            (*h, *g) = (*h * cos + *g * sin, -*h * sin + *g * cos);
        }
    }

    /// Reflect the velocity off the wall of example μ: v ← v − 2 (v·a/|a|²) a, a = σ^μ ξ^μ; the
    /// slopes follow through the Gram matrix, g_ν ← g_ν − 2 (g_μ/|a|²) a·σ^νξ^ν.
    fn reflect(&mut self, wall: usize) {
        let (n, active) = (self.n, self.active);
        let gram_row = &self.gram[wall * self.capacity..wall * self.capacity + active];
        let c = -2.0 * self.slopes[wall] / gram_row[wall];
        axpy(c, &self.rows[wall * n..(wall + 1) * n], &mut self.velocity);
        axpy(c, gram_row, &mut self.slopes[..active]);
        self.margins[wall] = 0.0;
    }

    pub fn overlap(&self) -> f64 {
        cosine(&self.weights, &self.teacher)
    }

    pub fn teacher(&self) -> &[f64] {
        &self.teacher
    }

    /// The smallest margin on the active examples (positive inside the version space).
    #[cfg(test)]
    fn smallest_margin(&self) -> f64 {
        (0..self.active).map(|mu| dot(self.row(mu), &self.weights)).fold(f64::INFINITY, f64::min)
    }
}

/// The index and value of the smallest g_μ/h_μ (h_μ taken as at least the smallest positive
/// number), the first of them on ties; (usize::MAX, ∞) for no examples.
///
/// Four independent lanes (μ mod 4) that the compiler can map to SIMD registers, merged at the
/// end; the result is exactly that of the plain loop, on every target.
fn first_wall(slopes: &[f64], margins: &[f64]) -> (usize, f64) {
    let ratio = |g: f64, h: f64| g / h.max(f64::MIN_POSITIVE);
    // Indices as u64 lanes, as wide as the f64 lanes, so that wasm32 (32-bit usize) vectorizes
    // the selection as x86-64 does.
    let (mut best, mut at) = ([f64::INFINITY; 4], [u64::MAX; 4]);
    let (gs, hs) = (slopes.chunks_exact(4), margins.chunks_exact(4));
    let tail = gs.remainder().iter().zip(hs.remainder()).enumerate();
    let mut index = [0u64, 1, 2, 3];
    for (g, h) in gs.zip(hs) {
        for k in 0..4 {
            let r = ratio(g[k], h[k]);
            if r < best[k] {
                (best[k], at[k]) = (r, index[k]);
            }
            index[k] += 4;
        }
    }
    for (k, (&g, &h)) in tail {
        let r = ratio(g, h);
        if r < best[k] {
            (best[k], at[k]) = (r, index[k]);
        }
    }
    let (wall, smallest) = (0..4).fold((u64::MAX, f64::INFINITY), |(wall, smallest), k| {
        if best[k] < smallest || (best[k] == smallest && at[k] < wall) { (at[k], best[k]) } else { (wall, smallest) }
    });
    (if wall == u64::MAX { usize::MAX } else { wall as usize }, smallest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gibbs_chain_stays_in_the_version_space() {
        let mut chain = GibbsChain::new(40, 120, 3, 0);
        for count in [10, 60, 120] {
            chain.activate(count);
            for _ in 0..50 {
                chain.step();
                assert!(chain.smallest_margin() > -1e-9, "a margin went negative: {}", chain.smallest_margin());
            }
        }
    }

    #[test]
    fn gibbs_chain_forgets_its_start_in_a_few_steps() {
        // The schedule of the runs (burn-in 4, no thinning) relies on this. Start from the
        // teacher's side of the version space (activate() pushes J towards T) at N = 200, α = 2,
        // where Gibbs learning has R = 0.7283 as N → ∞.
        let (n, p) = (200, 400);
        let mut chain = GibbsChain::new(n, p, 17, 0);
        chain.activate(p);
        for _ in 0..4 {
            chain.step();
        }
        let rs: Vec<f64> = (0..200)
            .map(|_| {
                chain.step();
                chain.overlap()
            })
            .collect();
        let mean = rs.iter().sum::<f64>() / rs.len() as f64;
        let var = rs.iter().map(|r| (r - mean) * (r - mean)).sum::<f64>() / rs.len() as f64;
        let lag1 = rs.windows(2).map(|w| (w[0] - mean) * (w[1] - mean)).sum::<f64>() / ((rs.len() - 1) as f64 * var);
        // Within one teacher the spread of R is about 0.02; the O(1/√N) difference between this
        // teacher's version space and the average one is of the same order.
        println!("after burn-in: mean R {mean:.4}, lag-1 autocorrelation {lag1:.3}");
        assert!((mean - 0.7283).abs() < 0.05, "mean overlap {mean} after burn-in");
        // Successive samples nearly independent: a coordinate-wise sampler gives 0.99 here.
        assert!(lag1 < 0.3, "lag-1 autocorrelation {lag1}");
    }

    #[test]
    fn first_wall_is_the_plain_loop() {
        let mut rng = stream(5, "test", 0);
        for n in 0..23 {
            let g: Vec<f64> = (0..n).map(|_| normal().sample(&mut rng)).collect();
            let mut h: Vec<f64> = (0..n).map(|_| normal().sample(&mut rng).abs()).collect();
            if n > 3 {
                h[2] = 0.0; // a wall just left
                h[n - 1] = h[1]; // and ties
            }
            let (mut wall, mut smallest) = (usize::MAX, f64::INFINITY);
            for mu in 0..n {
                let r = g[mu] / h[mu].max(f64::MIN_POSITIVE);
                if r < smallest {
                    (wall, smallest) = (mu, r);
                }
            }
            assert_eq!(first_wall(&g, &h), (wall, smallest), "n = {n}");
        }
    }

    #[test]
    fn every_rule_sees_the_same_examples() {
        let mut a = Teacher::new(20, 9, 2);
        let mut b = Teacher::new(20, 9, 2);
        assert_eq!(a.weights, b.weights);
        let first = a.next_example();
        let (xa, la) = (first.input.to_vec(), first.label);
        let second = b.next_example();
        assert_eq!((xa.as_slice(), la), (second.input, second.label));
    }
}
