//! The equations of ridge regression as MathML, for the page.

use crate::model::Equation;

pub static ALL: &[Equation] = &[
    Equation {
        caption: "A linear teacher labels n = αd Gaussian inputs, with noise",
        mathml: concat!(
            r#"<math display="block"><msub><mi>y</mi><mi>μ</mi></msub><mo>=</mo>"#,
            r#"<msub><mi class="vec">x</mi><mi>μ</mi></msub><mo>·</mo><mi class="vec">β</mi><mo>+</mo><mi>σ</mi><msub><mi>ε</mi><mi>μ</mi></msub>"#,
            r#"<mo separator="true">,</mo><mspace width="1em"/><msub><mi class="vec">x</mi><mi>μ</mi></msub><mo>∼</mo><mi>𝒩</mi><mo>(</mo><mn>0</mn><mo separator="true">,</mo><mi>Σ</mi><mo>)</mo>"#,
            r#"<mo separator="true">,</mo><mspace width="1em"/><msub><mi>s</mi><mi>k</mi></msub><mo>∝</mo><msup><mi>k</mi><mrow><mo>−</mo><mi>a</mi></mrow></msup>"#,
            r#"<mo separator="true">,</mo><mspace width="1em"/><msup><mrow><mo>|</mo><mi class="vec">β</mi><mo>|</mo></mrow><mn>2</mn></msup><mo>=</mo><msup><mi>r</mi><mn>2</mn></msup></math>"#
        ),
    },
    Equation {
        caption: "Ridge regression, and its test error",
        mathml: concat!(
            r#"<math display="block"><mover><mi class="vec">β</mi><mo>^</mo></mover><mo>=</mo><munder><mi>argmin</mi><mi class="vec">b</mi></munder>"#,
            r#"<mfrac><mn>1</mn><mi>n</mi></mfrac><munderover><mo>∑</mo><mrow><mi>μ</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover>"#,
            r#"<msup><mrow><mo>(</mo><msub><mi>y</mi><mi>μ</mi></msub><mo>−</mo><msub><mi class="vec">x</mi><mi>μ</mi></msub><mo>·</mo><mi class="vec">b</mi><mo>)</mo></mrow><mn>2</mn></msup>"#,
            r#"<mo>+</mo><mi>λ</mi><msup><mrow><mo>|</mo><mi class="vec">b</mi><mo>|</mo></mrow><mn>2</mn></msup><mo>=</mo>"#,
            r#"<msup><mrow><mo>(</mo><msup><mi>X</mi><mo>⊤</mo></msup><mi>X</mi><mo>+</mo><mi>n</mi><mi>λ</mi><mi>I</mi><mo>)</mo></mrow><mrow><mo>−</mo><mn>1</mn></mrow></msup><msup><mi>X</mi><mo>⊤</mo></msup><mi class="vec">y</mi>"#,
            r#"<mo separator="true">,</mo><mspace width="1em"/><mi>R</mi><mo>=</mo><mi>𝔼</mi><mo>[</mo><msup><mrow><mo>(</mo><mi class="vec">x</mi><mo>·</mo><mo>(</mo><mover><mi class="vec">β</mi><mo>^</mo></mover><mo>−</mo><mi class="vec">β</mi><mo>)</mo><mo>)</mo></mrow><mn>2</mn></msup><mo>]</mo></math>"#
        ),
    },
    Equation {
        caption: "The effective regularisation κ, a fixed point over the spectrum of Σ",
        mathml: concat!(
            r#"<math display="block"><mi>λ</mi><mo>=</mo><mi>κ</mi><mrow><mo>(</mo><mn>1</mn><mo>−</mo><mfrac><mn>1</mn><mi>n</mi></mfrac>"#,
            r#"<munder><mo>∑</mo><mi>k</mi></munder><mfrac><msub><mi>s</mi><mi>k</mi></msub><mrow><msub><mi>s</mi><mi>k</mi></msub><mo>+</mo><mi>κ</mi></mrow></mfrac><mo>)</mo></mrow>"#,
            r#"<mo separator="true">,</mo><mspace width="1em"/><msub><mi>df</mi><mn>2</mn></msub><mo>=</mo><munder><mo>∑</mo><mi>k</mi></munder>"#,
            r#"<mfrac><msubsup><mi>s</mi><mi>k</mi><mn>2</mn></msubsup><msup><mrow><mo>(</mo><msub><mi>s</mi><mi>k</mi></msub><mo>+</mo><mi>κ</mi><mo>)</mo></mrow><mn>2</mn></msup></mfrac></math>"#
        ),
    },
    Equation {
        caption: "Bias and variance of the test error as n, d → ∞",
        mathml: concat!(
            r#"<math display="block"><mi>R</mi><mo>=</mo><mfrac><mrow><msup><mi>κ</mi><mn>2</mn></msup><mfrac><msup><mi>r</mi><mn>2</mn></msup><mi>d</mi></mfrac>"#,
            r#"<munder><mo>∑</mo><mi>k</mi></munder><mfrac><msub><mi>s</mi><mi>k</mi></msub><msup><mrow><mo>(</mo><msub><mi>s</mi><mi>k</mi></msub><mo>+</mo><mi>κ</mi><mo>)</mo></mrow><mn>2</mn></msup></mfrac></mrow>"#,
            r#"<mrow><mn>1</mn><mo>−</mo><msub><mi>df</mi><mn>2</mn></msub><mo>/</mo><mi>n</mi></mrow></mfrac><mo>+</mo>"#,
            r#"<mfrac><mrow><msup><mi>σ</mi><mn>2</mn></msup><msub><mi>df</mi><mn>2</mn></msub><mo>/</mo><mi>n</mi></mrow><mrow><mn>1</mn><mo>−</mo><msub><mi>df</mi><mn>2</mn></msub><mo>/</mo><mi>n</mi></mrow></mfrac></math>"#
        ),
    },
    Equation {
        caption: "For Σ = I and λ → 0⁺ (minimum norm), with γ = d/n = 1/α: double descent, infinite at γ = 1",
        mathml: concat!(
            r#"<math display="block"><mi>R</mi><mo>=</mo><mrow><mo>{</mo><mtable>"#,
            r#"<mtr><mtd><mfrac><mrow><msup><mi>σ</mi><mn>2</mn></msup><mi>γ</mi></mrow><mrow><mn>1</mn><mo>−</mo><mi>γ</mi></mrow></mfrac></mtd><mtd><mi>γ</mi><mo>&lt;</mo><mn>1</mn></mtd></mtr>"#,
            r#"<mtr><mtd><msup><mi>r</mi><mn>2</mn></msup><mo>(</mo><mn>1</mn><mo>−</mo><mfrac><mn>1</mn><mi>γ</mi></mfrac><mo>)</mo><mo>+</mo><mfrac><msup><mi>σ</mi><mn>2</mn></msup><mrow><mi>γ</mi><mo>−</mo><mn>1</mn></mrow></mfrac></mtd><mtd><mi>γ</mi><mo>&gt;</mo><mn>1</mn></mtd></mtr>"#,
            r#"</mtable></mrow></math>"#
        ),
    },
];
