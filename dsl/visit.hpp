// Visiting a syntax tree's variants with one lambda per alternative:
// visit(node, [](ast::Within const&) {…}, [](auto const&) {…}). Shared by
// the resolver and every other reader of the tree.
#pragma once

#include <boost/variant/apply_visitor.hpp>

#include <utility>

namespace pligt {

template <typename... F>
struct overloaded : F... {
    using F::operator()...;
};
template <typename... F>
overloaded(F...) -> overloaded<F...>;

template <typename Variant, typename... F>
decltype(auto) visit(Variant const& v, F&&... f) {
    return boost::apply_visitor(overloaded{std::forward<F>(f)...}, v);
}

}  // namespace pligt
