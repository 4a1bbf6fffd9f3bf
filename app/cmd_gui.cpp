// `zksim gui`: option parsing for the GUI (frames, screenshot, size, theme, language,
// lesson, speed, a scenario file and the moment to show with --at, and live mode:
// --serve [SCENARIO | --servers N] [--port P] [--bind ADDR] [--4lw-whitelist LIST]).
#include <fmt/format.h>

#include <charconv>

#include "app/cli_numbers.h"
#include "app/commands.h"
#include "sim/gateway/four_letter_port.h"
#include "sim/text/duration.h"
#include "sim/text/text_words.h"

#ifdef ZKSIM_HAVE_GUI
#include "ui/gui_app.h"
#include "ui/scenario_files.h"
#endif

namespace zk::app {
namespace {

[[maybe_unused]] bool parse_int(const std::string& text, int& out) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

}  // namespace

int cmd_gui(const Args& args) {
#ifndef ZKSIM_HAVE_GUI
  (void)args;
  return usage_error("this build has no GUI; run scenarios headless with: zksim run FILE");
#else
  ui::GuiOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&](const char* name) -> const std::string* {
      if (i + 1 >= args.size()) return nullptr;
      (void)name;
      return &args[++i];
    };
    if (arg == "--frames") {
      const std::string* v = value("--frames");
      if (!v) return usage_error("--frames needs a value");
      if (auto e = parse_number_option(arg, *v, 1, 1'000'000, options.frame_count); !e.empty()) return usage_error(e);
    } else if (arg == "--screenshot") {
      const std::string* v = value("--screenshot");
      if (!v || v->empty()) return usage_error("--screenshot needs a file name");
      options.screenshot_path = *v;
    } else if (arg == "--size") {
      const std::string* v = value("--size");
      const size_t x = v ? v->find('x') : std::string::npos;
      if (x == std::string::npos || !parse_int(v->substr(0, x), options.width_px) ||
          !parse_int(v->substr(x + 1), options.height_px) || options.width_px < ui::kMinWindowWidthPx ||
          options.height_px < ui::kMinWindowHeightPx ||
          options.width_px > 8192 || options.height_px > 8192)
        return usage_error(fmt::format("--size needs WIDTHxHEIGHT in pixels from {}x{} to 8192x8192, e.g. "
                                       "1280x800, saw '{}'", ui::kMinWindowWidthPx, ui::kMinWindowHeightPx, v ? sim::word_for_message(*v) : ""));
    } else if (arg == "--theme") {
      const std::string* v = value("--theme");
      if (v && *v == "dark") options.theme = ui::Theme::kDark;
      else if (v && *v == "light") options.theme = ui::Theme::kLight;
      else return usage_error("--theme needs 'dark' or 'light'");
    } else if (arg == "--lang") {
      const std::string* v = value("--lang");
      if (v && *v == "en") options.language = ui::Language::kEnglish;
      else if (v && *v == "zh") options.language = ui::Language::kChinese;
      else return usage_error("--lang needs 'en' or 'zh'");
    } else if (arg == "--lesson") {
      const std::string* v = value("--lesson");
      if (!v || (*v != "1-2-3" && *v != "3-2-1" && *v != "all"))
        return usage_error("--lesson needs '1-2-3', '3-2-1' or 'all'");
      options.lesson = *v;
    } else if (arg == "--servers") {
      const std::string* v = value("--servers");
      if (!v) return usage_error("--servers needs a value");
      if (auto e = parse_number_option(arg, *v, 1, 9, options.server_count); !e.empty()) return usage_error(e);
    } else if (arg == "--speed") {
      const std::string* v = value("--speed");
      int speed = 0;
      if (!v) return usage_error("--speed needs a value");
      if (auto e = parse_number_option(arg, *v, 1, 10000, speed); !e.empty()) return usage_error(e);
      options.speed = speed;
    } else if (arg == "--at") {
      const std::string* v = value("--at");
      const sim::DurationResult at = v ? sim::parse_duration_us(*v) : sim::DurationResult{};
      if (!v || !at.ok()) {
        return usage_error(fmt::format("--at needs a virtual time with a unit in 0us..1000000s, e.g. 12s or 1500ms, "
                                       "saw '{}'", v ? sim::word_for_message(*v) : ""));
      }
      options.at_us = at.duration_us;
    } else if (arg == "--latency") {
      const std::string* v = value("--latency");
      const size_t dots = v ? v->find("..") : std::string::npos;
      int lo = 0;
      int hi = 0;
      if (dots == std::string::npos || !parse_int(v->substr(0, dots), lo) || !parse_int(v->substr(dots + 2), hi) ||
          lo < 0 || hi < lo || hi > 10000)
        return usage_error(fmt::format("--latency needs MIN..MAX in whole milliseconds with 0 <= MIN <= MAX <= 10000, "
                                       "e.g. 50..100, saw '{}'", v ? sim::word_for_message(*v) : ""));
      options.latency_min_ms = lo;
      options.latency_max_ms = hi;
    } else if (arg == "--load") {
      const std::string* v = value("--load");
      int writes = 0;
      if (!v) return usage_error("--load needs a value");
      if (auto e = parse_number_option(arg, *v, 1, 100000, writes); !e.empty()) return usage_error(e);
      options.load_writes_per_s = writes;
    } else if (arg == "--probe") {
      const std::string* v = value("--probe");
      if (!v) return usage_error("--probe needs a file name");
      options.probe_path = *v;
    } else if (arg == "--serve") {
      options.serve = true;
    } else if (arg == "--port") {
      const std::string* v = value("--port");
      if (!v) return usage_error("--port needs a value");
      if (auto e = parse_number_option(arg, *v, 1, 65535, options.serve_port); !e.empty()) return usage_error(e);
    } else if (arg == "--bind") {
      const std::string* v = value("--bind");
      if (!v || v->empty()) return usage_error("--bind needs an IPv4 address");
      options.serve_bind = *v;
    } else if (arg == "--4lw-whitelist") {
      const std::string* v = value("--4lw-whitelist");
      if (!v) return usage_error("--4lw-whitelist needs a value");
      if (auto e = sim::gateway::parse_four_letter_whitelist(*v, options.four_letter_whitelist); !e.empty()) {
        return usage_error("--4lw-whitelist: " + e);
      }
    } else if (arg == "--frame-stats") {
      options.frame_stats = true;
    } else if (arg == "--space-time") {
      options.space_time = true;
    } else if (!arg.empty() && arg[0] == '-') {
      return usage_error(fmt::format("unknown gui option '{}'", arg));
    } else if (options.scenario_path.empty()) {
      options.scenario_path = arg;
    } else {
      return usage_error("gui takes at most one scenario file");
    }
  }
  if (options.at_us && options.scenario_path.empty()) return usage_error("--at needs a scenario file");
  if (options.serve) {
    if (!options.lesson.empty() || options.at_us) {
      return usage_error("gui --serve runs live: it takes a scenario (its fault schedule) or --servers N, not --lesson or --at");
    }
    if (options.serve_port + options.server_count - 1 > 65535) {
      return usage_error(fmt::format("--port {} leaves no room for {} servers", options.serve_port, options.server_count));
    }
    if (options.serve_bind != "127.0.0.1") {
      fmt::print(stderr, "zksim gui: WARNING: listening on {}, not only on this machine (127.0.0.1)\n", options.serve_bind);
    }
  } else if (options.serve_port != 2181 || options.serve_bind != "127.0.0.1") {
    return usage_error("--port and --bind go with --serve");
  }
  if (!options.scenario_path.empty()) {
    // A bad file is reported before any window opens, like `zksim run` does.
    const ui::LoadedScenario loaded = ui::load_scenario_file(options.scenario_path);
    for (const std::string& warning : loaded.warnings) fmt::print(stderr, "{}\n", warning);
    if (!loaded.error.empty()) {
      fmt::print(stderr, "{}\n", loaded.error);
      return 2;
    }
  }
  // The screenshot is the last frame; three frames let every window settle its layout.
  if (!options.screenshot_path.empty() && options.frame_count == 0) options.frame_count = 3;
  return ui::run_gui(options);
#endif
}

}  // namespace zk::app
