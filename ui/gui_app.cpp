// The GLFW + OpenGL 3.3 + Dear ImGui frame loop. Kept short: poll, new frame, draw the
// main window, render, optionally screenshot, swap.
#include "ui/gui_app.h"

#include <glad/gl.h>
// glad must come before GLFW so that GLFW does not pull in the system GL header.
#include <GLFW/glfw3.h>
#include <fmt/format.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cstdio>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <vector>

#include "sim/gateway/live_pump.h"
#include "sim/gateway/serve_schedule.h"
#include "sim/scenario/scenario_runner.h"
#include "ui/fonts.h"
#include "ui/frame_stats.h"
#include "ui/gl_lines.h"
#include "ui/load_generator.h"
#include "ui/i18n.h"
#include "ui/main_window.h"
#include "ui/scenario_files.h"
#include "ui/screenshot.h"
#include "ui/test_probe.h"

namespace zk::ui {
namespace {

constexpr float kFontSizePx = 17.0f;
constexpr double kSimulationBudgetS = 0.008;  // half of a 60 fps frame

// The wall clock the simulation's frame budget is measured with.
double steady_clock_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
constexpr size_t kWarmupFrames = 10;

double process_cpu_ms() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

// The backend samples the font atlas with linear filtering. Glyphs are pixel-snapped and
// rasterized at 1x (fonts.cpp), so nearest sampling draws the same pixels and is much
// cheaper for Mesa's software rasterizer. The atlas texture exists after the first NewFrame.
void use_nearest_font_filter(const ImGuiIO& io) {
  const auto texture = static_cast<GLuint>(reinterpret_cast<intptr_t>(io.Fonts->TexID));
  if (texture == 0) return;
  glBindTexture(GL_TEXTURE_2D, texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
}

// Set by any input callback (GLFW calls them from glfwPollEvents / glfwWaitEvents*). The
// ImGui backend, installed after these, calls them on before handling the event itself.
bool input_seen = false;
void note_input() { input_seen = true; }
void on_cursor(GLFWwindow*, double, double) { note_input(); }
void on_mouse_button(GLFWwindow*, int, int, int) { note_input(); }
void on_scroll(GLFWwindow*, double, double) { note_input(); }
void on_key(GLFWwindow*, int, int, int, int) { note_input(); }
void on_char(GLFWwindow*, unsigned int) { note_input(); }
void on_focus(GLFWwindow*, int) { note_input(); }
void on_enter(GLFWwindow*, int) { note_input(); }
void on_resize(GLFWwindow*, int, int) { note_input(); }
void on_refresh(GLFWwindow*) { note_input(); }

void watch_input(GLFWwindow* window) {
  glfwSetCursorPosCallback(window, on_cursor);
  glfwSetMouseButtonCallback(window, on_mouse_button);
  glfwSetScrollCallback(window, on_scroll);
  glfwSetKeyCallback(window, on_key);
  glfwSetCharCallback(window, on_char);
  glfwSetWindowFocusCallback(window, on_focus);
  glfwSetCursorEnterCallback(window, on_enter);
  glfwSetFramebufferSizeCallback(window, on_resize);
  glfwSetWindowRefreshCallback(window, on_refresh);
}

void on_glfw_error(int code, const char* description) {
  // Reported once by run_gui when it matters; keep GLFW's own detail for debugging.
  if (std::getenv("ZKSIM_DEBUG_GLFW")) std::fprintf(stderr, "glfw error %d: %s\n", code, description);
}

// GLFW's size limits are a hint to the window manager; without one (Xvfb, some tiling
// setups) nothing enforces them, so a window made smaller is put back to the minimum.
void keep_minimum_size(GLFWwindow* window) {
  int width_px = 0;
  int height_px = 0;
  glfwGetWindowSize(window, &width_px, &height_px);
  if (width_px >= kMinWindowWidthPx && height_px >= kMinWindowHeightPx) return;
  glfwSetWindowSize(window, std::max(width_px, kMinWindowWidthPx), std::max(height_px, kMinWindowHeightPx));
}

bool display_available() {
  const char* x11 = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  return (x11 && *x11) || (wayland && *wayland);
}

void print_no_display() {
  std::fprintf(stderr,
               "zksim: no display available (DISPLAY is not set), so the GUI cannot open; "
               "run scenarios headless with: zksim run FILE\n");
}

}  // namespace

namespace {

// `gui --serve`: the menu bar's line about the real clients' ports.
std::string live_status(const sim::gateway::LivePump& pump, const sim::RecordedRun& simulation) {
  const std::vector<int>& ports = pump.config().ports;
  std::string text = ports.size() == 1 ? fmt::format("LIVE {}:{}", pump.config().bind_address, ports.front())
                                       : fmt::format("LIVE {}:{}-{}", pump.config().bind_address, ports.front(), ports.back());
  text += fmt::format(", {} real client{}", pump.connection_count(), pump.connection_count() == 1 ? "" : "s");
  if (!simulation.at_horizon()) text += " (frozen while you look back: End returns to now)";
  else if (!simulation.playing) text += " (paused: real clients wait)";
  return text;
}

}  // namespace

int run_gui(const GuiOptions& options) {
  if (!display_available()) {
    print_no_display();
    return 2;
  }
  // Live mode listens before any window opens: a port in use is one line, not a window.
  // With a scenario, its cluster line makes the ensemble (a zoo.cfg's client ports) and its
  // steps run as a fault schedule as virtual time passes, as `zksim serve SCENARIO` runs them.
  std::optional<sim::gateway::LivePump> pump;
  std::optional<sim::gateway::ServeSchedule> schedule;
  sim::Cluster serve_cluster;
  serve_cluster.server_count = options.server_count;
  if (options.serve) {
    sim::gateway::LivePumpConfig config;
    config.bind_address = options.serve_bind;
    if (!options.scenario_path.empty()) {
      LoadedScenario loaded = load_scenario_file(options.scenario_path);
      if (!loaded.error.empty()) {
        std::fprintf(stderr, "%s\n", loaded.error.c_str());
        return 2;
      }
      serve_cluster = sim::effective_cluster(loaded.scenario.setup);
      std::string note;
      config.ports = sim::gateway::client_ports(loaded.scenario.setup, serve_cluster.server_count,
                                                options.serve_port, &note);
      if (!note.empty()) std::fprintf(stderr, "zksim gui --serve: %s\n", note.c_str());
      schedule.emplace(std::move(loaded.scenario));
      for (const std::string& line : schedule->notes()) std::fprintf(stderr, "%s\n", line.c_str());
    } else {
      for (int i = 0; i < options.server_count; ++i) config.ports.push_back(options.serve_port + i);
    }
    if (config.ports.back() > 65535) {
      std::fprintf(stderr, "zksim gui --serve: client ports up to %d do not fit\n", config.ports.back());
      return 2;
    }
    config.gateway.four_letter_whitelist = options.four_letter_whitelist;
    pump.emplace(std::move(config));
    if (const std::string error = pump->listen(); !error.empty()) {
      std::fprintf(stderr, "zksim gui --serve: %s\n", error.c_str());
      return 2;
    }
  }
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) {
    print_no_display();
    return 2;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  GLFWwindow* window = glfwCreateWindow(options.width_px, options.height_px, "zksim", nullptr, nullptr);
  if (window == nullptr) {
    std::fprintf(stderr, "zksim: cannot create an OpenGL 3.3 window on this display; "
                         "run scenarios headless with: zksim run FILE\n");
    glfwTerminate();
    return 2;
  }
  glfwSetWindowSizeLimits(window, kMinWindowWidthPx, kMinWindowHeightPx, GLFW_DONT_CARE, GLFW_DONT_CARE);
  glfwMakeContextCurrent(window);
  glfwSwapInterval(options.frame_count > 0 ? 0 : 1);
  if (gladLoadGL(glfwGetProcAddress) == 0) {
    std::fprintf(stderr, "zksim: cannot load OpenGL functions\n");
    glfwDestroyWindow(window);
    glfwTerminate();
    return 2;
  }

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // The layout is fixed; nothing to remember between runs.
  load_fonts(kFontSizePx);
  set_language(options.language);
  watch_input(window);  // before the backend, which chains to these callbacks
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  if (!options.probe_path.empty()) probe::enable(options.probe_path);
  ImGui_ImplOpenGL3_Init("#version 330");

  int exit_status = 0;
  std::string frame_stats_report;
  {
    MainWindow main_window(options.theme);
    main_window.show_space_time(options.space_time);
    sim::RecordedRun& simulation = main_window.simulation();
    simulation.speed = options.speed;
    if (!options.lesson.empty()) {
      std::vector<ServerId> order;
      for (int id = 1; id <= options.server_count; ++id) order.push_back(id);
      if (options.lesson == "3-2-1") std::reverse(order.begin(), order.end());
      sim::Cluster setup;
      setup.server_count = options.server_count;
      setup.latency_min_us = options.latency_min_ms * 1000;
      setup.latency_max_us = options.latency_max_ms * 1000;
      simulation.new_cluster(setup, 1);
      simulation.start_in_order(order, options.lesson == "all" ? 0 : 1'000'000);
    }
    if (pump) {
      // Without a schedule every server starts at once; the world plays at the wall clock's
      // pace (speed 1 unless --speed).
      simulation.new_cluster(serve_cluster, serve_cluster.seed.value_or(1));
      if (schedule) {
        simulation.playing = true;
      } else {
        std::vector<ServerId> order;
        for (int id = 1; id <= serve_cluster.server_count; ++id) order.push_back(id);
        simulation.start_in_order(order, 0);
      }
      const std::vector<int>& ports = pump->config().ports;
      std::string port_list;
      for (const int port : ports) port_list += (port_list.empty() ? "" : ",") + std::to_string(port);
      std::printf("zksim gui --serve: %d servers%s, real clients on %s:%s (speed %gx)\n", serve_cluster.server_count,
                  schedule ? (" from " + options.scenario_path).c_str() : "", pump->config().bind_address.c_str(),
                  port_list.c_str(), options.speed);
      std::fflush(stdout);
    }
    if (!options.scenario_path.empty() && !pump) {
      const std::string error = main_window.open_scenario(options.scenario_path);
      if (!error.empty()) {
        std::fprintf(stderr, "zksim: %s\n", error.c_str());
        exit_status = 2;
      } else if (options.at_us) {
        // Run the lines up to that moment (the view shows the line running then), then
        // move the playhead exactly there.
        while (simulation.scenario_next_line() != 0 && simulation.world()->now_us() < *options.at_us &&
               simulation.scenario_step()) {
        }
        simulation.jump_to(*options.at_us);
      } else {
        simulation.scenario_run_to_end();
      }
    }
    std::string schedule_status;  // the schedule's last line (gui --serve SCENARIO)
    LoadGenerator load(options.load_writes_per_s);
    FrameStats stats;
    // Interactive runs (and measurements) never let the simulation eat the frame: it
    // stops after its budget and catches up in later frames.
    simulation.wall_clock_s = &steady_clock_s;
    if (options.frame_count == 0 || options.frame_stats) simulation.wall_budget_s = kSimulationBudgetS;
    using Clock = std::chrono::steady_clock;
    // While paused and untouched nothing on screen changes, so the interactive window
    // waits for input instead of redrawing (the paused GUI used to take 85-90% of a
    // core). After any input it draws a few frames: ImGui settles some widgets (popups,
    // auto-sized windows, hover) one or two frames after the event.
    constexpr int kSettleFrames = 4;
    constexpr double kIdleRedrawS = 1.0;  // a redraw now and then even when nothing came
    int settle_frames = kSettleFrames;
    const bool interactive = options.frame_count == 0 && !options.frame_stats;
    for (int frame = 0; exit_status == 0 && !glfwWindowShouldClose(window); ++frame) {
      input_seen = false;
      const bool busy = simulation.playing || settle_frames > 0;
      if (interactive && !busy) {
        // Live mode turns the sockets at least 50 times a second even when nothing moves.
        glfwWaitEventsTimeout(pump ? 0.02 : kIdleRedrawS);
      } else {
        glfwPollEvents();
      }
      settle_frames = input_seen ? kSettleFrames : std::max(0, settle_frames - 1);
      keep_minimum_size(window);
      const Clock::time_point frame_start = Clock::now();
      const double cpu_start_ms = process_cpu_ms();
      ImGui_ImplOpenGL3_NewFrame();
      if (frame == 0) use_nearest_font_filter(io);
      ImGui_ImplGlfw_NewFrame();
      ImGui::NewFrame();
      // With --frames the run is scripted: fixed 60 Hz steps make screenshots reproducible.
      const Clock::time_point simulation_start = Clock::now();
      simulation.advance(options.frame_count > 0 ? 1.0 / 60.0 : static_cast<double>(io.DeltaTime));
      // The load generator shares the simulation's budget (it runs the command layer).
      load.issue_due(simulation, simulation.wall_budget_s > 0.0
                                     ? simulation_start + std::chrono::duration_cast<Clock::duration>(
                                                              std::chrono::duration<double>(simulation.wall_budget_s))
                                     : Clock::time_point::max());
      if (schedule && simulation.world() != nullptr && simulation.at_horizon()) {
        // The schedule's steps due now, through the command layer (recorded like clicks).
        const sim::gateway::ServeSchedule::Turn turn =
            schedule->poll(*simulation.world(), [&](const sim::Command& command) { return simulation.apply(command); });
        for (const std::string& line : turn.lines) std::printf("%s\n", line.c_str());
        if (!turn.lines.empty()) {
          std::fflush(stdout);
          schedule_status = turn.lines.back();
        }
        if (!turn.error.empty()) {
          std::fprintf(stderr, "zksim gui --serve: scenario: %s\n", turn.error.c_str());
          schedule_status = "stopped: " + turn.error;
          schedule.reset();
        }
      }
      if (pump) {
        pump->turn(simulation, 0);
        for (const std::string& line : pump->log()) std::fprintf(stderr, "zksim gui --serve: %s\n", line.c_str());
        pump->log().clear();
        main_window.set_live_status(live_status(*pump, simulation) +
                                    (schedule_status.empty() ? "" : "; schedule: " + schedule_status));
      }
      const Clock::time_point simulation_end = Clock::now();
      main_window.draw_frame();
      ImGui::Render();
      int fb_width = 0;
      int fb_height = 0;
      glfwGetFramebufferSize(window, &fb_width, &fb_height);
      glViewport(0, 0, fb_width, fb_height);
      const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
      glClearColor(clear.x, clear.y, clear.z, 1.0f);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      probe::end_frame(simulation);
      const bool last_frame = options.frame_count > 0 && frame + 1 >= options.frame_count;
      if (const std::string requested = probe::take_screenshot_request(); !requested.empty()) {
        const std::string error = write_screenshot_png(requested, fb_width, fb_height);
        if (!error.empty()) std::fprintf(stderr, "zksim: screenshot failed: %s\n", error.c_str());
      }
      if (last_frame && !options.screenshot_path.empty()) {
        const std::string error = write_screenshot_png(options.screenshot_path, fb_width, fb_height);
        if (!error.empty()) {
          std::fprintf(stderr, "zksim: screenshot failed: %s\n", error.c_str());
          exit_status = 1;
        }
      }
      glfwSwapBuffers(window);
      if (options.frame_stats) {
        glFinish();  // count the software renderer's work in this frame
        const auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
        const Clock::time_point frame_end = Clock::now();
        const sim::World* world = simulation.world();
        stats.add(FrameSample{ms(frame_end - frame_start), ms(simulation_end - simulation_start),
                              process_cpu_ms() - cpu_start_ms, world ? world->messages_in_flight(SIZE_MAX).size() : 0});
      }
      if (last_frame) break;
    }
    if (options.frame_stats) frame_stats_report = format_summary(stats.summarize(kWarmupFrames));
    if (pump) pump->stop(simulation);
  }

  if (options.frame_stats) std::printf("%s\n", frame_stats_report.c_str());
  gl_lines_shutdown();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exit_status;
}

}  // namespace zk::ui
