//! How a training pass shares a batch between threads: the batch is cut into
//! a few chunks, one task takes its chunk through every layer (forward, or
//! backward with parameter gradients of its own), and the chunks' parameter
//! gradients are added in chunk order. The cut depends on the batch size
//! alone, so the results are the same bit for bit on any number of threads.
//!
//! One task per chunk keeps the chunk's activations in its core's cache from
//! one layer to the next, and makes a pass one parallel region instead of one
//! per layer. Networks with a layer that couples the samples of a batch (batch
//! norm's statistics, dropout's draws from one generator) run layer by layer.

use crate::network::NamedTensors;
use crate::params::{fill_zeros, zeroed_box, TensorData, TensorDataMut, Zeroable};
use crate::tensor::PARALLEL_PIECE;
use rayon::prelude::*;

/// The fewest samples in a chunk but the last.
pub const MIN_CHUNK_SAMPLES: usize = 32;

/// The most chunks a batch is cut into: each chunk but the first needs a
/// gradient block as large as the model's parameters.
pub const MAX_CHUNKS: usize = 4;

/// Samples per chunk for a batch of `batch`: chunks of 32 samples, or fewer
/// and larger ones for a batch of more than 128.
pub fn chunk_samples(batch: usize) -> usize {
    let chunks = batch.div_ceil(MIN_CHUNK_SAMPLES).clamp(1, MAX_CHUNKS);
    batch.div_ceil(chunks).max(1)
}

/// The number of chunks a batch of `batch` samples is cut into.
pub fn chunk_count(batch: usize) -> usize {
    batch.div_ceil(chunk_samples(batch))
}

/// Runs `task` on every chunk's data, in parallel on rayon's current pool.
pub fn for_each_chunk<T: Send>(chunks: Vec<T>, task: impl Fn(T) + Send + Sync) {
    chunks.into_par_iter().with_max_len(1).for_each(task);
}

/// The parameter gradients one chunk adds to: the caller's own for the first
/// chunk, a scratch block for each of the others.
pub struct ChunkGrads<'a, G> {
    block: &'a mut G,
    stale: bool,
}

impl<'a, G: NamedTensors> ChunkGrads<'a, G> {
    /// The block, zeroed first if it is a scratch block from an earlier pass
    /// (zeroed by the task that fills it, so that it stays in its core's cache).
    pub fn into_block(self) -> &'a mut G {
        if self.stale {
            fill_zeros(self.block);
        }
        self.block
    }
}

/// One gradient block per chunk of a batch of `batch`: `grads`, then the
/// blocks of `scratch`, which grows to hold one per further chunk.
pub fn chunk_grads<'a, G: NamedTensors + Zeroable>(
    grads: &'a mut G,
    scratch: &'a mut Vec<Box<G>>,
    batch: usize,
) -> impl Iterator<Item = ChunkGrads<'a, G>> {
    let others = chunk_count(batch).saturating_sub(1);
    let reused = scratch.len().min(others);
    scratch.truncate(others);
    scratch.resize_with(others, zeroed_box);
    let first = ChunkGrads {
        block: grads,
        stale: false,
    };
    let rest = scratch
        .iter_mut()
        .enumerate()
        .map(move |(i, block)| ChunkGrads {
            block: &mut **block,
            stale: i < reused,
        });
    std::iter::once(first).chain(rest)
}

/// Adds `partials` into `total` one after another, in order: every value is
/// `total + partials[0] + partials[1] + ...`, whatever the number of threads
/// that computed the partials. The kernels add their chunks' partial
/// gradients with it too.
pub fn add_in_order<'a>(total: &mut [f32], partials: impl IntoIterator<Item = &'a [f32]>) {
    for partial in partials {
        for (t, p) in total.iter_mut().zip(partial) {
            *t += p;
        }
    }
}

/// Adds the scratch blocks of the chunks after the first to `total`, one
/// after another: every value is `total + parts[0] + parts[1] + ...` in that
/// order. Large tensors are added in pieces on rayon's current pool.
pub fn add_in_chunk_order<G: NamedTensors>(total: &mut G, parts: &[Box<G>]) {
    let mut sources: Vec<Vec<TensorData<'_>>> = vec![Vec::new(); parts.len()];
    for (part, list) in parts.iter().zip(&mut sources) {
        part.visit(&mut |_, _, data| list.push(data));
    }
    let mut tensor = 0;
    total.visit_mut(&mut |_, _, data| {
        let from = sources.iter().map(|list| list[tensor]);
        match data {
            TensorDataMut::F32(to) => {
                let from: Vec<&[f32]> = from
                    .map(|data| match data {
                        TensorData::F32(values) => values,
                        TensorData::I64(_) => unreachable!("the blocks have the same tensors"),
                    })
                    .collect();
                to.par_chunks_mut(PARALLEL_PIECE)
                    .enumerate()
                    .for_each(|(piece, to)| {
                        let len = to.len();
                        let parts = from.iter().map(|v| &v[piece * PARALLEL_PIECE..][..len]);
                        add_in_order(to, parts);
                    });
            }
            TensorDataMut::I64(to) => {
                for data in from {
                    if let TensorData::I64(values) = data {
                        to.iter_mut().zip(values).for_each(|(t, v)| *t += v);
                    }
                }
            }
        }
        tensor += 1;
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::Weights;
    use crate::tensor::{Tensor1, Tensor2};

    type Block = Weights<Tensor2<2, 3>, 2>;

    // A parameter block's tensors by hand, as `network!` generates them.
    impl NamedTensors for Block {
        fn visit<'a>(&'a self, f: &mut dyn FnMut(&str, &'static [usize], TensorData<'a>)) {
            f("w", &[2, 3], TensorData::F32(self.weight.as_slice()));
            f("b", &[2], TensorData::F32(self.bias.as_slice()));
        }
        fn visit_mut(&mut self, f: &mut dyn FnMut(&str, &'static [usize], TensorDataMut<'_>)) {
            f("w", &[2, 3], TensorDataMut::F32(self.weight.as_mut_slice()));
            f("b", &[2], TensorDataMut::F32(self.bias.as_mut_slice()));
        }
    }

    #[test]
    fn batches_cut_into_chunks_by_their_size_alone() {
        let cut = |batch: usize| (chunk_samples(batch), chunk_count(batch));
        assert_eq!(cut(0), (1, 0));
        assert_eq!(cut(1), (1, 1));
        assert_eq!(cut(32), (32, 1));
        assert_eq!(cut(33), (17, 2));
        assert_eq!(cut(64), (32, 2));
        assert_eq!(cut(100), (25, 4));
        assert_eq!(cut(256), (64, 4));
        for batch in 1..1000 {
            let (samples, count) = cut(batch);
            assert!(count <= MAX_CHUNKS && samples * count >= batch);
            assert!(
                samples * (count - 1) < batch,
                "no empty chunk at batch {batch}"
            );
        }
    }

    #[test]
    fn scratch_blocks_are_zeroed_when_taken_and_sized_to_the_batch() {
        let mut grads = Block::default();
        grads.bias.data[0] = 7.0;
        let mut scratch: Vec<Box<Block>> = Vec::new();
        let blocks: Vec<_> = chunk_grads(&mut grads, &mut scratch, 96).collect();
        assert_eq!(blocks.len(), 3);
        for block in blocks {
            block.into_block().weight.data[1][2] = 5.0;
        }
        assert_eq!(scratch.len(), 2);
        // The caller's block is never zeroed: the chunks add to it.
        assert_eq!(grads.bias.data[0], 7.0);
        let blocks: Vec<_> = chunk_grads(&mut grads, &mut scratch, 64)
            .map(ChunkGrads::into_block)
            .collect();
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].weight.data[1][2], 5.0);
        assert_eq!(*blocks[1], Block::default());
        assert_eq!(scratch.len(), 1);
    }

    #[test]
    fn parts_add_up_block_after_block() {
        let mut total = Block::default();
        total.weight.data[0][0] = 1.0;
        total.bias = Tensor1::from([1.0, 1.0]);
        let mut parts: Vec<Box<Block>> = vec![zeroed_box(), zeroed_box()];
        parts[0].weight.data[0] = [1e8, 2.0, 3.0];
        parts[1].weight.data[0][0] = -1e8;
        parts[1].bias.data[1] = -1.0;
        add_in_chunk_order(&mut total, &parts);
        // (1 + 1e8) - 1e8 is 0 in f32; adding the parts first would give 1.
        assert_eq!(total.weight.data, [[0.0, 2.0, 3.0], [0.0; 3]]);
        assert_eq!(total.bias.data, [1.0, 0.0]);
    }

    #[test]
    fn every_chunk_runs_once() {
        let seen = std::sync::Mutex::new(Vec::new());
        for_each_chunk((0..5).collect(), |c: usize| seen.lock().unwrap().push(c));
        let mut seen = seen.into_inner().unwrap();
        seen.sort();
        assert_eq!(seen, [0, 1, 2, 3, 4]);
    }
}
