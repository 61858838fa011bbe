//! The model as the generated code computes it, which may differ from the
//! model as declared (the summary shows the declared one).

use crate::ir::{Model, Op, Step};

/// A ReLU whose output only a max pool reads runs after the pool, on a
/// quarter of the values for 2x2 windows, in training as in inference: the
/// max of ReLUs is the ReLU of the max, and the gradients agree too (a window
/// whose max is positive sends its gradient to the same first maximum either
/// way; any other window sends none through the ReLU). Activation indices
/// stay: the one between the two steps holds the pooled values before the
/// ReLU.
pub fn pool_before_relu(declared: &Model) -> Model {
    let mut model = declared.clone();
    let read_by_others = |model: &Model, activation: usize, reader: usize| {
        model
            .steps
            .iter()
            .enumerate()
            .any(|(i, s)| i != reader && s.inputs.contains(&activation))
    };
    for i in 1..model.steps.len() {
        let (relu, pool) = (&model.steps[i - 1], &model.steps[i]);
        let between = relu.output;
        if matches!(relu.op, Op::Relu)
            && matches!(pool.op, Op::Pool { max: true, .. })
            && pool.inputs == [between]
            && !read_by_others(&model, between, i)
            && model.embed != between
            && model.code.is_none_or(|code| code.activation != between)
        {
            let pooled = Step {
                inputs: relu.inputs.clone(),
                output: between,
                ..pool.clone()
            };
            let relu = Step {
                inputs: vec![between],
                output: pool.output,
                ..relu.clone()
            };
            model.activations[between] = model.activations[pool.output].clone();
            model.steps[i - 1] = pooled;
            model.steps[i] = relu;
        }
    }
    model
}
