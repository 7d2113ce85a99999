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
    Equation {
        caption: "Rank two: the structure, with n_r = σ_r1 m₁ + σ_r2 m₂ + ξ_r, and its two outliers, the eigenvalues of σ",
        mathml: r#"<math display="block"><mi>J</mi><mo>=</mo><mi>g</mi><mi>χ</mi><mo>+</mo><munderover><mo>∑</mo><mrow><mi>r</mi><mo>=</mo><mn>1</mn></mrow><mn>2</mn></munderover><mfrac><mrow><msub><mi class="vec">m</mi><mi>r</mi></msub><msubsup><mi class="vec">n</mi><mi>r</mi><mi>T</mi></msubsup></mrow><mi>N</mi></mfrac><mo separator="true">,</mo><mspace width="1em"/><mfrac><mrow><msubsup><mi class="vec">n</mi><mi>r</mi><mi>T</mi></msubsup><msub><mi class="vec">m</mi><mi>s</mi></msub></mrow><mi>N</mi></mfrac><mo>→</mo><msub><mi>σ</mi><mrow><mi>r</mi><mi>s</mi></mrow></msub><mo separator="true">,</mo><mspace width="1em"/><msub><mi>λ</mi><mtext>out</mtext></msub><mo>∈</mo><mtext>eig</mtext><mo>(</mo><mi>σ</mi><mo>)</mo></math>"#,
    },
    Equation {
        caption: "Rank two: the latent flow of the coordinates k of the currents along m₁, m₂ (exact at g = 0 as N → ∞), \
                  with Δ = g²⟨φ²⟩ + |k|² + Σ_I²; fixed points κ = k are eigenvectors of σ with λ⟨φ'⟩ = 1",
        mathml: r#"<math display="block"><mfrac><mrow><mi>d</mi><mi class="vec">k</mi></mrow><mrow><mi>d</mi><mi>t</mi></mrow></mfrac><mo>=</mo><mo>−</mo><mi class="vec">k</mi><mo>+</mo><mi class="vec">κ</mi><mo separator="true">,</mo><mspace width="1em"/><mi class="vec">κ</mi><mo>=</mo><mo>⟨</mo><msup><mi>φ</mi><mo>′</mo></msup><mo>(</mo><msub><mi>M</mi><mi>I</mi></msub><mo>+</mo><msqrt><mi>Δ</mi></msqrt><mi>z</mi><mo>)</mo><mo>⟩</mo><mspace width="0.2em"/><mi>σ</mi><mi class="vec">k</mi><mo separator="true">,</mo><mspace width="1em"/><msub><mi>x</mi><mi>i</mi></msub><mo>≈</mo><munder><mo>∑</mo><mi>r</mi></munder><msub><mi>k</mi><mi>r</mi></msub><msub><mi>m</mi><mrow><mi>r</mi><mi>i</mi></mrow></msub><mo>+</mo><msub><mi>I</mi><mi>i</mi></msub><mo>+</mo><msqrt><mrow><msup><mi>g</mi><mn>2</mn></msup><mo>⟨</mo><msup><mi>φ</mi><mn>2</mn></msup><mo>⟩</mo></mrow></msqrt><msub><mi>ξ</mi><mi>i</mi></msub></math>"#,
    },
];
