package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Sentence is one CoNLL sentence: its words and, when known, their IOB tags.
type Sentence struct {
	Words []string
	Tags  []string
	Doc   int // document number: counts -DOCSTART- lines
}

// ReadCoNLL reads CoNLL-2002 lines (`WORD ... TAG`, blank line between
// sentences, -DOCSTART- lines skipped). The tag is the last column.
func ReadCoNLL(r io.Reader) ([]Sentence, error) {
	var out []Sentence
	var cur Sentence
	doc := 0
	flush := func() {
		if len(cur.Words) > 0 {
			cur.Doc = doc
			out = append(out, cur)
			cur = Sentence{}
		}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			flush()
			continue
		}
		if fields[0] == "-DOCSTART-" {
			flush()
			if len(out) > 0 {
				doc++
			}
			continue
		}
		if len(fields) < 2 {
			return nil, fmt.Errorf("line %d: want WORD ... TAG, got %q", n, sc.Text())
		}
		cur.Words = append(cur.Words, fields[0])
		cur.Tags = append(cur.Tags, fields[len(fields)-1])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read CoNLL line %d: %w", n+1, err)
	}
	flush()
	return out, nil
}

// Chunk is an entity span over token indexes [Start, End).
type Chunk struct {
	Type       string
	Start, End int
}

// Chunks finds the entity chunks of an IOB1/IOB2 tag sequence by conlleval's
// rules: a chunk starts at B-X, or at I-X after O or after another type.
func Chunks(tags []string) []Chunk {
	var out []Chunk
	open := -1
	openType := ""
	for i, t := range tags {
		prefix, typ := splitTag(t)
		start := prefix == 'B' || (prefix == 'I' && (open < 0 || openType != typ))
		if open >= 0 && (prefix == 'O' || start) {
			out = append(out, Chunk{Type: openType, Start: open, End: i})
			open = -1
		}
		if start {
			open, openType = i, typ
		}
	}
	if open >= 0 {
		out = append(out, Chunk{Type: openType, Start: open, End: len(tags)})
	}
	return out
}

func splitTag(t string) (byte, string) {
	if len(t) >= 2 && (t[0] == 'B' || t[0] == 'I') && t[1] == '-' {
		return t[0], t[2:]
	}
	return 'O', ""
}

// Docs groups consecutive sentences of the same document.
func Docs(sents []Sentence) [][]Sentence {
	var out [][]Sentence
	for i := 0; i < len(sents); {
		j := i + 1
		for j < len(sents) && sents[j].Doc == sents[i].Doc {
			j++
		}
		out = append(out, sents[i:j])
		i = j
	}
	return out
}
