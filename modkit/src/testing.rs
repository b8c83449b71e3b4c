//! Test replacements (the `testing` feature): a test builds the real app with some providers
//! replaced ([`crate::AppBuilder::replace_for_test`]).
//!
//! The generated build of every module writes each singleton, value and config through
//! `__replaced_or!`, and each module lists what it builds through
//! `__if_testing!` (`Replaceable` impls). Both macros are defined by this
//! crate and depend on *its* `testing` feature: without it they write the production build and
//! nothing else, so an app built without the feature compiles and runs exactly the code it did
//! before. (A `cfg(feature = "testing")` in generated code would read the user's crate's
//! features instead.)

/// The items, written only when modkit's `testing` feature is on.
#[cfg(feature = "testing")]
#[doc(hidden)]
#[macro_export]
macro_rules! __if_testing {
    ($($item:tt)*) => { $($item)* };
}

/// The items, written only when modkit's `testing` feature is on.
#[cfg(not(feature = "testing"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __if_testing {
    ($($item:tt)*) => {};
}

/// `__replaced_or!(ctx [Module] [T] { built })`: the replacement of `T` in `Module` a test
/// supplied, else the block; without the `testing` feature, the block.
#[cfg(feature = "testing")]
#[doc(hidden)]
#[macro_export]
macro_rules! __replaced_or {
    ($ctx:ident [$($m:tt)*] [$($t:tt)*] { $($built:tt)* }) => {
        match $ctx.replaced::<$($m)*, $($t)*>() {
            ::core::option::Option::Some(__modkit_replaced) => __modkit_replaced,
            ::core::option::Option::None => { $($built)* }
        }
    };
}

/// `__replaced_or!(ctx [Module] [T] { built })`: the replacement of `T` in `Module` a test
/// supplied, else the block; without the `testing` feature, the block.
#[cfg(not(feature = "testing"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __replaced_or {
    ($ctx:ident [$($m:tt)*] [$($t:tt)*] { $($built:tt)* }) => {{ $($built)* }};
}

#[cfg(feature = "testing")]
pub use enabled::*;

#[cfg(feature = "testing")]
mod enabled {
    use std::any::{Any, TypeId};
    use std::sync::Arc;

    use crate::Module;

    /// A replacement, type-erased: the `Arc<T>` a test supplied for `T`.
    struct Erased {
        ty: TypeId,
        type_name: &'static str,
        value: Box<dyn Any + Send + Sync>,
    }

    /// `with`, erased.
    fn erase<T: ?Sized + Send + Sync + 'static>(with: Arc<T>) -> Erased {
        Erased {
            ty: TypeId::of::<Arc<T>>(),
            type_name: std::any::type_name::<T>(),
            value: Box::new(with),
        }
    }

    /// Module `X` builds one `T` the app keeps (a singleton provider, a binding
    /// `Impl as dyn Trait`, a value or a config), and a test may replace it with an `R`: the
    /// proof that a replacement of `T` in `X` is used if `X` is part of the app. Written by
    /// `#[module]` on `X`'s wiring type, only with the `testing` feature: for each such `T`,
    /// `R = Arc<T>`, and for a binding, also `Arc<W>` for any `W` with the trait object's bounds
    /// (through a generated trait whose message names what `W` lacks).
    #[diagnostic::on_unimplemented(
        message = "module `{X}` does not build a `{T}` a test can replace",
        label = "`{T}` is not a singleton, a value or a config of `{X}`",
        note = "a test replaces what one module builds once: a singleton of its `providers` (`Impl`, or `Impl as dyn Trait`), one of its `values` or its `config`; transient and request-scoped providers are made on demand, and an alias (`dyn Trait = Impl`) is its target",
        note = "fix: name the module whose `#[module]` lists `{T}`: `.replace_for_test::<ThatModule, {T}>(..)`, with an `Arc<{T}>`"
    )]
    pub trait Replaceable<T: ?Sized, X, R> {
        /// The replacement, as the module provides it.
        fn into_replacement(with: R) -> Arc<T>;
    }

    impl<T: ?Sized, X, R> Replaceable<T, X, R> for crate::module::Unwired {
        fn into_replacement(with: R) -> Arc<T> {
            let _ = with;
            unreachable!("modkit: a module whose expansion failed was replaced in")
        }
    }

    /// What a test hands to [`crate::AppBuilder::replace_for_test`] for `T` in module `X` of the
    /// app of `M`: what `X` declares it can take ([`Replaceable`]), `X` being a module of that
    /// app. Every condition is here, each with its own message, so that a mistake is one error.
    pub trait ReplaceWith<T: ?Sized, X, M> {
        /// The replacement, as the module provides it.
        fn into_replacement(self) -> Arc<T>;
        /// The module's name, for the build's messages.
        fn module_name() -> &'static str;
    }

    impl<T: ?Sized, X: Module, M: Module, R> ReplaceWith<T, X, M> for R
    where
        X::Wiring: Replaceable<T, X, R> + Keyed,
        M::Wiring: Search<<X::Wiring as Keyed>::Key>,
        <M::Wiring as Search<<X::Wiring as Keyed>::Key>>::Found: InApp<X, M>,
    {
        #[inline]
        fn into_replacement(self) -> Arc<T> {
            <X::Wiring as Replaceable<T, X, R>>::into_replacement(self)
        }
        fn module_name() -> &'static str {
            X::info().name
        }
    }

    /// Type-level booleans: whether a module is in an app's graph (`Search`).
    pub enum True {}
    /// See `True`.
    pub enum False {}

    /// `Self` and `B` are the same hex digit of a module key: `Out` is `True` or `False`.
    pub trait DigitEq<B> {
        /// `True` or `False`.
        type Out;
    }

    macro_rules! digits {
        ($($d:ident)*) => {
            $(
                #[doc = "A hex digit of a module key."]
                pub enum $d {}
                impl DigitEq<$d> for $d { type Out = True; }
            )*
            digits!(@pairs $($d)*);
        };
        (@pairs) => {};
        (@pairs $h:ident $($r:ident)*) => {
            $(
                impl DigitEq<$r> for $h { type Out = False; }
                impl DigitEq<$h> for $r { type Out = False; }
            )*
            digits!(@pairs $($r)*);
        };
    }
    digits!(H0 H1 H2 H3 H4 H5 H6 H7 H8 H9 HA HB HC HD HE HF);

    /// Whether every element of a list `(b, (b, ..()))` of booleans is `True`.
    pub trait AllTrue {
        /// `True` or `False`.
        type Out;
    }
    impl AllTrue for () {
        type Out = True;
    }
    impl<R: AllTrue> AllTrue for (True, R) {
        type Out = R::Out;
    }
    impl<R> AllTrue for (False, R) {
        type Out = False;
    }

    /// Whether some element of a list `(b, (b, ..()))` of booleans is `True`.
    pub trait AnyTrue {
        /// `True` or `False`.
        type Out;
    }
    impl AnyTrue for () {
        type Out = False;
    }
    impl<R> AnyTrue for (True, R) {
        type Out = True;
    }
    impl<R: AnyTrue> AnyTrue for (False, R) {
        type Out = R::Out;
    }

    /// `Self` and `K` are the same module key (8 hex digits of the module's id).
    pub trait KeyEq<K> {
        /// `True` or `False`.
        type Out;
    }
    #[allow(clippy::type_complexity, reason = "a key is 8 digits")]
    impl<
        A0,
        A1,
        A2,
        A3,
        A4,
        A5,
        A6,
        A7,
        B0,
        B1,
        B2,
        B3,
        B4,
        B5,
        B6,
        B7,
        E0,
        E1,
        E2,
        E3,
        E4,
        E5,
        E6,
        E7,
        R,
    > KeyEq<(B0, B1, B2, B3, B4, B5, B6, B7)> for (A0, A1, A2, A3, A4, A5, A6, A7)
    where
        A0: DigitEq<B0, Out = E0>,
        A1: DigitEq<B1, Out = E1>,
        A2: DigitEq<B2, Out = E2>,
        A3: DigitEq<B3, Out = E3>,
        A4: DigitEq<B4, Out = E4>,
        A5: DigitEq<B5, Out = E5>,
        A6: DigitEq<B6, Out = E6>,
        A7: DigitEq<B7, Out = E7>,
        (E0, (E1, (E2, (E3, (E4, (E5, (E6, (E7, ())))))))): AllTrue<Out = R>,
    {
        type Out = R;
    }

    /// The key of a module whose chain stopped: it matches every module (its error is reported
    /// where the chain stopped).
    pub enum NoKey {}
    impl<K> KeyEq<K> for NoKey {
        type Out = True;
    }

    /// A module's key, on its wiring type: 8 hex digits of its id, as types.
    pub trait Keyed {
        /// `(H3, HA, ..)`.
        type Key;
    }
    impl Keyed for crate::module::Unwired {
        type Key = NoKey;
    }

    /// Whether the module of key `K` is this module or in the graph below it: `Found` is
    /// `True` or `False`, computed from the module's own key and its imports' `Search`
    /// (a module reached along several paths is found along each; the answer is the same).
    /// Written by `#[module]` on the wiring type, with the `testing` feature only.
    pub trait Search<K> {
        /// `True` or `False`.
        type Found;
    }
    impl<K> Search<K> for crate::module::Unwired {
        type Found = True;
    }

    /// The module `X` whose provider a test replaces is part of the app built from `M`.
    #[diagnostic::on_unimplemented(
        message = "module `{X}` is not part of the app built from `{M}`",
        label = "`{M}` does not import `{X}`, directly or through its imports",
        note = "a replacement in a module the app does not build would never be used",
        note = "fix: replace the provider in the module of this app that builds it, or build the app whose graph has `{X}`"
    )]
    pub trait InApp<X, M> {}
    impl<X, M> InApp<X, M> for True {}

    /// A replacement handed to the build.
    pub(crate) struct Replacement {
        module: TypeId,
        module_name: &'static str,
        erased: Erased,
        used: bool,
    }

    /// The replacements of one build, in the order the test supplied them.
    pub(crate) type Replacements = Vec<Replacement>;

    /// Adds the replacement of `T` in module `X`; a second one of the same `T` in `X` replaces
    /// the first.
    pub(crate) fn add<X, T, M, R>(list: &mut Replacements, with: R)
    where
        X: 'static,
        T: ?Sized + Send + Sync + 'static,
        R: ReplaceWith<T, X, M>,
    {
        let erased = erase(with.into_replacement());
        let module = TypeId::of::<X>();
        list.retain(|r| (r.module, r.erased.ty) != (module, erased.ty));
        list.push(Replacement {
            module,
            module_name: R::module_name(),
            erased,
            used: false,
        });
    }

    /// The replacement of `T` in module `X`, if the test supplied one; marks it used. Cold and
    /// out of line: a build without replacements pays only the branch in front of it.
    #[cold]
    #[inline(never)]
    pub(crate) fn take<X: 'static, T: ?Sized + 'static>(list: &mut Replacements) -> Option<Arc<T>> {
        let key = (TypeId::of::<X>(), TypeId::of::<Arc<T>>());
        let r = list.iter_mut().find(|r| (r.module, r.erased.ty) == key)?;
        r.used = true;
        r.erased.value.downcast_ref::<Arc<T>>().cloned()
    }

    /// The first replacement no module used: its module is not part of the app. Checked at
    /// compile time (`InApp`); this is the backstop for two modules whose keys (32 bits of
    /// their ids) are equal.
    #[cold]
    #[inline(never)]
    pub(crate) fn unused(list: &Replacements, root: &'static str) -> Option<crate::BuildError> {
        let r = list.iter().find(|r| !r.used)?;
        let why = format!(
            "the test replaces `{ty}` in module `{module}`, but `{module}` is not part of this \
             app: `{root}` does not import it, directly or through its imports, so the \
             replacement would never be used; fix: build the app whose graph has `{module}`, or \
             drop the `replace_for_test::<{module}, _>` call",
            ty = r.erased.type_name,
            module = r.module_name,
        );
        Some(crate::BuildError::new(
            vec![root],
            crate::Stage::Replace,
            why.into(),
        ))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_replacement_no_module_took_is_a_build_error() {
            let mut list = Replacements::new();
            list.push(Replacement {
                module: TypeId::of::<u8>(),
                module_name: "CacheModule",
                erased: erase(Arc::new(7_u32)),
                used: false,
            });
            assert!(take::<u8, u64>(&mut list).is_none());
            let err = unused(&list, "AppModule").expect("the replacement was not taken");
            assert_eq!(err.stage(), crate::Stage::Replace);
            assert!(
                err.to_string()
                    .starts_with("AppModule: the test replaces `u32` in module `CacheModule`, but"),
                "{err}"
            );
            assert_eq!(take::<u8, u32>(&mut list).as_deref(), Some(&7));
            assert!(unused(&list, "AppModule").is_none());
        }
    }
}
