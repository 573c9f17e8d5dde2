// Package nlp holds the Dutch tokenizer and sentence splitter that the rest of
// the analysis stands on. Offsets are byte offsets into the analysed text.
package nlp

// Token is one token with its byte span in the text.
type Token struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Sentence is a sentence's byte span and its tokens.
type Sentence struct {
	Start  int     `json:"start"`
	End    int     `json:"end"`
	Tokens []Token `json:"tokens"`
}
