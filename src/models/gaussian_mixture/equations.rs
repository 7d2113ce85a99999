//! The equations of the Gaussian mixture as MathML, for the page.

use crate::model::Equation;

pub static ALL: &[Equation] = &[
    Equation {
        caption: "Two noisy clusters in d dimensions, n = αd examples",
        mathml: concat!(
            r#"<math display="block"><msub><mi class="vec">x</mi><mi>i</mi></msub><mo>=</mo><mfrac><msub><mi>y</mi><mi>i</mi></msub><msqrt><mi>d</mi></msqrt></mfrac><msup><mi class="vec">v</mi><mo>*</mo></msup>"#,
            r#"<mo>+</mo><msqrt><mi>Δ</mi></msqrt><msub><mi class="vec">z</mi><mi>i</mi></msub><mo separator="true">,</mo><mspace width="1em"/>"#,
            r#"<msub><mi>y</mi><mi>i</mi></msub><mo>=</mo><mo>+</mo><mn>1</mn><mtext> with probability </mtext><mi>ρ</mi><mo separator="true">,</mo><mspace width="0.5em"/><mo>−</mo><mn>1</mn><mtext> otherwise</mtext></math>"#
        ),
    },
    Equation {
        caption: "Empirical risk minimisation with an ℓ2 penalty on w (not on the bias b)",
        mathml: concat!(
            r#"<math display="block"><munder><mi>min</mi><mrow><mi class="vec">w</mi><mo separator="true">,</mo><mi>b</mi></mrow></munder><munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover>"#,
            r#"<mi>ℓ</mi><mrow><mo>(</mo><msub><mi>y</mi><mi>i</mi></msub><mo>(</mo><mfrac><mrow><msub><mi class="vec">x</mi><mi>i</mi></msub><mo>·</mo><mi class="vec">w</mi></mrow><msqrt><mi>d</mi></msqrt></mfrac><mo>+</mo><mi>b</mi><mo>)</mo><mo>)</mo></mrow>"#,
            r#"<mo>+</mo><mfrac><mi>λ</mi><mn>2</mn></mfrac><msup><mrow><mo>|</mo><mi class="vec">w</mi><mo>|</mo></mrow><mn>2</mn></msup><mo separator="true">,</mo><mspace width="1em"/>"#,
            r#"<mi>ℓ</mi><mo>(</mo><mi>t</mi><mo>)</mo><mo>∈</mo><mo>{</mo><mfrac><mn>1</mn><mn>2</mn></mfrac><msup><mrow><mo>(</mo><mn>1</mn><mo>−</mo><mi>t</mi><mo>)</mo></mrow><mn>2</mn></msup><mo separator="true">,</mo>"#,
            r#"<mi>log</mi><mo>(</mo><mn>1</mn><mo>+</mo><msup><mi>e</mi><mrow><mo>−</mo><mi>t</mi></mrow></msup><mo>)</mo><mo separator="true">,</mo><mi>max</mi><mo>(</mo><mn>0</mn><mo separator="true">,</mo><mn>1</mn><mo>−</mo><mi>t</mi><mo>)</mo><mo>}</mo></math>"#
        ),
    },
    Equation {
        caption: "The test error from the overlaps m = v*·w/d, q = |w|²/d and the bias",
        mathml: concat!(
            r#"<math display="block"><mi>ε</mi><mo>=</mo><mi>ρ</mi><mi>Φ</mi><mrow><mo>(</mo><mo>−</mo><mfrac><mrow><mi>m</mi><mo>+</mo><mi>b</mi></mrow><msqrt><mrow><mi>Δ</mi><mi>q</mi></mrow></msqrt></mfrac><mo>)</mo></mrow>"#,
            r#"<mo>+</mo><mo>(</mo><mn>1</mn><mo>−</mo><mi>ρ</mi><mo>)</mo><mi>Φ</mi><mrow><mo>(</mo><mo>−</mo><mfrac><mrow><mi>m</mi><mo>−</mo><mi>b</mi></mrow><msqrt><mrow><mi>Δ</mi><mi>q</mi></mrow></msqrt></mfrac><mo>)</mo></mrow></math>"#
        ),
    },
    Equation {
        caption: "The fixed point: with u = m + yb + √(Δq)ξ, c = VΔ and g = (prox(u) − u)/c, where prox(u) = argmin_t (t − u)²/2c + ℓ(t)",
        mathml: concat!(
            r#"<math display="block"><mover><mi>m</mi><mo>^</mo></mover><mo>=</mo><mi>α</mi><mi>𝔼</mi><mo>[</mo><mi>g</mi><mo>]</mo><mo separator="true">,</mo><mspace width="0.6em"/>"#,
            r#"<mover><mi>q</mi><mo>^</mo></mover><mo>=</mo><mi>α</mi><mi>Δ</mi><mi>𝔼</mi><mo>[</mo><msup><mi>g</mi><mn>2</mn></msup><mo>]</mo><mo separator="true">,</mo><mspace width="0.6em"/>"#,
            r#"<mover><mi>V</mi><mo>^</mo></mover><mo>=</mo><mi>α</mi><mi>Δ</mi><mi>𝔼</mi><mo>[</mo><mo>−</mo><msub><mo>∂</mo><mi>u</mi></msub><mi>g</mi><mo>]</mo><mo separator="true">,</mo><mspace width="0.6em"/>"#,
            r#"<mi>V</mi><mo>=</mo><mfrac><mn>1</mn><mrow><mi>λ</mi><mo>+</mo><mover><mi>V</mi><mo>^</mo></mover></mrow></mfrac><mo separator="true">,</mo><mspace width="0.6em"/>"#,
            r#"<mi>m</mi><mo>=</mo><mi>V</mi><mover><mi>m</mi><mo>^</mo></mover><mo separator="true">,</mo><mspace width="0.6em"/>"#,
            r#"<mi>q</mi><mo>=</mo><msup><mi>V</mi><mn>2</mn></msup><mo>(</mo><msup><mover><mi>m</mi><mo>^</mo></mover><mn>2</mn></msup><mo>+</mo><mover><mi>q</mi><mo>^</mo></mover><mo>)</mo><mo separator="true">,</mo><mspace width="0.6em"/>"#,
            r#"<mi>𝔼</mi><mo>[</mo><mi>y</mi><mi>g</mi><mo>]</mo><mo>=</mo><mn>0</mn></math>"#
        ),
    },
    Equation {
        caption: "The Bayes-optimal error (ρ = ½); the oracle, who knows v*, reaches ½ erfc(1/√(2Δ))",
        mathml: r#"<math display="block"><msub><mi>ε</mi><mtext>BO</mtext></msub><mo>=</mo><mfrac><mn>1</mn><mn>2</mn></mfrac><mi>erfc</mi><msqrt><mfrac><mi>α</mi><mrow><mn>2</mn><mi>Δ</mi><mo>(</mo><mi>α</mi><mo>+</mo><mi>Δ</mi><mo>)</mo></mrow></mfrac></msqrt></math>"#,
    },
];
