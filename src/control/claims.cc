// Quantitative claims about captures, and their verdicts against the coded record.
//
// Two shapes are recognised, in any wording that keeps their skeleton:
//   ordinal:  "the <ordinal> <city|town|capital> to <fall|be overrun|be captured|be taken> since
//   <time>" fraction: "more than <a quarter|a third|half> of the ... <provincial capitals|cities>
//              <in less than a week|since <time>>"
// The coded count is the number of distinct places with a current (not historical) capture whose
// dates meet the claim's span. Equal is consistent; more coded than claimed is inconsistent; fewer
// is "not enough data": sitrep's record may simply be missing reports.
#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "sitrep/control.h"
#include "sitrep/text.h"
#include "src/extract/time_expressions.h"

namespace sitrep {

namespace {

int Ordinal(std::string_view w) {
  static constexpr std::array<std::string_view, 20> kWords = {
      "first",     "second",      "third",      "fourth",     "fifth",
      "sixth",     "seventh",     "eighth",     "ninth",      "tenth",
      "eleventh",  "twelfth",     "thirteenth", "fourteenth", "fifteenth",
      "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"};
  for (size_t i = 0; i < kWords.size(); ++i) {
    if (w == kWords[i]) return static_cast<int>(i + 1);
  }
  if (w.size() >= 3 &&
      (w.ends_with("th") || w.ends_with("st") || w.ends_with("nd") || w.ends_with("rd"))) {
    int n = 0;
    for (char c : w.substr(0, w.size() - 2)) {
      if (c < '0' || c > '9') return 0;
      n = n * 10 + (c - '0');
    }
    return n;
  }
  return 0;
}

double Fraction(std::string_view w) {
  if (w == "quarter") return 0.25;
  if (w == "third") return 1.0 / 3;
  if (w == "half") return 0.5;
  return 0;
}

class Finder {
 public:
  explicit Finder(const Document& doc) : doc_(doc), seg_(Segment(doc.text)) {
    times_ = FindTimeExpressions(seg_, doc.text, doc.date);
  }

  std::vector<Claim> Run() {
    std::vector<Claim> out;
    for (const Sentence& s : seg_.sentences) {
      uint32_t end = s.first_token + s.token_count;
      for (uint32_t k = s.first_token; k < end; ++k) {
        Claim c;
        if (OrdinalAt(k, end, &c) || FractionAt(k, end, &c)) {
          c.doc = doc_.id;
          c.evidence.start = s.start;
          c.evidence.end = s.end;
          c.evidence.sentence = doc_.text.substr(s.start, s.end - s.start);
          out.push_back(std::move(c));
        }
      }
    }
    return out;
  }

 private:
  std::string_view W(uint32_t k) const { return seg_.norm(seg_.tokens[k]); }
  std::string Span(uint32_t a, uint32_t b) const {
    return doc_.text.substr(seg_.tokens[a].start, seg_.tokens[b - 1].end - seg_.tokens[a].start);
  }
  // A time expression starting within a few tokens of k (the "since Friday" of the claim).
  const TimeMention* TimeNear(uint32_t k, uint32_t end) const {
    for (const TimeMention& t : times_) {
      if (t.first_token >= k && t.first_token < std::min(end, k + 6)) return &t;
    }
    return nullptr;
  }
  static bool IsPlaceNoun(std::string_view w, bool* capitals) {
    *capitals = w == "capital" || w == "capitals";
    return *capitals || w == "city" || w == "cities" || w == "town" || w == "towns";
  }

  bool OrdinalAt(uint32_t k, uint32_t end, Claim* c) const {
    int n = Ordinal(W(k));
    if (!n || k + 4 >= end) return false;
    uint32_t j = k + 1;
    if (W(j) == "provincial" || W(j) == "major" || W(j) == "district") ++j;
    bool capitals;
    if (!IsPlaceNoun(W(j), &capitals) || W(j + 1) != "to") return false;
    j += 2;
    if (W(j) == "be") ++j;
    if (j >= end || (W(j) != "overrun" && W(j) != "captured" && W(j) != "taken" &&
                     W(j) != "seized" && W(j) != "fall")) {
      return false;
    }
    const TimeMention* t = TimeNear(j + 1, end);
    if (!t || W(t->first_token) != "since") return false;
    c->claimed = n;
    c->capitals = capitals || W(k + 1) == "provincial";
    c->since = t->from;
    c->until = doc_.date;
    c->text = Span(k > 0 && W(k - 1) == "the" ? k - 1 : k, t->first_token + t->token_count);
    return true;
  }

  bool FractionAt(uint32_t k, uint32_t end, Claim* c) const {
    if (W(k) != "more" || k + 5 >= end || W(k + 1) != "than") return false;
    uint32_t j = k + 2;
    if (W(j) == "a") ++j;
    double f = Fraction(W(j));
    if (f == 0 || W(j + 1) != "of") return false;
    uint32_t noun = 0;
    bool capitals = false;
    for (uint32_t m = j + 2; m < std::min(end, j + 8); ++m) {
      if (IsPlaceNoun(W(m), &capitals)) {
        noun = m;
        break;
      }
    }
    if (!noun) return false;
    Date since;
    uint32_t stop = noun + 1;
    // "in less than a week" / "in under a week" / "since <time>"
    if (noun + 5 < end && W(noun + 1) == "in" &&
        (W(noun + 2) == "less" || W(noun + 2) == "under")) {
      uint32_t u = noun + (W(noun + 2) == "less" ? 5 : 4);
      if (u >= end) return false;
      int days = W(u) == "week" ? 7 : W(u) == "month" ? 30 : W(u) == "day" ? 1 : 0;
      if (!days) return false;
      since = doc_.date.AddDays(-days);
      stop = u + 1;
    } else if (const TimeMention* t = TimeNear(noun + 1, end); t && W(t->first_token) == "since") {
      since = t->from;
      stop = t->first_token + t->token_count;
    } else {
      return false;
    }
    c->fraction = f;
    c->capitals = capitals;
    c->since = since;
    c->until = doc_.date;
    c->text = Span(k, stop);
    return true;
  }

  const Document& doc_;
  SegmentedText seg_;
  std::vector<TimeMention> times_;
};

}  // namespace

std::vector<Claim> FindClaims(const Document& doc) { return Finder(doc).Run(); }

void JudgeClaim(const std::vector<StoredEvent>& events, int capitals_in_country, Claim* c) {
  std::set<std::string> places;
  for (const StoredEvent& se : events) {
    const Event& e = se.event;
    if (e.type != EventType::kCapture || e.historical || !e.place) continue;
    if (e.date > c->until || e.date_end < c->since) continue;
    if (!c->country.empty() && e.place->country != c->country) continue;
    if (c->capitals && e.place->feature != "PPLA" && e.place->feature != "PPLC") continue;
    places.insert(PlaceKey(*e.place));
  }
  c->coded = static_cast<int>(places.size());
  if (c->fraction > 0) {
    if (capitals_in_country <= 0) {
      c->verdict = "not enough data";
      c->explanation = "the number of places the fraction refers to is unknown";
      return;
    }
    // "more than a quarter of 34" is at least 9.
    c->claimed = static_cast<int>(std::floor(c->fraction * capitals_in_country)) + 1;
  }
  std::string span = c->since.ToString() + ".." + c->until.ToString();
  std::string counts = std::to_string(c->coded) + " coded vs " + std::to_string(c->claimed) +
                       " claimed (" + span +
                       (c->fraction > 0 ? ", of " + std::to_string(capitals_in_country) : "") + ")";
  if (c->coded == c->claimed || (c->fraction > 0 && c->coded >= c->claimed)) {
    c->verdict = "consistent";
  } else if (c->coded > c->claimed) {
    c->verdict = "inconsistent";
  } else {
    c->verdict = "not enough data";
  }
  c->explanation = counts;
}

}  // namespace sitrep
