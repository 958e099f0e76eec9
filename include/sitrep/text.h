// Text as the recognisers see it: validated UTF-8 cut into sentences and tokens, each token with
// byte offsets into the original text and a normalised form for matching.
#ifndef SITREP_TEXT_H_
#define SITREP_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sitrep {

// Returns the byte offset of the first invalid UTF-8 sequence, or npos when the text is valid.
size_t FindInvalidUtf8(std::string_view text);

// Case-folded, diacritics removed, apostrophes dropped: "Mazār-e Sharīf" -> "mazar-e sharif",
// "Sana'a" -> "sanaa". The text must be valid UTF-8.
std::string NormalizeForMatch(std::string_view text);

// Folds a name the way the matcher folds text: normalised tokens joined by single spaces, with
// hyphens and apostrophes folded and the Persian/Dari ezafe ("-i-", "-e-", "-e ") made one form.
// "Mazar-i-Sharif", "Mazar-e Sharif" and "Mazār-e Sharīf" all give "mazar e sharif".
std::string MatchKey(std::string_view name);

enum TokenFlag : uint16_t {
  kWord = 1 << 0,         // letters (and digits) rather than punctuation
  kNumber = 1 << 1,       // begins with a digit: 2,000  3.5  1998
  kCapitalized = 1 << 2,  // first letter upper case
  kAllCaps = 1 << 3,      // every letter upper case (datelines, acronyms)
  kJoinedLeft = 1 << 4,   // a hyphen joins it to the previous token ("Mazar-i")
  kPossessive = 1 << 5,   // the "'s" split off a word ("Mazar's")
  kPunct = 1 << 6,
  kQuote = 1 << 7,  // an opening or closing quotation mark
  kSentenceStart = 1 << 8,
};

struct Token {
  uint32_t start = 0, end = 0;            // bytes in the original text
  uint32_t norm_start = 0, norm_len = 0;  // bytes in SegmentedText::normalized
  uint16_t flags = 0;
  bool is(TokenFlag f) const { return (flags & f) != 0; }
};

struct Sentence {
  uint32_t start = 0, end = 0;  // bytes in the original text, trimmed of surrounding space
  uint32_t first_token = 0, token_count = 0;
  uint32_t paragraph = 0;  // index of the paragraph (blank-line separated)
};

struct SegmentedText {
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::string normalized;  // the normalised forms of all tokens, back to back
  // The byte range of a dateline ("KABUL, Aug 11 (Reuters) -") at the start of the text, if any.
  uint32_t dateline_start = 0, dateline_end = 0;

  std::string_view norm(const Token& t) const {
    return std::string_view(normalized).substr(t.norm_start, t.norm_len);
  }
};

// Splits valid UTF-8 text into sentences and tokens. Never fails: any bytes give some segmentation.
struct SegmentOptions {
  // Lower-case words a headline never ends on ("the", "of"; data/<lang>/
  // headline_function_words.txt). With them, a short line that ends on none of them and is
  // followed by a capitalised line is a sentence of its own (a headline or subhead without a
  // stop). Empty: only stops and blank lines end sentences.
  std::vector<std::string> headline_function_words;
};
SegmentedText Segment(std::string_view text, const SegmentOptions& options);
inline SegmentedText Segment(std::string_view text) { return Segment(text, SegmentOptions{}); }

}  // namespace sitrep

#endif  // SITREP_TEXT_H_
