//! The equations of the loop model as MathML, for the page.

use crate::model::Equation;

pub const ALL: &[Equation] = &[
    Equation {
        caption: "Cortex in loops with K = 3 thalamic units; the basal ganglia set G = diag(g_k), g_k ∈ {0, 1}",
        mathml: r#"<math display="block"><mi>τ</mi><mfrac><mrow><mi>d</mi><mi class="vec">x</mi></mrow><mrow><mi>d</mi><mi>t</mi></mrow></mfrac><mo>=</mo><mo>−</mo><mi class="vec">x</mi><mo>+</mo><mi>J</mi><mi class="vec">r</mi><mo>+</mo><mi>U</mi><mi class="vec">s</mi><mo>+</mo><mi class="vec">b</mi><mo separator="true">,</mo><mspace width="1em"/><mi class="vec">s</mi><mo>=</mo><mi>G</mi><msup><mi>V</mi><mi>T</mi></msup><mi class="vec">r</mi><mo separator="true">,</mo><mspace width="1em"/><mi class="vec">r</mi><mo>=</mo><mi class="vec">x</mi><mtext> or </mtext><mo>[</mo><mi class="vec">x</mi><msub><mo>]</mo><mo>+</mo></msub><mo separator="true">,</mo><mspace width="1em"/><mi class="vec">z</mi><mo>=</mo><msub><mi>W</mi><mtext>out</mtext></msub><mi class="vec">r</mi></math>"#,
    },
    Equation {
        caption: "The effective connectivity: a random matrix plus a switchable perturbation of rank ≤ 3",
        mathml: r#"<math display="block"><msub><mi>J</mi><mtext>eff</mtext></msub><mo>=</mo><mi>J</mi><mo>+</mo><mi>U</mi><mi>G</mi><msup><mi>V</mi><mi>T</mi></msup><mo separator="true">,</mo><mspace width="1em"/><msub><mi>J</mi><mrow><mi>i</mi><mi>j</mi></mrow></msub><mo>∼</mo><mi>𝒩</mi><mo>(</mo><mn>0</mn><mo separator="true">,</mo><msubsup><mi>g</mi><mi>J</mi><mn>2</mn></msubsup><mo>/</mo><mi>N</mi><mo>)</mo><mo separator="true">,</mo><mspace width="1em"/><msup><mi>V</mi><mi>T</mi></msup><mo>=</mo><mi>γ</mi><mi>M</mi><msup><mrow><mo>(</mo><msup><mi>U</mi><mi>T</mi></msup><mi>U</mi><mo>)</mo></mrow><mrow><mo>−</mo><mn>1</mn></mrow></msup><msup><mi>U</mi><mi>T</mi></msup></math>"#,
    },
    Equation {
        caption: "Outliers of the spectrum outside the disc of radius g_J (Tao 2013)",
        mathml: r#"<math display="block"><mi>det</mi><mo>(</mo><msub><mi>I</mi><mi>K</mi></msub><mo>−</mo><mi>G</mi><msup><mi>V</mi><mi>T</mi></msup><msup><mrow><mo>(</mo><mi>λ</mi><mo>−</mo><mi>J</mi><mo>)</mo></mrow><mrow><mo>−</mo><mn>1</mn></mrow></msup><mi>U</mi><mo>)</mo><mo>=</mo><mn>0</mn><mspace width="1em"/><munder><mo>⟶</mo><mrow><mi>N</mi><mo>→</mo><mi>∞</mi></mrow></munder><mspace width="1em"/><mi>λ</mi><mo>∈</mo><mi>eig</mi><mo>(</mo><mi>G</mi><msup><mi>V</mi><mi>T</mi></msup><mi>U</mi><mo>)</mo><mo>=</mo><mi>eig</mi><mo>(</mo><mi>γ</mi><mi>G</mi><mi>M</mi><mo>)</mo></math>"#,
    },
];
