//! The equations of the Turing-network page as MathML.

use crate::model::Equation;

pub static ALL: &[Equation] = &[
    Equation {
        caption: "Activator u and inhibitor v at node i; the inhibitor diffuses σ times faster (L = A − D)",
        mathml: concat!(
            r#"<math display="block"><mfrac><mrow><mi>d</mi><msub><mi>u</mi><mi>i</mi></msub></mrow><mrow><mi>d</mi><mi>t</mi></mrow></mfrac>"#,
            "<mo>=</mo><mi>f</mi><mo>(</mo><msub><mi>u</mi><mi>i</mi></msub><mo>,</mo><msub><mi>v</mi><mi>i</mi></msub><mo>)</mo>",
            "<mo>+</mo><mi>ε</mi><munder><mo>∑</mo><mi>j</mi></munder><msub><mi>L</mi><mrow><mi>i</mi><mi>j</mi></mrow></msub><msub><mi>u</mi><mi>j</mi></msub>",
            r#"<mo separator="true">,</mo><mspace width="1em"/>"#,
            r#"<mfrac><mrow><mi>d</mi><msub><mi>v</mi><mi>i</mi></msub></mrow><mrow><mi>d</mi><mi>t</mi></mrow></mfrac>"#,
            "<mo>=</mo><mi>g</mi><mo>(</mo><msub><mi>u</mi><mi>i</mi></msub><mo>,</mo><msub><mi>v</mi><mi>i</mi></msub><mo>)</mo>",
            "<mo>+</mo><mi>σ</mi><mi>ε</mi><munder><mo>∑</mo><mi>j</mi></munder><msub><mi>L</mi><mrow><mi>i</mi><mi>j</mi></mrow></msub><msub><mi>v</mi><mi>j</mi></msub></math>"
        ),
    },
    Equation {
        caption: "Mimura–Murray kinetics (a = 35, b = 16, c = 9, d = 2/5); uniform state (ū, v̄) = (5, 10)",
        mathml: concat!(
            r#"<math display="block"><mi>f</mi><mo>=</mo><mrow><mo>(</mo><mfrac><mrow><mi>a</mi><mo>+</mo><mi>b</mi><mi>u</mi><mo>−</mo><msup><mi>u</mi><mn>2</mn></msup></mrow><mi>c</mi></mfrac><mo>−</mo><mi>v</mi><mo>)</mo></mrow><mi>u</mi>"#,
            r#"<mo separator="true">,</mo><mspace width="1em"/>"#,
            "<mi>g</mi><mo>=</mo><mo>(</mo><mi>u</mi><mo>−</mo><mn>1</mn><mo>−</mo><mi>d</mi><mi>v</mi><mo>)</mo><mi>v</mi></math>"
        ),
    },
    Equation {
        caption: "A Laplacian eigenvector of eigenvalue Λ grows at the dispersion relation λ(Λ) (J: the Jacobian at the uniform state)",
        mathml: concat!(
            r#"<math display="block"><mi>λ</mi><mo>(</mo><mi>Λ</mi><mo>)</mo><mo>=</mo><mo>max</mo><mi>Re</mi><mspace width="0.2em"/><mi>eig</mi>"#,
            "<mrow><mo>(</mo><mi>J</mi><mo>+</mo><mi>Λ</mi><mspace width=\"0.2em\"/><mi>diag</mi><mo>(</mo><mi>ε</mi><mo>,</mo><mi>σ</mi><mi>ε</mi><mo>)</mo><mo>)</mo></mrow>",
            r#"<mo separator="true">,</mo><mspace width="1em"/><mi>J</mi><mo>=</mo>"#,
            "<mrow><mo>(</mo><mtable><mtr><mtd><mn>10/3</mn></mtd><mtd><mo>−</mo><mn>5</mn></mtd></mtr><mtr><mtd><mn>10</mn></mtd><mtd><mo>−</mo><mn>4</mn></mtd></mtr></mtable><mo>)</mo></mrow></math>"
        ),
    },
];
