//! A random recurrent network at the edge of chaos: dx_i/dt = −x_i + Σ_j J_ij φ_j(x_j), J_ij
//! Gaussian with variance g²/N, φ_j(x) = tanh(γ_j x). With one gain (γ = 1) the silent state
//! x = 0 is stable for g < 1; above, the network is chaotic, with an autocorrelation Δ(τ) and a
//! largest Lyapunov exponent given by dynamic mean-field theory. With two populations of gains
//! the onset moves to g_c = 1/√⟨γ²⟩ and the same theory holds with the rates' correlations
//! averaged over the populations. With two populations of time constants, τ_i dx_i/dt = −x_i + …,
//! the onset stays at g = 1 and each population has its own autocorrelation (`theory_tau`).
//!
//! ## Reference
//! H. Sompolinsky, A. Crisanti and H.-J. Sommers, "Chaos in random neural networks", Phys. Rev.
//! Lett. 61, 259 (1988). A. Crisanti and H. Sompolinsky, "Path integral approach to random neural
//! networks", Phys. Rev. E 98, 062120 (2018). Heterogeneous gains: the population form of the
//! same mean-field theory (the onset from the circular law of JΓ).

pub mod figures;
pub mod kernel;
pub mod network;
pub mod run;
pub mod theory;
pub mod theory_tau;

use crate::model::{
    Choice, Equation, Interval, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec, Params, Preset,
    Run, Scale,
};
use theory::Population;
use theory_tau::Group;

pub struct RandomRnn;

/// The most work a run may take: N² × steps (N = 2000 for 10⁴ steps, about 20 s at 500 steps/s).
pub const WORK_LIMIT: f64 = 4e10;

static SPEC: ModelSpec = ModelSpec {
    id: "random-rnn",
    title: "Random recurrent network: the transition to chaos",
    summary: "A network of N rate units coupled by a random Gaussian matrix of strength g. Below g = 1 all \
              activity dies out; above, it becomes chaotic: every unit fluctuates, and dynamic mean-field \
              theory predicts their autocorrelation, its size Δ0 and the largest Lyapunov exponent. The lines \
              are the theory at N → ∞, the points one network of N units. With two populations of gains the \
              onset moves to g_c = 1/√⟨γ²⟩. With two populations of time constants the onset stays at g = 1, and \
              fast and slow units each have their own autocorrelation, from a mean-field theory solved by FFT.",
    papers: &[
        Paper {
            authors: "H. Sompolinsky, A. Crisanti, H.-J. Sommers",
            title: "Chaos in random neural networks",
            venue: "Physical Review Letters 61, 259",
            year: 1988,
            doi: Some("10.1103/PhysRevLett.61.259"),
            arxiv: None,
        },
        Paper {
            authors: "A. Crisanti, H. Sompolinsky",
            title: "Path integral approach to random neural networks",
            venue: "Physical Review E 98, 062120",
            year: 2018,
            doi: Some("10.1103/PhysRevE.98.062120"),
            arxiv: Some("1809.06042"),
        },
        Paper {
            authors: "Y. Ahmadian, F. Fumarola, K. D. Miller",
            title: "Properties of networks with partially structured and partially random connectivity",
            venue: "Physical Review E 91, 012820",
            year: 2015,
            doi: Some("10.1103/PhysRevE.91.012820"),
            arxiv: None,
        },
    ],
    equations: &[
        Equation {
            caption: "The network: currents x_i, rates tanh(γ_j x_j), Gaussian couplings of variance g²/N",
            mathml: r#"<math display="block"><mfrac><mrow><mi>d</mi><msub><mi>x</mi><mi>i</mi></msub></mrow><mrow><mi>d</mi><mi>t</mi></mrow></mfrac><mo>=</mo><mo>−</mo><msub><mi>x</mi><mi>i</mi></msub><mo>+</mo><munderover><mo>∑</mo><mrow><mi>j</mi><mo>=</mo><mn>1</mn></mrow><mi>N</mi></munderover><msub><mi>J</mi><mrow><mi>i</mi><mi>j</mi></mrow></msub><mi>tanh</mi><mo>(</mo><msub><mi>γ</mi><mi>j</mi></msub><msub><mi>x</mi><mi>j</mi></msub><mo>)</mo><mo separator="true">,</mo><mspace width="1em"/><msub><mi>J</mi><mrow><mi>i</mi><mi>j</mi></mrow></msub><mo>∼</mo><mi mathvariant="script">N</mi><mo>(</mo><mn>0</mn><mo separator="true">,</mo><msup><mi>g</mi><mn>2</mn></msup><mo>/</mo><mi>N</mi><mo>)</mo></math>"#,
        },
        Equation {
            caption: "Mean-field theory: the autocorrelation Δ(τ) moves in a potential; Δ0 = Δ(0) from energy conservation",
            mathml: r#"<math display="block"><msup><mi>Δ</mi><mo>″</mo></msup><mo>=</mo><mi>Δ</mi><mo>−</mo><msup><mi>g</mi><mn>2</mn></msup><munder><mo>∑</mo><mi>a</mi></munder><msub><mi>p</mi><mi>a</mi></msub><mo>⟨</mo><msub><mi>φ</mi><mi>a</mi></msub><mo>(</mo><mi>x</mi><mo>(</mo><mi>t</mi><mo>)</mo><mo>)</mo><msub><mi>φ</mi><mi>a</mi></msub><mo>(</mo><mi>x</mi><mo>(</mo><mi>t</mi><mo>+</mo><mi>τ</mi><mo>)</mo><mo>)</mo><mo>⟩</mo><mo separator="true">,</mo><mspace width="1em"/><mfrac><msubsup><mi>Δ</mi><mn>0</mn><mn>2</mn></msubsup><mn>2</mn></mfrac><mo>=</mo><msup><mi>g</mi><mn>2</mn></msup><munder><mo>∑</mo><mi>a</mi></munder><msub><mi>p</mi><mi>a</mi></msub><mi>Var</mi><mo>[</mo><msub><mi>Φ</mi><mi>a</mi></msub><mo>(</mo><msqrt><msub><mi>Δ</mi><mn>0</mn></msub></msqrt><mi>z</mi><mo>)</mo><mo>]</mo></math>"#,
        },
        Equation {
            caption: "Largest Lyapunov exponent from the ground state E₀ of a Schrödinger problem in τ",
            mathml: r#"<math display="block"><mo>[</mo><mo>−</mo><msubsup><mo>∂</mo><mi>τ</mi><mn>2</mn></msubsup><mo>+</mo><mn>1</mn><mo>−</mo><msup><mi>g</mi><mn>2</mn></msup><munder><mo>∑</mo><mi>a</mi></munder><msub><mi>p</mi><mi>a</mi></msub><mo>⟨</mo><msubsup><mi>φ</mi><mi>a</mi><mo>′</mo></msubsup><msubsup><mi>φ</mi><mi>a</mi><mo>′</mo></msubsup><mo>⟩</mo><mo>(</mo><mi>τ</mi><mo>)</mo><mo>]</mo><mi>ψ</mi><mo>=</mo><mi>E</mi><mi>ψ</mi><mo separator="true">,</mo><mspace width="1em"/><msub><mi>λ</mi><mi>max</mi></msub><mo>=</mo><mo>−</mo><mn>1</mn><mo>+</mo><msqrt><mrow><mn>1</mn><mo>−</mo><msub><mi>E</mi><mn>0</mn></msub></mrow></msqrt></math>"#,
        },
        Equation {
            caption: "Two time constants: each population filters the common field; the spectrum at rest fills {z : g²⟨γ²/|τz + 1|²⟩ ≥ 1}",
            mathml: r#"<math display="block"><msub><mi>τ</mi><mi>i</mi></msub><mfrac><mrow><mi>d</mi><msub><mi>x</mi><mi>i</mi></msub></mrow><mrow><mi>d</mi><mi>t</mi></mrow></mfrac><mo>=</mo><mo>−</mo><msub><mi>x</mi><mi>i</mi></msub><mo>+</mo><munder><mo>∑</mo><mi>j</mi></munder><msub><mi>J</mi><mrow><mi>i</mi><mi>j</mi></mrow></msub><msub><mi>φ</mi><mi>j</mi></msub><mo>(</mo><msub><mi>x</mi><mi>j</mi></msub><mo>)</mo><mo separator="true">,</mo><mspace width="1em"/><msub><mi>S</mi><mrow><mi>x</mi><mo separator="true">,</mo><mi>a</mi></mrow></msub><mo>(</mo><mi>ω</mi><mo>)</mo><mo>=</mo><mfrac><mrow><msup><mi>g</mi><mn>2</mn></msup><mi mathvariant="script">F</mi><mo>[</mo><munder><mo>∑</mo><mi>b</mi></munder><msub><mi>p</mi><mi>b</mi></msub><msub><mi>C</mi><msub><mi>φ</mi><mi>b</mi></msub></msub><mo>(</mo><msub><mi>Δ</mi><mi>b</mi></msub><mo>)</mo><mo>]</mo><mo>(</mo><mi>ω</mi><mo>)</mo></mrow><mrow><mn>1</mn><mo>+</mo><msup><mi>ω</mi><mn>2</mn></msup><msubsup><mi>τ</mi><mi>a</mi><mn>2</mn></msubsup></mrow></mfrac></math>"#,
        },
    ],
    params: &[
        ParamSpec {
            name: "g",
            symbol: "g",
            label: "coupling strength",
            unit: "",
            help: "Standard deviation of the couplings times √N. Chaos sets in at g = 1 (at 1/√⟨γ²⟩ with two gains).",
            kind: ParamKind::Float { range: Interval::closed(0.0, 3.0), default: 1.5, scale: Scale::Linear },
        },
        ParamSpec {
            name: "N",
            symbol: "N",
            label: "number of units",
            unit: "",
            help: "The theory holds as N → ∞; at finite N the statistics scatter by about 1/√N.",
            kind: ParamKind::Int { min: 20, max: 2000, default: 1000, scale: Scale::Log },
        },
        ParamSpec {
            name: "T",
            symbol: "T",
            label: "measured duration",
            unit: "τ_m",
            help: "How long the network is measured after the burn-in, in units of the unit time constant.",
            kind: ParamKind::Float { range: Interval::closed(10.0, 2000.0), default: 200.0, scale: Scale::Log },
        },
        ParamSpec {
            name: "burn_in",
            symbol: "T₀",
            label: "burn-in",
            unit: "τ_m",
            help: "Time left to the network to forget its start x(0) ∼ 𝒩(0, 1) before anything is measured.",
            kind: ParamKind::Float { range: Interval::closed(0.0, 500.0), default: 50.0, scale: Scale::Linear },
        },
        ParamSpec {
            name: "dt",
            symbol: "Δt",
            label: "time step",
            unit: "τ_m",
            help: "Step of Heun's method (second order). 0.05 changes the statistics by less than their scatter. With two time constants: at most a tenth of the shorter one (0.05 τ_min is the usual).",
            kind: ParamKind::Float { range: Interval::closed(0.005, 0.1), default: 0.05, scale: Scale::Log },
        },
        ParamSpec {
            name: "gains",
            symbol: "γ",
            label: "gains",
            unit: "",
            help: "One gain for all units (γ = 1), or two populations of gains γ₁ and γ₂.",
            kind: ParamKind::Choice {
                options: &[
                    Choice { value: "equal", label: "equal, γ = 1" },
                    Choice { value: "two", label: "two populations, γ₁ and γ₂" },
                ],
                default: "equal",
            },
        },
        ParamSpec {
            name: "gamma_1",
            symbol: "γ₁",
            label: "gain of population 1",
            unit: "",
            help: "With two populations: φ(x) = tanh(γ₁x) for the first.",
            kind: ParamKind::Float { range: Interval::closed(0.1, 2.0), default: 0.5, scale: Scale::Linear },
        },
        ParamSpec {
            name: "gamma_2",
            symbol: "γ₂",
            label: "gain of population 2",
            unit: "",
            help: "With two populations: φ(x) = tanh(γ₂x) for the second.",
            kind: ParamKind::Float { range: Interval::closed(0.1, 2.0), default: 1.5, scale: Scale::Linear },
        },
        ParamSpec {
            name: "share_2",
            symbol: "p₂",
            label: "share of population 2",
            unit: "",
            help: "With two populations: the fraction of units of gain γ₂ (the last ⌊p₂N⌉ units).",
            kind: ParamKind::Float { range: Interval::closed(0.0, 1.0), default: 0.5, scale: Scale::Linear },
        },
        ParamSpec {
            name: "taus",
            symbol: "τ",
            label: "time constants",
            unit: "",
            help: "One time constant for all units (τ = 1), or two populations τ₁ and τ₂: τ_i dx_i/dt = −x_i + Σ_j J_ij φ_j(x_j).",
            kind: ParamKind::Choice {
                options: &[
                    Choice { value: "equal", label: "equal, τ = 1" },
                    Choice { value: "two", label: "two populations, τ₁ and τ₂" },
                ],
                default: "equal",
            },
        },
        ParamSpec::float(
            "tau_1",
            "τ₁",
            "time constant of population 1",
            "With two time constants: τ of the first population. The time step must stay below a tenth of the shorter one.",
            Interval::closed(0.5, 20.0),
            1.0,
        )
        .with_unit("τ_m")
        .with_scale(Scale::Log),
        ParamSpec::float(
            "tau_2",
            "τ₂",
            "time constant of population 2",
            "With two time constants: τ of the second population.",
            Interval::closed(0.5, 20.0),
            10.0,
        )
        .with_unit("τ_m")
        .with_scale(Scale::Log),
        ParamSpec::float(
            "tau_share_2",
            "q₂",
            "share of time constant τ₂",
            "With two time constants: the fraction of units of time constant τ₂ (⌊q₂N⌉ units, spread evenly over the network, so independent of the gains).",
            Interval::closed(0.0, 1.0),
            0.5,
        ),
        ParamSpec {
            name: "lyapunov",
            symbol: "",
            label: "measure λ_max",
            unit: "",
            help: "Carry a tangent vector to measure the largest Lyapunov exponent. Off, a step costs half \
                   as much arithmetic and the currents are the same to the bit.",
            kind: ParamKind::Bool { default: true },
        },
    ],
    presets: &[
        Preset {
            name: "Chaos at g = 1.5",
            description: "Slow irregular fluctuations; Δ0 ≈ 0.75 and λ_max ≈ 0.047.",
            values: &[("g", "1.5"), ("N", "1000"), ("T", "200"), ("gains", "equal")],
        },
        Preset {
            name: "Silent at g = 0.8",
            description: "Every eigenvalue of J inside the unit line: activity decays to 0.",
            values: &[("g", "0.8"), ("N", "1000"), ("T", "50"), ("burn_in", "0"), ("gains", "equal")],
        },
        Preset {
            name: "Two gains, 0.5 and 1.5",
            description: "Half the units with gain 0.5, half with 1.5: the onset falls to g_c = 0.894.",
            values: &[
                ("g", "1.5"),
                ("N", "1000"),
                ("gains", "two"),
                ("gamma_1", "0.5"),
                ("gamma_2", "1.5"),
                ("share_2", "0.5"),
            ],
        },
        Preset {
            name: "Fast and slow units, τ = 1 and 10",
            description: "Half the units ten times slower: the same onset g_c = 1; slow units fluctuate less but for longer.",
            values: &[
                ("g", "2"),
                ("N", "1000"),
                ("T", "400"),
                ("burn_in", "100"),
                ("dt", "0.05"),
                ("gains", "equal"),
                ("taus", "two"),
                ("tau_1", "1"),
                ("tau_2", "10"),
                ("tau_share_2", "0.5"),
            ],
        },
    ],
    observables: &[
        Observable::measured("delta0", "Δ0 = ⟨x²⟩").predicted_by("delta0_theory"),
        Observable::theory("delta0_theory", "Δ0 = ⟨x²⟩"),
        Observable::measured("lyapunov", "largest Lyapunov exponent λ_max").predicted_by("lyapunov_theory"),
        Observable::theory("lyapunov_theory", "largest Lyapunov exponent λ_max"),
        Observable::measured("radius", "spectral radius of J (or JΓ)").predicted_by("radius_theory"),
        Observable::theory("radius_theory", "spectral radius of J (or JΓ)"),
    ],
};

/// The page's parameters, typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub g: f64,
    pub n: usize,
    pub t: f64,
    pub burn_in: f64,
    pub dt: f64,
    pub populations: Vec<Population>,
    /// Whether the run carries the tangent vector of Benettin's λ_max.
    pub lyapunov: bool,
    /// Two populations of time constants, or `None`: τ = 1 for every unit.
    pub time_constants: Option<TimeConstants>,
}

/// Two time constants τ₁ and τ₂, a share of the units having τ₂.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeConstants {
    pub tau_1: f64,
    pub tau_2: f64,
    pub share_2: f64,
}

impl Settings {
    pub fn from_params(p: &Params) -> Self {
        let populations = match p.choice("gains") {
            "two" => {
                let n = p.int("N") as f64;
                let share = (p.float("share_2") * n).round() / n;
                vec![
                    Population { gain: p.float("gamma_1"), share: 1.0 - share },
                    Population { gain: p.float("gamma_2"), share },
                ]
            }
            _ => theory::HOMOGENEOUS.to_vec(),
        };
        Settings {
            g: p.float("g"),
            n: p.int("N") as usize,
            t: p.float("T"),
            burn_in: p.float("burn_in"),
            dt: p.float("dt"),
            populations,
            lyapunov: p.flag("lyapunov"),
            time_constants: (p.choice("taus") == "two").then(|| TimeConstants {
                tau_1: p.float("tau_1"),
                tau_2: p.float("tau_2"),
                share_2: p.float("tau_share_2"),
            }),
        }
    }

    /// Steps of the whole run, burn-in included.
    pub fn steps(&self) -> u64 {
        ((self.burn_in + self.t) / self.dt).round() as u64
    }

    pub fn work(&self) -> f64 {
        (self.n * self.n) as f64 * self.steps() as f64
    }

    /// The population of each unit: the last round(p₂N) units are population 2. The shares used by
    /// the theory are these counts over N, so that theory and network describe the same units.
    pub fn population_of_units(&self) -> Vec<usize> {
        if self.populations.len() == 1 {
            return vec![0; self.n];
        }
        let second = (self.populations[1].share * self.n as f64).round() as usize;
        (0..self.n).map(|i| usize::from(i >= self.n - second)).collect()
    }
}

impl Settings {
    /// The shortest time constant (1 with one time constant).
    pub fn tau_min(&self) -> f64 {
        self.time_constants.map_or(1.0, |t| t.tau_1.min(t.tau_2))
    }

    /// Whether each unit has time constant τ₂: ⌊q₂N⌉ units spread evenly (unit i where ⌊(i+1)m/N⌋
    /// passes ⌊im/N⌋), so that with contiguous populations of gains the two are independent.
    /// `None` with one time constant.
    pub fn slow_units(&self) -> Option<Vec<bool>> {
        let t = self.time_constants?;
        let n = self.n;
        let m = (t.share_2 * n as f64).round() as usize;
        Some((0..n).map(|i| (i + 1) * m / n > i * m / n).collect())
    }

    /// With two time constants: the groups of units of one gain and one time constant (those with
    /// units, gain population first), and the group of each unit. `None` with one time constant.
    pub fn groups(&self) -> Option<(Vec<Group>, Vec<usize>)> {
        let t = self.time_constants?;
        let slow = self.slow_units()?;
        let gain_of = self.population_of_units();
        let key = |i: usize| 2 * gain_of[i] + usize::from(slow[i]);
        let mut counts = vec![0usize; 2 * self.populations.len()];
        for i in 0..self.n {
            counts[key(i)] += 1;
        }
        let mut index = vec![usize::MAX; counts.len()];
        let mut groups = Vec::new();
        for (k, &c) in counts.iter().enumerate() {
            if c > 0 {
                index[k] = groups.len();
                let tau = if k % 2 == 1 { t.tau_2 } else { t.tau_1 };
                groups.push(Group { gain: self.populations[k / 2].gain, tau, share: c as f64 / self.n as f64 });
            }
        }
        Some((groups, (0..self.n).map(|i| index[key(i)]).collect()))
    }
}

impl Model for RandomRnn {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let s = Settings::from_params(params);
        if s.work() > WORK_LIMIT {
            return Err(ParamError::Constraint(format!(
                "N={} with T={}, burn_in={} and dt={} needs N² × steps = {:.1e}, more than the limit of {WORK_LIMIT:.0e} \
                 (about half a minute): lower N, T or burn_in, or raise dt",
                s.n,
                s.t,
                s.burn_in,
                s.dt,
                s.work()
            )));
        }
        if let Some(t) = s.time_constants {
            let shortest = s.tau_min();
            if s.dt > 0.1 * shortest {
                return Err(ParamError::Constraint(format!(
                    "dt={} is more than a tenth of the shortest time constant min(tau_1, tau_2) = {shortest} \
                     (tau_1={}, tau_2={}): lower dt to at most {}, e.g. 0.05 × {shortest} = {}",
                    s.dt,
                    t.tau_1,
                    t.tau_2,
                    0.1 * shortest,
                    0.05 * shortest
                )));
            }
        }
        Ok(())
    }

    fn cost(&self, params: &Params) -> f64 {
        Settings::from_params(params).work() / WORK_LIMIT
    }

    fn start(&self, params: &Params, seed: u64) -> Box<dyn Run> {
        Box::new(run::RnnRun::new(Settings::from_params(params), seed))
    }
}
