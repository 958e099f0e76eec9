// Quantitative claims about captures, and their verdicts against the coded record.
//
// Two shapes are recognised, with their words in data/<lang>/claims.tsv (see its header):
//   ordinal:  "the <ordinal> [qualifier...] [noun] [verb [a few words]] <span>"
//             "the sixth provincial capital to fall in a week", "the 10th district centre since
//             Friday", "the third city in 24 hours"; with no noun ("the eighth in six days") the
//             kind is the nearest noun before it in the same or the two sentences before, and
//             without one there is no claim.
//   fraction: "more than <a quarter|a third|half> of ... <noun> <span>"
// A span is "since <time>" (the time expressions resolve it) or "in|within|over [the past|less
// than|...] <number> <unit>", counted back from the report's date: "in a week" is the report's
// date and the seven days before it (hours are rounded up to whole days). A claim needs a span:
// "the sixth city" alone counts nothing.
//
// The kind of place counts: a claim about provincial capitals counts captures of PPLA/PPLC
// places; about district centres or districts, district-level places (PPLA2, ADM2); about cities
// or towns, any populated place (PPL*, capitals included). Divisions never count as cities.
//
// Verdicts (JudgeClaim). `coded` is the number of distinct places of the claim's kind, in its
// country, with a current (not historical) capture whose dates meet the span; `days_reported` the
// days of the span on which some stored report names an event in that country. In this order:
//   not enough data  no capture of any place is coded in the span (the record is silent), or a
//                    fraction of a number sitrep does not know (only provincial capitals are
//                    counted per country);
//   consistent       coded equals claimed (a fraction: coded reaches the least count it implies);
//   inconsistent     more places coded than claimed;
//   not enough data  fewer coded than claimed and reports on fewer than half the span's days:
//                    coverage is clearly partial, the missing places may simply be unreported;
//   unconfirmed      fewer coded than claimed although reports cover the span: the record does
//                    not bear the claim out.
//
// Known failure cases: a span given as a range of dates ("between Friday and Monday") or a
// hyphenated one ("a 24-hour period") is not read; an ordinal that counts something else but has
// a place noun nearby ("the fourth day of fighting for the city, the second in a week") may be
// read as a claim.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <mutex>
#include <optional>
#include <set>

#include "sitrep/control.h"
#include "sitrep/text.h"
#include "src/extract/time_expressions.h"
#include "src/util/data_files.h"

namespace sitrep {

namespace {

// The words of data/<lang>/claims.tsv, by role; phrases as their words joined by one space.
struct ClaimWords {
  std::set<std::string> openers, ordinal_suffixes, spans, verbs, span_fillers, fraction_openers;
  std::map<std::string, int> ordinals, numbers;
  std::map<std::string, ClaimCounts> nouns;
  std::map<std::string, std::optional<ClaimCounts>> qualifiers;
  std::map<std::string, double> unit_hours, fractions;
  size_t longest = 1;  // words in the longest phrase
};

std::optional<ClaimCounts> CountsFromName(std::string_view s) {
  if (s == "capitals") return ClaimCounts::kCapitals;
  if (s == "districts") return ClaimCounts::kDistricts;
  if (s == "places") return ClaimCounts::kPlaces;
  return std::nullopt;
}

Result<ClaimWords> LoadClaimWords(const std::string& lang, const std::string& data_dir) {
  ClaimWords w;
  auto file = ReadDataFile(lang + "/claims.tsv", data_dir);
  if (!file.ok()) return file.status();
  auto numbers = ReadDataFile(lang + "/number_words.txt", data_dir);
  if (!numbers.ok()) return numbers.status();
  size_t start = 0, n = 0;
  const std::string& nt = numbers->text;
  for (size_t nl; start < nt.size(); start = nl + 1) {
    nl = nt.find('\n', start);
    if (nl == std::string::npos) nl = nt.size();
    std::string line = nt.substr(start, nl - start);
    if (line.empty() || line[0] == '#') continue;
    w.numbers[line] = static_cast<int>(n++);
  }
  const std::string& t = file->text;
  size_t line_no = 0;
  for (start = 0; start < t.size();) {
    size_t nl = t.find('\n', start);
    if (nl == std::string::npos) nl = t.size();
    std::string line = t.substr(start, nl - start);
    start = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    size_t a = line.find('\t'), b = a == std::string::npos ? a : line.find('\t', a + 1);
    auto bad = [&](const std::string& why) {
      return Status::InvalidInput(file->origin + ":" + std::to_string(line_no) + ": " + why);
    };
    if (b == std::string::npos) return bad("want role<TAB>words<TAB>value");
    std::string role = line.substr(0, a), words = line.substr(a + 1, b - a - 1),
                value = line.substr(b + 1);
    w.longest = std::max<size_t>(w.longest, std::count(words.begin(), words.end(), ' ') + 1);
    char* end = nullptr;
    double number = std::strtod(value.c_str(), &end);
    bool numeric = end != value.c_str() && *end == '\0';
    if (role == "opener") {
      w.openers.insert(words);
    } else if (role == "ordinal_suffix") {
      w.ordinal_suffixes.insert(words);
    } else if (role == "span") {
      w.spans.insert(words);
    } else if (role == "verb") {
      w.verbs.insert(words);
    } else if (role == "span_filler") {
      w.span_fillers.insert(words);
    } else if (role == "fraction_opener") {
      w.fraction_openers.insert(words);
    } else if (role == "ordinal" || role == "number") {
      if (!numeric || number < 1) return bad("want a whole number, found '" + value + "'");
      (role == "ordinal" ? w.ordinals : w.numbers)[words] = static_cast<int>(number);
    } else if (role == "unit" || role == "fraction") {
      if (!numeric || number <= 0) return bad("want a positive number, found '" + value + "'");
      (role == "unit" ? w.unit_hours : w.fractions)[words] = number;
    } else if (role == "noun") {
      auto counts = CountsFromName(value);
      if (!counts) return bad("want capitals, districts or places, found '" + value + "'");
      w.nouns[words] = *counts;
    } else if (role == "qualifier") {
      auto counts = CountsFromName(value);
      if (!counts && value != "-") return bad("want capitals, districts, places or -");
      w.qualifiers[words] = counts;
    } else {
      return bad("unknown role '" + role + "'");
    }
  }
  return w;
}

// Loaded once per language and data folder (claims are judged document after document).
Result<const ClaimWords*> Words(const std::string& lang, const std::string& data_dir) {
  static std::mutex mu;
  static std::map<std::pair<std::string, std::string>, ClaimWords> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto key = std::make_pair(lang, data_dir);
  if (auto it = cache.find(key); it != cache.end()) return &it->second;
  auto w = LoadClaimWords(lang, data_dir);
  if (!w.ok()) return w.status();
  return &cache.emplace(key, std::move(w).value()).first->second;
}

class Finder {
 public:
  Finder(const Document& doc, const ClaimWords& words)
      : doc_(doc), w_(words), seg_(Segment(doc.text)) {
    times_ = FindTimeExpressions(seg_, doc.text, doc.date);
  }

  std::vector<Claim> Run() {
    std::vector<Claim> out;
    for (size_t si = 0; si < seg_.sentences.size(); ++si) {
      const Sentence& s = seg_.sentences[si];
      uint32_t end = s.first_token + s.token_count;
      for (uint32_t k = s.first_token; k < end; ++k) {
        Claim c;
        if (OrdinalAt(si, k, end, &c) || FractionAt(k, end, &c)) {
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
  std::string_view W(uint32_t k) const {
    return k < seg_.tokens.size() ? seg_.norm(seg_.tokens[k]) : std::string_view();
  }
  std::string Span(uint32_t a, uint32_t b) const {
    return doc_.text.substr(seg_.tokens[a].start, seg_.tokens[b - 1].end - seg_.tokens[a].start);
  }

  // The longest phrase of `set` starting at token k, before `end`: its length in tokens, or 0.
  template <typename Set>
  uint32_t PhraseAt(const Set& set, uint32_t k, uint32_t end,
                    typename Set::const_iterator* found = nullptr) const {
    uint32_t best = 0;
    std::string phrase;
    for (uint32_t n = 1; n <= w_.longest && k + n <= end; ++n) {
      if (n > 1) phrase += ' ';
      phrase += W(k + n - 1);
      if (auto it = set.find(phrase); it != set.end()) {
        best = n;
        if (found) *found = it;
      }
    }
    return best;
  }

  int OrdinalValue(std::string_view word) const {
    if (auto it = w_.ordinals.find(std::string(word)); it != w_.ordinals.end()) return it->second;
    size_t digits = 0;
    while (digits < word.size() && word[digits] >= '0' && word[digits] <= '9') ++digits;
    if (digits == 0 || digits > 4 || !w_.ordinal_suffixes.count(std::string(word.substr(digits))))
      return 0;
    return std::stoi(std::string(word.substr(0, digits)));
  }

  // A number: digits, a number word, or "a"/"an". 0 if none.
  int NumberAt(uint32_t k) const {
    std::string_view word = W(k);
    if (!word.empty() && word.size() <= 4 &&
        std::all_of(word.begin(), word.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      return std::stoi(std::string(word));
    }
    auto it = w_.numbers.find(std::string(word));
    return it == w_.numbers.end() ? 0 : it->second;
  }

  // Qualifiers then a noun at *j (moving *j past them): the kind counted, if any.
  std::optional<ClaimCounts> KindAt(uint32_t* j, uint32_t end) const {
    std::optional<ClaimCounts> override;
    for (int q = 0; q < 3 && *j < end; ++q) {
      auto it = w_.qualifiers.find(std::string(W(*j)));
      if (it == w_.qualifiers.end()) break;
      // A qualifier only before another qualifier or a noun: "district centre" is a noun.
      bool before = w_.qualifiers.count(std::string(W(*j + 1))) || PhraseAt(w_.nouns, *j + 1, end);
      if (!before || PhraseAt(w_.nouns, *j, end) > 1) break;
      if (it->second) override = it->second;
      ++*j;
    }
    decltype(w_.nouns)::const_iterator noun;
    uint32_t len = PhraseAt(w_.nouns, *j, end, &noun);
    if (!len) return std::nullopt;
    *j += len;
    return override ? override : noun->second;
  }

  // The kind named nearest before token k, in its sentence or the two before it.
  std::optional<ClaimCounts> KindBefore(size_t si, uint32_t k) const {
    uint32_t from = seg_.sentences[si >= 2 ? si - 2 : 0].first_token;
    std::optional<ClaimCounts> last;
    for (uint32_t j = from; j < k;) {
      uint32_t at = j;
      if (auto kind = KindAt(&at, k)) {
        last = kind;
        j = at;
      } else {
        ++j;
      }
    }
    return last;
  }

  // A span at token k: sets since and *stop (one past its last token).
  bool SpanAt(uint32_t k, uint32_t end, Date* since, uint32_t* stop) const {
    if (k >= end) return false;
    if (W(k) == "since") {  // the time expressions read "since" in every language they know
      for (const TimeMention& t : times_) {
        if (t.first_token == k) {
          *since = t.from;
          *stop = t.first_token + t.token_count;
          return true;
        }
      }
      return false;
    }
    uint32_t len = PhraseAt(w_.spans, k, end);
    if (!len) return false;
    uint32_t j = k + len;
    for (int f = 0; f < 4 && j < end; ++f) {
      uint32_t filler = PhraseAt(w_.span_fillers, j, end);
      // "a" is a number, not a filler: "in less than a week".
      if (!filler || (NumberAt(j) && w_.unit_hours.count(std::string(W(j + 1))))) break;
      j += filler;
    }
    int n = NumberAt(j);
    if (n) ++j;
    auto unit = w_.unit_hours.find(std::string(W(j)));
    if (j >= end || unit == w_.unit_hours.end()) return false;
    double hours = (n ? n : 1) * unit->second;
    *since = doc_.date.AddDays(-static_cast<int>(std::ceil(hours / 24 - 1e-9)));
    *stop = j + 1;
    return true;
  }

  bool OrdinalAt(size_t si, uint32_t k, uint32_t end, Claim* c) const {
    int n = OrdinalValue(W(k));
    if (!n || k == 0 || !w_.openers.count(std::string(W(k - 1)))) return false;
    uint32_t j = k + 1;
    std::optional<ClaimCounts> kind = KindAt(&j, end);
    if (uint32_t verb = PhraseAt(w_.verbs, j, end)) j += verb;
    Date since;
    uint32_t stop = 0;
    bool span = false;
    // A few words may stand between the verb and the span ("to fall to the insurgents").
    for (uint32_t m = j; m < std::min(end, j + 6) && !span; ++m) {
      span = SpanAt(m, end, &since, &stop);
      if (!kind && m > j) break;  // no noun: the span follows the ordinal or its verb at once
    }
    if (!span) return false;
    if (!kind) kind = KindBefore(si, k - 1);
    if (!kind) return false;
    c->claimed = n;
    c->counts = *kind;
    c->since = since;
    c->until = doc_.date;
    c->text = Span(k - 1, stop);
    return true;
  }

  bool FractionAt(uint32_t k, uint32_t end, Claim* c) const {
    uint32_t j = k + PhraseAt(w_.fraction_openers, k, end);
    if (j == k) return false;
    if (NumberAt(j) == 1 && !w_.fractions.count(std::string(W(j)))) ++j;  // "a quarter"
    auto f = w_.fractions.find(std::string(W(j)));
    if (f == w_.fractions.end() || W(j + 1) != "of") return false;
    std::optional<ClaimCounts> kind;
    uint32_t after = 0;
    for (uint32_t m = j + 2; m < std::min(end, j + 8) && !kind; ++m) {
      after = m;
      kind = KindAt(&after, end);
    }
    if (!kind) return false;
    Date since;
    uint32_t stop = 0;
    bool span = false;
    for (uint32_t m = after; m < std::min(end, after + 4) && !span; ++m)
      span = SpanAt(m, end, &since, &stop);
    if (!span) return false;
    c->fraction = f->second;
    c->counts = *kind;
    c->since = since;
    c->until = doc_.date;
    c->text = Span(k, stop);
    return true;
  }

  const Document& doc_;
  const ClaimWords& w_;
  SegmentedText seg_;
  std::vector<TimeMention> times_;
};

bool Counts(ClaimCounts counts, const PlaceRef& p) {
  switch (counts) {
    case ClaimCounts::kCapitals: return p.feature == "PPLA" || p.feature == "PPLC";
    case ClaimCounts::kDistricts: return p.feature == "PPLA2" || p.feature == "ADM2";
    case ClaimCounts::kPlaces: return p.feature.rfind("PPL", 0) == 0;
  }
  return false;
}

}  // namespace

std::string_view ClaimCountsName(ClaimCounts counts) {
  switch (counts) {
    case ClaimCounts::kCapitals: return "capitals";
    case ClaimCounts::kDistricts: return "districts";
    case ClaimCounts::kPlaces: return "places";
  }
  return "places";
}

Result<std::vector<Claim>> FindClaims(const Document& doc, const std::string& data_dir) {
  auto words = Words(doc.lang.empty() ? "en" : doc.lang, data_dir);
  if (!words.ok()) return words.status();
  return Finder(doc, **words).Run();
}

void JudgeClaim(const std::vector<StoredEvent>& events, int capitals_in_country, Claim* c) {
  std::set<std::string> places, any;
  std::set<Date> days;  // days of the span with a stored report of an event in the country
  for (const StoredEvent& se : events) {
    const Event& e = se.event;
    if (!e.place || (!c->country.empty() && e.place->country != c->country)) continue;
    for (const Report& r : se.reports) {
      if (!(r.doc_date < c->since) && !(c->until < r.doc_date)) days.insert(r.doc_date);
    }
    if (e.type != EventType::kCapture || e.historical) continue;
    if (e.date > c->until || e.date_end < c->since) continue;
    any.insert(PlaceKey(*e.place));
    if (Counts(c->counts, *e.place)) places.insert(PlaceKey(*e.place));
  }
  c->coded = static_cast<int>(places.size());
  c->days_in_span = static_cast<int>(c->until.ToDays() - c->since.ToDays()) + 1;
  c->days_reported = static_cast<int>(days.size());
  std::string span = c->since.ToString() + ".." + c->until.ToString();
  std::string coverage = "reports on " + std::to_string(c->days_reported) + " of " +
                         std::to_string(c->days_in_span) + " days";
  if (c->fraction > 0) {
    if (c->counts != ClaimCounts::kCapitals || capitals_in_country <= 0) {
      c->verdict = "not enough data";
      c->explanation = "the number of places the fraction refers to is unknown";
      return;
    }
    // "more than a quarter of 34" is at least 9.
    c->claimed = static_cast<int>(std::floor(c->fraction * capitals_in_country)) + 1;
  }
  c->explanation = std::to_string(c->coded) + " " + std::string(ClaimCountsName(c->counts)) +
                   " coded vs " + std::to_string(c->claimed) + " claimed (" + span +
                   (c->fraction > 0 ? ", of " + std::to_string(capitals_in_country) : "") + "; " +
                   coverage + ")";
  if (any.empty()) {
    c->verdict = "not enough data";
    c->explanation += ": no capture of any place is coded in the span";
  } else if (c->coded == c->claimed || (c->fraction > 0 && c->coded >= c->claimed)) {
    c->verdict = "consistent";
  } else if (c->coded > c->claimed) {
    c->verdict = "inconsistent";
  } else if (2 * c->days_reported < c->days_in_span) {
    c->verdict = "not enough data";
    c->explanation += ": coverage of the span is too partial to judge";
  } else {
    c->verdict = "unconfirmed";
  }
}

}  // namespace sitrep
