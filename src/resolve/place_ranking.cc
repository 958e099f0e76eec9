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
// Districts (second-level divisions) start 6 lower still, so a populated place of the same name,
// however small, wins a bare name; "X district", "the district of X" and "X and Y districts" want
// the district as "X province" wants the province, and a district named beside a place contains
// it as a province does ("Sangin in Helmand", "a village in Nirkh district").
// A reading found by transliteration skeleton rather than by name (place_matcher.cc) pays 1.5 plus
// half its spelling distance from the place's name (at most 3.5), so an exact name always wins
// over a fuzzy reading of the same standing; such mentions do not vote for the focus.
// Known failure: two same-named seats in the focus country with no other cue go to the larger.
#include "src/resolve/place_ranking.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "src/lexicon/fuzzy_key.h"
#include "src/lexicon/gazetteer_format.h"

namespace sitrep {

namespace {

constexpr double kFocusBonus = 3;
constexpr double kDivisionPenalty = 3;  // = gazetteer::KindPenalty of a division
constexpr double kFuzzyCost = 1.5;
constexpr double kFuzzyConfidence = 0.85;
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

bool Contains(const Gazetteer& g, uint32_t container, uint32_t p) {
  if (container == p) return false;
  switch (g.kind(container)) {
    case PlaceKind::kCountry: return g.country(p) == g.country(container);
    case PlaceKind::kDivision: return g.division_index(p) == container;
    case PlaceKind::kDistrict: return g.district_index(p) == container;
    default: return false;
  }
}

double Penalty(PlaceKind kind) { return gazetteer::KindPenalty(static_cast<uint8_t>(kind)); }

double PriorOf(const Gazetteer& g, uint32_t i) {
  return gazetteer::PriorScore(g.rank(i), g.population(i)) - Penalty(g.kind(i));
}

// The letters of the name as written, for spelling distances (fuzzy_key.h).
std::string Letters(const SegmentedText& seg, uint32_t first, uint32_t count) {
  std::vector<std::string_view> tokens;
  for (uint32_t k = first; k < first + count && k < seg.tokens.size(); ++k) {
    const Token& t = seg.tokens[k];
    if (t.is(kWord) && !t.is(kPossessive)) tokens.push_back(seg.norm(t));
  }
  return NameLetters(tokens);
}

double FuzzyCost(const Gazetteer& g, uint32_t c, std::string_view written) {
  return kFuzzyCost +
         0.5 * std::min(4.0, SpellingDistance(written, NameLettersOf(g.place(c).name)));
}

}  // namespace

std::string FocusCountry(const Gazetteer& g, const SegmentedText& seg,
                         const std::vector<PlaceMention>& mentions, const DemonymIndex& demonyms,
                         double* votes_out) {
  std::map<std::string_view, double> votes;
  for (const PlaceMention& m : mentions) {
    if (m.fuzzy()) continue;  // a guess from a skeleton is no evidence of the country
    std::string_view cc = g.country(m.candidates[0]);
    bool one_country = std::all_of(m.candidates.begin(), m.candidates.end(),
                                   [&](uint32_t c) { return g.country(c) == cc; });
    if (one_country) {
      votes[cc] += 1;
    } else if (m.candidates.size() > 1 &&
               PriorOf(g, m.candidates[0]) - PriorOf(g, m.candidates[1]) >= 2) {
      votes[cc] += 0.5;
    }
  }
  for (const Token& t : seg.tokens) {
    if (!t.is(kCapitalized)) continue;
    auto it = demonyms.find(seg.norm(t));
    if (it != demonyms.end()) votes[it->second] += 1;
  }
  std::string_view best;
  double best_votes = 0;
  for (const auto& [cc, v] : votes) {
    if (v > best_votes) {
      best = cc;
      best_votes = v;
    }
  }
  if (votes_out) *votes_out = best_votes;
  return std::string(best);
}

double PriorScore(const Place& p) {  // the same as PriorOf, for a Place at hand
  return gazetteer::PriorScore(p.rank, p.population) - Penalty(p.kind);
}

std::vector<NamedPlace> PlacesNamed(const Gazetteer& g, std::string_view name,
                                    std::string_view country) {
  std::vector<NamedPlace> out;
  for (const Place& p : g.Lookup(name)) {
    if (country.empty() || p.country == country) out.push_back({p, PriorScore(p), false});
  }
  if (out.empty()) {
    SegmentedText seg = Segment(name);
    std::string written = Letters(seg, 0, static_cast<uint32_t>(seg.tokens.size()));
    for (const Place& p : g.LookupFuzzy(name, country))
      out.push_back({p, PriorScore(p) - FuzzyCost(g, p.index, written), true});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const NamedPlace& a, const NamedPlace& b) { return a.score > b.score; });
  return out;
}

std::vector<ResolvedMention> RankPlaces(const Gazetteer& g, const SegmentedText& seg,
                                        const std::vector<PlaceMention>& mentions,
                                        const std::string& focus) {
  // Only divisions and countries can contain other places: collect them once per mention.
  std::vector<std::vector<uint32_t>> containers(mentions.size());
  for (size_t i = 0; i < mentions.size(); ++i) {
    for (uint32_t c : mentions[i].candidates) {
      if (g.kind(c) != PlaceKind::kPopulated) containers[i].push_back(c);
    }
  }
  // How many mentions name each division: a division named anywhere gives its places 1 per
  // mention. Counted once, so ranking stays linear in the number of mentions (a pairwise pass
  // over mentions made a long list of names quadratic).
  std::unordered_map<uint32_t, int> division_mentions;
  for (size_t i = 0; i < mentions.size(); ++i) {
    for (uint32_t c : containers[i]) {
      if (g.kind(c) == PlaceKind::kDivision) ++division_mentions[c];
    }
  }
  std::vector<ResolvedMention> out(mentions.size());
  for (size_t mi = 0; mi < mentions.size(); ++mi) {
    const PlaceMention& m = mentions[mi];
    uint32_t last = m.first_token + m.token_count - 1;
    bool province_cue = NormIs(seg, last + 1,
                               {"province", "provinces", "region", "oblast", "governorate", "state",
                                "prefecture", "county"});
    bool district_cue = DistrictNounBeside(seg, m.first_token, last);
    bool city_cue = NormIs(seg, last + 1, {"city"}) ||
                    (m.first_token >= 2 && NormIs(seg, m.first_token - 1, {"of"}) &&
                     NormIs(seg, m.first_token - 2, {"city", "town", "village", "port"}));
    bool capital_cue = false;
    for (uint32_t k = m.first_token >= 4 ? m.first_token - 4 : 0; k <= last + 4; ++k) {
      if (NormIs(seg, k, {"capital", "capitals"})) capital_cue = true;
    }
    std::string written;
    if (m.fuzzy_from != PlaceMention::kAllExact)
      written = Letters(seg, m.first_token, m.token_count);
    for (size_t ci = 0; ci < m.candidates.size(); ++ci) {
      uint32_t c = m.candidates[ci];
      PlaceKind kind = g.kind(c);
      double s = PriorOf(g, c);
      if (m.is_fuzzy(ci)) s -= FuzzyCost(g, c, written);
      if (kind == PlaceKind::kDivision)
        s += province_cue ? kDivisionPenalty + 4 : district_cue ? -3 : 0;
      if (kind == PlaceKind::kDistrict)
        s += district_cue ? Penalty(kind) + 4 : province_cue ? -3 : 0;
      if (kind == PlaceKind::kPopulated) s += province_cue || district_cue ? -3 : city_cue ? 2 : 0;
      if (capital_cue && g.rank(c) >= 3 && kind == PlaceKind::kPopulated) s += 1;
      if (!focus.empty() && g.country(c) == focus) s += kFocusBonus;
      // Containers named near the mention (mentions are in text order: look outwards until
      // the window or the sentence ends).
      uint32_t division = g.division_index(c);
      int near_division = 0;
      auto near = [&](size_t oi) {
        const PlaceMention& o = mentions[oi];
        if (o.sentence != m.sentence) return false;
        uint32_t gap = o.first_token > last ? o.first_token - last
                                            : m.first_token - (o.first_token + o.token_count - 1);
        if (gap > kAdjacentWindow) return false;
        for (uint32_t oc : containers[oi]) {
          if (!Contains(g, oc, c)) continue;
          s += gap <= kAttachedWindow ? kAttachedContainer : kAdjacentContainer;
          if (oc == division) ++near_division;
          break;
        }
        return true;
      };
      for (size_t oi = mi; oi-- > 0 && near(oi);) {
      }
      for (size_t oi = mi + 1; oi < mentions.size() && near(oi); ++oi) {
      }
      // ... and the division named elsewhere in the report.
      if (division != Gazetteer::kNoDivision) {
        auto it = division_mentions.find(division);
        if (it != division_mentions.end()) {
          bool self = std::find(containers[mi].begin(), containers[mi].end(), division) !=
                      containers[mi].end();
          s += std::max(0, it->second - (self ? 1 : 0) - near_division);
        }
      }
      out[mi].ranked.push_back({c, s});
    }
    auto& r = out[mi].ranked;
    std::stable_sort(r.begin(), r.end(), [](auto& a, auto& b) { return a.score > b.score; });
    double margin = r.size() > 1 ? r[0].score - r[1].score : 6;
    out[mi].confidence = 1.0 - 0.5 * std::exp(-margin / 2);
    if (m.fuzzy_from != PlaceMention::kAllExact) {
      size_t best = static_cast<size_t>(
          std::find(m.candidates.begin(), m.candidates.end(), r[0].place) - m.candidates.begin());
      if (m.is_fuzzy(best)) out[mi].confidence *= kFuzzyConfidence;
    }
  }
  return out;
}

}  // namespace sitrep
