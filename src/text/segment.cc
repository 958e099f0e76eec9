// Sentence and token segmentation for news text.
//
// Approach: one pass cuts the text into tokens (words, numbers, punctuation) with byte offsets;
// a second pass groups tokens into sentences. A full stop ends a sentence only when what follows
// looks like a new sentence (space, then a capital, a digit or an opening quote) and what precedes
// is not an abbreviation (Gen., Aug., a single initial, U.S.). A blank line always ends one.
// Hyphens between letters join rather than split a name's parts ("Mazar-i-Sharif" is three tokens
// marked as joined), so the matcher can compare hyphenated and spaced spellings alike.
//
// Known limits: "U.S." at the very end of a sentence does not end it; a sentence that begins with a
// lower-case word after a full stop is glued to the one before; quoted speech with its own full
// stop inside ("Stop. Now," he said) is split at that stop.
#include <algorithm>
#include <array>
#include <string_view>

#include "sitrep/text.h"
#include "src/text/utf8.h"

namespace sitrep {

namespace {

using text::CharClass;

struct RawToken {
  Token token;
  CharClass cls = CharClass::kPunct;  // for punctuation: which kind
  uint16_t newlines_before = 0;
  bool space_before = true;
  bool caseless = false;  // a word in a script without case (Arabic): may start a sentence
};

// Words after which a full stop does not end the sentence.
bool IsAbbreviation(std::string_view norm) {
  static constexpr std::array<std::string_view, 52> kAbbrev = {
      "mr",  "mrs", "ms",     "dr",   "prof", "gen",  "lt",  "col",  "maj",  "capt", "cpt",
      "sgt", "cpl", "adm",    "brig", "cmdr", "gov",  "sen", "rep",  "pres", "st",   "rev",
      "jr",  "sr",  "no",     "nos",  "vs",   "etc",  "inc", "corp", "ltd",  "co",   "jan",
      "feb", "mar", "apr",    "jun",  "jul",  "aug",  "sep", "sept", "oct",  "nov",  "dec",
      "mt",  "ft",  "approx", "est",  "dept", "univ", "fig", "al"};
  return std::find(kAbbrev.begin(), kAbbrev.end(), norm) != kAbbrev.end();
}

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view text, SegmentedText* out) : s_(text), out_(out) {}

  std::vector<RawToken> Run() {
    raw_.reserve(s_.size() / 5);
    size_t i = 0;
    while (i < s_.size()) {
      int len;
      CharClass cls = ClassAt(i, &len);
      switch (cls) {
        case CharClass::kNewline:
          ++newlines_;
          space_ = true;
          i += static_cast<size_t>(len);
          break;
        case CharClass::kSpace:
          space_ = true;
          i += static_cast<size_t>(len);
          break;
        case CharClass::kLetter:
        case CharClass::kDigit: i = Word(i); break;
        case CharClass::kHyphen: i = Hyphen(i, len); break;
        case CharClass::kApostrophe: i = Apostrophe(i, len); break;
        default: i = Punct(i, len, cls); break;
      }
    }
    return std::move(raw_);
  }

 private:
  CharClass ClassAt(size_t i, int* len) const {
    auto b = static_cast<unsigned char>(s_[i]);
    if (b < 0x80) {
      *len = 1;
      return text::kAscii.cls[b];
    }
    return text::Classify(text::DecodeAt(s_, i, len));
  }
  CharClass ClassAt(size_t i) const {
    if (i >= s_.size()) return CharClass::kSpace;
    int len;
    return ClassAt(i, &len);
  }
  static bool IsWordClass(CharClass c) { return c == CharClass::kLetter || c == CharClass::kDigit; }
  bool PrevTokenTouches(size_t i) const {
    return !raw_.empty() && raw_.back().token.end == i && raw_.back().token.is(kWord);
  }

  size_t Word(size_t start) {
    size_t j = start;
    bool number = ClassAt(start) == CharClass::kDigit;
    bool has_dot = false;
    size_t segment_len = 0;  // letters since the last internal dot
    while (j < s_.size()) {
      int len;
      CharClass cls = ClassAt(j, &len);
      char c = s_[j];
      size_t next = j + static_cast<size_t>(len);
      if (IsWordClass(cls)) {
        j = next;
        ++segment_len;
        continue;
      }
      if (cls == CharClass::kApostrophe && ClassAt(next) == CharClass::kLetter) {
        // "'s" closing a word is a possessive, split off; an inner apostrophe (Sana'a) stays.
        bool possessive = (s_[next] == 's' || s_[next] == 'S') && !IsWordClass(ClassAt(next + 1));
        if (possessive) break;
        j = next;
        continue;
      }
      if ((c == ',' || c == '.') && number && ClassAt(next) == CharClass::kDigit) {
        j = next;  // 2,000 and 3.5
        continue;
      }
      if (c == '.' && !number && segment_len == 1) {
        // Initialisms: U.S. / U.N. / a.m. keep their dots.
        if (ClassAt(next) == CharClass::kLetter && !IsWordClass(ClassAt(next + 1))) {
          j = next;
          has_dot = true;
          segment_len = 0;
          continue;
        }
        if (has_dot) {
          j = next;
          break;
        }
      }
      break;
    }
    RawToken r = Start(start, j);
    r.token.flags |= kWord;
    if (number) r.token.flags |= kNumber;
    Classify(&r);
    if (joined_next_) {
      r.token.flags |= kJoinedLeft;
      joined_next_ = false;
    }
    AppendNorm(&r);
    raw_.push_back(r);
    return j;
  }

  void Classify(RawToken* r) const {
    std::string_view w = s_.substr(r->token.start, r->token.end - r->token.start);
    if (std::all_of(w.begin(), w.end(), [](char ch) { return (ch & 0x80) == 0; })) {
      bool upper0 = w[0] >= 'A' && w[0] <= 'Z';
      if (upper0) r->token.flags |= kCapitalized;
      bool any_letter = false, all_upper = true;
      for (char ch : w) {
        bool lower = ch >= 'a' && ch <= 'z';
        any_letter |= lower || (ch >= 'A' && ch <= 'Z');
        if (lower) {
          all_upper = false;
          break;
        }
      }
      if (any_letter && all_upper) r->token.flags |= kAllCaps;
      return;
    }
    int len;
    char32_t first = text::DecodeAt(w, 0, &len);
    if (text::IsUpper(first)) r->token.flags |= kCapitalized;
    r->caseless = first >= 0x80 && !text::IsUpper(first) && !text::IsLower(first);
    bool any_letter = false, all_upper = true;
    for (size_t k = 0; k < w.size(); k += static_cast<size_t>(len)) {
      char32_t c = text::DecodeAt(w, k, &len);
      if (text::Classify(c) != CharClass::kLetter) continue;
      any_letter = true;
      if (!text::IsUpper(c)) {
        all_upper = false;
        break;
      }
    }
    if (any_letter && all_upper) r->token.flags |= kAllCaps;
  }

  size_t Hyphen(size_t i, int len) {
    size_t next = i + static_cast<size_t>(len);
    if (PrevTokenTouches(i) && IsWordClass(ClassAt(next))) {
      joined_next_ = true;  // Mazar-i-Sharif, Pul-e Khumri, pro-government
      return next;
    }
    // "--" and a spaced " - " read as dashes.
    size_t end = next;
    while (end < s_.size() && s_[end] == '-') ++end;
    return Emit(i, end, CharClass::kDash);
  }

  size_t Apostrophe(size_t i, int len) {
    size_t next = i + static_cast<size_t>(len);
    if (PrevTokenTouches(i) && next < s_.size() && (s_[next] == 's' || s_[next] == 'S') &&
        !IsWordClass(ClassAt(next + 1))) {
      RawToken r = Start(i, next + 1);
      r.token.flags |= kWord | kPossessive;
      AppendNorm(&r);
      raw_.push_back(r);
      return next + 1;
    }
    if (PrevTokenTouches(i)) return next;  // plural possessive: the forces' positions
    return Emit(i, next, CharClass::kQuote);
  }

  size_t Punct(size_t i, int len, CharClass cls) {
    size_t end = i + static_cast<size_t>(len);
    if (cls == CharClass::kSentenceEnd) {  // "..." and "?!" are one token
      while (end < s_.size() && ClassAt(end) == CharClass::kSentenceEnd) {
        int l;
        text::DecodeAt(s_, end, &l);
        end += static_cast<size_t>(l);
      }
    }
    return Emit(i, end, cls);
  }

  size_t Emit(size_t start, size_t end, CharClass cls) {
    RawToken r = Start(start, end);
    r.cls = cls;
    r.token.flags |= kPunct;
    if (cls == CharClass::kQuote) r.token.flags |= kQuote;
    joined_next_ = false;
    AppendNorm(&r);
    raw_.push_back(r);
    return end;
  }

  RawToken Start(size_t start, size_t end) {
    RawToken r;
    r.token.start = static_cast<uint32_t>(start);
    r.token.end = static_cast<uint32_t>(end);
    r.newlines_before = static_cast<uint16_t>(std::min<size_t>(newlines_, 0xFFFF));
    r.space_before = space_ || raw_.empty();
    newlines_ = 0;
    space_ = false;
    return r;
  }

  void AppendNorm(RawToken* r) {
    std::string& norm = out_->normalized;
    r->token.norm_start = static_cast<uint32_t>(norm.size());
    text::AppendNormalized(s_.substr(r->token.start, r->token.end - r->token.start), &norm);
    // The ezafe joining Persian name parts is written -i-, -e-, -e or -y-: one form for matching.
    size_t n = norm.size() - r->token.norm_start;
    if (r->token.is(kJoinedLeft) && n == 1 && (norm.back() == 'i' || norm.back() == 'e')) {
      norm.back() = 'e';
    }
    r->token.norm_len = static_cast<uint32_t>(norm.size() - r->token.norm_start);
  }

  std::string_view s_;
  SegmentedText* out_;
  std::vector<RawToken> raw_;
  size_t newlines_ = 0;
  bool space_ = true;
  bool joined_next_ = false;
};

bool IsOpening(std::string_view text, const RawToken& r) {
  char c = text[r.token.start];
  return r.cls == CharClass::kQuote || c == '(' || c == '[';
}

bool IsHeadlineFunctionWord(const SegmentOptions& options, std::string_view w) {
  for (const std::string& f : options.headline_function_words) {
    if (w == f) return true;
  }
  return false;
}

// A dateline opens the first paragraph: an upper-case place, a comma, then a spaced dash within a
// few tokens ("KABUL, Aug 11 (Reuters) -"). Returns the index of the dash, or 0 when there is none.
size_t FindDateline(std::string_view text, const std::vector<RawToken>& raw) {
  if (raw.empty() || !raw[0].token.is(kAllCaps) || raw[0].token.end - raw[0].token.start < 3) {
    return 0;
  }
  bool comma = false;
  for (size_t k = 1; k < raw.size() && k < 16; ++k) {
    if (raw[k].newlines_before >= 2 || raw[k].cls == CharClass::kSentenceEnd) return 0;
    if (raw[k].cls == CharClass::kDash && raw[k].space_before) return comma ? k : 0;
    if (!raw[k].token.is(kWord) && text[raw[k].token.start] == ',') comma = true;
  }
  return 0;
}

}  // namespace

SegmentedText Segment(std::string_view text, const SegmentOptions& options) {
  SegmentedText out;
  out.normalized.reserve(text.size());
  std::vector<RawToken> raw = Tokenizer(text, &out).Run();
  out.tokens.reserve(raw.size());
  for (const RawToken& r : raw) out.tokens.push_back(r.token);

  size_t dateline_dash = FindDateline(text, raw);
  if (dateline_dash) {
    out.dateline_start = raw[0].token.start;
    out.dateline_end = raw[dateline_dash].token.end;
  }

  uint32_t paragraph = 0;
  size_t first = 0;
  auto close = [&](size_t last_inclusive) {
    if (last_inclusive + 1 <= first) return;
    Sentence s;
    s.first_token = static_cast<uint32_t>(first);
    s.token_count = static_cast<uint32_t>(last_inclusive + 1 - first);
    s.start = out.tokens[first].start;
    s.end = out.tokens[last_inclusive].end;
    s.paragraph = paragraph;
    out.tokens[first].flags |= kSentenceStart;
    out.sentences.push_back(s);
    first = last_inclusive + 1;
  };

  // A headline or subhead on its own line ("Iraq: Kurdish forces free Sinjar town" then a line
  // break and the lede) is a sentence of its own though it has no full stop: a single line break
  // ends a short line (at most kHeadlineWords words) whose last word is no function word, when the
  // next line starts with a capital. Hard-wrapped prose rarely meets all three.
  constexpr size_t kHeadlineWords = 25;
  size_t line_first = 0;
  for (size_t k = 0; k < raw.size(); ++k) {
    if (k > first && raw[k].newlines_before >= 2) {
      close(k - 1);
    } else if (k > first && !options.headline_function_words.empty() &&
               raw[k].newlines_before == 1 && raw[k].token.is(kCapitalized) &&
               k - line_first <= kHeadlineWords && raw[k - 1].token.is(kWord) &&
               !IsHeadlineFunctionWord(options, out.norm(out.tokens[k - 1]))) {
      close(k - 1);
    }
    if (raw[k].newlines_before >= 1) line_first = k;
    if (k > 0 && raw[k].newlines_before >= 2) ++paragraph;
    if (dateline_dash && k == dateline_dash) {
      close(k);
      continue;
    }
    if (raw[k].cls != CharClass::kSentenceEnd) continue;
    // Closing quotes and brackets that hug the stop belong to the sentence it ends.
    size_t last = k;
    while (last + 1 < raw.size() && !raw[last + 1].space_before &&
           (raw[last + 1].cls == CharClass::kQuote || text[raw[last + 1].token.start] == ')')) {
      ++last;
    }
    if (last + 1 >= raw.size()) {
      close(last);
      break;
    }
    const RawToken& next = raw[last + 1];
    std::string_view stop = text.substr(raw[k].token.start, raw[k].token.end - raw[k].token.start);
    bool boundary;
    if (next.newlines_before >= 2) {
      boundary = true;
    } else if (!next.space_before) {
      boundary = false;
    } else {
      bool starts_sentence = next.token.is(kCapitalized) || next.token.is(kNumber) ||
                             IsOpening(text, next) || next.caseless;
      boundary = starts_sentence;
      if (boundary && stop == "." && k > first && raw[k - 1].token.is(kWord) &&
          raw[k - 1].token.end == raw[k].token.start) {
        const Token& prev = out.tokens[k - 1];
        std::string_view prev_norm = out.norm(prev);
        bool initial = prev.end - prev.start == 1 && prev.is(kCapitalized);
        if (IsAbbreviation(prev_norm) || initial) boundary = false;
      }
    }
    if (boundary) {
      close(last);
      k = last;
    }
  }
  if (first < raw.size()) close(raw.size() - 1);
  return out;
}

}  // namespace sitrep
