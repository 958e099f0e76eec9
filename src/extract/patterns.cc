#include "src/extract/patterns.h"

#include <algorithm>
#include <charconv>
#include <unordered_map>

#include "sitrep/text.h"
#include "src/lexicon/tsv.h"

namespace sitrep {

namespace {

const std::pair<std::string_view, Frame> kFrames[] = {
    {"active", Frame::kActive},   {"gerund", Frame::kGerund},   {"fall", Frame::kFall},
    {"nominal", Frame::kNominal}, {"located", Frame::kLocated}, {"visit", Frame::kVisit},
    {"meeting", Frame::kMeeting}, {"speech", Frame::kSpeech},   {"loss", Frame::kLoss}};

const std::pair<std::string_view, Cue> kCues[] = {{"negation", Cue::kNegation},
                                                  {"intent", Cue::kIntent},
                                                  {"hypothetical", Cue::kHypothetical},
                                                  {"siege", Cue::kSiege},
                                                  {"claim", Cue::kClaim},
                                                  {"ref_city", Cue::kRefCity},
                                                  {"ref_division", Cue::kRefDivision},
                                                  {"ref_district", Cue::kRefDistrict},
                                                  {"ref_any", Cue::kRefAny},
                                                  {"ref_person", Cue::kRefPerson},
                                                  {"actor_head", Cue::kActorHead},
                                                  {"place_head", Cue::kPlaceHead},
                                                  {"place_noun", Cue::kPlaceNoun},
                                                  {"not_name", Cue::kNotName},
                                                  {"facility", Cue::kFacility},
                                                  {"direction", Cue::kDirection},
                                                  {"intent_noun", Cue::kIntentNoun},
                                                  {"intent_before", Cue::kIntentBefore},
                                                  {"adjective_before", Cue::kAdjectiveBefore},
                                                  {"membership", Cue::kMembership},
                                                  {"backing", Cue::kBacking}};

}  // namespace

// A trigger cell is a sequence of words, each either plain, a required choice "(took|taken)" or an
// optional choice "[full|complete]"; "_" joins words inside a choice ("[the_whole|all]"). Writing
// a verb's forms and its optional intensifiers once keeps the table short and review-sized while
// the matcher still sees plain phrases (fast, longest match wins).
Result<std::vector<std::string>> ExpandTrigger(std::string_view cell) {
  std::vector<std::string> out = {""};
  size_t i = 0;
  auto append = [&](const std::vector<std::string>& options) {
    std::vector<std::string> next;
    for (const auto& head : out) {
      for (const auto& o : options) {
        if (o.empty()) {
          next.push_back(head);
        } else {
          next.push_back(head.empty() ? o : head + " " + o);
        }
      }
    }
    out = std::move(next);
  };
  while (i < cell.size()) {
    if (cell[i] == ' ') {
      ++i;
      continue;
    }
    std::vector<std::string> options;
    if (cell[i] == '(' || cell[i] == '[') {
      char close = cell[i] == '(' ? ')' : ']';
      size_t end = cell.find(close, i);
      if (end == std::string_view::npos) return Status::InvalidInput("unclosed choice");
      for (auto o : tsv::SplitOn(cell.substr(i + 1, end - i - 1), '|')) {
        std::string word(o);
        std::replace(word.begin(), word.end(), '_', ' ');
        if (word.empty()) return Status::InvalidInput("empty choice");
        options.push_back(std::move(word));
      }
      if (close == ']') options.push_back("");
      i = end + 1;
    } else {
      size_t end = cell.find(' ', i);
      if (end == std::string_view::npos) end = cell.size();
      options.push_back(std::string(cell.substr(i, end - i)));
      i = end;
    }
    append(options);
    if (out.size() > 8192) return Status::InvalidInput("more than 8192 phrases");
  }
  if (std::erase(out, std::string()) > 0 || out.empty())
    return Status::InvalidInput("the trigger may expand to nothing");
  return out;
}

Result<PatternSet> PatternSet::Parse(std::string_view text, const std::string& origin) {
  PatternSet set;
  std::unordered_map<std::string, uint32_t> phrase_ids;
  Status st = tsv::ForEachRow(text, [&](const std::vector<std::string_view>& cols, size_t n) {
    auto where = origin + ":" + std::to_string(n) + ": ";
    if (cols.size() < 5)
      return Status::InvalidInput(where + "want type, trigger, frame, gap, confidence[, needs]");
    Pattern p;
    auto type = EventTypeFromName(cols[0]);
    if (!type)
      return Status::InvalidInput(where + "unknown event type '" + std::string(cols[0]) + "'");
    p.type = *type;
    if (!tsv::FromName(kFrames, cols[2], &p.frame))
      return Status::InvalidInput(where + "unknown frame '" + std::string(cols[2]) + "'");
    auto gap = std::from_chars(cols[3].data(), cols[3].data() + cols[3].size(), p.max_gap);
    double conf = 0;
    auto parsed = std::from_chars(cols[4].data(), cols[4].data() + cols[4].size(), conf);
    if (gap.ec != std::errc() || parsed.ec != std::errc() || conf <= 0 || conf > 1) {
      return Status::InvalidInput(where + "bad gap or confidence");
    }
    p.confidence = conf;
    if (cols.size() > 5) {
      for (auto w : tsv::SplitOn(cols[5], ';')) {
        if (!w.empty()) p.needs.push_back(NormalizeForMatch(w));
      }
    }
    auto phrases = ExpandTrigger(cols[1]);
    if (!phrases.ok()) return Status::InvalidInput(where + phrases.status().message());
    for (const std::string& phrase : *phrases) {
      std::string key = MatchKey(phrase);
      auto [it, added] = phrase_ids.emplace(key, static_cast<uint32_t>(set.by_phrase_.size()));
      if (added) {
        set.by_phrase_.emplace_back();
        set.index_.Add(phrase, it->second);
      }
      auto& rows = set.by_phrase_[it->second];
      // One row per phrase: a phrase written twice keeps its first (most specific) row.
      if (rows.empty() || set.patterns_[rows.back()].type != p.type ||
          set.patterns_[rows.back()].frame != p.frame || !p.needs.empty())
        rows.push_back(static_cast<uint32_t>(set.patterns_.size()));
    }
    set.patterns_.push_back(std::move(p));
    return Status::OK();
  });
  if (!st.ok()) return st;
  return set;
}

std::vector<TriggerMention> PatternSet::Find(const SegmentedText& seg,
                                             const std::vector<uint8_t>& taken) const {
  std::vector<TriggerMention> out;
  for (const Sentence& s : seg.sentences) {
    uint32_t end = s.first_token + s.token_count;
    for (uint32_t k = s.first_token; k < end;) {
      uint32_t id = 0;
      uint32_t len = taken[k] ? 0 : index_.LongestAt(seg, k, end, &id);
      if (!len) {
        ++k;
        continue;
      }
      out.push_back({k, len, std::span<const uint32_t>(by_phrase_[id])});
      k += len;
    }
  }
  return out;
}

Result<CueSet> CueSet::Parse(std::string_view text, const std::string& origin) {
  CueSet set;
  std::unordered_map<std::string, uint32_t> ids;
  Status st = tsv::ForEachRow(text, [&](const std::vector<std::string_view>& cols, size_t n) {
    Cue c;
    if (cols.size() != 2 || !tsv::FromName(kCues, cols[0], &c)) {
      return Status::InvalidInput(origin + ":" + std::to_string(n) +
                                  ": want kind<TAB>phrase with a known kind");
    }
    // A phrase may carry several kinds ("town" refers back and marks a name as a place); At()
    // answers the first one written, Is() any of them.
    std::string key = MatchKey(cols[1]);
    auto [it, added] = ids.emplace(key, static_cast<uint32_t>(set.cues_.size()));
    if (added) {
      set.index_.Add(cols[1], it->second);
      set.cues_.push_back(c);
      set.kinds_.push_back(0);
    }
    set.kinds_[it->second] |= 1u << static_cast<uint32_t>(c);
    return Status::OK();
  });
  if (!st.ok()) return st;
  return set;
}

Cue CueSet::At(const SegmentedText& seg, uint32_t k, uint32_t end, uint32_t* len) const {
  uint32_t id = 0;
  *len = index_.LongestAt(seg, k, end, &id);
  return *len ? cues_[id] : Cue::kNone;
}

bool CueSet::Is(const SegmentedText& seg, uint32_t k, uint32_t end, Cue kind, uint32_t* len) const {
  uint32_t id = 0;
  *len = index_.LongestAt(seg, k, end, &id);
  return *len && (kinds_[id] & (1u << static_cast<uint32_t>(kind)));
}

}  // namespace sitrep
