//! Optimizers and learning-rate schedules. An optimizer updates any generated
//! network through `Network::visit_params_mut`, which hands it each parameter
//! with its gradient in a fixed order; its state is kept per parameter, in that
//! order. The update rules are PyTorch's.

use crate::network::Network;
use crate::tensor::PARALLEL_PIECE as PIECE;
use rayon::prelude::*;

/// Updates a network's parameters from their gradients.
pub trait Optimizer {
    /// One update with `grads` (the gradients of the mean loss of a batch).
    fn step<N: Network>(&mut self, model: &mut N, grads: &N::Grads);
    /// The current learning rate.
    fn learning_rate(&self) -> f32;
    /// Sets the learning rate, as a schedule does between epochs.
    fn set_learning_rate(&mut self, lr: f32);
}

/// Zero for a subnormal value. Training drives some values into the
/// subnormal range, where every operation on them is many times slower: the
/// moments of a parameter whose gradient stays zero (a weight on an
/// always-blank pixel) decay geometrically, and so does the error of an output
/// that is always right (that pixel's reconstruction); a linear autoencoder on
/// digits slowed fourfold over 40 epochs. Nothing of that size changes a
/// result, so the optimizers and the loss gradients flush it.
pub(crate) fn flush_subnormal(x: f32) -> f32 {
    if x.abs() < f32::MIN_POSITIVE {
        0.0
    } else {
        x
    }
}

/// Per-parameter state, sized on the first step.
fn slot(state: &mut Vec<Vec<f32>>, index: usize, len: usize) -> &mut Vec<f32> {
    if state.len() <= index {
        state.resize(index + 1, Vec::new());
    }
    let s = &mut state[index];
    if s.len() != len {
        *s = vec![0.0; len];
    }
    s
}

/// Stochastic gradient descent with optional momentum (Nesterov's too) and
/// weight decay, as `torch.optim.SGD` (dampening 0).
#[derive(Debug, Clone)]
pub struct Sgd {
    lr: f32,
    momentum: f32,
    nesterov: bool,
    weight_decay: f32,
    velocity: Vec<Vec<f32>>,
    started: bool,
}

impl Sgd {
    /// Plain SGD with learning rate `lr`.
    pub fn new(lr: f32) -> Self {
        Self {
            lr,
            momentum: 0.0,
            nesterov: false,
            weight_decay: 0.0,
            velocity: Vec::new(),
            started: false,
        }
    }
    /// With momentum `m`: `v = m v + g`, `p -= lr v`.
    pub fn momentum(mut self, m: f32) -> Self {
        self.momentum = m;
        self
    }
    /// With Nesterov momentum: `p -= lr (g + m v)`.
    pub fn nesterov(mut self, on: bool) -> Self {
        self.nesterov = on;
        self
    }
    /// With L2 weight decay: `g += wd p`.
    pub fn weight_decay(mut self, wd: f32) -> Self {
        self.weight_decay = wd;
        self
    }
}

impl Optimizer for Sgd {
    fn step<N: Network>(&mut self, model: &mut N, grads: &N::Grads) {
        let Self {
            lr,
            momentum,
            nesterov,
            weight_decay,
            ..
        } = *self;
        let first = !self.started;
        self.started = true;
        let velocity = &mut self.velocity;
        let mut index = 0;
        model.visit_params_mut(grads, &mut |_, params, grads| {
            let v = slot(velocity, index, params.len());
            index += 1;
            let pieces = params
                .par_chunks_mut(PIECE)
                .zip(grads.par_chunks(PIECE))
                .zip(v.par_chunks_mut(PIECE));
            // `move`: the rule's numbers copied into the closure, where the
            // compiler can keep them in registers and vectorise the loop.
            pieces.for_each(move |((params, grads), v)| {
                for ((p, &g), v) in params.iter_mut().zip(grads).zip(v.iter_mut()) {
                    let g = g + weight_decay * *p;
                    let update = if momentum == 0.0 {
                        g
                    } else {
                        // PyTorch starts the buffer at the first gradient.
                        *v = flush_subnormal(if first { g } else { momentum * *v + g });
                        if nesterov {
                            g + momentum * *v
                        } else {
                            *v
                        }
                    };
                    *p -= lr * update;
                }
            });
        });
    }
    fn learning_rate(&self) -> f32 {
        self.lr
    }
    fn set_learning_rate(&mut self, lr: f32) {
        self.lr = lr;
    }
}

/// Adam (`torch.optim.Adam`, weight decay added to the gradient) and AdamW
/// (`torch.optim.AdamW`, weight decay applied to the parameter directly).
#[derive(Debug, Clone)]
pub struct Adam {
    lr: f32,
    beta1: f32,
    beta2: f32,
    eps: f32,
    weight_decay: f32,
    decoupled: bool,
    steps: i32,
    m: Vec<Vec<f32>>,
    v: Vec<Vec<f32>>,
}

impl Adam {
    /// Adam with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay.
    pub fn new(lr: f32) -> Self {
        Self {
            lr,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
            weight_decay: 0.0,
            decoupled: false,
            steps: 0,
            m: Vec::new(),
            v: Vec::new(),
        }
    }
    /// AdamW with decoupled weight decay `wd` (PyTorch's default is 0.01).
    pub fn adamw(lr: f32, wd: f32) -> Self {
        Self {
            weight_decay: wd,
            decoupled: true,
            ..Self::new(lr)
        }
    }
    /// The moment decay rates.
    pub fn betas(mut self, beta1: f32, beta2: f32) -> Self {
        self.beta1 = beta1;
        self.beta2 = beta2;
        self
    }
    /// The denominator's guard.
    pub fn eps(mut self, eps: f32) -> Self {
        self.eps = eps;
        self
    }
    /// L2 weight decay added to the gradient (Adam), or the decoupled decay (AdamW).
    pub fn weight_decay(mut self, wd: f32) -> Self {
        self.weight_decay = wd;
        self
    }
}

impl Optimizer for Adam {
    fn step<N: Network>(&mut self, model: &mut N, grads: &N::Grads) {
        self.steps += 1;
        let Self {
            lr,
            beta1,
            beta2,
            eps,
            weight_decay,
            decoupled,
            steps,
            ..
        } = *self;
        let (correction1, correction2) = (1.0 - beta1.powi(steps), 1.0 - beta2.powi(steps));
        let (ms, vs) = (&mut self.m, &mut self.v);
        let mut index = 0;
        model.visit_params_mut(grads, &mut |_, params, grads| {
            let m = slot(ms, index, params.len());
            let v = slot(vs, index, params.len());
            index += 1;
            let pieces = params
                .par_chunks_mut(PIECE)
                .zip(grads.par_chunks(PIECE))
                .zip(m.par_chunks_mut(PIECE))
                .zip(v.par_chunks_mut(PIECE));
            pieces.for_each(move |(((params, grads), m), v)| {
                for (((p, &g), m), v) in params
                    .iter_mut()
                    .zip(grads)
                    .zip(m.iter_mut())
                    .zip(v.iter_mut())
                {
                    let g = if decoupled {
                        *p *= 1.0 - lr * weight_decay;
                        g
                    } else {
                        g + weight_decay * *p
                    };
                    *m = flush_subnormal(beta1 * *m + (1.0 - beta1) * g);
                    *v = flush_subnormal(beta2 * *v + (1.0 - beta2) * g * g);
                    let step_size = lr / correction1;
                    *p -= step_size * *m / ((*v / correction2).sqrt() + eps);
                }
            });
        });
    }
    fn learning_rate(&self) -> f32 {
        self.lr
    }
    fn set_learning_rate(&mut self, lr: f32) {
        self.lr = lr;
    }
}

/// How the learning rate changes from epoch to epoch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Schedule {
    /// The base rate throughout.
    Constant,
    /// Multiplied by `gamma` every `every` epochs (`torch.optim.lr_scheduler.StepLR`).
    Step {
        /// Epochs between decays.
        every: usize,
        /// The factor.
        gamma: f32,
    },
    /// Half a cosine from the base rate down to `min_lr` over `epochs` epochs
    /// (`CosineAnnealingLR` with `T_max = epochs`).
    Cosine {
        /// The length of the half cosine.
        epochs: usize,
        /// The rate it ends at.
        min_lr: f32,
    },
}

impl Schedule {
    /// The rate for `epoch` (counted from 0) when the base rate is `base`.
    pub fn learning_rate(&self, base: f32, epoch: usize) -> f32 {
        match *self {
            Schedule::Constant => base,
            Schedule::Step { every, gamma } => base * gamma.powi((epoch / every.max(1)) as i32),
            Schedule::Cosine { epochs, min_lr } => {
                let progress = (epoch as f64 / epochs.max(1) as f64).min(1.0);
                (min_lr as f64
                    + (base - min_lr) as f64
                        * 0.5
                        * (1.0 + (std::f64::consts::PI * progress).cos())) as f32
            }
        }
    }
}
