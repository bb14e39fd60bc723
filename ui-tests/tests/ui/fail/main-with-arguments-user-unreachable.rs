// The error path of the expansion names `unreachable!`; a user macro of that name in scope must
// not be the one expanded (it would add a second error).
macro_rules! unreachable {
    ($($t:tt)*) => {
        compile_error!("the user's `unreachable!` was expanded")
    };
}

#[mainspring::main]
async fn main(port: u16) {
    println!("{port}");
}
