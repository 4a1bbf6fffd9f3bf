// JSON Lines traces, JUnit XML and Chrome Trace Event Format for `zksim run`. Plain string
// building with explicit escaping: the documents are small and their shape is fixed.
#include "app/run_output.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "core/trace_event.h"
#include "core/zxid.h"
#include "sim/world/world.h"

namespace zk::app {

std::string json_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 2);
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) out += fmt::format("\\u{:04x}", c);
        else out += static_cast<char>(c);
    }
  }
  return out;
}

std::string xml_escape(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += "&#10;"; break;
      case '\t': out += "&#9;"; break;
      default:
        if (c < 0x20) out += '?';  // not representable in XML 1.0
        else out += static_cast<char>(c);
    }
  }
  return out;
}

namespace {

std::string vote_json(const Vote& v) {
  return fmt::format(R"({{"leader":{},"zxid":"{}","election_epoch":{},"peer_epoch":{},"state":"{}"}})", v.leader,
                     zxid_hex(v.zxid), v.election_epoch, v.peer_epoch, peer_state_name(v.state));
}

}  // namespace

std::string trace_jsonl_line(const TraceEvent& e) {
  std::string out = fmt::format(
      R"({{"time_us":{},"server":{},"kind":"{}","text":"{}","vote_old":{},"vote_new":{},"peer":{},"zxid":"{}",)"
      R"("epoch":{},"state_old":"{}","state_new":"{}","decider":{},"reason":{},"phase":{},"sync_mode":"{}",)"
      R"("decided_by":{},"leader_zxid":"{}","last_zxid":"{}","snapshot_zxid":"{}","accepted_epoch":{},)",
      e.time_us, e.server, trace_kind_name(e.kind), json_escape(describe(e)), vote_json(e.vote_old),
      vote_json(e.vote_new), e.peer, zxid_hex(e.zxid), e.epoch, peer_state_name(e.state_old),
      peer_state_name(e.state_new), static_cast<int>(e.decider), static_cast<int>(e.reason),
      static_cast<int>(e.phase), sync_mode_name(e.sync_mode), static_cast<int>(e.decided_by),
      zxid_hex(e.leader_zxid), zxid_hex(e.last_zxid), zxid_hex(e.snapshot_zxid), e.accepted_epoch);
  out += fmt::format(
      R"("session":"0x{:x}","round":{},"votes":{},"voters":{},"acked":{},"txns":{},"ticks":{},"attempts":{},)"
      R"("exit_code":{},"timeout_ms":{},"line":{},"random_sleep_ms":{},"spin":{},"drop_reason":{},)"
      R"("message_kind":"{}","client_endpoint":{},"inputs":{},"client":"{}","detail":"{}"}})"
      "\n",
      e.session, e.round, e.votes, e.voters, e.acked, e.txns, e.ticks, e.attempts, e.exit_code, e.timeout_ms, e.line,
      e.random_sleep_ms, e.spin, static_cast<int>(e.drop_reason), e.message_kind, e.client_endpoint,
      e.inputs, json_escape(e.client), json_escape(e.text));
  return out;
}

JunitSuite junit_suite(const sim::RunReport& r) {
  JunitSuite suite;
  suite.tests = static_cast<int>(r.expectations.size()) + (r.ok() ? 0 : 1);
  suite.failures = r.failed();
  suite.errors = r.ok() ? 0 : 1;
  const std::string file = xml_escape(r.file_name);
  std::string& out = suite.xml;
  out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n", file, suite.tests,
                     suite.failures, suite.errors);
  for (const auto& e : r.expectations) {
    out += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\"", file,
                       xml_escape(fmt::format("line {}: {}", e.line, e.text)));
    if (e.passed) {
      out += "/>\n";
    } else {
      out += fmt::format(">\n      <failure message=\"{}\"/>\n    </testcase>\n", xml_escape(e.detail));
    }
  }
  if (!r.ok()) {
    out += fmt::format("    <testcase classname=\"{}\" name=\"run\" time=\"0\">\n      <error message=\"{}\"/>\n"
                       "    </testcase>\n",
                       file, xml_escape(r.error));
  }
  out += "  </testsuite>\n";
  return suite;
}

std::string junit_document(const std::vector<JunitSuite>& suites) {
  int tests = 0, failures = 0, errors = 0;
  for (const JunitSuite& suite : suites) {
    tests += suite.tests;
    failures += suite.failures;
    errors += suite.errors;
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"zksim\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n", tests, failures,
                     errors);
  for (const JunitSuite& suite : suites) out += suite.xml;
  out += "</testsuites>\n";
  return out;
}

void ChromeTraceWriter::emit(const std::string& event) {
  out_ << (started_ ? ",\n" : "{\"traceEvents\":[\n") << event;
  started_ = true;
}

void ChromeTraceWriter::close_span(ServerId id, int64_t now_us, const std::string& next) {
  Span& s = spans_[id];
  if (now_us > s.since_us) {
    emit(fmt::format(R"({{"name":"{}","ph":"X","pid":1,"tid":{},"ts":{},"dur":{}}})", s.state, id, s.since_us,
                     now_us - s.since_us));
  }
  s.state = next;
  s.since_us = now_us;
}

void ChromeTraceWriter::add(const TraceEvent& e) {
  if (e.server > 0 && !spans_.count(e.server)) spans_[e.server] = Span{};
  if (e.kind == TraceKind::kServerStarted) close_span(e.server, e.time_us, "LOOKING");
  else if (e.kind == TraceKind::kServerCrashed) close_span(e.server, e.time_us, "DOWN");
  else if (e.kind == TraceKind::kStateChanged) close_span(e.server, e.time_us, peer_state_name(e.state_new));
  else {
    emit(fmt::format(R"({{"name":"{}","ph":"i","s":"t","pid":1,"tid":{},"ts":{},"args":{{"text":"{}"}}}})",
                     trace_kind_name(e.kind), e.server, e.time_us, json_escape(describe(e))));
  }
}

void ChromeTraceWriter::finish(const std::vector<sim::MessageRecord>& messages, int64_t end_time_us) {
  for (auto& [id, span] : spans_) close_span(id, end_time_us, span.state);
  // Messages: a 1 us slice where each is sent and where it is delivered, tied by a flow
  // arrow (Trace Event Format "s"/"f"), so Perfetto draws every message as an arrow.
  std::set<sim::EndpointId> clients;
  uint64_t flow_id = 0;
  for (const sim::MessageRecord& m : messages) {
    for (sim::EndpointId endpoint : {m.from, m.to}) {
      if (endpoint >= sim::kFirstClientEndpoint) clients.insert(endpoint);
    }
    ++flow_id;
    emit(fmt::format(R"({{"name":"{}","cat":"message","ph":"X","pid":1,"tid":{},"ts":{},"dur":1}})", m.kind, m.from,
                     m.sent_us));
    emit(fmt::format(R"({{"name":"{}","cat":"message","ph":"X","pid":1,"tid":{},"ts":{},"dur":1}})", m.kind, m.to,
                     m.delivered_us));
    emit(fmt::format(R"({{"name":"{}","cat":"message","ph":"s","id":{},"pid":1,"tid":{},"ts":{}}})", m.kind, flow_id,
                     m.from, m.sent_us));
    emit(fmt::format(R"({{"name":"{}","cat":"message","ph":"f","bp":"e","id":{},"pid":1,"tid":{},"ts":{}}})", m.kind,
                     flow_id, m.to, m.delivered_us));
  }
  for (sim::EndpointId client : clients) {
    emit(fmt::format(R"({{"name":"thread_name","ph":"M","pid":1,"tid":{},"args":{{"name":"client #{}"}}}})", client,
                     client - sim::kFirstClientEndpoint + 1));
  }
  for (const auto& [id, span] : spans_) {
    (void)span;
    emit(fmt::format(R"({{"name":"thread_name","ph":"M","pid":1,"tid":{},"args":{{"name":"S{}"}}}})", id, id));
  }
  out_ << (started_ ? "\n" : "{\"traceEvents\":[\n") << "],\"displayTimeUnit\":\"ms\"}\n";
}

}  // namespace zk::app
