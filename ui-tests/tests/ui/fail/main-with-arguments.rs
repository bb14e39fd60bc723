#[mainspring::main]
async fn main(verbose: bool) {
    let _ = verbose;
}
