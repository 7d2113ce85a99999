//! The equations of the multi-class perceptron as MathML, for the page.

use crate::model::Equation;

pub static ALL: &[Equation] = &[
    Equation {
        caption: "The teacher labels Gaussian inputs by its largest field; the student predicts the same way",
        mathml: concat!(
            r#"<math display="block"><mi>y</mi><mo>=</mo><munder><mi>argmax</mi><mi>c</mi></munder><msub><mrow><mo>(</mo><msup><mi>W</mi><mo>*</mo></msup><mi class="vec">x</mi><mo>/</mo><msqrt><mi>d</mi></msqrt><mo>)</mo></mrow><mi>c</mi></msub>"#,
            r#"<mo separator="true">,</mo><mspace width="1em"/><mover><mi>y</mi><mo>^</mo></mover><mo>=</mo><munder><mi>argmax</mi><mi>c</mi></munder><msub><mrow><mo>(</mo><mi>W</mi><mi class="vec">x</mi><mo>/</mo><msqrt><mi>d</mi></msqrt><mo>+</mo><mi class="vec">b</mi><mo>)</mo></mrow><mi>c</mi></msub>"#,
            r#"<mo separator="true">,</mo><mspace width="1em"/><mi class="vec">x</mi><mo>∼</mo><mi>𝒩</mi><mo>(</mo><mn>0</mn><mo separator="true">,</mo><msub><mi>I</mi><mi>d</mi></msub><mo>)</mo></math>"#
        ),
    },
    Equation {
        caption: "Ridge on the one-hot labels Y (or the cross-entropy in place of the square), bias unpenalised",
        mathml: concat!(
            r#"<math display="block"><munder><mi>min</mi><mrow><mi>W</mi><mo separator="true">,</mo><mi class="vec">b</mi></mrow></munder>"#,
            r#"<mfrac><mn>1</mn><mn>2</mn></mfrac><munderover><mo>∑</mo><mrow><mi>μ</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover>"#,
            r#"<msup><mrow><mo>|</mo><msup><mi>Y</mi><mi>μ</mi></msup><mo>−</mo><mi>W</mi><msup><mi class="vec">x</mi><mi>μ</mi></msup><mo>/</mo><msqrt><mi>d</mi></msqrt><mo>−</mo><mi class="vec">b</mi><mo>|</mo></mrow><mn>2</mn></msup>"#,
            r#"<mo>+</mo><mfrac><mi>λ</mi><mn>2</mn></mfrac><msubsup><mrow><mo>‖</mo><mi>W</mi><mo>‖</mo></mrow><mi>F</mi><mn>2</mn></msubsup></math>"#
        ),
    },
    Equation {
        caption: "The test error from the overlaps: (z, h) jointly Gaussian with Cov z = T, Cov(h, z) = M, Cov h = Q",
        mathml: concat!(
            r#"<math display="block"><mi>ε</mi><mo>=</mo><mi>P</mi><mo>(</mo><munder><mi>argmax</mi><mi>c</mi></munder><msub><mi>z</mi><mi>c</mi></msub><mo>≠</mo><munder><mi>argmax</mi><mi>c</mi></munder><msub><mi>h</mi><mi>c</mi></msub><mo>)</mo>"#,
            r#"<mo separator="true">,</mo><mspace width="1em"/><mi>T</mi><mo>=</mo><mfrac><mrow><msup><mi>W</mi><mo>*</mo></msup><msup><mi>W</mi><mrow><mo>*</mo><mo>⊤</mo></mrow></msup></mrow><mi>d</mi></mfrac>"#,
            r#"<mo separator="true">,</mo><mspace width="0.5em"/><mi>M</mi><mo>=</mo><mfrac><mrow><mi>W</mi><msup><mi>W</mi><mrow><mo>*</mo><mo>⊤</mo></mrow></msup></mrow><mi>d</mi></mfrac>"#,
            r#"<mo separator="true">,</mo><mspace width="0.5em"/><mi>Q</mi><mo>=</mo><mfrac><mrow><mi>W</mi><msup><mi>W</mi><mo>⊤</mo></msup></mrow><mi>d</mi></mfrac></math>"#
        ),
    },
    Equation {
        caption: "Ridge: a linear part B of the one-hot labels and an effective noise Σ_ε, with z ~ 𝒩(0, I_K)",
        mathml: concat!(
            r#"<math display="block"><mi>M</mi><mo>=</mo><msub><mi>τ</mi><mn>1</mn></msub><mi>B</mi><mo separator="true">,</mo><mspace width="0.5em"/>"#,
            r#"<mi>Q</mi><mo>=</mo><msub><mi>τ</mi><mn>2</mn></msub><mi>B</mi><msup><mi>B</mi><mo>⊤</mo></msup><mo>+</mo><msub><mi>τ</mi><mn>3</mn></msub><msub><mi>Σ</mi><mi>ε</mi></msub>"#,
            r#"<mo separator="true">,</mo><mspace width="1em"/><mi>B</mi><mo>=</mo><mi>𝔼</mi><mo>[</mo><mi>Y</mi><msup><mi class="vec">z</mi><mo>⊤</mo></msup><mo>]</mo><mo separator="true">,</mo><mspace width="0.5em"/>"#,
            r#"<msub><mi>Σ</mi><mi>ε</mi></msub><mo>=</mo><mi>Cov</mi><mo>(</mo><mi>Y</mi><mo>−</mo><mi>B</mi><mi class="vec">z</mi><mo>)</mo></math>"#
        ),
    },
    Equation {
        caption: "The averages over the Marchenko–Pastur spectrum s of XᵀX/d at n/d = α",
        mathml: concat!(
            r#"<math display="block"><msub><mi>τ</mi><mn>1</mn></msub><mo>=</mo><mi>𝔼</mi><mfrac><mi>s</mi><mrow><mi>s</mi><mo>+</mo><mi>λ</mi></mrow></mfrac><mo separator="true">,</mo><mspace width="1em"/>"#,
            r#"<msub><mi>τ</mi><mn>2</mn></msub><mo>=</mo><mi>𝔼</mi><msup><mrow><mo>(</mo><mfrac><mi>s</mi><mrow><mi>s</mi><mo>+</mo><mi>λ</mi></mrow></mfrac><mo>)</mo></mrow><mn>2</mn></msup><mo separator="true">,</mo><mspace width="1em"/>"#,
            r#"<msub><mi>τ</mi><mn>3</mn></msub><mo>=</mo><mi>𝔼</mi><mfrac><mi>s</mi><msup><mrow><mo>(</mo><mi>s</mi><mo>+</mo><mi>λ</mi><mo>)</mo></mrow><mn>2</mn></msup></mfrac></math>"#
        ),
    },
    Equation {
        caption: "K = 2: the binary perceptron with teacher w*₁ − w*₂; as λ → ∞, ridge is Hebb's rule",
        mathml: concat!(
            r#"<math display="block"><mi>ε</mi><mo>=</mo><mfrac><mn>1</mn><mi>π</mi></mfrac><mi>arccos</mi><mfrac><msub><mi>τ</mi><mn>1</mn></msub>"#,
            r#"<msqrt><msub><mi>τ</mi><mn>2</mn></msub><mo>+</mo><msub><mi>τ</mi><mn>3</mn></msub><mo>(</mo><mi>π</mi><mo>/</mo><mn>2</mn><mo>−</mo><mn>1</mn><mo>)</mo></msqrt></mfrac>"#,
            r#"<mspace width="1em"/><mtext>→ as λ → ∞</mtext><mspace width="1em"/><mfrac><mn>1</mn><mi>π</mi></mfrac><mi>arccos</mi><msqrt><mfrac><mrow><mn>2</mn><mi>α</mi></mrow><mrow><mi>π</mi><mo>+</mo><mn>2</mn><mi>α</mi></mrow></mfrac></msqrt></math>"#
        ),
    },
];
