// Translations of the UI's fixed strings (English and Simplified Chinese), switchable at
// run time. Every visible label goes through tr() so that the language menu changes all
// panels at once. Keys are stable identifiers, never shown to users.
#pragma once

#include "ui/gui_app.h"

namespace zk::ui {

enum class Text {
  kAppTitle,
  kClusterView,
  kVotes,
  kWhy,
  kZnodeTree,
  kTimeline,
  kControls,
  kConsole,
  kNoCluster,
  kNoVotes,
  kNoDecisions,
  kNoTree,
  kNoTimeline,
  kNoConsole,
  kPanelPending,
  kMenuView,
  kMenuTheme,
  kMenuLanguage,
  kThemeDark,
  kThemeLight,
  kStart,
  kStart123,
  kStart321,
  kStartAll,
  kKillLeader,
  kHeal,
  kPlay,
  kPause,
  kStep,
  kSpeed,
  kServers,
  // ---- time: timeline, time travel, scenarios (gui-time) ----
  kPlayhead,
  kFit,
  kTimelineHint,
  kMarkerCrash,
  kMarkerRestart,
  kMarkerElected,
  kMarkerPartition,
  kMarkerHeal,
  kWhyHint,
  kMenuFile,
  kOpenScenario,
  kSaveScenario,
  kScenarioFiles,
  kScenarioPathHint,
  kOpen,
  kSave,
  kCancel,
  kScenarioTitle,
  kScenarioRunToEnd,
  kScenarioStepLine,
  kScenarioClose,
  kScenarioFinished,
  kScenarioSaved,
  kScenarioNextLine,
  kScenarioDetached,
  kCount  // Not a text: the number of keys.
};

void set_language(Language language);
Language language();
const char* tr(Text key);

}  // namespace zk::ui
