// One-pixel lines drawn by OpenGL itself (GL_LINES, one draw call, a colour-only shader)
// at their place in an ImGui draw list, through ImDrawList::AddCallback. Made for the
// space-time diagram's arrow shafts: ImGui draws a line as a thin quad (two triangles
// through the font-atlas shader), and Mesa's software renderer (llvmpipe) draws real lines
// with its own line rasterizer and a shader without a texture fetch, which costs less per
// frame (README, "With the space-time diagram shown").
// Use: clear() at the start of a frame, submit(draw) where the lines belong in the draw
// order (clipped to the draw list's clip rectangle at that moment), add() the lines (before
// or after submit); the batch must stay alive and unchanged until ImGui's OpenGL3 backend
// has rendered the frame. GL objects are made on the first callback and freed by
// gl_lines_shutdown(), with the context current, before the backend shuts down.
// Without the OpenGL3 backend (nothing renders the draw data) the callback never runs.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <vector>

namespace zk::ui {

class GlLineBatch {
 public:
  void clear() { vertices_.clear(); }
  // A line from a to b (ImGui screen pixels, as ImDrawList::AddLine takes them), 1 px wide.
  void add(ImVec2 a, ImVec2 b, ImU32 color);
  size_t line_count() const { return vertices_.size() / 2; }
  // Adds the callback that draws the batch's lines, then ImDrawCallback_ResetRenderState
  // (the backend sets its own state up again for the commands after it).
  void submit(ImDrawList* draw);
  // Lines the callback of the last submit() drew (0 until its frame is rendered), for the
  // test probe: read before the next submit(), it tells what the previous frame drew.
  size_t drawn_line_count() const { return drawn_line_count_; }

 private:
  struct Vertex {
    float x = 0.0f;
    float y = 0.0f;
    ImU32 color = 0;  // IM_COL32 byte order: R, G, B, A
  };
  static void render(const ImDrawList* list, const ImDrawCmd* command);

  std::vector<Vertex> vertices_;
  size_t drawn_line_count_ = 0;
};

// Frees the shader, vertex array and buffer (if any were made). Call with the context current.
void gl_lines_shutdown();

}  // namespace zk::ui
