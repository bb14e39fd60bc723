//! Without `rt-multi-thread`: `shared = NAME` on a `SharedRuntime` of your own (the fix bare `shared`'s error names).

use mainspring::SharedRuntime;

static ONE_THREAD: SharedRuntime =
    SharedRuntime::new(|| tokio::runtime::Builder::new_current_thread());

#[mainspring::test(shared = ONE_THREAD)]
async fn on_the_shared_runtime() {}

fn main() {
    ONE_THREAD.handle().block_on(tokio::task::yield_now());
}
