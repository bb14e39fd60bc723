//! Arguments and locals named `body`, `rt`, `__body`, `__arg0`, `__arg1`, `main`: names an
//! expansion could use for bindings of its own, given to the user's bindings, next to pattern
//! arguments.

#[mainspring::main(flavor = "current_thread")]
async fn by_name(body: u32, rt: u32, __body: u32, __arg0: u32, __arg1: u32, main: u32) -> u32 {
    let runtime = 10;
    let future = 100;
    tokio::task::yield_now().await;
    body + rt + __body + __arg0 + __arg1 + main + runtime + future
}

// Argument 0 is a pattern, argument 1 is the user's own `__arg0`.
#[mainspring::main(flavor = "current_thread")]
async fn pattern_then_arg0((a, b): (u32, u32), __arg0: u32) -> u32 {
    a * 100 + b * 10 + __arg0
}

// Argument 0 is the user's own `__arg1`, argument 1 is a pattern.
#[mainspring::main(flavor = "current_thread")]
async fn arg1_then_pattern(__arg1: u32, [x, y]: [u32; 2], _: u32, mut rt: u32) -> u32 {
    rt += 1;
    __arg1 * 1000 + x * 100 + y * 10 + rt
}

#[mainspring::main]
async fn main() {
    let body = 1;
    let rt = 2;
    let __body = 3;
    let main = tokio::spawn(async move { body + rt + __body })
        .await
        .unwrap();
    assert_eq!(main, 6);
    let results = std::thread::spawn(|| {
        (
            by_name(1, 2, 3, 4, 5, 6),
            pattern_then_arg0((1, 2), 3),
            arg1_then_pattern(1, [2, 3], 9, 3),
        )
    })
    .join()
    .unwrap();
    assert_eq!(results, (131, 123, 1234));
}
