package eval

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"wirewatch/internal/nlp"
)

// udDoc is one document of a treebank: its raw text (sentences joined by a space)
// and the gold token and sentence spans in it (byte offsets).
type udDoc struct {
	ID    string
	Text  string
	Toks  []span
	Sents []span
	par   string // current paragraph id, from the sent_id

	closed bool // the last sentence ends in . ! ? (else it was a heading or list item line)
}

// endsClosed reports whether a sentence ends in final punctuation, quotes and brackets aside.
func endsClosed(s string) bool {
	s = strings.TrimRight(s, "\"')]’” ")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "…")
}

type span struct{ Start, End int }

// udDocSuffix strips paragraph and sentence numbers from a sent_id to get its document.
var udDocSuffix = regexp.MustCompile(`(\.p\.\d+)?\.s\.\d+$`)

// udParagraph finds the paragraph number in a sent_id (".p.5.s.4" → ".p.5").
var udParagraph = regexp.MustCompile(`\.p\.\d+\.`)

// ScoreUD scores the tokenizer and sentence splitter on the dev and test files of
// the UD Dutch treebanks under dir (one Section per treebank and split), the
// CoNLL-2018 way: tokens and sentences are matched on their character spans in
// the raw text. The raw text is rebuilt as it was laid out: a document's sentences
// are joined with a space, but paragraphs (the ".p.N" part of sent_id, as UD's
// newpar) and sentences without final punctuation (Wikipedia headings and list
// items, which are lines of their own) are followed by a newline. "sentences F1 (no
// paragraphs)" joins everything with spaces, so the splitter cannot lean on line breaks.
func ScoreUD(ctx context.Context, dir string) ([]Section, error) {
	paths, err := udFiles(dir)
	if err != nil {
		return nil, err
	}
	var secs []Section
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return secs, fmt.Errorf("score UD: %w", err)
		}
		docs, err := readUD(p, true)
		if err != nil {
			return secs, err
		}
		flat, err := readUD(p, false)
		if err != nil {
			return secs, err
		}
		sec := scoreUDDocs(udName(p), docs)
		_, sen, _ := countUD(flat)
		_, _, f := sen.PRF()
		sec.Scores = append(sec.Scores, Score{Name: "sentences F1 (no paragraphs)", Value: f, N: sen.Gold})
		secs = append(secs, sec)
	}
	return secs, nil
}

// udFiles lists the dev and test .conllu files in dir or its treebank folders.
func udFiles(dir string) ([]string, error) {
	var out []string
	for _, pat := range []string{"*.conllu", "*/*.conllu"} {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			return nil, fmt.Errorf("list UD files in %s: %w", dir, err)
		}
		for _, p := range m {
			b := filepath.Base(p)
			if strings.HasSuffix(b, "-dev.conllu") || strings.HasSuffix(b, "-test.conllu") {
				out = append(out, p)
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no UD *-dev.conllu or *-test.conllu files in %s", dir)
	}
	sort.Strings(out)
	return out, nil
}

// udName is "UD_Dutch-Alpino test" for .../UD_Dutch-Alpino/nl_alpino-ud-test.conllu.
func udName(p string) string {
	split := strings.TrimSuffix(filepath.Base(p), ".conllu")
	if i := strings.LastIndex(split, "-"); i >= 0 {
		split = split[i+1:]
	}
	return filepath.Base(filepath.Dir(p)) + " " + split
}

// readUD reads a .conllu file into documents.
func readUD(path string, paragraphs bool) ([]udDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open UD file: %w", err)
	}
	defer f.Close()
	var (
		docs      []udDoc
		doc       *udDoc
		sentText  string
		sentID    string
		forms     []string
		skipUntil int
		line      int
	)
	flush := func() error {
		if sentText == "" && len(forms) == 0 {
			return nil
		}
		id := udDocSuffix.ReplaceAllString(sentID, "")
		if i := strings.LastIndexAny(id, `\/`); i >= 0 {
			id = id[i+1:]
		}
		if doc == nil || doc.ID != id || id == "" {
			docs = append(docs, udDoc{ID: id})
			doc = &docs[len(docs)-1]
		}
		par := udParagraph.FindString(sentID)
		if doc.Text != "" {
			if paragraphs && (par != "" && par != doc.par || !doc.closed) {
				doc.Text += "\n"
			} else {
				doc.Text += " "
			}
		}
		doc.par = par
		doc.closed = endsClosed(sentText)
		base := len(doc.Text)
		doc.Text += sentText
		pos := 0
		for _, form := range forms {
			for pos < len(sentText) && (sentText[pos] == ' ' || sentText[pos] == '\t') {
				pos++
			}
			if !strings.HasPrefix(sentText[pos:], form) {
				return fmt.Errorf("%s:%d: token %q does not match the text at %q", path, line, form, sentText[pos:])
			}
			doc.Toks = append(doc.Toks, span{base + pos, base + pos + len(form)})
			pos += len(form)
		}
		doc.Sents = append(doc.Sents, span{base, base + len(sentText)})
		sentText, sentID, forms = "", "", nil
		return nil
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line++
		l := sc.Text()
		switch {
		case l == "":
			if err := flush(); err != nil {
				return nil, err
			}
		case strings.HasPrefix(l, "# text = "):
			sentText = strings.TrimSpace(strings.TrimPrefix(l, "# text = "))
		case strings.HasPrefix(l, "# sent_id = "):
			sentID = strings.TrimSpace(strings.TrimPrefix(l, "# sent_id = "))
		case strings.HasPrefix(l, "#"):
		default:
			cols := strings.SplitN(l, "\t", 3)
			if len(cols) < 2 || strings.Contains(cols[0], ".") {
				continue // empty nodes
			}
			if a, b, ok := strings.Cut(cols[0], "-"); ok {
				// A multiword token counts as one surface token; skip its words.
				_, _ = strconv.Atoi(a)
				n, err := strconv.Atoi(b)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: bad range %q", path, line, cols[0])
				}
				skipUntil = n
				forms = append(forms, cols[1])
				continue
			}
			n, err := strconv.Atoi(cols[0])
			if err != nil {
				return nil, fmt.Errorf("%s:%d: bad id %q", path, line, cols[0])
			}
			if n <= skipUntil {
				continue
			}
			forms = append(forms, cols[1])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return docs, nil
}

// prf is a precision/recall/F1 counter.
type prf struct{ TP, Pred, Gold int }

func (c prf) scores(prefix string) []Score {
	p, r, f := c.PRF()
	return []Score{
		{Name: prefix + " precision", Value: p, N: c.Pred},
		{Name: prefix + " recall", Value: r, N: c.Gold},
		{Name: prefix + " F1", Value: f, N: c.Gold},
	}
}

// PRF returns precision, recall and F1.
func (c prf) PRF() (p, r, f float64) {
	if c.Pred > 0 {
		p = float64(c.TP) / float64(c.Pred)
	}
	if c.Gold > 0 {
		r = float64(c.TP) / float64(c.Gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

func scoreUDDocs(name string, docs []udDoc) Section {
	tok, sen, misses := countUD(docs)
	sec := Section{Name: "UD tokens/sentences " + name, Misses: misses}
	sec.Scores = append(sec.Scores, tok.scores("tokens")...)
	sec.Scores = append(sec.Scores, sen.scores("sentences")...)
	return sec
}

// countUD runs the tokenizer and splitter over docs and counts span matches.
func countUD(docs []udDoc) (tok, sen prf, misses []string) {
	for _, d := range docs {
		sents := nlp.Sentences(d.Text)
		var predT, predS []span
		for _, s := range sents {
			predS = append(predS, span{s.Start, s.End})
			for _, t := range s.Tokens {
				predT = append(predT, span{t.Start, t.End})
			}
		}
		tp, miss := matchSpans(d.Toks, predT)
		tok.TP += tp
		tok.Pred += len(predT)
		tok.Gold += len(d.Toks)
		if len(misses) < 10 {
			for _, m := range miss {
				if len(misses) >= 10 {
					break
				}
				misses = append(misses, "token: "+spanContext(d.Text, m))
			}
		}
		tp, miss = matchSpans(d.Sents, predS)
		sen.TP += tp
		sen.Pred += len(predS)
		sen.Gold += len(d.Sents)
		if len(misses) < 20 {
			for _, m := range miss {
				if len(misses) >= 20 {
					break
				}
				misses = append(misses, "sentence: "+spanContext(d.Text, span{m.End, m.End}))
			}
		}
	}
	return tok, sen, misses
}

// matchSpans counts the predicted spans that equal a gold span and returns the
// gold spans that were missed.
func matchSpans(gold, pred []span) (int, []span) {
	set := make(map[span]struct{}, len(pred))
	for _, p := range pred {
		set[p] = struct{}{}
	}
	tp := 0
	var miss []span
	for _, g := range gold {
		if _, ok := set[g]; ok {
			tp++
			delete(set, g)
		} else {
			miss = append(miss, g)
		}
	}
	return tp, miss
}

// context shows a missed span with a little text around it.
func spanContext(text string, s span) string {
	a, b := max(0, s.Start-30), min(len(text), s.End+30)
	for a > 0 && a < len(text) && text[a]&0xC0 == 0x80 {
		a--
	}
	for b < len(text) && text[b]&0xC0 == 0x80 {
		b++
	}
	return strconv.Quote(text[a:s.Start] + "[" + text[s.Start:s.End] + "]" + text[s.End:b])
}
