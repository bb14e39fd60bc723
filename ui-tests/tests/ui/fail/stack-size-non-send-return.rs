use std::rc::Rc;

#[mainspring::main(flavor = "current_thread", stack_size = "8MiB")]
async fn shared() -> Rc<u32> {
    Rc::new(1)
}

fn main() {
    let _ = shared();
}
