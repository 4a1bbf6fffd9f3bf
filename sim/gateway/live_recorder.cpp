// LiveRecorder: a live session written as a replayable scenario (see live_recorder.h).
#include "sim/gateway/live_recorder.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "core/snapshot.h"
#include "sim/gateway/request_decoder.h"
#include "sim/scenario/scenario_format.h"
#include "sim/text/duration.h"

namespace zk::sim::gateway {

LiveRecorder::LiveRecorder(const World& world, const std::string& path) : world_(world) {
  file_ = std::fopen(path.c_str(), "w");
  if (!file_) error_ = fmt::format("--record {}: {}", path, std::strerror(errno));
}

LiveRecorder::~LiveRecorder() {
  if (!file_) return;
  flush();
  std::fclose(file_);
}

void LiveRecorder::begin(const std::vector<std::string>& comments, const std::string& cluster_line,
                         const GatewayConfig& config, const std::vector<Command>& setup_steps) {
  if (!file_) return;
  for (const std::string& comment : comments) fmt::print(file_, "# {}\n", comment);
  fmt::print(file_, "{}\nclients async\n", cluster_line);
  Wire gateway{.kind = Wire::Kind::kGateway};
  gateway.max_buffer_bytes = config.max_buffer_bytes;
  gateway.four_letter_whitelist = config.four_letter_whitelist;
  fmt::print(file_, "{}\n", format_step(gateway));
  for (const Command& command : setup_steps) fmt::print(file_, "{}\n", format_step(command));
  // The world ran from 0 to now making them.
  last_time_us_ = 0;
  ran_ = world_.now_us() > 0 || world_.events_processed() > 0;
  flush();
}

void LiveRecorder::write_pending_output() {
  if (pending_output_id_ == 0) return;
  fmt::print(file_, "expect wire {} got {} crc32={:08x}\n", name(pending_output_id_), pending_output_.size(),
             crc32(pending_output_));
  pending_output_id_ = 0;
  pending_output_.clear();
}

void LiveRecorder::write_run(std::string_view comment_tail) {
  if (!ran_) return;
  fmt::print(file_, "run {}us  # to {}{}\n", world_.now_us() - last_time_us_, at_time(), comment_tail);
  last_time_us_ = world_.now_us();
  ran_ = false;
}

void LiveRecorder::line(const std::string& text) {
  if (!file_) return;
  write_pending_output();
  write_run("");
  fmt::print(file_, "{}\n", text);
}

std::string LiveRecorder::at_time() const {
  std::string text = format_time_us(world_.now_us());
  text.erase(0, text.find_first_not_of(' '));
  return text;
}

void LiveRecorder::finish() {
  if (!file_) return;
  write_pending_output();
  write_run(", where the live session stopped");
  std::fflush(file_);
}

void LiveRecorder::flush() {
  if (!file_) return;
  write_pending_output();
  std::fflush(file_);
}

void LiveRecorder::step(const Command& command) { line(format_step(command)); }

void LiveRecorder::accepted(uint64_t id, ServerId server, const std::string& remote_address) {
  readers_.try_emplace(id);
  line(fmt::format("wire {} open {} from {}", name(id), server, remote_address));
}

std::string LiveRecorder::describe_requests(uint64_t id, std::string_view bytes) {
  Reader& reader = readers_[id];
  reader.frames.feed(bytes);
  std::string out;
  std::string frame;
  while (reader.frames.next(&frame) == FrameReader::Status::kFrame) {
    if (!out.empty()) out += "; ";
    if (!reader.connect_seen) {
      reader.connect_seen = true;
      out += "connect";
    } else {
      out += describe_request_frame(frame);
    }
  }
  return out;
}

void LiveRecorder::bytes_in(uint64_t id, std::string_view bytes) {
  Wire send{.kind = Wire::Kind::kSend, .connection = name(id)};
  send.bytes = std::string(bytes);
  const std::string requests = describe_requests(id, bytes);
  line(requests.empty() ? format_step(send) : format_step(send) + "  # " + requests);
}

void LiveRecorder::client_closed(uint64_t id) { line(fmt::format("wire {} eof", name(id))); }
void LiveRecorder::unread_closed(uint64_t id) { line(fmt::format("wire {} unread", name(id))); }
void LiveRecorder::collecting() { line("wire collect"); }

void LiveRecorder::forgotten(uint64_t id) {
  readers_.erase(id);
  line(fmt::format("wire {} forget", name(id)));
}

void LiveRecorder::bytes_out(uint64_t id, std::string_view bytes) {
  if (!file_) return;
  if (pending_output_id_ != id) write_pending_output();
  pending_output_id_ = id;
  pending_output_ += bytes;
}

}  // namespace zk::sim::gateway
