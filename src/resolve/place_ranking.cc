// Place disambiguation, the way an analyst reads a place name.
//
// Each candidate starts from its prior (administrative rank, then population) and gains or loses
// with the document's evidence:
//  * focus: the country most of the document's unambiguous mentions (and demonyms: "Afghan
//    forces") point to; candidates in it gain 3;
//  * explicit context: "X province" wants the division, "the city of X" the city; "capital" near
//    the name favours seats of government;
//  * co-mentions: a name attached to a division or country that contains the candidate
//    ("Badakhshan's capital Faizabad", "Faizabad in Jowzjan province", "Kunduz, Afghanistan":
//    within 3 tokens) gains 7, one in the same stretch of sentence (8 tokens) 4, and a division
//    mentioned anywhere in the document gains its places 1.
// A bare name that is both a provincial seat and its province ("Kandahar") resolves to the city:
// divisions start 3 lower, and news uses bare names for cities far more than for provinces.
// Known failure: two same-named seats in the focus country with no other cue go to the larger.
#include "src/resolve/place_ranking.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "src/lexicon/gazetteer_format.h"
#include "src/lexicon/tsv.h"

namespace sitrep {

namespace {

constexpr double kFocusBonus = 3;
constexpr double kDivisionPenalty = 3;
constexpr double kAdjacentContainer = 4;
constexpr double kAttachedContainer = 7;  // "X in Y province", "X, Y", "Y's capital X"
constexpr uint32_t kAdjacentWindow = 8;
constexpr uint32_t kAttachedWindow = 3;

bool NormIs(const SegmentedText& seg, size_t k, std::initializer_list<std::string_view> words) {
  if (k >= seg.tokens.size()) return false;
  std::string_view n = seg.norm(seg.tokens[k]);
  for (auto w : words) {
    if (n == w) return true;
  }
  return false;
}

bool Contains(const Gazetteer& g, const Place& container, const Place& p) {
  if (container.index == p.index) return false;
  if (container.kind == PlaceKind::kCountry) return p.country == container.country;
  if (container.kind == PlaceKind::kDivision) {
    auto d = g.DivisionOf(p);
    return d && d->index == container.index;
  }
  return false;
}

std::string FocusCountry(const Gazetteer& g, const SegmentedText& seg,
                         const std::vector<PlaceMention>& mentions, const DemonymIndex& demonyms) {
  std::map<std::string, double> votes;
  for (const PlaceMention& m : mentions) {
    Place first = g.place(m.candidates[0]);
    bool one_country = std::all_of(m.candidates.begin(), m.candidates.end(),
                                   [&](uint32_t c) { return g.place(c).country == first.country; });
    if (one_country) {
      votes[std::string(first.country)] += 1;
    } else if (m.candidates.size() > 1 &&
               PriorScore(first) - PriorScore(g.place(m.candidates[1])) >= 2) {
      votes[std::string(first.country)] += 0.5;
    }
  }
  for (const Token& t : seg.tokens) {
    if (!t.is(kCapitalized)) continue;
    auto it = demonyms.find(std::string(seg.norm(t)));
    if (it != demonyms.end()) votes[it->second] += 1;
  }
  std::string best;
  double best_votes = 0;
  for (const auto& [cc, v] : votes) {
    if (v > best_votes) { best = cc; best_votes = v; }
  }
  return best;
}

}  // namespace

double PriorScore(const Place& p) {
  double s = gazetteer::PriorScore(p.rank, p.population);
  return p.kind == PlaceKind::kDivision ? s - kDivisionPenalty : s;
}

DemonymIndex LoadDemonyms(std::string_view countries_tsv) {
  DemonymIndex out;
  std::vector<std::string_view> cols;
  for (std::string_view line : tsv::SplitOn(countries_tsv, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    tsv::Split(line, &cols);
    if (cols.size() < 4) continue;
    for (auto d : tsv::SplitOn(cols[3], ';')) {
      if (!d.empty()) out[MatchKey(d)] = std::string(cols[0]);
    }
  }
  return out;
}

std::vector<ResolvedMention> RankPlaces(const Gazetteer& g, const SegmentedText& seg,
                                        const std::vector<PlaceMention>& mentions,
                                        const DemonymIndex& demonyms) {
  std::string focus = FocusCountry(g, seg, mentions, demonyms);
  std::vector<ResolvedMention> out(mentions.size());
  for (size_t mi = 0; mi < mentions.size(); ++mi) {
    const PlaceMention& m = mentions[mi];
    uint32_t last = m.first_token + m.token_count - 1;
    bool province_cue = NormIs(seg, last + 1, {"province", "provinces", "region", "oblast",
                                               "governorate", "state", "prefecture", "county"});
    bool city_cue = NormIs(seg, last + 1, {"city"}) ||
                    (m.first_token >= 2 && NormIs(seg, m.first_token - 1, {"of"}) &&
                     NormIs(seg, m.first_token - 2, {"city", "town", "village", "port"}));
    bool capital_cue = false;
    for (uint32_t k = m.first_token >= 4 ? m.first_token - 4 : 0; k <= last + 4; ++k) {
      if (NormIs(seg, k, {"capital", "capitals"})) capital_cue = true;
    }
    for (uint32_t c : m.candidates) {
      Place p = g.place(c);
      double s = PriorScore(p);
      if (p.kind == PlaceKind::kDivision && province_cue) s += kDivisionPenalty + 4;
      if (p.kind == PlaceKind::kPopulated) s += province_cue ? -3 : city_cue ? 2 : 0;
      if (capital_cue && p.rank >= 3 && p.kind == PlaceKind::kPopulated) s += 1;
      if (!focus.empty() && p.country == focus) s += kFocusBonus;
      for (size_t oi = 0; oi < mentions.size(); ++oi) {
        if (oi == mi) continue;
        const PlaceMention& o = mentions[oi];
        uint32_t gap = o.first_token > last ? o.first_token - last
                                            : m.first_token - (o.first_token + o.token_count - 1);
        bool adjacent = o.sentence == m.sentence && gap <= kAdjacentWindow;
        bool attached = o.sentence == m.sentence && gap <= kAttachedWindow;
        for (uint32_t oc : o.candidates) {
          Place op = g.place(oc);
          if (!Contains(g, op, p)) continue;
          s += attached   ? kAttachedContainer
               : adjacent ? kAdjacentContainer
                          : (op.kind == PlaceKind::kDivision ? 1 : 0);
          break;
        }
      }
      out[mi].ranked.push_back({c, s});
    }
    auto& r = out[mi].ranked;
    std::stable_sort(r.begin(), r.end(), [](auto& a, auto& b) { return a.score > b.score; });
    double margin = r.size() > 1 ? r[0].score - r[1].score : 6;
    out[mi].confidence = 1.0 - 0.5 * std::exp(-margin / 2);
  }
  return out;
}

}  // namespace sitrep
