//! The equations of the low-rank network as MathML, for the page.

use crate::model::Equation;

pub const ALL: &[Equation] = &[
    Equation {
        caption: "Dynamics of the currents, with a random and a rank-one part of the connectivity",
        mathml: r#"<math display="block"><mfrac><mrow><mi>d</mi><msub><mi>x</mi><mi>i</mi></msub></mrow><mrow><mi>d</mi><mi>t</mi></mrow></mfrac><mo>=</mo><mo>−</mo><msub><mi>x</mi><mi>i</mi></msub><mo>+</mo><munder><mo>∑</mo><mi>j</mi></munder><msub><mi>J</mi><mrow><mi>i</mi><mi>j</mi></mrow></msub><mi>φ</mi><mo>(</mo><msub><mi>x</mi><mi>j</mi></msub><mo>)</mo><mo>+</mo><msub><mi>I</mi><mi>i</mi></msub><mo separator="true">,</mo><mspace width="1em"/><mi>J</mi><mo>=</mo><mi>g</mi><mi>χ</mi><mo>+</mo><mfrac><mrow><mi class="vec">m</mi><msup><mi class="vec">n</mi><mi>T</mi></msup></mrow><mi>N</mi></mfrac><mo separator="true">,</mo><mspace width="1em"/><msub><mi>χ</mi><mrow><mi>i</mi><mi>j</mi></mrow></msub><mo>∼</mo><mi>𝒩</mi><mo>(</mo><mn>0</mn><mo separator="true">,</mo><mn>1</mn><mo>/</mo><mi>N</mi><mo>)</mo><mo separator="true">,</mo><mspace width="1em"/><mi>φ</mi><mo>=</mo><mi>tanh</mi></math>"#,
    },
    Equation {
        caption: "The latent variable and the collapse of the currents onto m",
        mathml: r#"<math display="block"><mi>κ</mi><mo>=</mo><mfrac><mn>1</mn><mi>N</mi></mfrac><munder><mo>∑</mo><mi>i</mi></munder><msub><mi>n</mi><mi>i</mi></msub><mi>φ</mi><mo>(</mo><msub><mi>x</mi><mi>i</mi></msub><mo>)</mo><mo separator="true">,</mo><mspace width="1em"/><msub><mi>x</mi><mi>i</mi></msub><mo>≈</mo><mi>κ</mi><msub><mi>m</mi><mi>i</mi></msub><mo>+</mo><msub><mi>I</mi><mi>i</mi></msub><mo>+</mo><msqrt><mrow><msup><mi>g</mi><mn>2</mn></msup><mo>⟨</mo><msup><mi>φ</mi><mn>2</mn></msup><mo>⟩</mo></mrow></msqrt><msub><mi>ξ</mi><mi>i</mi></msub></math>"#,
    },
    Equation {
        caption: "Stationary mean field (g < 1), averages over z ∼ 𝒩(0, 1) at μ = M_m κ + M_I",
        mathml: r#"<math display="block"><mi>κ</mi><mo>=</mo><msub><mi>M</mi><mi>n</mi></msub><mo>⟨</mo><mi>φ</mi><mo>(</mo><mi>μ</mi><mo>+</mo><msqrt><msub><mi>Δ</mi><mn>0</mn></msub></msqrt><mi>z</mi><mo>)</mo><mo>⟩</mo><mo>+</mo><msub><mi>Σ</mi><mrow><mi>m</mi><mi>n</mi></mrow></msub><mi>κ</mi><mo>⟨</mo><msup><mi>φ</mi><mo>′</mo></msup><mo>(</mo><mi>μ</mi><mo>+</mo><msqrt><msub><mi>Δ</mi><mn>0</mn></msub></msqrt><mi>z</mi><mo>)</mo><mo>⟩</mo><mo separator="true">,</mo><mspace width="1em"/><msub><mi>Δ</mi><mn>0</mn></msub><mo>=</mo><msup><mi>g</mi><mn>2</mn></msup><mo>⟨</mo><msup><mi>φ</mi><mn>2</mn></msup><mo>⟩</mo><mo>+</mo><msubsup><mi>Σ</mi><mi>m</mi><mn>2</mn></msubsup><msup><mi>κ</mi><mn>2</mn></msup><mo>+</mo><msubsup><mi>Σ</mi><mi>I</mi><mn>2</mn></msubsup></math>"#,
    },
    Equation {
        caption: "The outlier of the spectrum of J, outside the disc of radius g",
        mathml: r#"<math display="block"><msub><mi>λ</mi><mtext>out</mtext></msub><mo>=</mo><mfrac><mrow><msup><mi class="vec">n</mi><mi>T</mi></msup><mi class="vec">m</mi></mrow><mi>N</mi></mfrac><mo>→</mo><msub><mi>M</mi><mi>m</mi></msub><msub><mi>M</mi><mi>n</mi></msub><mo>+</mo><msub><mi>Σ</mi><mrow><mi>m</mi><mi>n</mi></mrow></msub><mo separator="true">,</mo><mspace width="1em"/><msub><mi>Σ</mi><mrow><mi>m</mi><mi>n</mi></mrow></msub><mo>=</mo><mi>ρ</mi><msub><mi>Σ</mi><mi>m</mi></msub><msub><mi>Σ</mi><mi>n</mi></msub></math>"#,
    },
];
