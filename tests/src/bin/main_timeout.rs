//! `timeout = "100ms"` on `main`: the body waits 10 s of real time, so the program must stop early
//! with a panic naming the limit and exit 101 like any panicking `main`.

#[mainspring::main(flavor = "current_thread", timeout = "100ms")]
async fn main() {
    println!("waiting");
    tokio::time::sleep(std::time::Duration::from_secs(10)).await;
    println!("the timeout did not fire");
}
