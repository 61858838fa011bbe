//! The larger models keep their activations on the stack in `forward`, more
//! than a test thread's 2 MiB: the integration tests run them on a thread of
//! their own.

/// `f`'s result, run on a thread with a 64 MiB stack.
pub fn on_a_big_stack<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> R {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .expect("the model ran")
}
