package ner

import (
	"math"

	"wirewatch/internal/nlp"
)

// Labels is the tag set, in the order of the weight rows' columns.
var Labels = []string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"}

// Model is a trained structured-perceptron tagger: hashed features -> per-tag
// weights, tag-bigram transition weights, and the lexical resources the features use.
// It is read-only after loading, so it is safe for concurrent use.
type Model struct {
	tags    []string
	allowed []bool // (len(tags)+1) x len(tags): prev (row 0 = start) -> cur; keeps IOB2 valid
	index   map[uint32]int32
	w       []float32 // rows x len(tags)
	trans   []float32 // (len(tags)+1) x len(tags)
	scale   float32   // weights are multiples of scale (quantised for the file)
	res     resources
	// stage1, when set, tags first; its tags of each token, its neighbours and the
	// word's other occurrences in the document are features of this model (stacking).
	stage1 *Model
}

func newModel(tags []string, res resources) *Model {
	m := &Model{tags: tags, index: map[uint32]int32{}, res: res}
	nt := len(tags)
	m.trans = make([]float32, (nt+1)*nt)
	m.allowed = make([]bool, (nt+1)*nt)
	for p := -1; p < nt; p++ {
		for c := 0; c < nt; c++ {
			cp, ct := splitTag(tags[c])
			ok := true
			if cp == 'I' {
				ok = false
				if p >= 0 {
					_, pt := splitTag(tags[p])
					ok = tags[p] != "O" && pt == ct
				}
			}
			m.allowed[(p+1)*nt+c] = ok
		}
	}
	return m
}

// Tags returns the model's tag set.
func (m *Model) Tags() []string { return append([]string(nil), m.tags...) }

// Tag labels one sentence's words with IOB2 tags (the sentence is its own document).
func (m *Model) Tag(words []string) []string { return m.TagDoc([][]string{words})[0] }

// TagDoc labels the sentences of one document; the features of a word see its
// other occurrences in the document.
func (m *Model) TagDoc(sents [][]string) [][]string {
	infos := m.docInfos(sents)
	var scores [][]float32
	if m.stage1 != nil {
		// The first-stage features are also the second stage's; hash them once.
		preds := make([][]int, len(sents))
		scores = make([][]float32, len(sents))
		var buf []uint32
		nt := len(m.tags)
		for si := range sents {
			n := len(infos[si])
			s1 := make([]float32, n*nt)
			s2 := make([]float32, n*nt)
			for i := range infos[si] {
				buf = features(buf[:0], &m.res, infos[si], i)
				m.stage1.addWeights(buf, s1[i*nt:(i+1)*nt])
				m.addWeights(buf, s2[i*nt:(i+1)*nt])
			}
			preds[si] = m.stage1.decode(infos[si], s1)
			scores[si] = s2
		}
		applyStage1(infos, preds)
		for si := range sents {
			for i := range infos[si] {
				buf = stackFeatures(buf[:0], infos[si], i)
				m.addWeights(buf, scores[si][i*nt:(i+1)*nt])
			}
		}
	}
	out := make([][]string, len(sents))
	for si := range sents {
		var sc []float32
		if scores != nil {
			sc = scores[si]
		}
		idx := m.decode(infos[si], sc)
		tags := make([]string, len(idx))
		for i, t := range idx {
			tags[i] = m.tags[t]
		}
		out[si] = tags
	}
	return out
}

func (m *Model) docInfos(sents [][]string) [][]tokInfo {
	infos := make([][]tokInfo, len(sents))
	for i, s := range sents {
		infos[i] = m.res.info(s)
	}
	linkDoc(infos)
	return infos
}

// Entities tags each sentence and returns the entity spans with byte offsets into text.
func (m *Model) Entities(text string, sents []nlp.Sentence) []Entity {
	out := []Entity{}
	words := make([][]string, len(sents))
	for si, s := range sents {
		for _, t := range s.Tokens {
			words[si] = append(words[si], t.Text)
		}
	}
	tagged := m.TagDoc(words)
	for si, s := range sents {
		for _, c := range Chunks(tagged[si]) {
			start, end := s.Tokens[c.Start].Start, s.Tokens[c.End-1].End
			if start < 0 || end > len(text) || start > end {
				continue
			}
			out = append(out, Entity{Text: text[start:end], Type: c.Type, Start: start, End: end})
		}
	}
	return out
}

// emissions fills scores (len(infos) x nt) with the summed feature weights.
func (m *Model) emissions(infos []tokInfo, scores []float32) {
	nt := len(m.tags)
	var buf []uint32
	for i := range infos {
		buf = features(buf[:0], &m.res, infos, i)
		m.addWeights(buf, scores[i*nt:(i+1)*nt])
	}
}

// addWeights adds the weight rows of the features to one token's tag scores.
func (m *Model) addWeights(feats []uint32, row []float32) {
	nt := len(m.tags)
	for _, h := range feats {
		r, ok := m.index[h]
		if !ok {
			continue
		}
		wr := m.w[int(r)*nt : int(r+1)*nt]
		for t := range row {
			row[t] += wr[t]
		}
	}
}

// decode runs Viterbi over the emission scores and the transition weights.
func (m *Model) decode(infos []tokInfo, scores []float32) []int {
	nt := len(m.tags)
	n := len(infos)
	if n == 0 {
		return nil
	}
	if scores == nil {
		scores = make([]float32, n*nt)
		m.emissions(infos, scores)
	}
	return viterbi(scores, m.trans, m.allowed, nt, n)
}

func viterbi(scores, trans []float32, allowed []bool, nt, n int) []int {
	negInf := float32(math.Inf(-1))
	delta := make([]float32, n*nt)
	back := make([]int32, n*nt)
	for c := 0; c < nt; c++ {
		if allowed[c] {
			delta[c] = scores[c] + trans[c]
		} else {
			delta[c] = negInf
		}
	}
	for i := 1; i < n; i++ {
		prev := delta[(i-1)*nt : i*nt]
		cur := delta[i*nt : (i+1)*nt]
		for c := 0; c < nt; c++ {
			best, bestP := negInf, int32(0)
			for p := 0; p < nt; p++ {
				if !allowed[(p+1)*nt+c] || prev[p] == negInf {
					continue
				}
				if s := prev[p] + trans[(p+1)*nt+c]; s > best {
					best, bestP = s, int32(p)
				}
			}
			if best == negInf {
				cur[c] = negInf
			} else {
				cur[c] = best + scores[i*nt+c]
			}
			back[i*nt+c] = bestP
		}
	}
	out := make([]int, n)
	last := delta[(n-1)*nt : n*nt]
	best := 0
	for c := 1; c < nt; c++ {
		if last[c] > last[best] {
			best = c
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = best
		best = int(back[i*nt+best])
	}
	return out
}
