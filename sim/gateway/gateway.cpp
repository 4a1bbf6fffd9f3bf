// The gateway between real clients' bytes and the World: see gateway.h.
#include "sim/gateway/gateway.h"

#include <fmt/format.h>

#include "core/error_code.h"
#include "sim/gateway/four_letter_port.h"
#include "sim/gateway/request_decoder.h"

namespace zk::sim::gateway {

uint64_t Gateway::accept(ServerId server, std::string remote_address) {
  const uint64_t id = next_id_++;
  if (observer_) observer_->accepted(id, server, remote_address);
  Connection& c = connections_[id];
  c.id = id;
  c.server = server;
  c.remote_address = std::move(remote_address);
  c.reader = FrameReader(config_.max_buffer_bytes);
  if (const Status status = world_->external_open(server, id, &c.world_id); !status.ok()) {
    close(id, c, status.message());
    return id;
  }
  return id;
}

int64_t Gateway::server_zxid(ServerId server) const {
  const QuorumPeer* peer = world_->peer(server);
  return peer ? peer->last_processed_zxid() : 0;
}

void Gateway::close(uint64_t id, Connection& c, const std::string& why) {
  if (c.closing) return;
  c.closing = true;
  log_.push_back(fmt::format("{} -> S{}: connection closed: {}", c.remote_address, c.server, why));
  (void)id;
  if (c.world_id != 0) world_->external_close(c.world_id);
}

void Gateway::on_bytes(uint64_t id, std::string_view bytes) {
  auto it = connections_.find(id);
  if (it == connections_.end() || it->second.closing) return;
  Connection& c = it->second;
  if (observer_) observer_->bytes_in(id, bytes);
  c.reader.feed(bytes);
  read_frames(id, c);
}

void Gateway::read_frames(uint64_t id, Connection& c) {
  std::string frame;
  if (!c.connect_seen && answer_four_letter_word(id, c)) return;
  for (;;) {
    if (c.awaiting_connect_response) return;
    const FrameReader::Status status = c.reader.next(&frame);
    if (status == FrameReader::Status::kNeedMore) return;
    if (status == FrameReader::Status::kBadLength) {
      close(id, c, fmt::format("Len error: advertised length {} (jute.maxbuffer={})", c.reader.bad_length(),
                               config_.max_buffer_bytes));
      return;
    }
    on_frame(id, c, frame);
    if (c.closing) return;
  }
}

bool Gateway::answer_four_letter_word(uint64_t id, Connection& c) {
  int32_t first = 0;
  if (!c.reader.peek_length(&first)) return false;
  const std::optional<std::string> word = recognised_four_letter_word(first);
  if (!word) return false;
  // The connection is a command, not a session: the world forgets it before the answer, which
  // lists the asker itself (as NIOServerCnxn's own connection is in the factory's set).
  if (c.world_id != 0) world_->external_close(c.world_id);
  c.world_id = 0;
  const QuorumPeer* peer = world_->peer(c.server);
  std::optional<std::string> answer;
  if (peer != nullptr) {
    answer = client_port_answer(*word, config_.four_letter_whitelist, *peer, world_->now_us() / 1000, c.remote_address);
  }
  if (!answer) {
    close(id, c, fmt::format("four-letter word {}: not answered by zksim", *word));
    return true;
  }
  append_output(c, *answer);
  close(id, c, fmt::format("four-letter word {} answered ({} bytes)", *word, answer->size()));
  return true;
}

void Gateway::on_frame(uint64_t id, Connection& c, const std::string& frame) {
  if (!c.connect_seen) {
    DecodedConnect connect;
    std::string error;
    if (!decode_connect(frame, &connect, &error)) {
      close(id, c, "malformed connect: " + error);
      return;
    }
    c.connect_seen = true;
    c.awaiting_connect_response = true;
    c.with_read_only = connect.has_read_only;
    connect.request.remote_address = c.remote_address;
    c.last_request = "connect";
    c.last_request_us = world_->now_us();
    world_->external_send(c.world_id, std::move(connect.request));
    return;
  }
  DecodedRequest request = decode_request(frame);
  switch (request.kind) {
    case DecodedRequest::Kind::kMalformed:
      if (request.type == 0 && request.xid == 0) {
        close(id, c, "malformed request header: " + request.error);  // processPacket: IOException
      } else {
        // FinalRequestProcessor: a record that does not parse is MARSHALLINGERROR.
        log_.push_back(fmt::format("{} -> S{}: {} xid {}: malformed: {}", c.remote_address, c.server,
                                   opcode_name(request.type), request.xid, request.error));
        append_output(c, encode_header_only(request.xid, server_zxid(c.server),
                                            static_cast<int32_t>(ErrorCode::kMarshallingError)));
      }
      return;
    case DecodedRequest::Kind::kUnknown:
      // UnimplementedRequestProcessor: UNIMPLEMENTED with zxid -1, then the connection closes.
      append_output(c, encode_header_only(request.xid, -1, static_cast<int32_t>(ErrorCode::kUnimplemented)));
      close(id, c, fmt::format("unknown opcode {} (xid {})", request.type, request.xid));
      return;
    case DecodedRequest::Kind::kUnsupported:
      log_.push_back(fmt::format("{} -> S{}: {} (opcode {}) is not modelled by zksim: answered UNIMPLEMENTED",
                                 c.remote_address, c.server, opcode_name(request.type), request.type));
      append_output(c, encode_header_only(request.xid, server_zxid(c.server),
                                          static_cast<int32_t>(ErrorCode::kUnimplemented)));
      return;
    case DecodedRequest::Kind::kMessage: break;
  }
  if (std::holds_alternative<RequestMessage>(request.message) || std::holds_alternative<zk::AuthPacket>(request.message)) {
    c.pending.push_back(PendingRequest{request.xid, request.type, request.path});
  }
  c.last_request = describe_request_frame(frame);
  c.last_request_us = world_->now_us();
  world_->external_send(c.world_id, std::move(request.message));
}

void Gateway::deliver(Connection& c, const ServerToClient& message) {
  c.last_reply_us = world_->now_us();
  if (const auto* response = std::get_if<ConnectResponse>(&message)) {
    const bool valid = response->timeout_ms > 0;
    if (valid) c.session_id = response->session_id;
    append_output(c, encode_connect_response(valid ? static_cast<int32_t>(response->timeout_ms) : 0,
                                        valid ? response->session_id : 0,
                                             valid ? response->password : std::string(16, '\0'), c.with_read_only));
    c.awaiting_connect_response = false;
    if (!valid) {
      c.closing = true;
      log_.push_back(fmt::format("{} -> S{}: invalid session (expired, or a wrong password)", c.remote_address, c.server));
    }
  } else if (const auto* reply = std::get_if<ReplyMessage>(&message)) {
    PendingRequest request{reply->cxid, 0, {}};
    for (auto it = c.pending.begin(); it != c.pending.end(); ++it) {
      if (it->xid == reply->cxid) {
        request = std::move(*it);
        c.pending.erase(it);
        break;
      }
    }
    append_output(c, encode_reply(request, *reply));
    if (request.type == opcode::kCloseSession) c.closing = true;
  } else if (const auto* event = std::get_if<WatchEventMessage>(&message)) {
    append_output(c, encode_watch_event(*event));
  } else if (const auto* ping = std::get_if<PingReply>(&message)) {
    append_output(c, encode_ping_reply(ping->zxid));
  } else if (const auto* closed = std::get_if<ConnectionClosed>(&message)) {
    c.closing = true;
    log_.push_back(fmt::format("{} -> S{}: connection closed by the server: {}", c.remote_address, c.server, closed->reason));
  }
}

void Gateway::append_output(Connection& c, std::string_view bytes) {
  if (observer_ && !bytes.empty()) observer_->bytes_out(c.id, bytes);
  c.output += bytes;
  c.output_total += bytes.size();
}

std::vector<Gateway::ConnectionView> Gateway::connections() const {
  std::vector<ConnectionView> out;
  out.reserve(connections_.size());
  for (const auto& [id, c] : connections_) {
    out.push_back(ConnectionView{id, c.server, c.remote_address, c.session_id, c.closing, c.last_request,
                                 c.last_request_us, c.last_reply_us});
  }
  return out;
}

std::string_view Gateway::unsent(uint64_t id, uint64_t sent) const {
  auto it = connections_.find(id);
  if (it == connections_.end()) return {};
  const Connection& c = it->second;
  const uint64_t start = c.output_total - c.output.size();  // position of output[0]
  if (sent >= c.output_total) return {};
  return std::string_view(c.output).substr(sent > start ? static_cast<size_t>(sent - start) : 0);
}

void Gateway::trim_output(uint64_t id, uint64_t sent) {
  auto it = connections_.find(id);
  if (it == connections_.end()) return;
  Connection& c = it->second;
  const uint64_t start = c.output_total - c.output.size();
  if (sent > start) c.output.erase(0, static_cast<size_t>(std::min<uint64_t>(sent - start, c.output.size())));
}

void Gateway::collect() {
  std::vector<ExternalDelivery>& outbox = world_->external_outbox();
  if (outbox.empty()) return;
  if (observer_) observer_->collecting();
  // Connections whose ConnectResponse went out read the frames waiting behind it once every
  // delivery is made, so what a client gets never depends on where a collect fell.
  std::vector<uint64_t> ready;
  for (ExternalDelivery& delivery : outbox) {
    auto it = connections_.find(delivery.external_id);
    if (it == connections_.end()) continue;
    Connection& c = it->second;
    if (c.closing && !std::holds_alternative<ConnectionClosed>(delivery.message)) continue;
    const bool was_awaiting = c.awaiting_connect_response;
    deliver(c, delivery.message);
    if (was_awaiting && !c.awaiting_connect_response && !c.closing) ready.push_back(it->first);
  }
  outbox.clear();
  for (uint64_t id : ready) {
    auto it = connections_.find(id);
    if (it != connections_.end() && !it->second.closing) read_frames(id, it->second);
  }
}

bool Gateway::close_if_unread(uint64_t id) {
  auto it = connections_.find(id);
  if (it == connections_.end() || it->second.closing) return false;
  if (it->second.output.size() <= config_.max_output_bytes) return false;
  close_unread(id);
  return true;
}

void Gateway::close_unread(uint64_t id) {
  auto it = connections_.find(id);
  if (it == connections_.end() || it->second.closing) return;
  Connection& c = it->second;
  if (observer_) observer_->unread_closed(id);
  close(id, c, fmt::format("the client reads nothing: more than {} bytes wait to be written", config_.max_output_bytes));
  c.output.clear();
}

void Gateway::on_client_closed(uint64_t id) {
  auto it = connections_.find(id);
  if (it == connections_.end()) return;
  Connection& c = it->second;
  if (observer_) observer_->client_closed(id);
  c.closing = true;
  if (c.world_id != 0) world_->external_close(c.world_id);
  c.output.clear();
}

std::string* Gateway::output(uint64_t id) {
  auto it = connections_.find(id);
  return it == connections_.end() ? nullptr : &it->second.output;
}

bool Gateway::closing(uint64_t id) const {
  auto it = connections_.find(id);
  return it == connections_.end() || it->second.closing;
}

void Gateway::forget(uint64_t id) {
  auto it = connections_.find(id);
  if (it == connections_.end()) return;
  if (observer_) observer_->forgotten(id);
  Connection& c = it->second;
  if (c.world_id != 0) world_->external_close(c.world_id);
  connections_.erase(it);
}

}  // namespace zk::sim::gateway
