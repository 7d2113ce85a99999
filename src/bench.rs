//! The benchmark cases, shared by the native benchmark (benches/core.rs) and the browser one
//! (benches/bench.html), so that both time exactly the same work.

/// What a case times.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Starting the run: parsing the link and computing the theory curves (what a slider waits for).
    Start,
    /// The whole run, to its end.
    Run,
    /// One kernel of a model on its own, named by `link` (see each arm of [`execute`]): what bounds
    /// a step, timed without the run around it.
    Kernel,
}

#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Case {
    pub name: &'static str,
    pub link: &'static str,
    pub stage: Stage,
}

pub const CASES: &[Case] = &[
    Case {
        name: "perceptron theory curves",
        link: "perceptron?rule=hebb&N=10&alpha_max=200&seeds=1",
        stage: Stage::Start,
    },
    Case {
        name: "perceptron Hebb, N=1000, alpha=20",
        link: "perceptron?rule=hebb&N=1000&alpha_max=20&seeds=1",
        stage: Stage::Run,
    },
    Case {
        name: "perceptron online rule, N=1000, alpha=20",
        link: "perceptron?rule=online&N=1000&alpha_max=20&seeds=1",
        stage: Stage::Run,
    },
    Case {
        name: "perceptron Gibbs (HMC), N=100, alpha=5",
        link: "perceptron?rule=gibbs&N=100&alpha_max=5&seeds=1",
        stage: Stage::Run,
    },
    Case {
        name: "two-layer ODE, K=M=2, to t=1000",
        link: "two-layer-sgd?N=100&K=2&M=2&t_max=1000",
        stage: Stage::Start,
    },
    Case {
        name: "two-layer ODE, K=M=3, to t=1000",
        link: "two-layer-sgd?N=100&K=3&M=3&t_max=1000",
        stage: Stage::Start,
    },
    Case {
        name: "two-layer ODE, K=M=4, to t=1000",
        link: "two-layer-sgd?N=100&K=4&M=4&t_max=1000",
        stage: Stage::Start,
    },
    Case {
        name: "two-layer ODE, K=M=4, to t=1000, a step at each plotted time (v=1)",
        link: "two-layer-sgd?N=100&K=4&M=4&t_max=1000&ode_output=stepped",
        stage: Stage::Start,
    },
    Case {
        name: "two-layer SGD, N=1000, K=M=2, 10^5 steps",
        link: "two-layer-sgd?N=1000&K=2&M=2&t_max=100",
        stage: Stage::Run,
    },
    Case { name: "Wilson-Cowan theory: fixed points, nullclines, branches", link: "wilson-cowan", stage: Stage::Start },
    Case {
        name: "Wilson-Cowan trajectory and 31-input diagram, about 6.5*10^5 RK4 steps",
        link: "wilson-cowan",
        stage: Stage::Run,
    },
    Case {
        name: "QIF network, N=10^4, 10^4 steps (10^8 neuron updates)",
        link: "qif-mean-field?N=10000&t_max=10&t_on=2&t_off=6",
        stage: Stage::Run,
    },
    Case {
        name: "QIF network, N=10^5, 2000 steps (2x10^8 neuron updates)",
        link: "qif-mean-field?N=100000&t_max=2&t_on=0.5&t_off=1.5",
        stage: Stage::Run,
    },
    Case {
        name: "QIF network, individual adaptation, N=10^4, 10^4 steps",
        link: "qif-mean-field?N=10000&t_max=10&eta_bar=-2&J=10&I=0&adaptation=individual",
        stage: Stage::Run,
    },
    Case {
        name: "low-rank RNN theory (states and bifurcation diagram)",
        link: "low-rank-rnn?N=20&T=1&M_m=1&M_n=1",
        stage: Stage::Start,
    },
    Case {
        name: "low-rank RNN rank-two theory (latent flow of 1000 steps, fixed points, cycle)",
        link: "low-rank-rnn?N=20&T=100&g=0.3&rank=2&s11=1.5&s12=-1&s21=1&s22=1.5",
        stage: Stage::Start,
    },
    Case {
        name: "low-rank RNN, N=1000, 500 Euler steps and spectrum",
        link: "low-rank-rnn?N=1000&T=50&dt=0.1",
        stage: Stage::Run,
    },
    Case {
        name: "thalamocortical loops, N=300, four spectra and 2000 RK4 steps",
        link: "thalamocortical-loops?N=300&sequence=1&T=40&dt=0.02",
        stage: Stage::Run,
    },
    Case {
        name: "random RNN, N=1000, g=2, 1000 Heun steps",
        link: "random-rnn?g=2&N=1000&T=40&burn_in=10",
        stage: Stage::Run,
    },
    Case {
        name: "random RNN kernel: J times two vectors, N=2000 (per MB of J)",
        link: "random-rnn matvec",
        stage: Stage::Kernel,
    },
    Case {
        name: "random RNN kernel: J times one vector, N=2000 (per MB of J)",
        link: "random-rnn matvec1",
        stage: Stage::Kernel,
    },
    Case {
        name: "random RNN kernel: sum of 16 MB, the memory roof (per MB)",
        link: "random-rnn stream",
        stage: Stage::Kernel,
    },
    Case {
        name: "random RNN kernel: Heun step with tangent, N=2000 (per step)",
        link: "random-rnn step",
        stage: Stage::Kernel,
    },
    Case {
        name: "random RNN kernel: Heun step without tangent, N=2000 (per step)",
        link: "random-rnn step1",
        stage: Stage::Kernel,
    },
    Case {
        name: "Turing network start: Barabási–Albert N=600, layout and Laplacian spectrum",
        link: "turing-network?N=600&t_max=1",
        stage: Stage::Start,
    },
    Case {
        name: "Turing network, Barabási–Albert N=200, 8000 RK4 steps",
        link: "turing-network?t_max=40",
        stage: Stage::Run,
    },
];

/// Can this build run the case: is its model in one of the build's families?
pub fn runnable(case: &Case) -> bool {
    match case.stage {
        // A kernel's "link" is its model's id and the kernel's name.
        Stage::Kernel => case.link.split(' ').next().and_then(crate::find_model).is_some(),
        Stage::Start | Stage::Run => crate::link::Link::parse(case.link).is_ok(),
    }
}

/// Do the work of a case once; returns its size in the run's work units (0 for a start).
pub fn execute(case: &Case) -> u64 {
    if case.stage == Stage::Kernel {
        return match case.link.strip_prefix("random-rnn ") {
            Some(kernel) => crate::models::random_rnn::network::bench_kernel(kernel),
            None => panic!("no benchmark kernel named '{}'", case.link),
        };
    }
    let link = crate::link::Link::parse(case.link).expect("benchmark links are valid");
    let mut run = link.start();
    match case.stage {
        Stage::Start | Stage::Kernel => 0,
        Stage::Run => {
            crate::model::run_to_end(run.as_mut(), u64::MAX, |_| {}).expect("benchmark runs do not diverge");
            run.total_work()
        }
    }
}
