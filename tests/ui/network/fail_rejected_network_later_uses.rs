use net::prelude::*;

// One mistake gives one error: the rejected network still declares its type,
// so its uses below add none.
network! {
    struct Net: [1, 12, 12] {
        conv1: Conv2d(6, kernel = 5, stride = 2),
        conv2: Conv2d(16, kernel = 5),
        Flatten,
        fc: Dense(10),
    } -> [10]
}

fn classify(model: &Net, x: &Tensor3<1, 12, 12>) -> usize {
    let logits: Tensor1<10> = model.forward(x);
    net::loss::argmax(&logits)
}

fn main() {
    let model = Net::new(0);
    println!("{}", Net::summary());
    println!("{}", classify(&model, &Tensor3::zeros()));
}
