// Raw bytes on one connection to `pligt serve`, in-process: httplib's
// request parsing, then the server's routing, limits, problem details and
// endpoints over the shipped rules (ApiServer::answer; no socket, no thread).
// Property beyond "no crash": no request is answered with an internal error.
// The server logs every 5xx and every exception a handler throws at error
// level, so a log sink that fails on error is that check.
//
// Coverage stops at httplib's boundary: Debian's cpp-httplib is a compiled
// library, so its own parser runs uninstrumented (ASan still checks the
// memory it touches through the interceptors); what is guided is our code.
#include "fuzz/shipped.hpp"

#include "server/api.hpp"
#include "server/program_holder.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string_view>

namespace {

using namespace pligt;

class FailOnError : public spdlog::sinks::base_sink<spdlog::details::null_mutex> {
protected:
    void sink_it_(spdlog::details::log_msg const& message) override {
        if (message.level < spdlog::level::err) return;
        std::fprintf(stderr, "%.*s\n", static_cast<int>(message.payload.size()), message.payload.data());
        fuzz::fail("no request is answered with an internal error");
    }
    void flush_() override {}
};

server::ApiServer& api() {
    static server::ProgramHolder programs{{PLIGT_SOURCE_DIR "/rules", PLIGT_SOURCE_DIR "/municipalities"}};
    static bool const loaded = [] {
        auto logger = std::make_shared<spdlog::logger>("fuzz", std::make_shared<FailOnError>());
        logger->set_level(spdlog::level::warn);
        spdlog::set_default_logger(logger);
        return programs.reload().loaded;
    }();
    if (!loaded) fuzz::fail("the shipped rules load");
    static server::ApiServer server{programs, server::ApiOptions{}};
    return server;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    api().answer(std::string_view{reinterpret_cast<char const*>(data), size});
    return 0;
}
