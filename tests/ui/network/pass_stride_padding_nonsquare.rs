use net::prelude::*;

// Shapes worked out by hand:
// c1:   H (32 + 2*2 - 5)/2 + 1 = 16,  W (20 + 2*1 - 3)/1 + 1 = 20
// pool: H (16 - 2)/2 + 1 = 8,          W (20 - 4)/4 + 1 = 5
// c2:   H (8 + 2*1 - 3)/3 + 1 = 3,     W (5 + 0 - 2)/2 + 1 = 2
// up:   H (3 - 1)*2 - 0 + 2 + 1 = 7,   W (2 - 1)*2 - 2*1 + 3 + 0 = 3
// avg:  H (7 + 2*1 - 3)/2 + 1 = 4,     W (3 + 2*1 - 3)/2 + 1 = 2
// up2:  H 4 * 1 = 4,                   W 2 * 3 = 6
network! {
    struct Odd: [3, 32, 20] {
        c1: Conv2d(8, kernel = (5, 3), stride = (2, 1), padding = (2, 1)) -> [8, 16, 20],
        MaxPool2d((2, 4)) -> [8, 8, 5],
        c2: Conv2d(4, kernel = (3, 2), stride = (3, 2), padding = (1, 0)) -> [4, 3, 2],
        up: ConvTranspose2d(2, kernel = (2, 3), stride = 2, padding = (0, 1), output_padding = (1, 0)) -> [2, 7, 3],
        AvgPool2d(3, stride = 2, padding = 1) -> [2, 4, 2],
        Upsample2d((1, 3)) -> [2, 4, 6],
        Flatten -> [48],
        Dense(5),
    } -> [5]
}

fn main() {
    let summary = Odd::summary();
    let shapes: Vec<&[usize]> = summary.layers.iter().map(|l| l.output).collect();
    assert_eq!(shapes[0], &[8, 16, 20]);
    assert_eq!(shapes[3], &[2, 7, 3]);
    // The unnamed Dense is named after its kind and count.
    assert_eq!(summary.layers[7].name, "dense_0");
    let model = Odd::new(4);
    assert_eq!(model.dense_0.weight.data.len(), 5);
    let _: Tensor1<5> = model.forward(&Tensor3::zeros());
}
