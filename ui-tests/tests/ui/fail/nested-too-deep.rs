// syn parses the signature recursively; past 64 levels mainspring reports instead of parsing
// (a return type nested a few hundred levels deep once overflowed rustc's stack).
#[mainspring::main(flavor = "current_thread")]
pub async fn deep() -> (((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),),) {
    todo!()
}

fn main() {}
