//! `Box::new(closure)` coerces to the declared `Box<dyn Fn()>`, as in a plain fn.
#[mainspring::main(flavor = "current_thread")]
async fn make_adder(n: u32) -> Box<dyn Fn(u32) -> u32> {
    tokio::task::yield_now().await;
    if n == 0 {
        return Box::new(|x| x);
    }
    Box::new(move |x| x + n)
}

#[mainspring::main(flavor = "current_thread")]
async fn make_hook() -> Box<dyn Fn() + Send> {
    Box::new(|| {})
}

fn main() {
    assert_eq!(make_adder(2)(40), 42);
    assert_eq!(make_adder(0)(7), 7);
    make_hook()();
}
