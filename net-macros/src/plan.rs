//! Where inference keeps each activation: the memory plan of a model's
//! `Scratch`, worked out from the checked `ir::Model` by liveness.
//!
//! Every activation but the input (which inference reads where the caller
//! holds it) lives in a buffer of the scratch. A buffer is free again once
//! no later step reads any activation in it, so the scratch holds the peak
//! of what is alive at once, not the sum of the layers. Three rules share
//! buffers:
//! - a reshape (`Flatten`) or an inference-mode dropout is the same values:
//!   its output is its input's buffer;
//! - an element-wise step (activations, batch norm, `Add`) whose input is
//!   read by nothing after it writes its output over that input;
//! - the rest get buffers of their own, placed greedily, largest first, at
//!   the lowest offset free for their whole lifetime.
//!
//! A skip's source is read by its join, so it stays alive until then. The
//! network's output is read after the last step.

use crate::ir::{Model, Op};

/// Floats per unit of placement: buffers start on 64-byte boundaries.
const ALIGN: usize = 16;

/// Where an activation is during inference.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Place {
    /// The input, read where the caller holds it.
    Input,
    /// `floats` floats at `offset` in the scratch.
    Scratch { offset: usize, floats: usize },
}

/// How a step writes its output.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Write {
    /// Into a buffer of its own.
    Fresh,
    /// Over its input `inputs[0]` (or, for `Add`, `inputs[which]`).
    InPlace { which: usize },
    /// Nothing to do: the output is the input's buffer.
    Alias,
}

pub struct Plan {
    /// Each activation's place.
    pub places: Vec<Place>,
    /// Each step's way of writing.
    pub writes: Vec<Write>,
    /// Floats of activations in the scratch, a multiple of 16.
    pub floats: usize,
}

impl Plan {
    /// The place of activation `a`, which is in the scratch.
    pub fn slot(&self, a: usize) -> (usize, usize) {
        match self.places[a] {
            Place::Scratch { offset, floats } => (offset, floats),
            Place::Input => unreachable!("activation {a} is the input"),
        }
    }
}

/// A group of activations sharing one buffer.
struct Buffer {
    floats: usize,
    /// The first step that writes it and the last that reads it.
    first: usize,
    last: usize,
}

pub fn plan(model: &Model) -> Plan {
    let count = model.activations.len();
    let steps = &model.steps;
    let len = |a: usize| model.activations[a].iter().product::<usize>();
    // The last step reading each activation; the output is read after all.
    let mut last_read = vec![0; count];
    for (s, step) in steps.iter().enumerate() {
        for &a in &step.inputs {
            last_read[a] = last_read[a].max(s);
        }
    }
    last_read[model.output()] = steps.len();

    let mut buffer_of: Vec<Option<usize>> = vec![None; count];
    let mut buffers: Vec<Buffer> = Vec::new();
    let mut writes = Vec::with_capacity(steps.len());
    for (s, step) in steps.iter().enumerate() {
        let dies_here = |a: usize, buffer_of: &[Option<usize>]| {
            buffer_of[a].is_some_and(|b| {
                (0..count).all(|other| buffer_of[other] != Some(b) || last_read[other] <= s)
            })
        };
        let write = match step.op {
            Op::Reshape | Op::Dropout { .. } if buffer_of[step.input()].is_some() => Write::Alias,
            Op::Add => (0..step.inputs.len())
                .find(|&i| dies_here(step.inputs[i], &buffer_of))
                .map_or(Write::Fresh, |which| Write::InPlace { which }),
            Op::Relu
            | Op::Relu6
            | Op::LeakyRelu { .. }
            | Op::Sigmoid
            | Op::Tanh
            | Op::BatchNorm { .. }
                if dies_here(step.input(), &buffer_of) =>
            {
                Write::InPlace { which: 0 }
            }
            _ => Write::Fresh,
        };
        let buffer = match write {
            Write::Alias => buffer_of[step.input()].expect("an alias reads a buffer"),
            Write::InPlace { which } => {
                buffer_of[step.inputs[which]].expect("in place in a buffer")
            }
            Write::Fresh => {
                buffers.push(Buffer {
                    floats: len(step.output).next_multiple_of(ALIGN),
                    first: s,
                    last: s,
                });
                buffers.len() - 1
            }
        };
        buffer_of[step.output] = Some(buffer);
        writes.push(write);
    }
    for (a, b) in buffer_of.iter().enumerate() {
        if let Some(b) = *b {
            buffers[b].last = buffers[b].last.max(last_read[a]);
        }
    }

    let offsets = place(&buffers);
    let places = (0..count)
        .map(|a| match buffer_of[a] {
            Some(b) => Place::Scratch {
                offset: offsets[b],
                floats: len(a),
            },
            None => Place::Input,
        })
        .collect();
    let floats = buffers
        .iter()
        .zip(&offsets)
        .map(|(b, o)| o + b.floats)
        .max()
        .unwrap_or(0);
    Plan {
        places,
        writes,
        floats,
    }
}

/// Offsets for the buffers: largest first, each at the lowest offset that
/// overlaps no buffer already placed whose lifetime meets its own.
fn place(buffers: &[Buffer]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..buffers.len()).collect();
    order.sort_by_key(|&b| (std::cmp::Reverse(buffers[b].floats), buffers[b].first));
    let mut offsets = vec![0; buffers.len()];
    let mut placed: Vec<usize> = Vec::new();
    for b in order {
        let mut taken: Vec<(usize, usize)> = placed
            .iter()
            .filter(|&&p| {
                buffers[p].first <= buffers[b].last && buffers[b].first <= buffers[p].last
            })
            .map(|&p| (offsets[p], offsets[p] + buffers[p].floats))
            .collect();
        taken.sort();
        let mut offset = 0;
        for (start, end) in taken {
            if offset + buffers[b].floats <= start {
                break;
            }
            offset = offset.max(end);
        }
        offsets[b] = offset;
        placed.push(b);
    }
    offsets
}
