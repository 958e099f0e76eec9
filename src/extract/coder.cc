// The event coder.
//
// Approach: recognisers mark actors, places, times, cue words and triggers on the token stream;
// each trigger then fills its frame (data/<lang>/patterns.tsv; one method per frame, declared at
// the top of DocumentCoder) by looking left and right within its sentence, the way a coder reads
// "X captured Y" or "Y fell to X", without a parser. Verb forms and intensifiers are written once
// in the pattern table and expanded to plain phrases, so matching stays a longest-phrase lookup.
// Objects are read as lists (commas, "and", colons, semicolons, asides) of known places, names the
// gazetteer lacks (kept as unresolved places when the text marks them as places) and parts
// ("the airport in Y", "eastern Y"); a place brought in by "in"/"of" after a target only locates
// it. Subjects of "have fallen" and passives are read backwards as lists. References ("the city",
// "it") resolve to the most recent compatible place of the report's country, passing over
// landmarks ("east of Mazar") and the dateline; "its forces" belong to the actor or country
// before them. Cues veto a trigger (negation, intent, hypotheticals, an infinitive after an
// intent word) or mark it (claims, denials). Every closed word list the rules read is a data file
// of the document's language (data/en/*.txt), looked up through one bit mask per token.
//
// Cost is linear in the document: look-ups of the last group, person or place are binary
// searches with a bounded look-back, and duplicates are only sought within a sentence.
//
// Known failure cases: agents far from their verb across a relative clause are missed or taken
// from the nearest actor; "A and B captured X" credits the nearer of the two; coordination of
// verbs ("captured A and advanced on B") gives B no event, which is the safe error; a bare
// "rebels" refers to the last named group, whichever side it is on.
#include "src/extract/coder.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "src/extract/time_expressions.h"
#include "src/lexicon/place_matcher.h"
#include "src/lexicon/tsv.h"
#include "src/util/data_files.h"

namespace sitrep {

namespace {

constexpr int kDefaultWindowDays = 6;  // an undated event: the week up to the report
constexpr int kHistoricalDays = 365;   // older than this is history, not the current campaign
constexpr uint32_t kCueScope = 8;
// How many earlier mentions or events a reference looks back over: far enough for any report,
// short enough that a pathological document (thousands of names) stays linear.
constexpr size_t kLookBack = 256;
// How recent a capture must be for a later "has fallen" or "the fall of Y" with no agent to be
// credited to the same side.
constexpr int64_t kEarlierCaptorDays = 90;

struct ResolvedActor {
  std::string name;
  Side side = Side::kNeutral;
  ActorKind kind = ActorKind::kGroup;
  std::string country;
  bool inferred = false;  // carried from earlier in the document, not named in the clause
  bool empty() const { return name.empty(); }
};

ResolvedActor MakeActor(std::string name, Side side = Side::kNeutral,
                        ActorKind kind = ActorKind::kGroup, std::string country = "",
                        bool inferred = false) {
  ResolvedActor a;
  a.name = std::move(name);
  a.side = side;
  a.kind = kind;
  a.country = std::move(country);
  a.inferred = inferred;
  return a;
}

struct PlaceChoice {
  int mention = -1;  // index into places_, or -1 for a name the gazetteer lacks
  bool via_reference = false;
  int unknown = -1;       // index into unknown_ when mention is -1
  int64_t seat = -1;      // "Y's capital": the gazetteer index of the seat the mention stands for
  bool quantity = false;  // "over 20 settlements in Y": some places of Y (part in quantity_part_)
};

// A capitalised name that is neither actor nor gazetteer place, kept where it stands as the
// object of a territorial verb: "seized Khahan, Shikai and Nusai districts".
struct UnknownName {
  uint32_t first_token = 0, token_count = 0;
  int container = -1;  // the place the text puts it in ("Wesh in Kandahar"), -1 if none
};

class DocumentCoder {
 public:
  DocumentCoder(const CoderResources& r, const Document& doc)
      : r_(r), lang_(r.For(doc.lang)), doc_(doc) {}

  std::vector<Event> Run() {
    Prepare();
    for (const TriggerMention& t : triggers_) CodeTrigger(t);
    CreditUnattributedCaptures();
    return std::move(events_);
  }

 private:
  // ---- frames: one per Frame of data/<lang>/patterns.tsv. Each reads its trigger's sentence
  // and emits zero or more events built on `base` (type, trigger evidence, date, cues). ----
  // "X captured Y, Z and W", "Y was captured by X", "after capturing Y, X ...": agent before,
  // places (known, unknown, parts) after; a withdrawal from a town is also the other side's gain.
  void CodeActive(const Event& base, const TriggerMention& t, const Pattern& p);
  // "Y fell to X", "A, B and C have fallen", "Y came under X's control": places before, agent
  // after.
  void CodeFall(const Event& base, const TriggerMention& t, const Pattern& p);
  // "the fall of Y", "the capture of Y by X": places after, agent after "to"/"by" or the side the
  // report already credited.
  void CodeNominal(const Event& base, const TriggerMention& t, const Pattern& p);
  // "X lost control of Y": the loser before, places after; the other side gains.
  void CodeLoss(const Event& base, const TriggerMention& t, const Pattern& p);
  // "clashes erupted in Y", "X shelled Y", "fighting between A and B": a violent or political
  // event located at the places after (or before) its trigger.
  void CodeLocated(const Event& base, const TriggerMention& t, const Pattern& p);
  // "X flew to Y": a person or force arriving at a place.
  void CodeVisit(const Event& base, const TriggerMention& t, const Pattern& p);
  // "X held talks with A and B in Y": the counterparts and where they met.
  void CodeMeeting(const Event& base, const TriggerMention& t, const Pattern& p);
  // "said X", "X told reporters": a statement by its speaker.
  void CodeSpeech(const TriggerMention& t, const Pattern& p);

 private:
  // ---- recognition -------------------------------------------------------------------------
  void Prepare() {
    SegmentOptions options;
    options.headline_function_words = lang_.words.List(Words::kHeadlineFunctionWords);
    seg_ = Segment(doc_.text, options);
    const size_t n = seg_.tokens.size();
    word_mask_.resize(n);
    for (size_t k = 0; k < n; ++k) word_mask_[k] = lang_.words.MaskOf(seg_.norm(seg_.tokens[k]));
    actor_at_.assign(n, -1);
    place_at_.assign(n, -1);
    sentence_of_.assign(n, 0);
    in_quote_.assign(n, 0);
    for (uint32_t s = 0; s < seg_.sentences.size(); ++s) {
      const Sentence& sent = seg_.sentences[s];
      for (uint32_t k = sent.first_token; k < sent.first_token + sent.token_count; ++k)
        sentence_of_[k] = s;
    }
    MarkQuotes();
    actors_ = r_.actors.Find(seg_, r_.demonyms);
    // "anti-Taliban forces" are the Taliban's enemies, not the Taliban; "Islamic State-held"
    // and "Iran-backed" describe something else.
    std::erase_if(actors_, [&](const ActorMention& m) {
      uint32_t k = m.first_token, e = m.first_token + m.token_count;
      auto hyphened = [&](uint32_t a, uint32_t b) {  // tokens a and b joined by one hyphen
        return seg_.tokens[a].end + 1 == seg_.tokens[b].start &&
               doc_.text[seg_.tokens[a].end] == '-';
      };
      bool glued_after = e < n && hyphened(e - 1, e) && Is(e, Words::kActorModifierHeads);
      return glued_after || (k >= 1 && Is(k - 1, Words::kNegatingPrefixes) && hyphened(k - 1, k));
    });
    std::erase_if(actors_, [&](const ActorMention& m) {
      return r_.actors.entry(m.entry).kind == ActorKind::kRefState &&
             CueAfter(m.first_token + m.token_count) == Cue::kActorHead;
    });
    for (size_t i = 0; i < actors_.size(); ++i) {
      const ActorEntry& e = r_.actors.entry(actors_[i].entry);
      if (e.kind == ActorKind::kGroup && e.side == Side::kNonstate) named_groups_.push_back(i);
      if (e.kind == ActorKind::kPerson) persons_.push_back(i);
    }
    std::vector<uint8_t> taken(n, 0);
    for (size_t i = 0; i < actors_.size(); ++i) {
      for (uint32_t k = 0; k < actors_[i].token_count; ++k) {
        actor_at_[actors_[i].first_token + k] = static_cast<int>(i);
        taken[actors_[i].first_token + k] = 1;
      }
    }
    // "Malian army camp": a demonym is a people, not a place, even where a village shares it.
    for (uint32_t k = 0; k < n; ++k) {
      if (seg_.tokens[k].is(kCapitalized) && r_.demonyms.contains(Norm(k))) taken[k] = 1;
    }
    if (r_.gazetteer) {
      places_ = FindPlaceMentions(*r_.gazetteer, seg_, doc_.text, taken);
      DropPartsOfLongerNames();
      double votes = 0;
      focus_ = FocusCountry(*r_.gazetteer, seg_, places_, r_.demonyms, &votes);
      if (focus_.empty()) focus_ = ActorsCountry();
      if (votes >= 1) DropImplausibleForeignPlaces(votes);
      ranked_ = RankPlaces(*r_.gazetteer, seg_, places_, focus_);
      for (size_t i = 0; i < places_.size(); ++i) {
        for (uint32_t k = 0; k < places_[i].token_count; ++k) {
          place_at_[places_[i].first_token + k] = static_cast<int>(i);
          taken[places_[i].first_token + k] = 1;
        }
      }
    }
    times_ = FindTimeExpressions(seg_, doc_.text, doc_.date);
    MarkDatedHeadings();
    triggers_ = lang_.patterns.Find(seg_, taken);
  }

  // "Adan Yabaal", "Dor al-Taqa": a place name glued to a capitalised word the gazetteer does not
  // know is the first word of a longer, unknown name, not the place (Aden, Győr).
  void DropPartsOfLongerNames() {
    auto plain_name_word = [&](uint32_t j) {
      if (j >= seg_.tokens.size() || sentence_of_[j] >= seg_.sentences.size()) return false;
      const Token& t = seg_.tokens[j];
      if (!t.is(kWord) || !t.is(kCapitalized) || actor_at_[j] >= 0) return false;
      uint32_t len = 0, end = SentenceEnd(j);
      return !lang_.cues.Is(seg_, j, end, Cue::kNotName, &len) &&
             !lang_.cues.Is(seg_, j, end, Cue::kPlaceNoun, &len) &&
             !lang_.cues.Is(seg_, j, end, Cue::kFacility, &len) &&
             !lang_.cues.Is(seg_, j, end, Cue::kPlaceHead, &len) &&
             !lang_.cues.Is(seg_, j, end, Cue::kActorHead, &len) && !r_.demonyms.contains(Norm(j));
    };
    std::vector<uint8_t> is_place(seg_.tokens.size(), 0);
    for (const PlaceMention& m : places_)
      for (uint32_t k = 0; k < m.token_count; ++k) is_place[m.first_token + k] = 1;
    std::erase_if(places_, [&](const PlaceMention& m) {
      uint32_t next = m.first_token + m.token_count;
      if (seg_.tokens[next - 1].is(kPossessive)) return false;
      uint32_t after = next;
      if (after < SentenceEnd(m.first_token) && Is(after, Words::kNameParticles))
        ++after;  // "Dor al-Taqa"
      bool glued_after = after < SentenceEnd(m.first_token) && !is_place[after] &&
                         plain_name_word(after) &&
                         (after == next || seg_.tokens[after].is(kCapitalized));
      // "Maarat al Numan": an unknown capitalised word and a particle before the place
      uint32_t f = m.first_token;
      bool glued_before = f >= 2 && f - 2 > SentenceStart(f) && Is(f - 1, Words::kNameParticles) &&
                          !is_place[f - 2] && plain_name_word(f - 2);
      return glued_after || glued_before;
    });
  }

  // With no place or demonym to go by, the country of the named actors ("the RSF" is Sudan's).
  std::string ActorsCountry() const {
    std::unordered_map<std::string, int> votes;
    std::string best;
    for (const ActorMention& m : actors_) {
      const ActorEntry& e = r_.actors.entry(m.entry);
      if (e.country.empty() || e.side == Side::kForeign || e.kind == ActorKind::kPerson) continue;
      int v = ++votes[e.country];
      if (best.empty() || v > votes[best]) best = e.country;
    }
    return best;
  }

  // Timelines and live blogs put the date in a heading of its own ("September 21", "12 March -
  // Kassala.", "Monday, 9 August:"): a paragraph that is only a time expression, perhaps with a
  // place after a dash or colon. Its date holds for the paragraphs below it until the next one.
  void MarkDatedHeadings() {
    uint32_t paragraphs = seg_.sentences.empty() ? 0 : seg_.sentences.back().paragraph + 1;
    heading_of_paragraph_.assign(paragraphs, -1);
    size_t ti = 0;
    int current = -1;
    uint32_t last_paragraph = ~0u;
    for (uint32_t s = 0; s < seg_.sentences.size(); ++s) {
      const Sentence& sent = seg_.sentences[s];
      bool whole_paragraph =
          (s + 1 == seg_.sentences.size() || seg_.sentences[s + 1].paragraph != sent.paragraph) &&
          (s == 0 || seg_.sentences[s - 1].paragraph != sent.paragraph);
      uint32_t end = sent.first_token + sent.token_count;
      while (ti < times_.size() && times_[ti].first_token < sent.first_token) ++ti;
      bool heading = false;
      if (whole_paragraph && sent.token_count <= 12 && ti < times_.size() &&
          times_[ti].first_token < end) {
        // before the time: nothing but lead-in words (a weekday); after it: punctuation, or a
        // dash or colon and a short place name
        const TimeMention& t = times_[ti];
        heading = true;
        uint32_t len = 0;
        for (uint32_t k = sent.first_token; k < t.first_token; ++k) {
          if (seg_.tokens[k].is(kWord) && !lang_.cues.Is(seg_, k, end, Cue::kNotName, &len))
            heading = false;
        }
        bool after_dash = false;
        for (uint32_t k = t.first_token + t.token_count; k < end; ++k) {
          if (IsBoundary(k, false) || Raw(seg_.tokens[k]) == ":")
            after_dash = true;
          else if (seg_.tokens[k].is(kWord) && !after_dash)
            heading = false;
        }
        if (heading) current = static_cast<int>(ti);
      }
      if (sent.paragraph != last_paragraph) {
        last_paragraph = sent.paragraph;
        if (!heading && sent.paragraph < heading_of_paragraph_.size())
          heading_of_paragraph_[sent.paragraph] = current;
      }
    }
  }

  // An analyst does not put a Malian army camp in Greece: with the document's country clear (two
  // or more places or demonyms), a name whose only readings are small places abroad is dropped;
  // with any sign of the country, so is a short name whose only readings abroad are alternate
  // spellings ("Ber" is an old name of Véroia), not the places' own names.
  void DropImplausibleForeignPlaces(double votes) {
    std::erase_if(places_, [&](const PlaceMention& m) {
      const Gazetteer& g = *r_.gazetteer;
      std::string written = NormalizeForMatch(doc_.text.substr(m.start, m.end - m.start));
      return std::all_of(m.candidates.begin(), m.candidates.end(), [&](uint32_t c) {
        if (g.country(c) == focus_ || g.kind(c) != PlaceKind::kPopulated) return false;
        bool small = g.rank(c) <= 2 && g.population(c) < 20000;
        // a short alternate spelling is the usual false friend ("Ber"); longer ones are the
        // press's transliterations of real places across a border ("Jabalia")
        bool short_alternate = written.size() <= 4 && NormalizeForMatch(g.place(c).name) != written;
        return (votes >= 2 && small) || (votes >= 1 && short_alternate && g.rank(c) <= 2);
      });
    });
  }

  void MarkQuotes() {
    bool open = false;
    uint32_t paragraph = 0;
    for (uint32_t k = 0; k < seg_.tokens.size(); ++k) {
      uint32_t p = seg_.sentences[sentence_of_[k]].paragraph;
      if (p != paragraph) {
        open = false;
        paragraph = p;
      }
      const Token& t = seg_.tokens[k];
      std::string_view raw = Raw(t);
      if (t.is(kQuote) && raw != "'" && raw != "\u2019") {
        open = !open;
        continue;
      }
      in_quote_[k] = open;
    }
  }

  Cue CueAfter(uint32_t k) const {
    if (k >= seg_.tokens.size()) return Cue::kNone;
    uint32_t len = 0;
    return lang_.cues.At(seg_, k, SentenceEnd(k), &len);
  }

  std::string_view Raw(const Token& t) const {
    return std::string_view(doc_.text).substr(t.start, t.end - t.start);
  }

  // ---- clause geometry -----------------------------------------------------------------------
  bool IsBoundary(uint32_t k, bool commas) const {
    const Token& t = seg_.tokens[k];
    if (t.is(kQuote)) return true;
    if (!t.is(kPunct)) return false;
    std::string_view raw = Raw(t);
    if (raw == ";" || raw.starts_with("-") || raw.starts_with("\u2014") ||
        raw.starts_with("\u2013"))
      return true;
    return commas && raw == ",";
  }
  // A token index may be one past the last token (the token after a trigger that ends the text):
  // it belongs to the last sentence.
  uint32_t SentenceOf(uint32_t k) const {
    return sentence_of_[std::min<size_t>(k, sentence_of_.size() - 1)];
  }
  uint32_t SentenceStart(uint32_t k) const { return seg_.sentences[SentenceOf(k)].first_token; }
  uint32_t SentenceEnd(uint32_t k) const {
    const Sentence& s = seg_.sentences[SentenceOf(k)];
    return s.first_token + s.token_count;
  }
  std::string_view Norm(uint32_t k) const { return seg_.norm(seg_.tokens[k]); }
  // Whether token k is in one of the language's word lists (data/<lang>/*.txt).
  bool Is(uint32_t k, Words list) const {
    return k < word_mask_.size() && ((word_mask_[k] >> static_cast<int>(list)) & 1u);
  }

  // ---- actors ---------------------------------------------------------------------------------
  std::string StateForcesName(const std::string& templ, const std::string& country) const {
    std::string demonym;
    if (auto it = r_.demonym_of.find(country); it != r_.demonym_of.end()) demonym = it->second;
    std::string name = templ;
    if (auto at = name.find("{demonym}"); at != std::string::npos) {
      if (demonym.empty()) {
        name.erase(at, 10);
        if (!name.empty())
          name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
      } else {
        name.replace(at, 9, demonym);
      }
    }
    return name;
  }

  // The last named armed group mentioned before token k, anywhere in the document.
  // "The Brotherhood Alliance, made up of A, B and C, said": walking back from C over a list of
  // named groups (joined by commas and "and") to a membership phrase, the coalition named right
  // before that phrase; none when there is no such phrase.
  std::optional<size_t> CoalitionListing(std::vector<size_t>::const_iterator member) const {
    for (auto m = member; m != named_groups_.begin(); --m) {
      uint32_t first = actors_[*m].first_token;
      const ActorMention& before = actors_[*std::prev(m)];
      uint32_t before_end = before.first_token + before.token_count;
      uint32_t len = 0;
      for (uint32_t j = first > 4 ? first - 4 : 0; j < first; ++j) {
        if (!lang_.cues.Is(seg_, j, first, Cue::kMembership, &len) || j + len + 1 < first) continue;
        if (before_end + 2 >= j) return *std::prev(m);
        break;
      }
      if (first > before_end + 2) return std::nullopt;
    }
    return std::nullopt;
  }

  std::optional<ResolvedActor> LastNamedGroup(uint32_t k) const {
    // named_groups_ holds the positions of named armed groups in text order: a binary search
    // keeps each look-up logarithmic, so a long report costs linear time, not quadratic.
    auto it = std::lower_bound(named_groups_.begin(), named_groups_.end(), k,
                               [&](size_t i, uint32_t t) { return actors_[i].first_token < t; });
    if (it == named_groups_.begin()) return std::nullopt;
    size_t last = CoalitionListing(std::prev(it)).value_or(*std::prev(it));
    const ActorEntry& e = r_.actors.entry(actors_[last].entry);
    return MakeActor(e.canonical, e.side, e.kind, e.country, true);
  }

  // "its forces", "their fighters", "his units": the force belongs to the nearest actor or
  // country named before it in the sentence ("Russia said its forces", "the RSF said its
  // fighters"), not to the document's country.
  std::optional<ResolvedActor> PossessiveOwner(const ActorMention& m) const {
    uint32_t k = m.first_token;
    // "Haftar's forces", "Moscow's troops", "Ukraine's army": the name right before owns them.
    if (k >= 2 && seg_.tokens[k - 1].is(kPossessive)) {
      if (actor_at_[k - 2] >= 0) {
        const ActorMention& owner = actors_[static_cast<size_t>(actor_at_[k - 2])];
        const ActorEntry& e = r_.actors.entry(owner.entry);
        ResolvedActor a = Resolve(owner);
        if (e.kind == ActorKind::kPerson || e.kind == ActorKind::kGovernment) {
          if (a.side == Side::kNonstate) {
            if (auto g = LastNamedGroup(k)) return g;
            return MakeActor(a.name + " forces", Side::kNonstate, ActorKind::kGroup, a.country);
          }
          return StateForces(a.country.empty() ? focus_ : a.country);
        }
        return a;
      }
      if (auto cc = CountryActorAt(k - 2)) return StateForces(*cc);
      return std::nullopt;
    }
    if (k == 0 || !Is(k - 1, Words::kPossessivePronouns)) return std::nullopt;
    for (uint32_t j = k - 1; j-- > SentenceStart(k);) {
      if (actor_at_[j] >= 0) {
        const ActorMention& owner = actors_[static_cast<size_t>(actor_at_[j])];
        if (&owner == &m) continue;
        const ActorEntry& e = r_.actors.entry(owner.entry);
        if (e.kind == ActorKind::kCivilians || e.kind == ActorKind::kProtesters ||
            e.kind == ActorKind::kOrg)
          continue;
        ResolvedActor a = Resolve(owner);
        if (e.kind == ActorKind::kPerson || e.kind == ActorKind::kGovernment) {
          if (a.side == Side::kNonstate) {
            if (auto g = LastNamedGroup(j)) return g;
            continue;
          }
          std::string cc = a.country.empty() ? focus_ : a.country;
          return StateForces(cc);
        }
        return a;
      }
      if (auto cc = CountryActorAt(j)) return StateForces(*cc);
    }
    return std::nullopt;
  }

  // A country, or its capital used for its government ("Moscow said", "Kyiv's forces"), standing
  // where an actor stands.
  std::optional<std::string> CountryActorAt(uint32_t j) const {
    if (place_at_[j] < 0 || !r_.gazetteer) return std::nullopt;
    Place p = PlaceOf(place_at_[j]);
    if (p.kind == PlaceKind::kCountry) return std::string(p.country);
    if (p.feature == "PPLC" && p.country != focus_) return std::string(p.country);
    if (p.feature == "PPLC" && j + 1 < seg_.tokens.size() && seg_.tokens[j + 1].is(kPossessive))
      return std::string(p.country);
    return std::nullopt;
  }

  // "Our forces have liberated Y," the RSF said: in a quote, "our forces" are the speaker's, the
  // first armed actor named after the quote in the sentence (or before it).
  std::optional<ResolvedActor> QuotedSpeaker(const ActorMention& m) const {
    uint32_t k = m.first_token;
    if (k == 0 || !Is(k - 1, Words::kFirstPersonPossessives)) return std::nullopt;
    auto armed = [&](size_t i) {
      const ActorEntry& e = r_.actors.entry(actors_[i].entry);
      return e.kind == ActorKind::kGroup || e.kind == ActorKind::kState;
    };
    size_t at = static_cast<size_t>(
        std::lower_bound(actors_.begin(), actors_.end(), k,
                         [](const ActorMention& a, uint32_t t) { return a.first_token < t; }) -
        actors_.begin());
    // forward, when the sentence reports speech after the mention ("..., the RSF said"): the
    // first armed actor outside the quote that no preposition governs
    bool speech = false;
    for (uint32_t j = k; j < SentenceEnd(k) && !speech; ++j) speech = Is(j, Words::kSpeechWords);
    for (uint32_t j = k + 1; speech && j < SentenceEnd(k); ++j) {
      if (actor_at_[j] < 0) continue;
      size_t i = static_cast<size_t>(actor_at_[j]);
      bool governed = j > 0 && (Is(j - 1, Words::kRecipientPrepositions) ||
                                Is(j - 1, Words::kSourcePrepositions));
      if ((!in_quote_[k] || !in_quote_[j]) && armed(i) && !governed) return Resolve(actors_[i]);
      j = actors_[i].first_token + actors_[i].token_count - 1;
    }
    for (size_t i = at, looked = 0; i-- > 0 && ++looked <= kLookBack;) {
      uint32_t f = actors_[i].first_token;
      if (f < SentenceStart(k) && !in_quote_[f] && armed(i)) return Resolve(actors_[i]);
    }
    return std::nullopt;
  }

  ResolvedActor StateForces(const std::string& cc) const {
    Side side = !focus_.empty() && cc != focus_ ? Side::kForeign : Side::kState;
    return MakeActor(StateForcesName("{demonym} government forces", cc), side, ActorKind::kState,
                     cc);
  }

  std::optional<ResolvedActor> NextNamedGroup(uint32_t k) const {
    auto it = std::upper_bound(named_groups_.begin(), named_groups_.end(), k,
                               [&](uint32_t t, size_t i) { return t < actors_[i].first_token; });
    if (it == named_groups_.end()) return std::nullopt;
    const ActorEntry& e = r_.actors.entry(actors_[*it].entry);
    return MakeActor(e.canonical, e.side, e.kind, e.country, true);
  }

  ResolvedActor Resolve(const ActorMention& m) const {
    const ActorEntry& e = r_.actors.entry(m.entry);
    ResolvedActor a{e.canonical, e.side, e.kind, e.country, false};
    if (e.kind == ActorKind::kRefState && m.demonym_country.empty()) {
      if (auto owner = PossessiveOwner(m)) return *owner;
      if (auto speaker = QuotedSpeaker(m)) return *speaker;
    }
    if (e.kind == ActorKind::kRefNonstate) {
      // "Mosul falls to militants" in a headline: the group the report goes on to name.
      auto g = LastNamedGroup(m.first_token);
      if (!g) g = NextNamedGroup(m.first_token);
      if (g) {
        a.name = g->name;
        a.country = g->country;
        a.kind = g->kind;
      }
    } else if (e.kind == ActorKind::kRefState ||
               e.canonical.find("{demonym}") != std::string::npos) {
      // "In neighbouring Mali, the army said ...": the country the sentence has just named.
      std::string named = m.demonym_country.empty() && e.country.empty()
                              ? CountryNamedBefore(m.first_token)
                              : std::string();
      a.country = !m.demonym_country.empty() ? m.demonym_country
                  : !e.country.empty()       ? e.country
                  : !named.empty()           ? named
                                             : focus_;
      a.name = StateForcesName(e.canonical, a.country);
      if (!focus_.empty() && a.country != focus_ && (!m.demonym_country.empty() || !named.empty()))
        a.side = Side::kForeign;
    }
    return a;
  }

  // Where a backing phrase ("backed by", "loyal to") ends right before the actor at k (past a
  // determiner) starts; k when there is none.
  uint32_t BackingBefore(uint32_t k) const {
    uint32_t end = k;  // past "the" and a country's adjective: "backed by the Turkish military"
    for (int skip = 0; skip < 2 && end > 0 &&
                       (Is(end - 1, Words::kDeterminers) || seg_.tokens[end - 1].is(kCapitalized));
         ++skip)
      --end;
    uint32_t len = 0;
    for (uint32_t s = end >= 3 ? end - 3 : 0; s < end; ++s) {
      if (lang_.cues.Is(seg_, s, end, Cue::kBacking, &len) && s + len == end) return s;
    }
    return k;
  }

  // The country a sentence names before token k ("In neighbouring Mali, the army ..."), if any.
  std::string CountryNamedBefore(uint32_t k) const {
    for (uint32_t j = k; j-- > SentenceStart(k);) {
      if (place_at_[j] < 0) continue;
      Place p = PlaceOf(place_at_[j]);
      if (p.kind == PlaceKind::kCountry) return std::string(p.country);
      j = places_[static_cast<size_t>(place_at_[j])].first_token;
    }
    return "";
  }

  std::optional<ResolvedActor> ActorAt(uint32_t k) const {
    if (k >= actor_at_.size() || actor_at_[k] < 0) return std::nullopt;
    return Resolve(actors_[static_cast<size_t>(actor_at_[k])]);
  }

  // Nearest actor before token k; within the clause unless `whole_sentence`.
  enum class Want { kAny, kArmed, kPerson };
  // Nearest actor before token k; within the clause unless `whole_sentence`. People may be
  // referred to by their office ("the Afghan leader"): the last person named before.
  std::optional<ResolvedActor> ActorBefore(uint32_t k, bool whole_sentence,
                                           Want want = Want::kAny) const {
    for (uint32_t j = k; j-- > SentenceStart(k);) {
      // "Libyan rebels 'recapture Brega'": a quote opening right at the verb quotes the verb, it
      // does not start a new clause.
      if (j + 1 == k && seg_.tokens[j].is(kQuote)) continue;
      if (!whole_sentence && IsBoundary(j, false)) break;
      // "Russia has taken Avdiivka": a country as the subject of a military verb.
      if (want == Want::kArmed && actor_at_[j] < 0 && !Is(j ? j - 1 : j, Words::kSubjectBlockers)) {
        if (auto cc = CountryActorAt(j);
            cc && !seg_.tokens[j + 1].is(kPossessive) && BackingBefore(j) == j) {
          return StateForces(*cc);
        }
      }
      if (actor_at_[j] < 0) {
        uint32_t len = 0;
        if (want != Want::kArmed &&
            lang_.cues.At(seg_, j, SentenceEnd(j), &len) == Cue::kRefPerson && j > 0 &&
            !seg_.tokens[j - 1].is(kPossessive)) {
          if (auto p = LastPerson(j)) return p;
        }
        continue;
      }
      const ActorMention& m = actors_[static_cast<size_t>(actor_at_[j])];
      ActorKind kind = r_.actors.entry(m.entry).kind;
      if (want == Want::kPerson && kind != ActorKind::kPerson) continue;
      // "Syrian rebels backed by the Turkish military": a sponsor, not the subject.
      if (uint32_t b = BackingBefore(m.first_token); b != m.first_token) {
        j = b;
        continue;
      }
      // "pushed back a Taliban offensive and retook Y": a group naming a thing is not its subject
      if (want == Want::kArmed && Is(m.first_token + m.token_count, Words::kGroupModifierNouns)) {
        j = m.first_token;
        continue;
      }
      if (want == Want::kArmed && (kind == ActorKind::kCivilians ||
                                   kind == ActorKind::kProtesters || kind == ActorKind::kPerson ||
                                   kind == ActorKind::kOrg || kind == ActorKind::kGovernment)) {
        continue;
      }
      return Resolve(m);
    }
    return std::nullopt;
  }

  // The actor right after one of `words` within a few tokens after k ("by X", "to X").
  std::optional<ResolvedActor> ActorAfterWord(uint32_t k, Words words) const {
    uint32_t end = std::min(SentenceEnd(k), k + 4);
    for (uint32_t j = k; j < end; ++j) {
      if (Is(j, words)) {
        for (uint32_t a = j + 1; a < std::min(SentenceEnd(k), j + 4); ++a) {
          if (auto r = ActorAt(a)) return r;
        }
      }
    }
    return std::nullopt;
  }

  std::optional<ResolvedActor> ArmedActorAfter(uint32_t k) const {
    for (uint32_t j = k; j < SentenceEnd(k ? k - 1 : 0); ++j) {
      if (actor_at_[j] < 0) continue;
      ResolvedActor a = Resolve(actors_[static_cast<size_t>(actor_at_[j])]);
      if (a.side == Side::kState || a.side == Side::kNonstate || a.side == Side::kForeign) return a;
    }
    return std::nullopt;
  }

  // Actors after k in the clause ("with A and B", "between A and B").
  std::vector<ResolvedActor> ActorsAfter(uint32_t k, uint32_t limit) const {
    std::vector<ResolvedActor> out;
    int last = -1;
    for (uint32_t j = k; j < std::min(SentenceEnd(k), k + limit); ++j) {
      if (IsBoundary(j, false)) break;
      // "stormed Y and killed civilians": a second verb has objects of its own
      if (Is(j, Words::kListJoiners) && j + 1 < SentenceEnd(k) &&
          lang_.words.HasSuffix(Words::kVerbSuffixes, Norm(j + 1)))
        break;
      if (actor_at_[j] >= 0 && actor_at_[j] != last) {
        last = actor_at_[j];
        ResolvedActor a = Resolve(actors_[static_cast<size_t>(last)]);
        // "Taliban insurgents" is one actor named twice.
        if (out.empty() || out.back().name != a.name) out.push_back(std::move(a));
      }
    }
    return out;
  }

  // A speaker's name not in the dictionary: a run of capitalised words ("said Zabihullah Attiq").
  std::string NameRunAt(uint32_t k) const {
    uint32_t j = k;
    for (; j < SentenceEnd(k) && j < k + 5; ++j) {
      const Token& t = seg_.tokens[j];
      // "Sabah al-Numan", "Ahmed bin Salem": particles inside a name
      bool particle = j > k && Is(j, Words::kNameParticles) && j + 1 < SentenceEnd(k) &&
                      seg_.tokens[j + 1].is(kCapitalized);
      if (!particle &&
          (!t.is(kWord) || !t.is(kCapitalized) || t.is(kPossessive) || place_at_[j] >= 0))
        break;
    }
    if (j < k + 2) return "";  // one word is too weak a name
    return doc_.text.substr(seg_.tokens[k].start, seg_.tokens[j - 1].end - seg_.tokens[k].start);
  }

  std::optional<ResolvedActor> LastPerson(uint32_t k) const {
    auto it = std::lower_bound(persons_.begin(), persons_.end(), k,
                               [&](size_t i, uint32_t t) { return actors_[i].first_token < t; });
    if (it == persons_.begin()) return std::nullopt;
    ResolvedActor a = Resolve(actors_[*std::prev(it)]);
    a.inferred = true;
    return a;
  }

  // ---- places ---------------------------------------------------------------------------------
  Place PlaceOf(int mention) const {
    return r_.gazetteer->place(ranked_[static_cast<size_t>(mention)].best());
  }

  // Place mentions after the trigger: the first within `max_gap` tokens, then a list of them
  // joined by commas, semicolons and "and", with short asides ("to its east") allowed between.
  std::vector<int> PlacesAfter(uint32_t k, uint32_t max_gap, bool stop_at_actors = true,
                               std::vector<PlaceChoice>* unknown_out = nullptr) {
    std::vector<int> out;
    uint32_t end = SentenceEnd(k ? k - 1 : 0);
    uint32_t gap = 0;
    bool list_mode = false;
    for (uint32_t j = k; j < end; ++j) {
      if (unknown_out && place_at_[j] < 0) {
        bool after_separator =
            j > k && (Raw(seg_.tokens[j - 1]) == "," || Is(j - 1, Words::kListSeparators) ||
                      Raw(seg_.tokens[j - 1]) == ":" || Raw(seg_.tokens[j - 1]) == ";" ||
                      IsBoundary(j - 1, false));
        bool in_list = after_separator && (list_mode || !out.empty() || !unknown_out->empty());
        // "El Fasher, North Darfur State": a division name right after a target is its container
        if (in_list && Raw(seg_.tokens[j - 1]) == "," && !list_mode) {
          uint32_t r = j;
          while (r < end && seg_.tokens[r].is(kCapitalized) && !Is(r, Words::kDivisionNouns)) ++r;
          if (r < end && r > j && Is(r, Words::kDivisionNouns)) {
            j = r;
            continue;
          }
        }
        if (auto u = UnknownNameAt(j, in_list, /*direct=*/j == k)) {
          const UnknownName& n = unknown_[static_cast<size_t>(*u)];
          unknown_out->push_back({-1, false, *u});
          j = n.first_token + n.token_count - 1;
          gap = 0;
          continue;
        }
      }
      if (place_at_[j] >= 0) {
        int m = place_at_[j];
        const PlaceMention& pm = places_[static_cast<size_t>(m)];
        // "Wesh in Kandahar", "Obe in Herat": after a target, a place brought in by "in" only
        // locates it.
        // "El Fasher, North Darfur State": a division right after a target that holds it
        bool apposed_container = !out.empty() && pm.first_token > k &&
                                 Raw(seg_.tokens[pm.first_token - 1]) == "," &&
                                 PlaceOf(m).kind != PlaceKind::kPopulated &&
                                 Holds(PlaceOf(m).index, PlaceOf(out.back()).index);
        if (apposed_container ||
            (unknown_out && pm.first_token > k && (!out.empty() || !unknown_out->empty()) &&
             IntroducedByIn(pm.first_token, k))) {
          j = pm.first_token + pm.token_count - 1;
          continue;
        }
        j = pm.first_token + pm.token_count - 1;
        // "the Gaza side of", "the Kabul government", "the Red Sea port of Hodeida": the name
        // modifies another noun.
        uint32_t noun_len = 0;
        bool modifier = CueAfter(j + 1) == Cue::kPlaceHead ||
                        (j + 2 < end &&
                         (lang_.cues.Is(seg_, j + 1, end, Cue::kFacility, &noun_len) ||
                          lang_.cues.Is(seg_, j + 1, end, Cue::kPlaceNoun, &noun_len)) &&
                         Is(j + 1 + noun_len, Words::kGenitivePrepositions) &&
                         place_at_[std::min<uint32_t>(j + 2 + noun_len, end - 1)] >= 0);
        // "Idlib province's Saraqeb", "Donetsk region's Marinka": a place that owns the next name
        // only says where that one lies.
        uint32_t owner_end = j + 1;
        if (owner_end < end && Is(owner_end, Words::kDivisionNouns)) ++owner_end;
        if (!modifier && owner_end + 1 < end && seg_.tokens[owner_end].is(kPossessive) &&
            (place_at_[owner_end + 1] >= 0 || seg_.tokens[owner_end + 1].is(kCapitalized)))
          modifier = true;
        // "the Jisr al-Shughur district of Idlib": a named division of a larger one it lies in is
        // the target itself, the larger one its container.
        if (modifier && Is(j + 1, Words::kDivisionNouns)) {
          int outer = place_at_[std::min<uint32_t>(j + 2 + noun_len, end - 1)];
          if (outer >= 0 && Holds(PlaceOf(outer).index, PlaceOf(m).index)) modifier = false;
        }
        // "fled towards Chad": a destination, not where it happened.
        bool destination =
            pm.first_token > k && Is(pm.first_token - 1, Words::kDestinationPrepositions);
        if (!modifier && !destination && (out.empty() || out.back() != m)) out.push_back(m);
        gap = 0;
        continue;
      }
      const Token& t = seg_.tokens[j];
      std::string_view raw = Raw(t);
      uint32_t noun_len = 0;
      if (raw == ":" || (IsBoundary(j, false) && !seg_.tokens[j].is(kQuote) && j > k &&
                         lang_.cues.Is(seg_, j - 1, j, Cue::kPlaceNoun, &noun_len))) {
        list_mode = true;  // "seized five towns: A, B" or "five towns — A, B"
        continue;
      }
      if (raw == ";" && (list_mode || !out.empty())) {
        list_mode = true;
        continue;
      }
      // The "temporary retreat" from Y: a quote closing right after the trigger quotes the
      // trigger; the clause goes on.
      if (j == k && seg_.tokens[j].is(kQuote)) continue;
      if (IsBoundary(j, false) || (stop_at_actors && actor_at_[j] >= 0)) break;
      if (actor_at_[j] >= 0) continue;
      if (Is(j, Words::kClauseStops)) break;
      // "seized two tonnes of drugs in Y", "captured twenty soldiers near Y": where the place is
      // the object (territorial frames, which look for unknown names too), an object that is no
      // place, part or control ends the search; Y only says where the object was.
      if (out.empty() && unknown_out && unknown_out->empty() && j > k &&
          Is(j, Words::kObjectLocatives) && ObjectIsNoPlace(k, j - 1))
        break;
      // A finite verb after the first place starts a new clause ("the fall of Y was a blow").
      if ((!out.empty() || (unknown_out && !unknown_out->empty())) &&
          Is(j, Words::kPassiveAuxiliaries))
        break;
      // "Adan Yabaal, a town in Y's Middle Shabelle region": an apposition after a target only
      // says what the target is.
      if ((!out.empty() || (unknown_out && !unknown_out->empty())) && raw == "," &&
          Is(j + 1, Words::kIndefiniteArticles)) {
        while (j + 1 < end && Raw(seg_.tokens[j + 1]) != "," && !IsBoundary(j + 1, false)) ++j;
        continue;
      }
      if (raw == "," || Is(j, Words::kListJoiners)) continue;
      // After the first place, a new verb ends the list ("retaking A and entering B").
      std::string_view w = Norm(j);
      if (!out.empty() && w.size() > 4 && lang_.words.HasSuffix(Words::kVerbSuffixes, w)) break;
      // ... or a purpose clause ("to strengthen"), though not a bearing ("to its east").
      if (!out.empty() && Is(j, Words::kInfinitiveMarkers) && !Is(j + 1, Words::kPurposeFollowers))
        break;
      if (++gap > (out.empty() ? max_gap : 4)) break;
    }
    // "Khahan, Shikai and Nusai districts in Badakhshan": the list's container locates them all.
    if (unknown_out && !unknown_out->empty()) {
      int container = unknown_[static_cast<size_t>(unknown_out->back().unknown)].container;
      for (const PlaceChoice& c : *unknown_out) {
        UnknownName& n = unknown_[static_cast<size_t>(c.unknown)];
        if (n.container < 0) n.container = container;
      }
    }
    return out;
  }

  // Whether the words [k, head] after a trigger end in a noun that names no place, part of one,
  // or control ("two tonnes of drugs", "twenty soldiers"; not "an army base", "several villages",
  // "full control").
  bool ObjectIsNoPlace(uint32_t k, uint32_t head) const {
    const Token& t = seg_.tokens[head];
    if (!t.is(kWord) || t.is(kCapitalized) || Is(head, Words::kDeterminers) ||
        Is(head, Words::kControlNouns) || Is(head, Words::kQuantityWords) ||
        Is(head, Words::kNumberWords) || DescriptiveWord(head))
      return false;
    uint32_t len = 0;
    for (uint32_t s = head >= k + 3 ? head - 3 : k; s <= head; ++s) {
      for (Cue kind :
           {Cue::kFacility, Cue::kPlaceNoun, Cue::kRefCity, Cue::kRefDivision, Cue::kRefDistrict}) {
        if (lang_.cues.Is(seg_, s, head + 1, kind, &len) && s + len == head + 1) return false;
      }
    }
    return true;
  }

  // "in Y", "of Y", "in the northern Y", "in the Kursk border region": a place brought in by "in"
  // or "of" past determiners and describing words, not after "and" (which continues a list).
  bool IntroducedByIn(uint32_t first, uint32_t floor) const {
    uint32_t j = first;
    uint32_t len = 0;
    while (j > floor && (Is(j - 1, Words::kDeterminers) || DescriptiveWord(j - 1) ||
                         lang_.cues.Is(seg_, j - 1, first, Cue::kDirection, &len) ||
                         (!seg_.tokens[j - 1].is(kCapitalized) &&
                          lang_.words.HasSuffix(Words::kVerbSuffixes, Norm(j - 1), 3))))
      --j;  // "in neighbouring Chin State", "in besieged El Fasher"
    if (j <= floor || !Is(j - 1, Words::kContainerPrepositions)) return false;
    // "the city of Herat" names Herat; it does not locate it. But "the Dand district of Kandahar":
    // the noun already has its name, so what follows "of" holds it.
    if (j >= 2 && Is(j - 1, Words::kGenitivePrepositions) &&
        lang_.cues.Is(seg_, j - 2, j - 1, Cue::kPlaceNoun, &len) &&
        !(j >= 3 && (seg_.tokens[j - 3].is(kCapitalized) || place_at_[j - 3] >= 0) &&
          !Is(j - 3, Words::kDeterminers)))
      return false;
    return !(j >= 2 && (Is(j - 2, Words::kListSeparators) || Raw(seg_.tokens[j - 2]) == ","));
  }

  // A run of capitalised words at k that is neither actor, place nor a known non-name, taken as a
  // place the gazetteer lacks when the text marks it as one: a place noun after it ("Nirkh
  // district", "Paletwa Town"), "town of"/"village of" before it, a container after it ("Wesh in
  // Kandahar"), or a list of names it stands in (`in_list`, or a comma and another name next).
  //
  // `direct` says the run stands right after a territorial verb ("captured Vuhledar on Monday"):
  // then it counts when what follows it ends the object (punctuation, a preposition, a time word)
  // and its first word is no common English word or given name (data/name_filters.tsv).
  std::optional<int> UnknownNameAt(uint32_t k, bool in_list, bool direct = false) {
    uint32_t end = SentenceEnd(k);
    uint32_t j = k;
    while (j < end && j < k + 4) {
      const Token& t = seg_.tokens[j];
      if (!t.is(kWord) || !t.is(kCapitalized) || actor_at_[j] >= 0 || place_at_[j] >= 0) break;
      uint32_t len = 0;
      if (lang_.cues.Is(seg_, j, end, Cue::kNotName, &len) ||
          lang_.cues.Is(seg_, j, end, Cue::kPlaceNoun, &len) ||
          lang_.cues.Is(seg_, j, end, Cue::kFacility, &len) ||
          lang_.cues.Is(seg_, j, end, Cue::kDirection, &len) || r_.demonyms.contains(Norm(j)))
        break;
      ++j;
      if (seg_.tokens[j - 1].is(kPossessive) || (j < end && seg_.tokens[j].is(kPossessive))) {
        return std::nullopt;  // "Haftar's forces" names a person
      }
      // "al-Khanfsan", "Dor al-Taqa": particles inside a name
      while (j + 1 < end && Is(j, Words::kNameParticles) && seg_.tokens[j + 1].is(kCapitalized))
        ++j;
    }
    if (j == k || k == SentenceStart(k)) return std::nullopt;
    // "Sudan's Second City": a name the gazetteer lacks that starts with a common English word
    // or a given name is taken for a place only inside a list.
    if (r_.name_filters.contains(std::string(Norm(k))) && !in_list) return std::nullopt;
    uint32_t len = 0;
    bool noun_after = j < end && lang_.cues.Is(seg_, j, end, Cue::kPlaceNoun, &len);
    // "Adan Yabaal, a town in ...": an apposition that says what it is
    if (!noun_after && j + 2 < end && Raw(seg_.tokens[j]) == "," &&
        Is(j + 1, Words::kDeterminers)) {
      for (uint32_t a = j + 2; a < std::min(end, j + 5); ++a) {
        if (lang_.cues.Is(seg_, a, end, Cue::kPlaceNoun, &len)) {
          noun_after = true;
          break;
        }
        if (!DescriptiveWord(a) && !Is(a, Words::kPlaceDescriptionWords)) break;
      }
      len = 0;
    }
    uint32_t before_len = 0;  // its own length: the test must not overwrite the noun after's
    bool noun_before = k >= 2 && Is(k - 1, Words::kGenitivePrepositions) &&
                       lang_.cues.Is(seg_, k - 2, end, Cue::kPlaceNoun, &before_len);
    uint32_t after = noun_after ? j + len : j;
    int container = -1;
    if (after + 1 < end && Is(after, Words::kContainerPrepositions) && place_at_[after + 1] >= 0)
      container = place_at_[after + 1];
    else if (after + 2 < end && Is(after, Words::kContainerPrepositions) &&
             Is(after + 1, Words::kDeterminers) && place_at_[after + 2] >= 0)
      container = place_at_[after + 2];
    bool list_next = j + 1 < end && (Raw(seg_.tokens[j]) == "," || Is(j, Words::kListSeparators)) &&
                     seg_.tokens[j + 1].is(kCapitalized) && actor_at_[j + 1] < 0;
    bool object_ends = direct && !r_.name_filters.contains(std::string(Norm(k))) &&
                       (j >= end || seg_.tokens[j].is(kPunct) || seg_.tokens[j].is(kQuote) ||
                        Is(j, Words::kObjectEnders));
    if (!noun_after && !noun_before && container < 0 && !in_list && !list_next && !object_ends)
      return std::nullopt;
    if (container >= 0 && PlaceOf(container).kind == PlaceKind::kCountry && !noun_after &&
        !noun_before && !in_list && !list_next)
      return std::nullopt;
    if (container < 0 && focus_.empty()) return std::nullopt;  // never guess the country
    unknown_.push_back({k, j - k, container});
    return static_cast<int>(unknown_.size() - 1);
  }

  // A capitalised word between k and a place introduced by "in" that is neither actor nor place:
  // a name the gazetteer does not know, which the place only locates.
  bool UnknownNameBefore(uint32_t k, int mention) const {
    const PlaceMention& m = places_[static_cast<size_t>(mention)];
    if (m.first_token == 0 || !Is(m.first_token - 1, Words::kLocativePrepositions)) return false;
    for (uint32_t j = k; j + 1 < m.first_token; ++j) {
      const Token& t = seg_.tokens[j];
      if (t.is(kWord) && t.is(kCapitalized) && actor_at_[j] < 0 && place_at_[j] < 0) return true;
    }
    return false;
  }

  // "the city", "the provincial capital", "it" right after the trigger, resolved to the last
  // compatible place mentioned before `before`.
  std::optional<int> ReferenceAt(uint32_t k, uint32_t before, bool allow_possessive = false) const {
    uint32_t end = std::min(SentenceEnd(k ? k - 1 : 0), k + 4);
    for (uint32_t j = k; j < end; ++j) {
      uint32_t len = 0;
      Cue c = lang_.cues.At(seg_, j, SentenceEnd(j), &len);
      if (c == Cue::kRefCity || c == Cue::kRefDivision || c == Cue::kRefDistrict ||
          c == Cue::kRefAny) {
        // "seized a town": an indefinite noun names no town the report has mentioned
        if (j > k && Is(j - 1, Words::kIndefiniteArticles)) return std::nullopt;
        // "the city's prison" is not the city; neither is "cities".
        if (!allow_possessive && j + len < seg_.tokens.size() &&
            seg_.tokens[j + len].is(kPossessive)) {
          return std::nullopt;
        }
        return LastPlace(before, c, j + len - 1);
      }
      if (!Is(j, Words::kReferenceWords) && !DescriptiveWord(j)) {
        return std::nullopt;
      }
    }
    return std::nullopt;
  }

  // "the town" a withdrawing side left: only a place named in this sentence or the two before;
  // an older one is more likely a town the report passed over than the one meant (a name the
  // gazetteer lacks may stand between), and a wrong retreat hands that town to the other side.
  std::optional<int> RecentReferenceAt(uint32_t k, uint32_t before,
                                       bool allow_possessive = false) const {
    auto ref = ReferenceAt(k, before, allow_possessive);
    if (ref && SentenceOf(places_[static_cast<size_t>(*ref)].first_token) + 2 < SentenceOf(before))
      return std::nullopt;
    return ref;
  }

  // A place named only to locate another ("360 km southeast of Khartoum", "east of Mazar", a
  // dateline's city) is no antecedent for "the city".
  bool IsLandmark(int mention) const {
    const PlaceMention& m = places_[static_cast<size_t>(mention)];
    if (seg_.dateline_end > seg_.dateline_start && m.start < seg_.dateline_end) return true;
    uint32_t k = m.first_token;
    // "Khan Abad district in Kunduz", "Wesh in Kandahar": named only as where another place lies,
    // so "it" and "the town" that follow mean the other place.
    if (k >= 2 && Is(k - 1, Words::kContainerPrepositions) &&
        !Is(k - 1, Words::kGenitivePrepositions)) {
      uint32_t p = k - 2, len = 0;
      if (p >= 1 && lang_.cues.Is(seg_, p, p + 1, Cue::kPlaceNoun, &len)) --p;
      if (place_at_[p] >= 0 && PlaceOf(place_at_[p]).kind != PlaceKind::kCountry) return true;
    }
    if (k >= 2 && Is(k - 1, Words::kLandmarkPrepositions)) {
      std::string_view w = Norm(k - 2);
      // "in the (Islamic State-held) west of Tal Afar" is a part of it, not a bearing from it
      // ("to the east of Mazar")
      uint32_t j = k - 2;
      while (j > SentenceStart(k) && !Is(j - 1, Words::kDeterminers) && k - j < 8 &&
             seg_.tokens[j - 1].is(kWord))
        --j;
      bool part =
          j >= 2 && Is(j - 1, Words::kDeterminers) && Is(j - 2, Words::kLocativePrepositions);
      if (Is(k - 2, Words::kDistanceUnits) ||
          (!part && lang_.words.HasSuffix(Words::kCompassWords, w, 0)))
        return true;
    }
    return false;
  }

  // An adjective that may stand inside a description of a place ("the strategic", "rebel-held",
  // "northwestern", "besieged", "largest"), told by shape so it holds for words not listed.
  bool DescriptiveWord(uint32_t j) const {
    const Token& t = seg_.tokens[j];
    if (!t.is(kWord) || t.is(kCapitalized)) return false;
    std::string_view w = Norm(j);
    return w.find('-') != std::string_view::npos ||
           lang_.words.HasSuffix(Words::kDescriptiveSuffixes, w, 1);
  }

  // "the city", "the town", "it": the most recent compatible place named before `before`,
  // passing over landmarks ("southeast of Khartoum") and the dateline. "the capital" is the
  // national capital when the report names it. (A salience score, mentions plus the lede, was
  // tried: it helps where a report's topic is named early, and it hurts where the report moves
  // to a second city; recency with landmarks removed scored better on the development reports.)
  std::optional<int> LastPlace(uint32_t before, Cue kind, uint32_t ref = ~0u,
                               bool home_only_always = false) const {
    if (kind == Cue::kRefCity && !places_.empty()) {
      bool national = ref < seg_.tokens.size() && Is(ref, Words::kCapitalWords) &&
                      !Is(ref ? ref - 1 : ref, Words::kSeatQualifiers);
      if (national) {
        for (size_t i = 0; i < places_.size(); ++i) {
          Place p = PlaceOf(static_cast<int>(i));
          if (p.feature == "PPLC" && p.country == focus_) return static_cast<int>(i);
        }
      }
    }
    // "the northern city" must lie in the north of the report's country (and so on).
    std::optional<Place> centre = ref < seg_.tokens.size() ? FocusCentre() : std::nullopt;
    auto restricted_out = [&](const Place& p) {
      if (!centre) return false;
      for (uint32_t j = ref; j-- > 0 && ref - j <= 3;) {
        if (Is(j, Words::kNorthWords) && p.lat <= centre->lat) return true;
        if (Is(j, Words::kSouthWords) && p.lat >= centre->lat) return true;
        if (Is(j, Words::kEastWords) && p.lon <= centre->lon) return true;
        if (Is(j, Words::kWestWords) && p.lon >= centre->lon) return true;
        if (!seg_.tokens[j].is(kWord) || Is(j, Words::kDeterminers)) break;
      }
      return false;
    };
    // Places of the report's country first: "the city" is rarely abroad.
    size_t top = static_cast<size_t>(
        std::lower_bound(places_.begin(), places_.end(), before,
                         [](const PlaceMention& m, uint32_t t) { return m.first_token < t; }) -
        places_.begin());
    size_t bottom = top > kLookBack ? top - kLookBack : 0;
    for (bool home_only : {true, false}) {
      if (!home_only && home_only_always && !focus_.empty()) break;
      for (size_t i = top; i-- > bottom;) {
        if (IsLandmark(static_cast<int>(i))) continue;
        Place p = PlaceOf(static_cast<int>(i));
        if (home_only && !focus_.empty() && p.country != focus_) continue;
        if (restricted_out(p)) continue;
        if (kind == Cue::kRefCity && p.kind != PlaceKind::kPopulated) continue;
        // "the province" is a first-level division; "the district" is a district, never a province.
        if (kind == Cue::kRefDivision && p.kind != PlaceKind::kDivision &&
            p.kind != PlaceKind::kDistrict)
          continue;
        if (kind == Cue::kRefDistrict && p.kind != PlaceKind::kDistrict) continue;
        if (p.kind == PlaceKind::kCountry) continue;
        return static_cast<int>(i);
      }
    }
    return std::nullopt;
  }

  // The nearest place before k in the clause (or sentence), or a reference word there.
  std::optional<PlaceChoice> PlaceBefore(uint32_t k, uint32_t reach, bool whole_sentence) const {
    uint32_t start = SentenceStart(k);
    for (uint32_t j = k; j-- > start && k - j <= reach;) {
      if (!whole_sentence && IsBoundary(j, false)) break;
      if (place_at_[j] >= 0) {
        const PlaceMention& m = places_[static_cast<size_t>(place_at_[j])];
        // "Moscow's biggest loss": a place that owns something is not the subject
        uint32_t e = m.first_token + m.token_count;
        if (seg_.tokens[e - 1].is(kPossessive) || (e < k && seg_.tokens[e].is(kPossessive))) {
          j = m.first_token;
          continue;
        }
        // "Khan Abad district in Kunduz was captured": Kunduz only locates the subject. Before a
        // name the gazetteer lacks ("Wesh in Kandahar fell") there is no subject to offer.
        if (m.first_token >= start + 2 && Is(m.first_token - 1, Words::kContainerPrepositions) &&
            !Is(m.first_token - 1, Words::kGenitivePrepositions)) {
          uint32_t b = m.first_token - 2;
          if (IsLandmark(place_at_[j])) {
            j = m.first_token;
            continue;
          }
          if (seg_.tokens[b].is(kCapitalized) && !seg_.tokens[b].is(kSentenceStart) &&
              actor_at_[b] < 0)
            return std::nullopt;
        }
        // "Zaranj, the capital of Nimroz province, fell": Nimroz completes an apposition; the
        // subject is further back.
        if (m.first_token > start && Is(m.first_token - 1, Words::kGenitivePrepositions)) {
          j = m.first_token;
          reach += 8;
          continue;
        }
        return PlaceChoice{place_at_[j], false};
      }
      uint32_t len = 0;
      Cue c = lang_.cues.At(seg_, j, SentenceEnd(j), &len);
      bool names_place = j > start && place_at_[j - 1] >= 0;  // "Nimroz province" is a name
      if ((c == Cue::kRefCity || c == Cue::kRefDivision || c == Cue::kRefDistrict ||
           c == Cue::kRefAny) &&
          j + len <= k && !names_place) {
        if (auto m = LastPlace(j, c, j + len - 1)) return PlaceChoice{*m, true};
      }
    }
    return std::nullopt;
  }

  // The subject of "have fallen", "were recaptured": the places before the verb, as a list
  // ("Nimroz, Farah and Ghor provinces ... have fallen"), past auxiliaries and adverbs and past one
  // aside between commas (", all located in the west zone,"). Empty when the subject is no place.
  std::vector<PlaceChoice> PlacesBefore(uint32_t k) {
    std::vector<PlaceChoice> out;
    uint32_t start = SentenceStart(k);
    uint32_t j = k;
    auto skippable = [&](uint32_t t) {
      return Is(t, Words::kPassiveAuxiliaries) || Is(t, Words::kAdverbsAfterAuxiliary) ||
             Is(t, Words::kSubjectFillers) ||
             lang_.words.HasSuffix(Words::kAdverbSuffixes, Norm(t));
    };
    while (j > start && skippable(j - 1)) --j;
    if (j > start && Raw(seg_.tokens[j - 1]) == ",") {  // an aside: skip to its opening comma
      uint32_t open = j - 1;
      while (open > start && k - open < 16 && Raw(seg_.tokens[open - 1]) != ",") --open;
      if (open > start && Raw(seg_.tokens[open - 1]) == ",") j = open - 1;
    }
    uint32_t len = 0;
    while (j > start) {
      uint32_t t = j - 1;
      if (lang_.cues.Is(seg_, t, j, Cue::kPlaceNoun, &len) || Raw(seg_.tokens[t]) == "," ||
          Is(t, Words::kListSeparators)) {
        j = t;
        continue;
      }
      if (place_at_[t] >= 0) {
        const PlaceMention& m = places_[static_cast<size_t>(place_at_[t])];
        j = m.first_token;
        // "Herat in the west of Afghanistan": a container or bearing only locates the subject
        // before it; step back over "in the west of" and read on.
        if (PlaceOf(place_at_[t]).kind == PlaceKind::kCountry || IntroducedByIn(j, start)) {
          uint32_t steps = 0;
          while (j > start && steps++ < 6 &&
                 (Is(j - 1, Words::kContainerPrepositions) || Is(j - 1, Words::kDeterminers) ||
                  Is(j - 1, Words::kLocativePrepositions) || DescriptiveWord(j - 1) ||
                  lang_.words.HasSuffix(Words::kCompassWords, Norm(j - 1), 0)))
            --j;
          continue;
        }
        out.push_back({place_at_[t], false});
        continue;
      }
      // a name the gazetteer lacks: back to the start of its capitalised run
      uint32_t run = j;
      while (run > start && seg_.tokens[run - 1].is(kCapitalized) && place_at_[run - 1] < 0 &&
             actor_at_[run - 1] < 0)
        --run;
      if (run < j) {
        if (auto u = UnknownNameAt(run, !out.empty())) {
          out.push_back({-1, false, *u});
          j = run;
          continue;
        }
      }
      break;
    }
    // "Obe in Herat, Saghar in Ghor" read backwards: a place after "in" only locates the one
    // before it.
    std::erase_if(out, [&](const PlaceChoice& c) {
      if (c.mention < 0) return false;
      uint32_t f = places_[static_cast<size_t>(c.mention)].first_token;
      return f > start && Is(f - 1, Words::kContainerPrepositions) && out.size() > 1;
    });
    std::reverse(out.begin(), out.end());
    return out;
  }

  // A place introduced as a location: a locative preposition shortly before it in its clause
  // ("in Badakhshan's capital Faizabad", "near Kherson").
  bool IsLocative(int mention) const {
    uint32_t k = places_[static_cast<size_t>(mention)].first_token;
    for (uint32_t j = k; j-- > SentenceStart(k) && k - j <= 4;) {
      if (IsBoundary(j, true)) return false;
      if (Is(j, Words::kLocativePrepositions)) return true;
    }
    return false;
  }
  std::optional<int> LocativePlaceBefore(uint32_t k) const {
    for (uint32_t j = k; j-- > SentenceStart(k);) {
      if (place_at_[j] >= 0 && IsLocative(place_at_[j])) return place_at_[j];
    }
    return std::nullopt;
  }

  // Whether place mention m is where a withdrawing side went ("pulled back to the main city of
  // Y", "fled into Y"): an arrival preposition before it, past determiners, describing words and
  // "of", with no source or locative preposition nearer.
  bool ArrivalAt(int m, uint32_t floor) const {
    uint32_t k = places_[static_cast<size_t>(m)].first_token;
    for (uint32_t j = k; j-- > floor && k - j <= 6;) {
      if (IsBoundary(j, true)) return false;
      if (Is(j, Words::kArrivalPrepositions)) return true;
      if (Is(j, Words::kGenitivePrepositions)) continue;
      if (Is(j, Words::kSourcePrepositions) || Is(j, Words::kLocativePrepositions)) return false;
    }
    return false;
  }

  // Whether the trigger's subject, past auxiliaries and adverbs, is "he" or "she".
  bool PersonPronounSubject(uint32_t trigger) const {
    uint32_t j = trigger, first = SentenceStart(trigger);
    while (j > first &&
           (Is(j - 1, Words::kPassiveAuxiliaries) || Is(j - 1, Words::kSubjectFillers) ||
            Is(j - 1, Words::kAdverbsAfterAuxiliary) ||
            lang_.words.HasSuffix(Words::kAdverbSuffixes, Norm(j - 1))))
      --j;
    return j > first && Is(j - 1, Words::kPersonPronouns);
  }

  // "forcing the army to retreat", "sent its soldiers fleeing": when a causative verb stands
  // before the trigger with an object between, who withdraws is that object. nullopt: no
  // causative verb; an empty actor: the object names no armed side (civilians, a pronoun).
  std::optional<std::optional<ResolvedActor>> CausedSubject(uint32_t trigger) const {
    uint32_t first = SentenceStart(trigger);
    uint32_t j = trigger;
    if (j > first && Is(j - 1, Words::kInfinitiveMarkers)) --j;
    for (uint32_t k = j; k-- > first && j - k <= 7;) {
      if (IsBoundary(k, true)) return std::nullopt;
      if (!Is(k, Words::kCausativeVerbs)) continue;
      if (k + 1 >= j) return std::nullopt;  // "were forced to flee": a passive, no object
      for (uint32_t a = k + 1; a < j; ++a) {
        if (auto actor = ActorAt(a)) {
          if (actor->kind == ActorKind::kCivilians || actor->kind == ActorKind::kProtesters)
            return std::optional<ResolvedActor>();
          return std::optional<ResolvedActor>(*actor);
        }
      }
      return std::optional<ResolvedActor>();
    }
    return std::nullopt;
  }

  // ---- cues -----------------------------------------------------------------------------------
  struct CueScan {
    bool veto = false;
    bool claim = false;
  };
  CueScan ScanCues(uint32_t trigger) const {
    CueScan scan;
    uint32_t start = SentenceStart(trigger);
    uint32_t from = trigger > start + kCueScope ? trigger - kCueScope : start;
    for (uint32_t j = trigger; j-- > from;) {
      if (IsBoundary(j, true) || Is(j, Words::kContrastWords)) {
        from = j + 1;
        break;
      }
    }
    // "to" right before a trigger vetoes it only when the clause wants or tries: an intent cue
    // ("trying to take"), or an intent noun anywhere before ("attempts by the M23 to capture");
    // "forced to withdraw" and "the ninth city to fall" happened.
    bool infinitive = trigger > from && Is(trigger - 1, Words::kInfinitiveMarkers);
    uint32_t len = 0;
    if (trigger > from && lang_.cues.Is(seg_, trigger - 1, trigger, Cue::kIntentBefore, &len))
      scan.veto = true;  // "towards capturing"
    for (uint32_t j = from; j < trigger; ++j) {
      Cue c = lang_.cues.At(seg_, j, SentenceEnd(j), &len);
      if (c == Cue::kNegation || c == Cue::kIntent || c == Cue::kHypothetical) scan.veto = true;
      if (infinitive && lang_.cues.Is(seg_, j, SentenceEnd(j), Cue::kIntentNoun, &len))
        scan.veto = true;
      if (c == Cue::kClaim) scan.claim = true;
      if (len > 1) j += len - 1;
    }
    return scan;
  }
  // A facility named right after a trigger ("seized the presidential palace").
  bool FacilityAfter(uint32_t k) const {
    uint32_t end = std::min(SentenceEnd(k ? k - 1 : 0), k + 4);
    for (uint32_t j = k; j < end; ++j) {
      uint32_t len = 0;
      if (lang_.cues.Is(seg_, j, end, Cue::kFacility, &len)) {
        // "took part in protests": a part is a part of something only with "of" after it.
        if (len == 1 && Is(j, Words::kPartialPlaceWords) &&
            !(j + 1 < seg_.tokens.size() && Is(j + 1, Words::kGenitivePrepositions)))
          return false;
        return true;
      }
      if (place_at_[j] >= 0 || actor_at_[j] >= 0 || IsBoundary(j, true)) return false;
    }
    return false;
  }

  // "... claimed the town, which the army denied": a denial later in the sentence or in the next.
  bool DenialAfter(uint32_t k) const {
    uint32_t s = sentence_of_[k];
    uint32_t end = s + 1 < seg_.sentences.size() ? SentenceEnd(seg_.sentences[s + 1].first_token)
                                                 : SentenceEnd(k);
    for (uint32_t j = k + 1; j < end; ++j) {
      if (Is(j, Words::kDenialWords)) return true;
    }
    return false;
  }

  bool HypotheticalAfter(uint32_t k) const {
    for (uint32_t j = k; j < std::min(SentenceEnd(k ? k - 1 : 0), k + 4); ++j) {
      uint32_t len = 0;
      if (lang_.cues.At(seg_, j, SentenceEnd(j), &len) == Cue::kHypothetical) return true;
    }
    return false;
  }
  bool SiegeBefore(int place_mention) const {
    uint32_t k = places_[static_cast<size_t>(place_mention)].first_token;
    for (uint32_t j = k > 4 ? k - 4 : 0; j < k; ++j) {
      uint32_t len = 0;
      if (lang_.cues.At(seg_, j, SentenceEnd(j), &len) == Cue::kSiege) return true;
    }
    return false;
  }
  bool SentenceHasSpeech(uint32_t k) const {
    for (uint32_t j = SentenceStart(k); j < SentenceEnd(k); ++j) {
      if (Is(j, Words::kSpeechWords)) return true;
    }
    return false;
  }

  // ---- time -----------------------------------------------------------------------------------
  void SetDate(uint32_t trigger, Event* e) const {
    const TimeMention* best = nullptr;
    uint32_t best_dist = ~0u;
    // Only the trigger's sentence: a binary search to its first time mention keeps this linear.
    auto first =
        std::lower_bound(times_.begin(), times_.end(), SentenceStart(trigger),
                         [](const TimeMention& t, uint32_t k) { return t.first_token < k; });
    for (auto it = first; it != times_.end() && it->first_token < SentenceEnd(trigger); ++it) {
      const TimeMention& t = *it;
      uint32_t d = t.first_token > trigger ? t.first_token - trigger : trigger - t.first_token + 1;
      if (d < best_dist) {
        best = &t;
        best_dist = d;
      }
    }
    if (!best) {
      if (auto anchored = AnchoredDate(trigger)) {
        e->date = e->date_end = *anchored;
        e->date_precision = DatePrecision::kDay;
        e->historical = e->date_end.ToDays() < doc_.date.ToDays() - kHistoricalDays;
        if (e->date_end > doc_.date) e->date = e->date_end = doc_.date;
        return;
      }
    }
    if (!best) {
      // A timeline's entry takes the date of the heading it stands under.
      uint32_t paragraph = seg_.sentences[sentence_of_[trigger]].paragraph;
      if (paragraph < heading_of_paragraph_.size() && heading_of_paragraph_[paragraph] >= 0)
        best = &times_[static_cast<size_t>(heading_of_paragraph_[paragraph])];
    }
    if (best) {
      e->date = best->from;
      e->date_end = best->to;
      e->date_precision = best->precision;
    } else {
      e->date = doc_.date.AddDays(-kDefaultWindowDays);
      e->date_end = doc_.date;
      e->date_precision = DatePrecision::kRange;
    }
    if (e->date_end > doc_.date) e->date_end = doc_.date;
    if (e->date > e->date_end) e->date = e->date_end;
    e->historical = e->date_end.ToDays() < doc_.date.ToDays() - kHistoricalDays;
  }

  // ---- events ---------------------------------------------------------------------------------
  Event Base(const TriggerMention& t, const Pattern& p) const {
    Event e;
    e.doc = doc_.id;
    e.doc_date = doc_.date;
    e.source = doc_.source;
    e.type = p.type;
    const Sentence& s = seg_.sentences[sentence_of_[t.first_token]];
    e.evidence.start = s.start;
    e.evidence.end = s.end;
    e.evidence.sentence = doc_.text.substr(s.start, s.end - s.start);
    SetDate(t.first_token, &e);
    e.confidence = p.confidence;
    if (in_quote_[t.first_token]) e.confidence *= 0.9;
    return e;
  }

  void SetPlace(const PlaceChoice& c, Event* e) {
    last_place_choice_ = c;
    if (c.mention < 0) return SetUnknownPlace(unknown_[static_cast<size_t>(c.unknown)], e);
    const PlaceMention& m = places_[static_cast<size_t>(c.mention)];
    Place p = c.seat >= 0 ? r_.gazetteer->place(static_cast<uint32_t>(c.seat)) : PlaceOf(c.mention);
    e->place = ToPlaceRef(p, std::string_view(doc_.text).substr(m.start, m.end - m.start));
    e->confidence *= 0.6 + 0.4 * ranked_[static_cast<size_t>(c.mention)].confidence;
    if (c.via_reference) e->confidence *= 0.9;
  }

  void SetUnknownPlace(const UnknownName& n, Event* e) const {
    const Token& first = seg_.tokens[n.first_token];
    const Token& last = seg_.tokens[n.first_token + n.token_count - 1];
    PlaceRef ref;
    ref.name = doc_.text.substr(first.start, last.end - first.start);
    ref.matched = ref.name;
    ref.resolved = false;
    if (n.container >= 0) {
      Place c = PlaceOf(n.container);
      ref.container = std::string(c.name);
      ref.country = std::string(c.country);
      ref.admin1 = c.kind == PlaceKind::kDivision ? std::string(c.name) : std::string(c.admin1);
      ref.lat = c.lat;
      ref.lon = c.lon;
      ref.precision = c.kind == PlaceKind::kCountry    ? "country"
                      : c.kind == PlaceKind::kDistrict ? "district"
                      : c.kind == PlaceKind::kDivision ? "admin1"
                                                       : "place";
    } else {
      ref.country = focus_;
      ref.precision = "country";
      auto name = r_.country_name_of.find(focus_);
      if (r_.gazetteer && name != r_.country_name_of.end()) {
        for (const Place& p : r_.gazetteer->Lookup(name->second)) {
          if (p.kind == PlaceKind::kCountry && p.country == focus_) {
            ref.container = std::string(p.name);
            ref.lat = p.lat;
            ref.lon = p.lon;
            break;
          }
        }
      }
    }
    e->place = std::move(ref);
    e->confidence *= 0.75;
  }

  std::string CountryOf(const PlaceChoice& c) const {
    if (c.mention >= 0) return std::string(PlaceOf(c.mention).country);
    const UnknownName& n = unknown_[static_cast<size_t>(c.unknown)];
    return n.container >= 0 ? std::string(PlaceOf(n.container).country) : focus_;
  }

  void SetActors(const std::optional<ResolvedActor>& a1, const std::optional<ResolvedActor>& a2,
                 Event* e) const {
    if (a1) {
      e->actor1 = a1->name;
      if (a1->inferred) e->confidence *= 0.85;
    }
    if (a2) e->actor2 = a2->name;
  }

  // Who lost: the government of the place's country when a non-state actor gains, else the last
  // named group.
  void TerritorialRoles(std::optional<ResolvedActor> agent, Event* e, uint32_t trigger) const {
    std::string place_cc = e->place && !e->place->country.empty() ? e->place->country : focus_;
    bool agent_state = agent && agent->side == Side::kState &&
                       (agent->country.empty() || agent->country == place_cc);
    // The other side (for a retreat, who it leaves the place to): a state's forces face the last
    // named group; a group or a foreign army faces the place's government, unless the report
    // never mentions that government's forces and names another group (the IDF in Gaza faces
    // Hamas; the SDF in Raqqa, the Islamic State).
    std::optional<ResolvedActor> other;
    if (agent_state) {
      other = LastNamedGroup(trigger);
    } else {
      if (!StateForcesMentioned(place_cc)) {
        auto g = LastNamedGroup(trigger);
        if (!g) g = NextNamedGroup(trigger);
        if (g && (!agent || g->name != agent->name)) other = g;
      }
      if (!other) other = StateForces(place_cc);
    }
    e->actor1_is_state = agent_state && e->type == EventType::kCapture;
    SetActors(agent, other, e);
  }

  bool CodedCaptureOf(int mention) const {
    std::string name(PlaceOf(mention).name);
    size_t looked = 0;
    for (auto it = events_.rbegin(); it != events_.rend() && ++looked <= kLookBack; ++it) {
      if (it->type == EventType::kCapture && it->place && it->place->name == name &&
          !it->historical)
        return true;
    }
    return false;
  }

  // The captor of the last capture of the place this report coded, else of its last capture.
  std::optional<ResolvedActor> EarlierCaptor(int mention) const {
    std::string name = std::string(PlaceOf(mention).name);
    const Event* any = nullptr;
    size_t looked = 0;  // a bounded look back keeps long reports linear
    for (auto it = events_.rbegin(); it != events_.rend() && ++looked <= kLookBack; ++it) {
      if (it->type != EventType::kCapture || it->actor1.empty() || it->historical) continue;
      // "overran Mosul in June 2014" in a report of 2017: a capture that old tells who lost the
      // place since, not who takes it now.
      if (it->date_end.ToDays() < doc_.date.ToDays() - kEarlierCaptorDays) continue;
      if (it->place && it->place->name == name) return ActorNamed(*it);
      if (!any) any = &*it;
    }
    if (any) return ActorNamed(*any);
    return std::nullopt;
  }
  ResolvedActor ActorNamed(const Event& e) const {
    ResolvedActor a = MakeActor(e.actor1, e.actor1_is_state ? Side::kState : Side::kNonstate);
    a.inferred = true;
    if (e.place) a.country = e.actor1_is_state ? e.place->country : "";
    return a;
  }

  // Whether the report names the state forces of `cc` anywhere ("Iraqi troops", "the army").
  bool StateForcesMentioned(const std::string& cc) const {
    if (!state_named_) {
      state_named_.emplace();
      for (const ActorMention& m : actors_) {
        const ActorEntry& e = r_.actors.entry(m.entry);
        if (e.side != Side::kState || e.kind == ActorKind::kPerson) continue;
        std::string c = !m.demonym_country.empty() ? m.demonym_country
                        : !e.country.empty()       ? e.country
                                                   : focus_;
        state_named_->insert(c);
      }
    }
    return state_named_->contains(cc);
  }

  void Emit(Event e) {
    // Only events of the same sentence can be the same; they are the last ones emitted.
    for (auto it = events_.rbegin(); it != events_.rend(); ++it) {
      const Event& old = *it;
      if (old.evidence.start != e.evidence.start) break;
      bool same_place =
          (!old.place && !e.place) || (old.place && e.place && old.place->name == e.place->name &&
                                       old.place->country == e.place->country);
      if (old.type == e.type && same_place && old.evidence.start == e.evidence.start &&
          old.actor1 == e.actor1) {
        return;  // two triggers of one event in one sentence
      }
    }
    e.confidence = std::clamp(e.confidence, 0.05, 0.99);
    events_.push_back(std::move(e));
  }

  bool SentenceNeeds(uint32_t k, const Pattern& p) const {
    if (p.needs.empty()) return true;
    for (uint32_t j = SentenceStart(k); j < SentenceEnd(k); ++j) {
      for (const auto& w : p.needs) {
        if (Norm(j) == w) return true;
      }
    }
    return false;
  }

  bool PassiveAuxBefore(uint32_t k) const {
    for (uint32_t j = k; j-- > SentenceStart(k) && k - j <= 3;) {
      if (Is(j, Words::kPassiveAuxiliaries)) return true;
      if (!lang_.words.HasSuffix(Words::kAdverbSuffixes, Norm(j)) &&
          !Is(j, Words::kAdverbsAfterAuxiliary))
        return false;
    }
    return false;
  }

  void CodeTrigger(const TriggerMention& t) {
    const Pattern* p = nullptr;
    for (uint32_t id : t.patterns) {
      if (SentenceNeeds(t.first_token, lang_.patterns.pattern(id))) {
        p = &lang_.patterns.pattern(id);
        break;
      }
    }
    if (!p) return;
    uint32_t start = t.first_token, after = t.first_token + t.token_count;
    trigger_end_ = after;
    if (p->frame == Frame::kSpeech) return CodeSpeech(t, *p);
    CueScan cues = ScanCues(start);
    if (cues.veto) return;
    Event base = Base(t, *p);
    if (cues.claim || SentenceHasSpeech(start)) base.confidence *= 0.85;
    uint32_t claim_len = 0;  // "claimed control of": the trigger itself is a claim
    base.claim = cues.claim || lang_.cues.Is(seg_, start, after, Cue::kClaim, &claim_len);
    base.denied = base.claim && DenialAfter(start);

    switch (p->frame) {
      case Frame::kActive:
      case Frame::kGerund: return CodeActive(base, t, *p);
      case Frame::kFall: return CodeFall(base, t, *p);
      case Frame::kNominal: return CodeNominal(base, t, *p);
      case Frame::kLoss: return CodeLoss(base, t, *p);
      case Frame::kLocated: return CodeLocated(base, t, *p);
      case Frame::kVisit: return CodeVisit(base, t, *p);
      case Frame::kMeeting: return CodeMeeting(base, t, *p);
      case Frame::kSpeech: return;
    }
  }

  void Territorial(const Event& base, const PlaceChoice& c, std::optional<ResolvedActor> agent,
                   uint32_t trigger, const Pattern& p,
                   const std::optional<ResolvedActor>& loser = std::nullopt) {
    if (!r_.gazetteer) return;
    // countries are not taken in a day
    if (c.mention >= 0 && PlaceOf(c.mention).kind == PlaceKind::kCountry) return;
    Event e = base;
    SetPlace(WithSeat(c), &e);
    // A name the gazetteer lacks, with no container in the text: the country of the armed group
    // that took it ("the Brotherhood Alliance seized Chinshwehaw, a crossing with China") before
    // the report's focus. Not a state's army: armies take towns abroad.
    if (c.mention < 0 && unknown_[static_cast<size_t>(c.unknown)].container < 0 && agent &&
        p.type == EventType::kCapture && !agent->country.empty() && agent->side != Side::kForeign &&
        agent->kind != ActorKind::kState && e.place)
      e.place->country = agent->country;
    if (p.type == EventType::kCapture && c.mention >= 0 && SiegeBefore(c.mention))
      e.confidence *= 0.7;
    e.part = c.quantity ? quantity_part_ : PartOf(c, trigger);
    TerritorialRoles(std::move(agent), &e, trigger);
    if (loser && loser->name != e.actor1) e.actor2 = loser->name;
    Emit(std::move(e));
  }

  // The part of a place an event concerns, as written: a facility between the trigger and the
  // place ("seized the airport in Y", "took control of the government complex in central Y"), a
  // facility right after the place ("Y airport", "Y's wheat silo"), or a side ("eastern Y").
  // Empty when the whole place is meant.
  std::string PartOf(const PlaceChoice& c, uint32_t trigger) const {
    uint32_t first, last;
    if (c.mention >= 0 && !c.via_reference) {
      const PlaceMention& m = places_[static_cast<size_t>(c.mention)];
      first = m.first_token;
      last = m.first_token + m.token_count;
    } else if (c.mention < 0) {
      const UnknownName& n = unknown_[static_cast<size_t>(c.unknown)];
      first = n.first_token;
      last = n.first_token + n.token_count;
    } else {
      first = trigger_end_;  // "captured the city's prison": look after the trigger
      last = trigger_end_;
    }
    auto phrase = [&](uint32_t j, uint32_t len) {
      const Token& a = seg_.tokens[j];
      const Token& b = seg_.tokens[j + len - 1];
      return doc_.text.substr(a.start, b.end - a.start);
    };
    uint32_t len = 0;
    if (first > trigger_end_ && lang_.cues.Is(seg_, first - 1, first, Cue::kDirection, &len))
      return phrase(first - 1, 1);
    if (first > trigger && first - trigger_end_ <= 14) {
      for (uint32_t j = trigger_end_; j < first; ++j) {
        if (lang_.cues.Is(seg_, j, first, Cue::kFacility, &len)) return phrase(j, len);
        if (len > 1) j += len - 1;
      }
    }
    uint32_t end = std::min(SentenceEnd(first), last + 4);
    for (uint32_t j = last; j < end; ++j) {
      if (j == trigger) break;
      if (lang_.cues.Is(seg_, j, end, Cue::kFacility, &len)) return phrase(j, len);
      if (IsBoundary(j, true) || place_at_[j] >= 0 || actor_at_[j] >= 0) break;
    }
    return "";
  }

  // The places listed after the first comma, colon or dash that follows k in its sentence.
  std::vector<PlaceChoice> ListAfterClause(uint32_t k) {
    std::vector<PlaceChoice> out;
    uint32_t end = SentenceEnd(k ? k - 1 : 0);
    for (uint32_t j = k; j < end && j < k + 8; ++j) {
      std::string_view raw = Raw(seg_.tokens[j]);
      if (raw != "," && raw != ":" && !IsBoundary(j, false)) continue;
      std::vector<PlaceChoice> unknown;
      for (int m : PlacesAfter(j + 1, 1, true, &unknown)) out.push_back({m, false});
      out.insert(out.end(), unknown.begin(), unknown.end());
      break;
    }
    return out.size() >= 2 ? out : std::vector<PlaceChoice>{};  // a list, not one aside
  }

  // "The quick fall of Izium" before the report says who took it: a capture with no captor takes
  // the captor of another capture of the same place in the report (earlier or later).
  void CreditUnattributedCaptures() {
    std::unordered_map<std::string, const Event*> captor_of;
    for (const Event& e : events_) {
      if (e.type == EventType::kCapture && e.place && !e.actor1.empty() && !e.historical)
        captor_of.emplace(e.place->name, &e);
    }
    for (Event& e : events_) {
      if (e.type != EventType::kCapture || !e.place || !e.actor1.empty()) continue;
      auto it = captor_of.find(e.place->name);
      if (it == captor_of.end()) continue;
      e.actor1 = it->second->actor1;
      e.actor1_is_state = it->second->actor1_is_state;
      if (e.actor2.empty() || e.actor2 == e.actor1) e.actor2 = it->second->actor2;
      e.confidence = std::clamp(e.confidence * 0.85, 0.05, 0.99);
    }
  }

  // "the capital of Y province", "Y's capital", "Y state's capital": the division (or country)
  // named stands for its seat of government, which the gazetteer knows.
  PlaceChoice WithSeat(PlaceChoice c) const {
    if (c.mention < 0 || c.via_reference) return c;
    const PlaceMention& m = places_[static_cast<size_t>(c.mention)];
    Place p = PlaceOf(c.mention);
    if (p.kind == PlaceKind::kPopulated) return c;
    uint32_t first = m.first_token, after = m.first_token + m.token_count;
    uint32_t len = 0;
    bool before = first >= 2 && Is(first - 1, Words::kGenitivePrepositions) &&
                  Is(first - 2, Words::kCapitalWords);
    uint32_t j = after;
    if (j < seg_.tokens.size() && lang_.cues.Is(seg_, j, SentenceEnd(first), Cue::kPlaceNoun, &len))
      j += len;
    bool possessive = (j < seg_.tokens.size() && seg_.tokens[j].is(kPossessive) &&
                       Is(j + 1, Words::kCapitalWords)) ||
                      (after > first && seg_.tokens[after - 1].is(kPossessive) &&
                       Is(after, Words::kCapitalWords));
    if (!before && !possessive) return c;
    if (p.kind == PlaceKind::kCountry) {
      auto it = r_.capital_of_country.find(std::string(p.country));
      if (it != r_.capital_of_country.end()) c.seat = it->second;
    } else {
      auto it = r_.capital_of_division.find(p.index);
      if (it != r_.capital_of_division.end()) c.seat = it->second;
    }
    return c;
  }

  // The last populated place of the report's country named in the sentence of k (before k) or
  // the one before it, in the same paragraph.
  std::optional<int> RecentTown(uint32_t k) const {
    uint32_t s = sentence_of_[k];
    uint32_t floor = s > 0 && seg_.sentences[s - 1].paragraph == seg_.sentences[s].paragraph
                         ? seg_.sentences[s - 1].first_token
                         : seg_.sentences[s].first_token;
    for (uint32_t j = k; j-- > floor;) {
      if (place_at_[j] < 0) continue;
      Place p = PlaceOf(place_at_[j]);
      if (p.kind == PlaceKind::kPopulated && (focus_.empty() || p.country == focus_) &&
          !IsLandmark(place_at_[j]))
        return place_at_[j];
      j = places_[static_cast<size_t>(place_at_[j])].first_token;
    }
    return std::nullopt;
  }

  // "It has seized five towns", "They captured Y": a pronoun subject is the armed group (or
  // force) the previous sentence was about, its first armed actor.
  std::optional<ResolvedActor> PronounSubject(uint32_t trigger) const {
    uint32_t first = SentenceStart(trigger);
    uint32_t j = trigger;
    while (j > first &&
           (Is(j - 1, Words::kPassiveAuxiliaries) || Is(j - 1, Words::kSubjectFillers) ||
            Is(j - 1, Words::kAdverbsAfterAuxiliary) ||
            lang_.words.HasSuffix(Words::kAdverbSuffixes, Norm(j - 1))))
      --j;
    if (j == first || !Is(j - 1, Words::kGroupPronouns) || j - 1 != first) return std::nullopt;
    uint32_t s = sentence_of_[trigger];
    // The nearest of the three sentences before that names a force ("The Brotherhood Alliance,
    // made up of A, B and C, said ... The operation has ... It has seized ..."): a named force
    // first, the first one named (the subject, not its members), then a description of one.
    for (uint32_t back = 1; back <= 3 && back <= s; ++back) {
      const Sentence& prev = seg_.sentences[s - back];
      for (bool named : {true, false}) {
        for (uint32_t k = prev.first_token; k < prev.first_token + prev.token_count; ++k) {
          if (actor_at_[k] < 0) continue;
          const ActorMention& m = actors_[static_cast<size_t>(actor_at_[k])];
          ActorKind kind = r_.actors.entry(m.entry).kind;
          bool fits = named ? kind == ActorKind::kGroup || kind == ActorKind::kState
                            : kind == ActorKind::kRefNonstate || kind == ActorKind::kRefState;
          if (fits) {
            ResolvedActor a = Resolve(m);
            a.inferred = true;
            return a;
          }
          k = m.first_token + m.token_count - 1;
        }
      }
    }
    return std::nullopt;
  }

  // A counted object of places right after k ("over 20 settlements", "dozens of towns and
  // villages", "more than a dozen villages") and the place brought in by "in" later in the
  // clause; the choice carries the quantity phrase as its part.
  std::optional<PlaceChoice> QuantityOfPlaces(uint32_t k) {
    uint32_t end = SentenceEnd(k ? k - 1 : 0);
    uint32_t j = k;
    bool counted = false;
    while (j < end && j < k + 5 &&
           (Is(j, Words::kQuantityWords) || seg_.tokens[j].is(kNumber) ||
            Is(j, Words::kGenitivePrepositions) || Is(j, Words::kDeterminers) ||
            Norm(j) == "than")) {
      counted |= Is(j, Words::kQuantityWords) || seg_.tokens[j].is(kNumber);
      ++j;
    }
    uint32_t len = 0;
    if (!counted || j >= end || !lang_.cues.Is(seg_, j, end, Cue::kPlaceNoun, &len))
      return std::nullopt;
    uint32_t noun_end = j + len;
    for (uint32_t m = noun_end; m < end && m < noun_end + 12; ++m) {
      if (IsBoundary(m, false) || Is(m, Words::kClauseStops)) break;
      if (place_at_[m] < 0) continue;
      int mention = place_at_[m];
      const PlaceMention& pm = places_[static_cast<size_t>(mention)];
      if (!IntroducedByIn(pm.first_token, noun_end)) {
        m = pm.first_token + pm.token_count - 1;
        continue;
      }
      quantity_part_ = doc_.text.substr(seg_.tokens[k].start,
                                        seg_.tokens[noun_end - 1].end - seg_.tokens[k].start);
      PlaceChoice c{mention, false};
      c.quantity = true;
      return c;
    }
    return std::nullopt;
  }

  // The report's country as a place (its centroid), if the gazetteer has it.
  std::optional<Place> FocusCentre() const {
    auto name = r_.country_name_of.find(focus_);
    if (!r_.gazetteer || name == r_.country_name_of.end()) return std::nullopt;
    for (const Place& p : r_.gazetteer->Lookup(name->second)) {
      if (p.kind == PlaceKind::kCountry && p.country == focus_) return p;
    }
    return std::nullopt;
  }

  // The place a dateline names, if the report has one.
  std::optional<int> DatelinePlace() const {
    if (seg_.dateline_end <= seg_.dateline_start) return std::nullopt;
    for (size_t i = 0; i < places_.size() && places_[i].start < seg_.dateline_end; ++i) {
      if (places_[i].start >= seg_.dateline_start &&
          PlaceOf(static_cast<int>(i)).kind != PlaceKind::kCountry)
        return static_cast<int>(i);
    }
    return std::nullopt;
  }

  // Whether division `outer` holds place `inner` (through its district and province).
  bool Holds(uint32_t outer, uint32_t inner) const {
    uint32_t d = r_.gazetteer->division_index(inner);
    for (int steps = 0; d != Gazetteer::kNoDivision && steps < 4; ++steps) {
      if (d == outer) return true;
      d = r_.gazetteer->division_index(d);
    }
    return false;
  }

  // The token after a target's name.
  uint32_t EndOf(const PlaceChoice& c) const {
    if (c.mention >= 0) {
      const PlaceMention& m = places_[static_cast<size_t>(c.mention)];
      return m.first_token + m.token_count;
    }
    const UnknownName& n = unknown_[static_cast<size_t>(c.unknown)];
    return n.first_token + n.token_count;
  }

  // "the newly recaptured town of Izium", "the liberation of Y" with no one named: a place won
  // back is won back by its own government.
  std::optional<ResolvedActor> HomeGovernmentIfRegained(uint32_t trigger,
                                                        const PlaceChoice& c) const {
    if (!Is(trigger, Words::kRegainVerbs)) return std::nullopt;
    std::string cc = CountryOf(c);
    if (cc.empty()) return std::nullopt;
    ResolvedActor a = StateForces(cc);
    a.side = Side::kState;
    a.inferred = true;
    return a;
  }

  // The other side of a two-sided war: a state's forces face the last named group; a group (or a
  // foreign army) faces the government of the place's country.
  std::optional<ResolvedActor> OpponentOf(const ResolvedActor& a, const std::string& cc) const {
    if (a.side == Side::kState && (a.country.empty() || a.country == cc)) {
      auto g = LastNamedGroup(~0u);
      if (g && g->name != a.name) return g;
      return std::nullopt;
    }
    // a group, or a state's army abroad, faces the government of the place's country
    if (a.side == Side::kNonstate || a.side == Side::kForeign || a.side == Side::kState)
      return StateForces(cc);
    return std::nullopt;
  }

  // "Separatists abandoned the cities of A and B": a withdrawal from a whole town ends its
  // occupation, so the other side takes it. Only for towns named as the direct object; a
  // pull-back from positions near a place ("withdrew from positions near Y") stays a retreat.
  void OpponentTakes(const Event& base, const PlaceChoice& c, const ResolvedActor& leaver,
                     uint32_t trigger) {
    if (c.mention >= 0 && PlaceOf(c.mention).kind != PlaceKind::kPopulated) return;
    uint32_t first = c.mention >= 0 ? places_[static_cast<size_t>(c.mention)].first_token
                                    : unknown_[static_cast<size_t>(c.unknown)].first_token;
    for (uint32_t j = trigger; j < first; ++j) {
      if (Is(j, Words::kPartialPlaceWords)) return;
    }
    auto taker = OpponentOf(leaver, CountryOf(c));
    if (!taker) return;
    Event e = base;
    e.type = EventType::kCapture;
    e.confidence *= 0.8;
    SetPlace(c, &e);
    TerritorialRoles(taker, &e, trigger);
    e.actor2 = leaver.name;
    Emit(std::move(e));
  }

  // Who speaks: after the verb ("said Colonel Ahmed Bani", "said the army"), or before it ("Vadym
  // Filashkin said", "Alexander Borodai, prime minister of the DPR, said", "he said", "Russia
  // said", "the ministry's spokesman said"). Titles and offices before a name are passed over.
  std::optional<ResolvedActor> SpeakerOf(uint32_t start, uint32_t after) const {
    uint32_t end = SentenceEnd(start);
    uint32_t j = after;
    while (j < end && (Is(j, Words::kDeterminers) || IsTitle(j))) ++j;
    if (j < end) {
      if (auto a = ActorAt(j)) return a;
      if (auto cc = CountryActorAt(j)) return CountrySpeaker(*cc);
      std::string name = NameRunAt(j);
      if (!name.empty()) return MakeActor(name, Side::kNeutral, ActorKind::kPerson);
    }
    uint32_t first = SentenceStart(start);
    if (start == first) return std::nullopt;
    uint32_t prev = start - 1;
    // "Michelle Bachelet on Tuesday said", "Mohammadi later said": past the time and adverbs
    while (prev > first && (TimeEndsAt(prev) || Is(prev, Words::kAdverbsAfterAuxiliary) ||
                            lang_.words.HasSuffix(Words::kAdverbSuffixes, Norm(prev)))) {
      if (auto t = TimeEndsAt(prev)) {
        prev = t->first_token;
        if (prev > first && Is(prev - 1, Words::kLocativePrepositions)) --prev;  // "on Wednesday"
      }
      if (prev == first) break;
      --prev;
    }
    if (Is(prev, Words::kPersonPronouns)) return LastPerson(start);
    if (Is(prev, Words::kGroupPronouns)) {
      if (auto a = ActorBefore(start, true)) return a;
      return LastNamedGroup(start);
    }
    // "The mayor, Ahmed bin Salem, said": the name is the apposition; "X, the rebel spokesman,
    // said": the name stands before it.
    if (Raw(seg_.tokens[prev]) == "," && prev > first) {
      if (auto inner = NameEndingAt(prev - 1, first)) return inner;
      uint32_t open = prev;
      while (open > first && prev - open < 16 && Raw(seg_.tokens[open - 1]) != ",") --open;
      if (open > first + 1 && Raw(seg_.tokens[open - 1]) == ",") prev = open - 2;
    }
    if (auto a = NameEndingAt(prev, first)) return a;
    if (prev >= 1 && actor_at_[prev - 1] >= 0 && Is(prev, Words::kSpeakerOffices))
      return ActorAt(prev - 1);
    return std::nullopt;
  }

  // The actor, country or person's name whose last token is k.
  std::optional<ResolvedActor> NameEndingAt(uint32_t k, uint32_t first) const {
    if (actor_at_[k] >= 0) return ActorAt(k);
    if (auto cc = CountryActorAt(k)) return CountrySpeaker(*cc);
    uint32_t run = k + 1;
    while (run > first && seg_.tokens[run - 1].is(kWord) &&
           (seg_.tokens[run - 1].is(kCapitalized) ||
            (Is(run - 1, Words::kNameParticles) && run - 1 > first)) &&
           place_at_[run - 1] < 0 && actor_at_[run - 1] < 0 && !IsTitle(run - 1))
      --run;
    if (run > k) return std::nullopt;
    std::string name = NameRunAt(run);
    if (name.empty()) return std::nullopt;
    return MakeActor(name, Side::kNeutral, ActorKind::kPerson);
  }

  // "A day later", "two days after the fall of Kunduz", "the next day": a date counted from an
  // event, not from the report. The event is the capture of the place named after "after" when
  // there is one, else the last event of an earlier sentence dated to the day.
  std::optional<Date> AnchoredDate(uint32_t trigger) const {
    uint32_t first = SentenceStart(trigger), end = SentenceEnd(trigger);
    for (uint32_t j = first; j < end; ++j) {
      int days = 0;
      uint32_t unit = j;
      if (Is(j, Words::kDayUnits) || Is(j, Words::kWeekUnits)) {
        int scale = Is(j, Words::kDayUnits) ? 1 : 7;
        int n = 0;
        if (j > first) {
          std::string_view w = Norm(j - 1);
          const auto& numbers = lang_.words.List(Words::kNumberWords);
          for (size_t i = 0; i < numbers.size(); ++i) {
            if (numbers[i] == w) n = static_cast<int>(i);
          }
          if (Is(j - 1, Words::kIndefiniteArticles)) n = 1;
          if (seg_.tokens[j - 1].is(kNumber)) n = std::atoi(std::string(w).c_str());
          if (Is(j - 1, Words::kNextWords)) n = 1;
        }
        bool later = j + 1 < end && Is(j + 1, Words::kLaterWords);
        bool next = j > first && Is(j - 1, Words::kNextWords);
        if (n <= 0 || n > 60 || (!later && !next)) continue;
        days = n * scale;
        unit = later ? j + 1 : j;
      } else {
        continue;
      }
      // The anchor: "after the fall of Y" / "after Y fell" names it; else the last dated event.
      std::optional<Date> anchor;
      for (uint32_t k = unit + 1; k < std::min(end, unit + 6) && !anchor; ++k) {
        if (place_at_[k] < 0) continue;
        std::string name(PlaceOf(place_at_[k]).name);
        for (const Event& e : events_) {
          if (e.type == EventType::kCapture && e.place && e.place->name == name &&
              e.date_precision == DatePrecision::kDay &&
              e.evidence.start < seg_.sentences[sentence_of_[trigger]].start) {
            anchor = e.date;
            break;
          }
        }
      }
      if (!anchor) {
        for (auto it = events_.rbegin(); it != events_.rend(); ++it) {
          if (it->evidence.start >= seg_.sentences[sentence_of_[trigger]].start) continue;
          if (it->date_precision == DatePrecision::kDay) {
            anchor = it->date;
            break;
          }
        }
      }
      if (anchor) return anchor->AddDays(days);
      return std::nullopt;
    }
    return std::nullopt;
  }

  // The time expression whose last token is k, if any ("on Tuesday").
  std::optional<TimeMention> TimeEndsAt(uint32_t k) const {
    auto it = std::upper_bound(times_.begin(), times_.end(), k,
                               [](uint32_t t, const TimeMention& m) { return t < m.first_token; });
    if (it == times_.begin()) return std::nullopt;
    --it;
    if (it->first_token + it->token_count - 1 == k) return *it;
    return std::nullopt;
  }

  // A title or office before a name ("Colonel", "President", "spokesman").
  bool IsTitle(uint32_t j) const {
    uint32_t len = 0;
    return lang_.cues.Is(seg_, j, SentenceEnd(j), Cue::kRefPerson, &len) || Is(j, Words::kTitles);
  }

  ResolvedActor CountrySpeaker(const std::string& cc) const {
    auto name = r_.country_name_of.find(cc);
    return MakeActor(name != r_.country_name_of.end() ? name->second : cc, Side::kNeutral,
                     ActorKind::kGovernment, cc);
  }

  const CoderResources& r_;
  const LanguageData& lang_;  // the document's language
  const Document& doc_;
  std::vector<uint64_t> word_mask_;  // per token: the word lists it is in (see Is)
  SegmentedText seg_;
  std::vector<ActorMention> actors_;
  std::vector<PlaceMention> places_;
  std::vector<ResolvedMention> ranked_;
  std::vector<TimeMention> times_;
  std::vector<TriggerMention> triggers_;
  std::vector<int> actor_at_, place_at_;
  std::vector<uint32_t> sentence_of_;
  std::vector<uint8_t> in_quote_;
  std::string focus_;
  std::vector<Event> events_;
  PlaceChoice last_place_choice_;
  std::vector<UnknownName> unknown_;
  std::vector<size_t> named_groups_, persons_;  // indices into actors_, in text order
  uint32_t trigger_end_ = 0;                    // the token after the trigger being coded
  std::vector<int> heading_of_paragraph_;       // per paragraph: the dated heading above it, or -1
  std::string quantity_part_;                   // the last counted object QuantityOfPlaces read
  mutable std::optional<std::unordered_set<std::string>> state_named_;  // filled on first use
};

void DocumentCoder::CodeActive(const Event& base, const TriggerMention& t, const Pattern& p) {
  uint32_t start = t.first_token, after = t.first_token + t.token_count;
  if (p.type == EventType::kRetreat && PersonPronounSubject(start)) return;  // "he left the city"
  // "dozens of mostly abandoned villages", "an abandoned base": a participle after an article,
  // "of" or a number describes a noun; nobody withdrew in this clause ("troops that withdrew" did).
  // A captured or liberated place so described was still taken ("the newly liberated town of Y").
  if (p.type == EventType::kRetreat && p.frame == Frame::kActive && start > SentenceStart(start)) {
    uint32_t j = start - 1, len = 0;
    while (j > SentenceStart(start) && lang_.words.HasSuffix(Words::kAdverbSuffixes, Norm(j))) --j;
    if (lang_.cues.Is(seg_, j, j + 1, Cue::kAdjectiveBefore, &len) || Is(j, Words::kNumberWords) ||
        seg_.tokens[j].is(kNumber))
      return;
  }
  // "is now in full control of" is a state, not a passive.
  if (p.frame == Frame::kActive && !Is(start, Words::kPassiveBlockers) && PassiveAuxBefore(start)) {
    // "its soldiers were driven out of Kyiv": a force driven out retreats, and the other side
    // takes the place.
    if (Is(start, Words::kExpulsionVerbs)) {
      uint32_t aux = start;
      while (aux > SentenceStart(start) && !Is(aux - 1, Words::kPassiveAuxiliaries)) --aux;
      // "since they were driven back from Y": the pronoun is the armed side named before it.
      std::optional<ResolvedActor> leaver_of;
      if (aux > SentenceStart(start) + 1 && actor_at_[aux - 2] >= 0) {
        leaver_of = ActorAt(aux - 2);
      } else if (aux > SentenceStart(start) + 1 && Is(aux - 2, Words::kGroupPronouns)) {
        leaver_of = ActorBefore(aux - 2, /*whole_sentence=*/true, Want::kArmed);
        if (!leaver_of) leaver_of = PronounSubject(aux - 1);
      }
      if (leaver_of) {
        ResolvedActor leaver = *leaver_of;
        Event retreat = base;
        retreat.type = EventType::kRetreat;
        std::vector<PlaceChoice> unknown;
        std::vector<int> left = PlacesAfter(after, p.max_gap, false, &unknown);
        for (int m : left) {
          PlaceChoice c{m, false};
          Territorial(retreat, c, leaver, start, p);
          OpponentTakes(base, c, leaver, start);
        }
        // "they were driven back from the city": the town referred to, a retreat only.
        if (left.empty()) {
          if (auto ref = RecentReferenceAt(after, start))
            Territorial(retreat, {*ref, true}, leaver, start, p);
        }
        return;
      }
    }
    std::vector<PlaceChoice> subjects = PlacesBefore(start);
    if (subjects.empty()) {
      if (auto place = PlaceBefore(start, 8, false)) subjects.push_back(*place);
    }
    if (subjects.empty()) return;
    auto agent = ActorAfterWord(after, Words::kAgentPrepositions);
    if (p.type == EventType::kHandover) {
      // "Y was handed over to X": X gains it from whoever held it.
      if (auto gainer = ActorAfterWord(after, Words::kRecipientPrepositions)) {
        for (const PlaceChoice& c : subjects) {
          auto giver = agent ? agent : OpponentOf(*gainer, CountryOf(c));
          Event e = base;
          SetPlace(WithSeat(c), &e);
          SetActors(giver, gainer, &e);
          Emit(std::move(e));
        }
        return;
      }
    }
    if (!agent && p.type == EventType::kCapture) agent = LastNamedGroup(start);
    for (const PlaceChoice& c : subjects) Territorial(base, c, agent, start, p);
    return;
  }
  // "drove Russian forces out of Y", "overran the army's garrison in Y": an actor right after
  // the verb is its patient; the place comes after it.
  uint32_t from = after;
  if (Is(from, Words::kDeterminers)) ++from;
  if (from + 1 < SentenceEnd(start) && actor_at_[from] < 0 && actor_at_[from + 1] >= 0 &&
      r_.demonyms.contains(Norm(from))) {
    ++from;  // "drove Russian forces out"
  }
  if (from < SentenceEnd(start) && actor_at_[from] >= 0) {
    const ActorMention& patient = actors_[static_cast<size_t>(actor_at_[from])];
    from = patient.first_token + patient.token_count;
    if (from < seg_.tokens.size() && seg_.tokens[from].is(kPossessive)) ++from;
  } else {
    from = after;
  }
  std::vector<PlaceChoice> targets, unknown;
  bool territorial = p.type == EventType::kCapture || p.type == EventType::kRetreat ||
                     p.type == EventType::kHandover;
  for (int m : PlacesAfter(from, p.max_gap, true, territorial ? &unknown : nullptr))
    targets.push_back({m, false});
  // "captured Paletwa in Chin State" with Paletwa unknown: what was taken is not the state.
  if (!targets.empty() && UnknownNameBefore(after, targets.front().mention)) targets.clear();
  targets.insert(targets.end(), unknown.begin(), unknown.end());
  if (targets.empty()) {
    // "captured the city's prison": an event at the city, with the prison as its part.
    auto ref = p.type == EventType::kRetreat ? RecentReferenceAt(after, start, true)
                                             : ReferenceAt(after, start, true);
    if (ref) targets.push_back({*ref, true});
  }
  if (targets.empty()) {
    // "recaptured over 20 settlements ... in Kharkiv Region": some places of a container, an event
    // at the container with the quantity as its part.
    if (auto q = QuantityOfPlaces(after)) targets.push_back(*q);
  }
  // "left from Y", "left for Y": a verb that takes its place as direct object only (gap 0) has
  // none here.
  if (targets.empty() && p.max_gap > 0 && FacilityAfter(after)) {
    // "captured the headquarters of the army in the besieged city of El Fasher": the facility's
    // town named further on; else "seized the presidential palace": a facility of the city the
    // report is about, in its own country.
    for (int m : PlacesAfter(after, 14, /*stop_at_actors=*/false)) {
      // "in Y", "in the besieged city of Y"
      if (IsLocative(m) || IntroducedByIn(places_[static_cast<size_t>(m)].first_token, after) ||
          (places_[static_cast<size_t>(m)].first_token >= 3 &&
           Is(places_[static_cast<size_t>(m)].first_token - 1, Words::kGenitivePrepositions))) {
        targets.push_back({m, false});
        break;
      }
    }
    if (targets.empty()) {
      if (auto city = LastPlace(start, Cue::kRefCity, ~0u, /*home_only=*/true))
        targets.push_back({*city, true});
    }
  }
  auto agent = ActorBefore(start, p.frame == Frame::kGerund, Want::kArmed);
  // "After capturing Y, X advanced": the subject of the main clause, after the participle
  // clause's comma; what comes before the comma is the clause's object ("after ousting the
  // militants from Y, Iraqi forces ...").
  if (!agent && p.frame == Frame::kGerund) {
    for (uint32_t j = after; j < SentenceEnd(start); ++j) {
      if (Raw(seg_.tokens[j]) != ",") continue;
      agent = ArmedActorAfter(j + 1);
      break;
    }
    if (!agent) agent = ArmedActorAfter(after);
  }
  // "recaptured Y from X": X lost it.
  std::optional<ResolvedActor> loser;
  if (!targets.empty() && !targets.back().via_reference && targets.back().mention >= 0) {
    const PlaceMention& last = places_[static_cast<size_t>(targets.back().mention)];
    loser = ActorAfterWord(last.first_token + last.token_count, Words::kSourcePrepositions);
  }
  if (!agent) agent = PronounSubject(start);
  if (!agent && loser) agent = OpponentOf(*loser, CountryOf(targets.front()));
  // "surrendered Herat to the insurgents": the one it was handed to
  if (p.type == EventType::kHandover && !targets.empty() && !targets.back().via_reference)
    if (auto gainer = ActorAfterWord(EndOf(targets.back()), Words::kRecipientPrepositions))
      loser = gainer;
  if (!agent && !targets.empty()) agent = HomeGovernmentIfRegained(start, targets.front());
  if (!agent) agent = LastNamedGroup(start);
  for (const PlaceChoice& c : targets) {
    Territorial(base, c, agent, start, p, loser);
    if (p.type == EventType::kRetreat && agent && !c.via_reference)
      OpponentTakes(base, c, *agent, start);
  }
  return;
}

void DocumentCoder::CodeFall(const Event& base, const TriggerMention& t, const Pattern& p) {
  uint32_t start = t.first_token, after = t.first_token + t.token_count;
  std::vector<PlaceChoice> subjects = PlacesBefore(start);
  if (subjects.empty()) {
    if (auto place = PlaceBefore(start, 4, false)) subjects.push_back(*place);
  }
  // "five of these have since fallen back to the Taliban, Yaftal in Badakhshan, Chakhansur in
  // Nimroz and ...": a counted subject spelt out in a list after the clause.
  if (subjects.empty()) subjects = ListAfterClause(after);
  if (subjects.empty()) return;
  auto agent = ActorAfterWord(start, Words::kRecipientPrepositions);
  // "came under Taliban control", "fell into the rebels' hands"
  if (!agent) {
    uint32_t j = after;
    if (Is(j, Words::kDeterminers)) ++j;
    if (j < SentenceEnd(start) && actor_at_[j] >= 0) {
      const ActorMention& a = actors_[static_cast<size_t>(actor_at_[j])];
      uint32_t e = a.first_token + a.token_count;
      if (e < seg_.tokens.size() && seg_.tokens[e].is(kPossessive)) ++e;
      if (Is(e, Words::kControlNouns)) agent = Resolve(a);
    } else if (j + 1 < SentenceEnd(start) && Is(j + 1, Words::kControlNouns) &&
               seg_.tokens[j].is(kCapitalized)) {
      // "came under Ukrainian control": a country's adjective stands for its forces.
      if (auto it = r_.demonyms.find(Norm(j)); it != r_.demonyms.end())
        agent = StateForces(it->second);
    }
  }
  // "troops in Herat fell back to the airport": what a place goes "to" is a destination, and the
  // clause is a pull-back, not a fall.
  if (!agent && Is(after - 1, Words::kRecipientPrepositions)) {
    uint32_t j = after + (Is(after, Words::kDeterminers) ? 1 : 0), len = 0,
             end = SentenceEnd(start);
    if (j < end && place_at_[j] >= 0) return;
    for (uint32_t f = j; f < std::min(end, j + 3); ++f) {  // "the (main) railway station"
      if (lang_.cues.Is(seg_, f, end, Cue::kFacility, &len)) return;
      if (!seg_.tokens[f].is(kWord) || seg_.tokens[f].is(kCapitalized)) break;
    }
  }
  if (!agent && subjects.front().mention >= 0) agent = EarlierCaptor(subjects.front().mention);
  if (!agent) agent = HomeGovernmentIfRegained(start, subjects.front());
  if (!agent) agent = LastNamedGroup(start);
  for (const PlaceChoice& c : subjects) Territorial(base, c, agent, start, p);
  return;
}

void DocumentCoder::CodeNominal(const Event& base, const TriggerMention& t, const Pattern& p) {
  uint32_t start = t.first_token, after = t.first_token + t.token_count;
  std::vector<PlaceChoice> targets;
  for (int m : PlacesAfter(after, p.max_gap, true, &targets)) targets.push_back({m, false});
  if (targets.empty()) return;
  uint32_t end = after;
  for (const PlaceChoice& c : targets) end = std::max(end, EndOf(c));
  if (HypotheticalAfter(end)) return;
  auto agent = ActorAfterWord(end, Words::kRecipientPrepositions);
  for (const PlaceChoice& c : targets) {
    // "two days after the fall of Kunduz": a capture the report already told is named again,
    // not a new one.
    bool as_time = start >= 1 && (Is(start - 1, Words::kTemporalPrepositions) ||
                                  (start >= 2 && Is(start - 1, Words::kDeterminers) &&
                                   Is(start - 2, Words::kTemporalPrepositions)));
    if (as_time && c.mention >= 0 && CodedCaptureOf(c.mention)) continue;
    auto who = agent;
    // "the quick fall of Izium": the side the report already credited with taking it.
    if (!who && c.mention >= 0) who = EarlierCaptor(c.mention);
    if (!who) who = HomeGovernmentIfRegained(start, c);
    if (!who) who = LastNamedGroup(start);
    Territorial(base, c, who, start, p);
  }
}

void DocumentCoder::CodeLoss(const Event& base, const TriggerMention& t, const Pattern& p) {
  uint32_t start = t.first_token, after = t.first_token + t.token_count;
  // "the Taliban lost control of Y": the loser is the subject; the other side gains.
  auto loser = ActorBefore(start, false, Want::kArmed);
  if (!loser) {  // "the government lost control of Y": its forces did
    if (auto a = ActorBefore(start, false, Want::kAny); a && a->kind == ActorKind::kGovernment)
      loser = StateForces(a->country.empty() ? focus_ : a->country);
  }
  if (!loser) return;
  std::vector<PlaceChoice> targets;
  for (int m : PlacesAfter(after, p.max_gap, true, &targets)) targets.push_back({m, false});
  // "lost Monguno to Boko Haram": the winner is named after "to".
  std::optional<ResolvedActor> named;
  if (!targets.empty())
    named = ActorAfterWord(EndOf(targets.back()), Words::kRecipientPrepositions);
  for (const PlaceChoice& c : targets) {
    auto winner = named ? named : OpponentOf(*loser, CountryOf(c));
    if (winner) Territorial(base, c, winner, start, p, loser);
  }
  return;
}

void DocumentCoder::CodeVisit(const Event& base, const TriggerMention& t, const Pattern& p) {
  uint32_t start = t.first_token, after = t.first_token + t.token_count;
  std::vector<PlaceChoice> places;
  for (int m : PlacesAfter(after, p.max_gap, /*stop_at_actors=*/false))
    places.push_back({m, false});
  if (places.empty()) {  // "visited the city"
    if (auto ref = ReferenceAt(after, start)) places.push_back({*ref, true});
  }
  auto agent = ActorBefore(start, true, Want::kAny);
  if (!agent && Is(start ? start - 1 : start, Words::kPersonPronouns)) agent = LastPerson(start);
  if (!agent || places.empty()) return;
  Event e = base;
  SetPlace(places.front(), &e);
  SetActors(agent, std::nullopt, &e);
  return Emit(std::move(e));
}

void DocumentCoder::CodeMeeting(const Event& base, const TriggerMention& t, const Pattern&) {
  uint32_t start = t.first_token, after = t.first_token + t.token_count;
  auto agent = ActorBefore(start, true, Want::kAny);
  auto others = ActorsAfter(after, 16);
  std::optional<int> where;
  for (int m : PlacesAfter(after, 16, /*stop_at_actors=*/false)) {
    if (IsLocative(m)) {
      where = m;
      break;
    }
  }
  if (!where) {
    if (auto pl = PlaceBefore(start, 64, true)) where = pl->mention;
  }
  if (!where) {  // "talks with Mazar's strongman": the people of a place meet there
    auto after_places = PlacesAfter(after, 16, /*stop_at_actors=*/false);
    if (!after_places.empty()) where = after_places.front();
  }
  if (!agent || (others.empty() && !where)) return;
  Event e = base;
  std::string names;
  for (auto& o : others) names += (names.empty() ? "" : "; ") + o.name;
  SetActors(agent, names.empty() ? std::nullopt : std::optional(MakeActor(names)), &e);
  if (where) SetPlace({*where, false}, &e);
  return Emit(std::move(e));
}

void DocumentCoder::CodeLocated(const Event& base, const TriggerMention& t, const Pattern& p) {
  uint32_t start = t.first_token, after = t.first_token + t.token_count;
  std::optional<ResolvedActor> a1, a2;
  std::optional<uint32_t> between;
  for (uint32_t j = after; j < std::min(SentenceEnd(start), after + 8); ++j) {
    if (IsBoundary(j, false)) break;
    if (Is(j, Words::kPairPrepositions)) {
      between = j;
      break;
    }
  }
  if (between) {
    auto both = ActorsAfter(*between, 12);
    if (!both.empty()) a1 = both[0];
    if (both.size() > 1) a2 = both[1];
  } else {
    a1 = ActorBefore(start, false);
    auto objects = ActorsAfter(after, 6);
    if (!objects.empty()) a2 = objects.front();
  }
  // "forcing the army to retreat", "causing residents to flee": the causative verb's object
  // withdraws, not the clause's subject; an object that names no armed side is no retreat.
  if (p.type == EventType::kRetreat) {
    if (auto caused = CausedSubject(start)) {
      if (!*caused) return;
      a1 = *caused;
    }
  }
  EventType type = p.type;
  // "Jihadists killed 20 villagers in an attack on Y": the villagers were attacked; the armed
  // side before them attacked.
  if (a1 && a1->kind == ActorKind::kCivilians && !a2 &&
      (type == EventType::kAttack || type == EventType::kAirstrike ||
       type == EventType::kShelling || type == EventType::kExplosion)) {
    if (auto armed = ActorBefore(start, false, Want::kArmed)) {
      a2 = a1;
      a1 = armed;
    }
  }
  // "Russian missiles struck Y", "Israeli airstrikes pounded Y": with no actor named, a country's
  // adjective on the weapon says whose forces struck.
  if (!a1 && (type == EventType::kAttack || type == EventType::kAirstrike ||
              type == EventType::kShelling || type == EventType::kExplosion)) {
    for (uint32_t j = start; j-- > SentenceStart(start) && start - j <= 2;) {
      if (!seg_.tokens[j].is(kCapitalized)) continue;
      if (auto it = r_.demonyms.find(Norm(j)); it != r_.demonyms.end()) {
        a1 = StateForces(it->second);
        break;
      }
    }
  }
  if ((type == EventType::kClash || type == EventType::kAttack) && a1 &&
      a1->kind == ActorKind::kProtesters)
    type = EventType::kRiot;
  if ((type == EventType::kClash || type == EventType::kAttack) && a2 &&
      a2->side == Side::kCivilian)
    type = EventType::kAttackOnCivilians;
  // "where he has fled to": a person's flight, whatever armed side the clause named before.
  if (type == EventType::kRetreat && PersonPronounSubject(start)) return;
  // Civilians flee; a retreat is an armed side's.
  if (type == EventType::kRetreat &&
      (!a1 || a1->kind == ActorKind::kCivilians || a1->kind == ActorKind::kProtesters ||
       a1->kind == ActorKind::kPerson || a1->kind == ActorKind::kOrg))
    return;
  if (type == EventType::kAttackOnCivilians && !a2) a2 = MakeActor("Civilians", Side::kCivilian);
  if (type == EventType::kRetreat && a1) {
    std::string cc = a1->country.empty() ? focus_ : a1->country;
    a2 = a1->side == Side::kState
             ? LastNamedGroup(start)
             : MakeActor(StateForcesName("{demonym} government forces", cc), Side::kState);
  }
  std::vector<PlaceChoice> places;
  std::vector<int> arrivals;  // where a withdrawing side went: never the place it left
  // "a tactical retreat from the district, west of Y": the place it left is the one referred to.
  if (type == EventType::kRetreat && Is(after, Words::kSourcePrepositions)) {
    if (auto ref = RecentReferenceAt(after + 1, start)) places.push_back({*ref, true});
  }
  if (places.empty()) {
    for (int m : PlacesAfter(after, p.max_gap + 6, /*stop_at_actors=*/false)) {
      if (type == EventType::kRetreat && ArrivalAt(m, after))
        arrivals.push_back(m);
      else
        places.push_back({m, false});
    }
  }
  if (places.empty()) {
    auto ref = type == EventType::kRetreat
                   ? RecentReferenceAt(after, start, /*allow_possessive=*/true)
                   : ReferenceAt(after, start, /*allow_possessive=*/true);
    if (ref) places.push_back({*ref, true});
  }
  if (places.empty()) {
    if (auto before = LocativePlaceBefore(start)) places.push_back({*before, false});
  }
  std::erase_if(places, [&](const PlaceChoice& c) {
    return std::find(arrivals.begin(), arrivals.end(), c.mention) != arrivals.end();
  });
  if (places.empty()) {
    // "stormed El Geneina and killed civilians": the place of the sentence's earlier event.
    for (auto it = events_.rbegin();
         it != events_.rend() && it->evidence.start == base.evidence.start; ++it) {
      if (it->place && last_place_choice_.mention >= 0) {
        places.push_back(last_place_choice_);
        break;
      }
    }
  }
  bool from_context = false;
  if (places.empty() && (a1 || a2) && EventTypeNeedsPlace(type) &&
      EventTypeControlEffect(type) == ControlEffect::kNone) {
    // "The fighting has continued despite a truce": violence in a sentence that names no place
    // happens where the report just was, the last town named in this or the sentence before.
    // Never a retreat: one placed by guess would hand the town to the other side.
    if (auto m = RecentTown(start);
        m && std::find(arrivals.begin(), arrivals.end(), *m) == arrivals.end()) {
      places.push_back({*m, true});
      from_context = true;
    }
  }
  if (type == EventType::kRetreat) {
    // A whole country is not left in a pull-back ("troops are carrying out a pull-out plan in
    // Y"): handing it to the other side would move control wrongly.
    std::erase_if(places, [&](const PlaceChoice& c) {
      return PlaceOf(c.mention).kind == PlaceKind::kCountry;
    });
    if (places.empty()) return;
    // Who the place is left to: the side facing the leaver in the place's country.
    if (!a2 || a2->name == a1->name) a2 = OpponentOf(*a1, CountryOf(places.front()));
  }
  // A country is too coarse when the sentence names a place inside it.
  if (places.size() > 1 ||
      (places.size() == 1 && PlaceOf(places[0].mention).kind == PlaceKind::kCountry)) {
    bool finer = std::any_of(places.begin(), places.end(), [&](const PlaceChoice& c) {
      return PlaceOf(c.mention).kind != PlaceKind::kCountry;
    });
    if (finer) {
      std::erase_if(places, [&](const PlaceChoice& c) {
        return PlaceOf(c.mention).kind == PlaceKind::kCountry;
      });
    }
  }
  bool has_actor = a1.has_value() || a2.has_value();
  if (places.empty()) {
    if (!has_actor || EventTypeNeedsPlace(type)) return;
    Event e = base;
    e.type = type;
    SetActors(a1, a2, &e);
    return Emit(std::move(e));
  }
  for (const PlaceChoice& c : places) {
    // A country alone is too vague for fighting ("fighting in Afghanistan has escalated").
    if (PlaceOf(c.mention).kind == PlaceKind::kCountry && !has_actor) continue;
    Event e = base;
    e.type = type;
    SetPlace(c, &e);
    if (from_context) e.confidence *= 0.8;
    SetActors(a1, a2, &e);
    Emit(std::move(e));
  }
}

void DocumentCoder::CodeSpeech(const TriggerMention& t, const Pattern& p) {
  uint32_t start = t.first_token, after = t.first_token + t.token_count;
  std::optional<ResolvedActor> speaker = SpeakerOf(start, after);
  if (!speaker || speaker->kind == ActorKind::kCivilians) return;
  Event e = Base(t, p);
  SetActors(speaker, std::nullopt, &e);
  // Where it was said, when the sentence says so ("said in Kabul", "told reporters in Geneva").
  for (int m : PlacesAfter(after, 6)) {
    if (IsLocative(m) &&
        Is(places_[static_cast<size_t>(m)].first_token - 1, Words::kLocativePrepositions)) {
      SetPlace({m, false}, &e);
      break;
    }
  }
  // Else where the report was filed: a dateline's place ("KABUL, Aug 13 (Reuters) -").
  if (!e.place) {
    if (auto d = DatelinePlace()) SetPlace({*d, false}, &e);
  }
  Emit(std::move(e));
}

}  // namespace

const LanguageData& CoderResources::For(std::string_view lang) const {
  auto it = languages.find(lang);
  return it != languages.end() ? it->second : languages.find("en")->second;
}

namespace {

Result<LanguageData> LoadLanguage(const std::string& lang, const std::string& dir) {
  LanguageData l;
  auto patterns_file = ReadDataFile(lang + "/patterns.tsv", dir);
  if (!patterns_file.ok()) return patterns_file.status();
  auto patterns = PatternSet::Parse(patterns_file->text, patterns_file->origin);
  if (!patterns.ok()) return patterns.status();
  l.patterns = std::move(patterns).value();
  auto cues_file = ReadDataFile(lang + "/cues.tsv", dir);
  if (!cues_file.ok()) return cues_file.status();
  auto cues = CueSet::Parse(cues_file->text, cues_file->origin);
  if (!cues.ok()) return cues.status();
  l.cues = std::move(cues).value();
  auto words = WordLists::Load(lang, dir);
  if (!words.ok()) return words.status();
  l.words = std::move(words).value();
  return l;
}

}  // namespace

Result<std::unique_ptr<CoderResources>> LoadCoderResources(const Gazetteer* gazetteer,
                                                           const std::string& data_dir) {
  auto r = std::make_unique<CoderResources>();
  r->gazetteer = gazetteer;
  auto actors_file = ReadDataFile("actors.tsv", data_dir);
  if (!actors_file.ok()) return actors_file.status();
  auto actors = ActorDictionary::Parse(actors_file->text, actors_file->origin);
  if (!actors.ok()) return actors.status();
  r->actors = std::move(actors).value();
  std::vector<std::string> langs = {"en"};
  if (!data_dir.empty()) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(data_dir, ec)) {
      std::string name = entry.path().filename().string();
      if (name != "en" && entry.is_directory(ec) &&
          std::filesystem::exists(entry.path() / "patterns.tsv", ec))
        langs.push_back(name);
    }
  }
  for (const std::string& lang : langs) {
    auto l = LoadLanguage(lang, data_dir);
    if (!l.ok()) return l.status();
    r->languages.emplace(lang, std::move(l).value());
  }
  auto countries = ReadDataFile("countries.tsv", data_dir);
  if (!countries.ok()) return countries.status();
  r->demonyms = LoadDemonyms(countries->text);
  tsv::ForEachRow(countries->text, [&](const std::vector<std::string_view>& cols, size_t) {
    if (cols.size() >= 4 && !cols[3].empty())
      r->demonym_of[std::string(cols[0])] = tsv::SplitOn(cols[3], ';')[0];
    if (cols.size() >= 2) r->country_name_of[std::string(cols[0])] = std::string(cols[1]);
    return Status::OK();
  });
  if (gazetteer) {
    // One pass over the gazetteer (cheap accessors, no Place built per row).
    for (uint32_t i = 0; i < gazetteer->size(); ++i) {
      if (gazetteer->kind(i) != PlaceKind::kPopulated || gazetteer->rank(i) < 3) continue;
      auto keep_larger = [&](uint32_t* slot, bool fresh) {
        if (fresh || gazetteer->population(i) > gazetteer->population(*slot)) *slot = i;
      };
      if (gazetteer->rank(i) == 3) {
        uint32_t d = gazetteer->division_index(i);
        if (d == Gazetteer::kNoDivision) continue;
        auto [it, fresh] = r->capital_of_division.emplace(d, i);
        keep_larger(&it->second, fresh);
      } else {
        auto [it, fresh] = r->capital_of_country.emplace(std::string(gazetteer->country(i)), i);
        keep_larger(&it->second, fresh);
      }
    }
  }
  auto filters = ReadDataFile("name_filters.tsv", data_dir);
  if (!filters.ok()) return filters.status();
  tsv::ForEachRow(filters->text, [&](const std::vector<std::string_view>& cols, size_t) {
    if (!cols.empty()) r->name_filters.insert(NormalizeForMatch(cols[0]));
    return Status::OK();
  });
  return r;
}

std::vector<Event> CodeDocument(const CoderResources& resources, const Document& doc) {
  return DocumentCoder(resources, doc).Run();
}

}  // namespace sitrep
