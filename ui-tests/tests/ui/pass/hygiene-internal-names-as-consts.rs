//! `const`s and `static`s named `body`, `rt`, `__body`, `main`... in scope.
//! A `let` or an argument of such a name would be a constant pattern, so the expansion must bind
//! none of them.
#![allow(non_upper_case_globals)]

const body: u32 = 1;
const rt: u32 = 2;
const __body: u32 = 3;
static runtime: u32 = 4;
static future: u32 = 5;

#[mainspring::main(flavor = "current_thread")]
async fn uses_them(x: u32) -> u32 {
    tokio::task::yield_now().await;
    x + body + rt + __body + runtime + future
}

mod inner {
    const main: u32 = 6;
    static __arg0: u32 = 7;
    static __arg1: u32 = 8;

    #[mainspring::main(worker_threads = 1)]
    pub(crate) async fn also_here(y: u32) -> u32 {
        y + main + __arg0 + __arg1
    }
}

fn main() {
    assert_eq!(uses_them(100), 115);
    assert_eq!(inner::also_here(100), 121);
}
