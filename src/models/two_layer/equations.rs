//! The equations the pages of the two-layer family show, as MathML.

use crate::model::Equation;

pub const NETWORKS: Equation = Equation {
    caption: "Teacher and student: two-layer networks of M and K hidden units on Gaussian inputs x ∈ ℝᴺ",
    mathml: r#"<math display="block"><mi>y</mi><mo>=</mo><munderover><mo>∑</mo><mrow><mi>n</mi><mo>=</mo><mn>1</mn></mrow><mi>M</mi></munderover><msubsup><mi>v</mi><mi>n</mi><mo>*</mo></msubsup><mi>g</mi><mo>(</mo><msub><mi>ν</mi><mi>n</mi></msub><mo>)</mo><mo>+</mo><mi>σ</mi><mi>ζ</mi><mo separator="true">,</mo><mspace width="1em"/><mover><mi>y</mi><mo>^</mo></mover><mo>=</mo><munderover><mo>∑</mo><mrow><mi>k</mi><mo>=</mo><mn>1</mn></mrow><mi>K</mi></munderover><msub><mi>v</mi><mi>k</mi></msub><mi>g</mi><mo>(</mo><msub><mi>λ</mi><mi>k</mi></msub><mo>)</mo><mo separator="true">,</mo><mspace width="1em"/><msub><mi>λ</mi><mi>k</mi></msub><mo>=</mo><mfrac><mrow><msub><mi class="vec">w</mi><mi>k</mi></msub><mo>·</mo><mi class="vec">x</mi></mrow><msqrt><mi>N</mi></msqrt></mfrac><mo separator="true">,</mo><mspace width="1em"/><msub><mi>ν</mi><mi>n</mi></msub><mo>=</mo><mfrac><mrow><msubsup><mi class="vec">w</mi><mi>n</mi><mo>*</mo></msubsup><mo>·</mo><mi class="vec">x</mi></mrow><msqrt><mi>N</mi></msqrt></mfrac></math>"#,
};

pub const SGD: Equation = Equation {
    caption: "Online SGD on the squared error, one fresh example per step; time t = steps/N",
    mathml: r#"<math display="block"><msub><mi class="vec">w</mi><mi>k</mi></msub><mo>←</mo><msub><mi class="vec">w</mi><mi>k</mi></msub><mo>+</mo><mfrac><mi>η</mi><msqrt><mi>N</mi></msqrt></mfrac><msub><mi>v</mi><mi>k</mi></msub><msup><mi>g</mi><mo>′</mo></msup><mo>(</mo><msub><mi>λ</mi><mi>k</mi></msub><mo>)</mo><mo>(</mo><mi>y</mi><mo>−</mo><mover><mi>y</mi><mo>^</mo></mover><mo>)</mo><mi class="vec">x</mi><mo separator="true">,</mo><mspace width="1em"/><msub><mi>v</mi><mi>k</mi></msub><mo>←</mo><msub><mi>v</mi><mi>k</mi></msub><mo>+</mo><mfrac><msub><mi>η</mi><mi>v</mi></msub><mi>N</mi></mfrac><mi>g</mi><mo>(</mo><msub><mi>λ</mi><mi>k</mi></msub><mo>)</mo><mo>(</mo><mi>y</mi><mo>−</mo><mover><mi>y</mi><mo>^</mo></mover><mo>)</mo></math>"#,
};

pub const ORDER_PARAMETERS: Equation = Equation {
    caption: "As N → ∞ the overlaps follow closed ODEs; the error is a function of them",
    mathml: r#"<math display="block"><msub><mi>Q</mi><mrow><mi>i</mi><mi>k</mi></mrow></msub><mo>=</mo><mfrac><mrow><msub><mi class="vec">w</mi><mi>i</mi></msub><mo>·</mo><msub><mi class="vec">w</mi><mi>k</mi></msub></mrow><mi>N</mi></mfrac><mo separator="true">,</mo><mspace width="0.6em"/><msub><mi>R</mi><mrow><mi>i</mi><mi>n</mi></mrow></msub><mo>=</mo><mfrac><mrow><msub><mi class="vec">w</mi><mi>i</mi></msub><mo>·</mo><msubsup><mi class="vec">w</mi><mi>n</mi><mo>*</mo></msubsup></mrow><mi>N</mi></mfrac><mo separator="true">,</mo><mspace width="0.6em"/><mfrac><mrow><mi>d</mi><msub><mi>R</mi><mrow><mi>i</mi><mi>n</mi></mrow></msub></mrow><mrow><mi>d</mi><mi>t</mi></mrow></mfrac><mo>=</mo><mi>η</mi><msub><mi>v</mi><mi>i</mi></msub><mo>(</mo><munder><mo>∑</mo><mi>m</mi></munder><msubsup><mi>v</mi><mi>m</mi><mo>*</mo></msubsup><msub><mi>I</mi><mn>3</mn></msub><mo>(</mo><mi>i</mi><mo>,</mo><mi>n</mi><mo>,</mo><mi>m</mi><mo>)</mo><mo>−</mo><munder><mo>∑</mo><mi>j</mi></munder><msub><mi>v</mi><mi>j</mi></msub><msub><mi>I</mi><mn>3</mn></msub><mo>(</mo><mi>i</mi><mo>,</mo><mi>n</mi><mo>,</mo><mi>j</mi><mo>)</mo><mo>)</mo><mo separator="true">,</mo><mspace width="0.6em"/><msub><mi>ε</mi><mi>g</mi></msub><mo>=</mo><mfrac><mn>1</mn><mn>2</mn></mfrac><mo>⟨</mo><msup><mo>(</mo><mrow><mover><mi>y</mi><mo>^</mo></mover><mo>−</mo><mi>y</mi></mrow></msup><msup><mo>)</mo><mn>2</mn></msup><mo>⟩</mo></math>"#,
};

pub const PLATEAU: Equation = Equation {
    caption: "The symmetric plateau of Saad & Solla (K = M, v = v* = 1, η → 0)",
    mathml: r#"<math display="block"><msub><mi>ε</mi><mtext>plateau</mtext></msub><mo>=</mo><mfrac><mi>K</mi><mi>π</mi></mfrac><mrow><mo>(</mo><mfrac><mi>π</mi><mn>6</mn></mfrac><mo>−</mo><mi>K</mi><mi>arcsin</mi><mfrac><mn>1</mn><mrow><mn>2</mn><mi>K</mi></mrow></mfrac><mo>)</mo></mrow></math>"#,
};
