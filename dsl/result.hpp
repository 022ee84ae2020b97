// Result<T, E>: a value or the one reason there is none. For steps that fail one
// way (reading a date, a file); passes that find many problems take Diagnostics&
// instead. libstdc++ 12 has <expected> only under C++23, hence this small wrapper.
#pragma once

#include <utility>
#include <variant>

namespace pligt {

template <typename E>
struct Failure {
    E error;
};

template <typename E>
Failure<std::decay_t<E>> fail(E&& error) {
    return {std::forward<E>(error)};
}

template <typename T, typename E>
class Result {
public:
    Result(T value) : state_{std::in_place_index<0>, std::move(value)} {}
    template <typename F>
    Result(Failure<F> failure) : state_{std::in_place_index<1>, E(std::move(failure.error))} {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(state_); }
    T const& value() const& { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }
    T const& operator*() const& { return value(); }
    T const* operator->() const { return &value(); }

    E const& error() const { return std::get<1>(state_); }

private:
    std::variant<T, E> state_;
};

}  // namespace pligt
