// format_step: a command rendered back to its canonical scenario text, one line without
// '\n' (the GUI's "Save as scenario" writes these). Canonical means: options in a fixed
// order and only when they differ from the default, durations in the largest exact unit,
// words quoted only when needed. For every command the parser accepts,
// parse(format_step(c)) gives c again.
#pragma once

#include <string>

#include "sim/scenario/scenario.h"

namespace zk::sim {

std::string format_step(const Command& command);
// The whole scenario: the setup line, then one line per step, each ending in '\n'.
std::string format_scenario(const Scenario& scenario);

}  // namespace zk::sim
