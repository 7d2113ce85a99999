//! The equations of the Wilson–Cowan network page as MathML.

use crate::model::Equation;

pub static ALL: &[Equation] = &[
    Equation {
        caption: "Node i: excitatory E_i and inhibitory I_i, coupled through E by the matrix A (τ_E = 1)",
        mathml: concat!(
            r#"<math display="block"><mfrac><mrow><mi>d</mi><msub><mi>E</mi><mi>i</mi></msub></mrow><mrow><mi>d</mi><mi>t</mi></mrow></mfrac>"#,
            "<mo>=</mo><mo>−</mo><msub><mi>E</mi><mi>i</mi></msub><mo>+</mo><mo>(</mo><msub><mi>k</mi><mi>E</mi></msub><mo>−</mo><msub><mi>E</mi><mi>i</mi></msub><mo>)</mo>",
            "<msub><mi>S</mi><mi>E</mi></msub><mrow><mo>(</mo><msub><mi>c</mi><mn>1</mn></msub><msub><mi>E</mi><mi>i</mi></msub><mo>−</mo><msub><mi>c</mi><mn>2</mn></msub><msub><mi>I</mi><mi>i</mi></msub><mo>+</mo><mi>P</mi>",
            "<mo>+</mo><mi>γ</mi><munder><mo>∑</mo><mi>j</mi></munder><msub><mi>A</mi><mrow><mi>i</mi><mi>j</mi></mrow></msub><msub><mi>E</mi><mi>j</mi></msub><mo>)</mo></mrow>",
            r#"<mo separator="true">,</mo><mspace width="1em"/>"#,
            r#"<msub><mi>τ</mi><mi>I</mi></msub><mfrac><mrow><mi>d</mi><msub><mi>I</mi><mi>i</mi></msub></mrow><mrow><mi>d</mi><mi>t</mi></mrow></mfrac>"#,
            "<mo>=</mo><mo>−</mo><msub><mi>I</mi><mi>i</mi></msub><mo>+</mo><mo>(</mo><msub><mi>k</mi><mi>I</mi></msub><mo>−</mo><msub><mi>I</mi><mi>i</mi></msub><mo>)</mo>",
            "<msub><mi>S</mi><mi>I</mi></msub><mo>(</mo><msub><mi>c</mi><mn>3</mn></msub><msub><mi>E</mi><mi>i</mi></msub><mo>−</mo><msub><mi>c</mi><mn>4</mn></msub><msub><mi>I</mi><mi>i</mi></msub><mo>)</mo></math>"
        ),
    },
    Equation {
        caption: "Couplings: the graph Laplacian, the adjacency matrix over the mean degree, or the planted operator (Q: the projector on the K patterns ξᶜ, so A ξᶜ = 0)",
        mathml: concat!(
            r#"<math display="block"><mi>A</mi><mo>=</mo><mi>L</mi><mo>=</mo><mi>Adj</mi><mo>−</mo><mi>D</mi>"#,
            r#"<mo separator="true">,</mo><mspace width="1em"/><mi>A</mi><mo>=</mo><mi>Adj</mi><mo>/</mo><mo>⟨</mo><mi>k</mi><mo>⟩</mo>"#,
            r#"<mo separator="true">,</mo><mspace width="1em"/><mi>A</mi><mo>=</mo><mo>−</mo><mo>(</mo><mi>I</mi><mo>−</mo><mi>Q</mi><mo>)</mo></math>"#
        ),
    },
    Equation {
        caption: "A mode of A with eigenvalue m about the homogeneous state (E*, I*) grows at the master stability function (J₀: one node's Jacobian there)",
        mathml: concat!(
            r#"<math display="block"><mi>λ</mi><mo>(</mo><mi>m</mi><mo>)</mo><mo>=</mo><mo>max</mo><mi>Re</mi><mspace width="0.2em"/><mi>eig</mi>"#,
            "<mrow><mo>(</mo><msub><mi>J</mi><mn>0</mn></msub><mo>+</mo><mi>γ</mi><mi>m</mi><mspace width=\"0.2em\"/><mi>diag</mi><mo>(</mo><mi>g</mi><mo>,</mo><mn>0</mn><mo>)</mo><mo>)</mo></mrow>",
            r#"<mo separator="true">,</mo><mspace width="1em"/><mi>g</mi><mo>=</mo><mo>(</mo><msub><mi>k</mi><mi>E</mi></msub><mo>−</mo><msup><mi>E</mi><mo>*</mo></msup><mo>)</mo>"#,
            "<msubsup><mi>S</mi><mi>E</mi><mo>′</mo></msubsup><mo>(</mo><msubsup><mi>u</mi><mi>E</mi><mo>*</mo></msubsup><mo>)</mo></math>"
        ),
    },
];
