//! The page's equations as MathML.

use crate::model::Equation;

pub static ALL: &[Equation] = &[
    Equation {
        caption: "Overdamped Langevin dynamics of the weights (mobility 1, k_B = 1), from ω(0) ~ N(0, T/k) at equilibrium without force; Euler–Maruyama steps",
        mathml: r#"<math display="block"><mi>d</mi><mi class="vec">ω</mi><mo>=</mo><mo>[</mo><mo>−</mo><mi>k</mi><mi class="vec">ω</mi><mo>+</mo><mi class="vec">f</mi><mo>(</mo><mi class="vec">ω</mi><mo>)</mo><mo>]</mo><mi>d</mi><mi>t</mi><mo>+</mo><msqrt><mrow><mn>2</mn><mi>T</mi></mrow></msqrt><mi>d</mi><mi class="vec">W</mi></math>"#,
    },
    Equation {
        caption: "The learning force, switched on at t = 0: Hebb F = 1; Perceptron F = Θ(−λ); AdaTron F = |λ|Θ(−λ), with the stability λ^μ = σ^μ ω·ξ^μ/√N",
        mathml: r#"<math display="block"><mi class="vec">f</mi><mo>=</mo><mfrac><mi>ν</mi><msqrt><mi>N</mi></msqrt></mfrac><munderover><mo>∑</mo><mrow><mi>μ</mi><mo>=</mo><mn>1</mn></mrow><mi>P</mi></munderover><msubsup><mi>σ</mi><mi>T</mi><mi>μ</mi></msubsup><msup><mi class="vec">ξ</mi><mi>μ</mi></msup><mi>F</mi><mo>(</mo><msup><mi>λ</mi><mi>μ</mi></msup><mo>)</mo></math>"#,
    },
    Equation {
        caption: "Total entropy production of a trajectory: the medium's heat from the first law (work W of switching the force on, minus the change of potential) and the change of the system's entropy −ln p(ω, t)",
        mathml: r#"<math display="block"><msub><mi>S</mi><mi>tot</mi></msub><mo>=</mo><mfrac><mrow><mi>W</mi><mo>−</mo><mi>Δ</mi><mi>V</mi></mrow><mi>T</mi></mfrac><mo>−</mo><mi>ln</mi><mfrac><mrow><mi>p</mi><mo>(</mo><mi class="vec">ω</mi><mo>(</mo><mi>t</mi><mo>)</mo><mo separator="true">,</mo><mi>t</mi><mo>)</mo></mrow><mrow><mi>p</mi><mo>(</mo><mi class="vec">ω</mi><mo>(</mo><mn>0</mn><mo>)</mo><mo separator="true">,</mo><mn>0</mn><mo>)</mo></mrow></mfrac><mo separator="true">,</mo><mspace width="1em"/><mo>⟨</mo><msub><mi>S</mi><mi>tot</mi></msub><mo>⟩</mo><mo>=</mo><mfrac><mrow><mi>k</mi><msup><mrow><mo>|</mo><msub><mi class="vec">m</mi><mi>∞</mi></msub><mo>|</mo></mrow><mn>2</mn></msup></mrow><mrow><mn>2</mn><mi>T</mi></mrow></mfrac><mo>(</mo><mn>1</mn><mo>−</mo><msup><mi>e</mi><mrow><mo>−</mo><mn>2</mn><mi>k</mi><mi>t</mi></mrow></msup><mo>)</mo></math>"#,
    },
    Equation {
        caption: "Hebb is an Ornstein–Uhlenbeck process: the mean m(t) = m∞(1 − e^{−kt}), m∞ = f/k, with covariance T/k; with random labels the error of the fluctuating outputs and the information per pattern (nats)",
        mathml: r#"<math display="block"><msub><mi>p</mi><mi>err</mi></msub><mo>=</mo><mi>Φ</mi><mo>(</mo><mo>−</mo><mfrac><mi>a</mi><msqrt><mrow><msup><mi>a</mi><mn>2</mn></msup><mi>α</mi><mo>+</mo><mi>T</mi><mo>/</mo><mi>k</mi></mrow></msqrt></mfrac><mo>)</mo><mo separator="true">,</mo><mspace width="0.6em"/><mi>a</mi><mo>=</mo><mfrac><mi>ν</mi><mi>k</mi></mfrac><mo>(</mo><mn>1</mn><mo>−</mo><msup><mi>e</mi><mrow><mo>−</mo><mi>k</mi><mi>t</mi></mrow></msup><mo>)</mo><mo separator="true">,</mo><mspace width="0.6em"/><mi>I</mi><mo>=</mo><mi>ln</mi><mn>2</mn><mo>−</mo><msub><mi>h</mi><mn>2</mn></msub><mo>(</mo><msub><mi>p</mi><mi>err</mi></msub><mo>)</mo></math>"#,
    },
    Equation {
        caption: "The bound and the efficiency (random labels); as ν → 0, η → 2/π",
        mathml: r#"<math display="block"><mi>P</mi><mo>·</mo><mi>I</mi><mo>≤</mo><mo>⟨</mo><msub><mi>S</mi><mi>tot</mi></msub><mo>⟩</mo><mo separator="true">,</mo><mspace width="1em"/><mi>η</mi><mo>=</mo><mfrac><mrow><mi>P</mi><mo>·</mo><mi>I</mi></mrow><mrow><mo>⟨</mo><msub><mi>S</mi><mi>tot</mi></msub><mo>⟩</mo></mrow></mfrac><mo>≤</mo><mn>1</mn></math>"#,
    },
    Equation {
        caption: "Teacher labels σ_T = sign(T·ξ): the generalisation error of the fluctuating weights at t → ∞ (T → 0 gives Hebb's learning curve)",
        mathml: r#"<math display="block"><mi>ε</mi><mo>=</mo><mfrac><mn>1</mn><mi>π</mi></mfrac><mi>arccos</mi><mfrac><mrow><mi>α</mi><msqrt><mrow><mn>2</mn><mo>/</mo><mi>π</mi></mrow></msqrt></mrow><msqrt><mrow><mi>α</mi><mo>+</mo><mn>2</mn><msup><mi>α</mi><mn>2</mn></msup><mo>/</mo><mi>π</mi><mo>+</mo><mi>k</mi><mi>T</mi><mo>/</mo><msup><mi>ν</mi><mn>2</mn></msup></mrow></msqrt></mfrac></math>"#,
    },
];
