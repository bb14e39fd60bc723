#[mainspring::test(flavor = [])]
async fn nothing() {}

fn main() {}
