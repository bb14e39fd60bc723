//! A `const`/`static` named `__arg0` or `__arg1` next to a fn with pattern arguments.
//! An expansion that passed pattern arguments on under generated names would turn such a binding
//! into a constant pattern when an item of that name is in scope; the patterns stay the user's.
#![allow(non_upper_case_globals)]

mod with_consts {
    const __arg0: u32 = 1;
    const __arg1: u32 = 2;

    #[mainspring::main(flavor = "current_thread")]
    pub(crate) async fn patterns((a, b): (u32, u32), [c]: [u32; 1]) -> u32 {
        a + b + c + __arg0 + __arg1
    }
}

mod with_statics {
    static __arg0: u32 = 1;

    #[mainspring::main(flavor = "current_thread")]
    pub(crate) async fn pattern((a, b): (u32, u32)) -> u32 {
        a + b + __arg0
    }
}

fn main() {
    assert_eq!(with_consts::patterns((10, 20), [30]), 63);
    assert_eq!(with_statics::pattern((10, 20)), 31);
}
