// Drawing a GlLineBatch with GL_LINES from inside ImGui's OpenGL3 backend (see gl_lines.h).
#include "ui/gl_lines.h"

#include <glad/gl.h>

#include <cstdio>
#include <cstdint>

namespace zk::ui {
namespace {

constexpr const char* kVertexShader = R"(#version 330 core
layout(location = 0) in vec2 position_px;
layout(location = 1) in vec4 color;
uniform vec2 origin_px;  // the draw data's DisplayPos
uniform vec2 size_px;    // and DisplaySize
out vec4 line_color;
void main() {
  vec2 unit = (position_px - origin_px) / size_px;
  gl_Position = vec4(unit.x * 2.0 - 1.0, 1.0 - unit.y * 2.0, 0.0, 1.0);
  line_color = color;
}
)";

constexpr const char* kFragmentShader = R"(#version 330 core
in vec4 line_color;
out vec4 out_color;
void main() { out_color = line_color; }
)";

// The GL objects, made once per context on the first draw.
struct GlObjects {
  GLuint program = 0;
  GLuint vertex_array = 0;
  GLuint buffer = 0;
  GLint origin_location = -1;
  GLint size_location = -1;
  bool failed = false;  // the shader did not build: said once on stderr, nothing drawn
};
GlObjects objects;

GLuint compile(GLenum kind, const char* source) {
  const GLuint shader = glCreateShader(kind);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  GLint ok = GL_FALSE;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (ok == GL_TRUE) return shader;
  char log[512] = {};
  glGetShaderInfoLog(shader, sizeof(log), nullptr, log);
  std::fprintf(stderr, "zksim: the line shader did not compile: %s\n", log);
  glDeleteShader(shader);
  return 0;
}

bool make_objects() {
  if (objects.program != 0) return true;
  if (objects.failed) return false;
  const GLuint vertex = compile(GL_VERTEX_SHADER, kVertexShader);
  const GLuint fragment = vertex != 0 ? compile(GL_FRAGMENT_SHADER, kFragmentShader) : 0;
  if (fragment == 0) {
    if (vertex != 0) glDeleteShader(vertex);
    objects.failed = true;
    return false;
  }
  const GLuint program = glCreateProgram();
  glAttachShader(program, vertex);
  glAttachShader(program, fragment);
  glLinkProgram(program);
  glDeleteShader(vertex);
  glDeleteShader(fragment);
  GLint ok = GL_FALSE;
  glGetProgramiv(program, GL_LINK_STATUS, &ok);
  if (ok != GL_TRUE) {
    std::fprintf(stderr, "zksim: the line shader did not link\n");
    glDeleteProgram(program);
    objects.failed = true;
    return false;
  }
  objects.program = program;
  objects.origin_location = glGetUniformLocation(program, "origin_px");
  objects.size_location = glGetUniformLocation(program, "size_px");
  glGenVertexArrays(1, &objects.vertex_array);
  glGenBuffers(1, &objects.buffer);
  glBindVertexArray(objects.vertex_array);
  glBindBuffer(GL_ARRAY_BUFFER, objects.buffer);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 12, reinterpret_cast<const void*>(0));
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 4, GL_UNSIGNED_BYTE, GL_TRUE, 12, reinterpret_cast<const void*>(8));
  return true;
}

}  // namespace

void GlLineBatch::add(ImVec2 a, ImVec2 b, ImU32 color) {
  // Through the pixel centres, where ImDrawList::AddLine puts a line.
  vertices_.push_back(Vertex{a.x + 0.5f, a.y + 0.5f, color});
  vertices_.push_back(Vertex{b.x + 0.5f, b.y + 0.5f, color});
}

void GlLineBatch::submit(ImDrawList* draw) {
  static_assert(sizeof(Vertex) == 12, "the vertex layout make_objects() describes");
  drawn_line_count_ = 0;
  draw->AddCallback(&GlLineBatch::render, this);
  draw->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void GlLineBatch::render(const ImDrawList*, const ImDrawCmd* command) {
  auto* batch = static_cast<GlLineBatch*>(command->UserCallbackData);
  const ImDrawData* frame = ImGui::GetDrawData();
  if (batch->vertices_.empty() || frame == nullptr || !make_objects()) return;
  // The backend's scissor for this command, as it computes it for its own (y up in GL).
  const ImVec2 scale = frame->FramebufferScale;
  const float fb_height = frame->DisplaySize.y * scale.y;
  const ImVec2 clip_min((command->ClipRect.x - frame->DisplayPos.x) * scale.x,
                        (command->ClipRect.y - frame->DisplayPos.y) * scale.y);
  const ImVec2 clip_max((command->ClipRect.z - frame->DisplayPos.x) * scale.x,
                        (command->ClipRect.w - frame->DisplayPos.y) * scale.y);
  if (clip_max.x <= clip_min.x || clip_max.y <= clip_min.y) return;
  glScissor(static_cast<GLint>(clip_min.x), static_cast<GLint>(fb_height - clip_max.y),
            static_cast<GLsizei>(clip_max.x - clip_min.x), static_cast<GLsizei>(clip_max.y - clip_min.y));
  // Blending (straight alpha) and the viewport are the backend's, set up before its commands.
  glUseProgram(objects.program);
  glUniform2f(objects.origin_location, frame->DisplayPos.x, frame->DisplayPos.y);
  glUniform2f(objects.size_location, frame->DisplaySize.x, frame->DisplaySize.y);
  glBindVertexArray(objects.vertex_array);
  glBindBuffer(GL_ARRAY_BUFFER, objects.buffer);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(batch->vertices_.size() * sizeof(Vertex)),
               batch->vertices_.data(), GL_STREAM_DRAW);
  glDrawArrays(GL_LINES, 0, static_cast<GLsizei>(batch->vertices_.size()));
  batch->drawn_line_count_ = batch->line_count();
}

void gl_lines_shutdown() {
  if (objects.program != 0) glDeleteProgram(objects.program);
  if (objects.vertex_array != 0) glDeleteVertexArrays(1, &objects.vertex_array);
  if (objects.buffer != 0) glDeleteBuffers(1, &objects.buffer);
  objects = GlObjects{};
}

}  // namespace zk::ui
