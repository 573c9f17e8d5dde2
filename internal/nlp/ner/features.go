package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// featureVersion changes whenever the feature templates change, so that an old
// model file is refused instead of silently giving bad tags.
const featureVersion = 5

// Feature templates. Each feature is a 32-bit FNV-1a hash of its template id and
// its value strings; the model keeps weights only for hashes seen in training.
const (
	fBias = iota + 1
	fWord
	fLower
	fPrefix // + length-1 (4 ids)
	_
	_
	_
	fSuffix // + length-1 (4 ids)
	_
	_
	_
	fShape
	fShortShape
	fFlag
	fFirst
	fLowerM1
	fLowerP1
	fLowerM2
	fLowerP2
	fBigramM1
	fBigramP1
	fShapeM1
	fShapeP1
	fClusterCoarse
	fClusterFine
	fClusterFineM1
	fClusterFineP1
	fClusterCoarseM2
	fClusterCoarseP2
	fGaz
	fGazM1
	fGazP1
	fCaps
	fShapeLowerM1
	fLength
	fWordM1
	fWordP1
	fShapeM1Shape
	fShapeShapeP1
	fSuffixM1
	fSuffixP1
	fShapeLowerP1
	fCoarseBigram
	fClusterCap
	fCapRun
	fHyphenHead
	fHyphenTail
	fHyphenHeadCluster
	fUpperSentence
	fClusterLeaf
	fDocPrev
	fDocNext
	fDocMidCap
	fDocLonger
	fDocGaz
	fS1
	fS1Prev
	fS1Next
	fS1Doc
	fS1DocOnly
	fS1Word
)

// Gazetteer bits for one token: B or I of a longest match, per type.
const (
	gazLocB = 1 << iota
	gazLocI
	gazPerB
	gazPerI
	gazOrgB
	gazOrgI
	gazMiscB
	gazMiscI
)

// tokInfo is what the features of one token are built from; computed once per token.
type tokInfo struct {
	word, lower    string
	shape, short   string
	coarse, fine   uint32 // cluster ids + 1; 0 = word not in the cluster vocabulary
	leaf           uint32 // sub-cluster of fine (leafSplit per fine cluster) + 1
	caps           uint8  // how often the lower form is capitalised mid-sentence (bucket + 1; 0 = unknown)
	gaz            uint8
	initCap        bool
	allCaps        bool
	hasDigit       bool
	hasHyphen      bool
	hasLower       bool
	hasUpper       bool
	isPunct        bool
	upperSent      bool     // the sentence is written in capitals
	doc            *docWord // what the rest of the document says about this word (capitalised words only)
	s1             uint32   // first-stage tag + 1 (stacked models only)
	runeLen        int
	lowerRuneEnds  [4]int // byte end of the first 1..4 runes of lower
	lowerRuneStart [4]int // byte start of the last 1..4 runes of lower
}

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func hashStart(tmpl byte) uint32 {
	h := uint32(fnvOffset)
	h ^= uint32(tmpl)
	h *= fnvPrime
	return h
}

func hashAdd(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= fnvPrime
	}
	// A separator keeps ("ab","c") apart from ("a","bc").
	h ^= 0xff
	h *= fnvPrime
	return h
}

func hashUint(h uint32, v uint32) uint32 {
	for i := 0; i < 4; i++ {
		h ^= v & 0xff
		h *= fnvPrime
		v >>= 8
	}
	return h
}

func feat1(tmpl byte, s string) uint32            { return hashAdd(hashStart(tmpl), s) }
func featSN(tmpl byte, s string, v uint32) uint32 { return hashUint(hashAdd(hashStart(tmpl), s), v) }
func feat2(tmpl byte, a, b string) uint32         { return hashAdd(hashAdd(hashStart(tmpl), a), b) }
func featN(tmpl byte, v uint32) uint32            { return hashUint(hashStart(tmpl), v) }

// wordShape maps upper case to X, lower case to x, digits to d and keeps other
// characters; short collapses runs of the same class ("Xxxx" -> "Xx").
func wordShape(w string) (shape, short string) {
	var b, s strings.Builder
	var last rune = -1
	n := 0
	for _, r := range w {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		if n < 6 {
			b.WriteRune(c)
		}
		n++
		if c != last {
			s.WriteRune(c)
			last = c
		}
	}
	return b.String(), s.String()
}

// capsBucket turns the capitalised share of a word's mid-sentence occurrences into
// a small bucket; it tells a name apart from a common word that opens a sentence.
func capsBucket(capital, total int) uint8 {
	if total == 0 {
		return 0
	}
	r := float64(capital) / float64(total)
	switch {
	case r < 0.05:
		return 1
	case r < 0.3:
		return 2
	case r < 0.7:
		return 3
	case r < 0.95:
		return 4
	default:
		return 5
	}
}

// resources are the lexical resources the features look up.
type resources struct {
	clusters map[string]uint32 // surface word -> coarse<<16 | leaf (both +1)
	caps     map[string]uint8  // lower word -> caps bucket
	gaz      *gazetteer
}

func (r *resources) info(words []string) []tokInfo {
	infos := make([]tokInfo, len(words))
	for i, w := range words {
		t := &infos[i]
		t.word = w
		t.lower = strings.ToLower(w)
		t.shape, t.short = wordShape(w)
		first := true
		for _, c := range w {
			switch {
			case unicode.IsUpper(c):
				t.hasUpper = true
				if first {
					t.initCap = true
				}
			case unicode.IsLower(c):
				t.hasLower = true
			case unicode.IsDigit(c):
				t.hasDigit = true
			case c == '-':
				t.hasHyphen = true
			}
			first = false
		}
		t.allCaps = t.hasUpper && !t.hasLower
		t.isPunct = !t.hasUpper && !t.hasLower && !t.hasDigit
		// rune boundaries of the lower form for prefixes and suffixes
		n := 0
		for j := range t.lower {
			if n > 0 && n <= 4 {
				t.lowerRuneEnds[n-1] = j
			}
			n++
		}
		t.runeLen = n
		if n <= 4 && n > 0 {
			t.lowerRuneEnds[n-1] = len(t.lower)
		}
		end := len(t.lower)
		for k := 0; k < 4 && end > 0; k++ {
			_, size := utf8.DecodeLastRuneInString(t.lower[:end])
			end -= size
			t.lowerRuneStart[k] = end
		}
		if r.clusters != nil {
			if c, ok := r.clusters[w]; ok {
				t.coarse, t.leaf = c>>16, c&0xffff
				if t.leaf != 0 {
					t.fine = (t.leaf-1)/leafSplit + 1
				}
			}
		}
		if r.caps != nil {
			t.caps = r.caps[t.lower]
		}
	}
	if upperSentence(infos) {
		for i := range infos {
			infos[i].upperSent = true
		}
	}
	if r.gaz != nil {
		r.gaz.mark(infos)
	}
	return infos
}

// features appends the feature hashes of token i to buf.
func features(buf []uint32, r *resources, infos []tokInfo, i int) []uint32 {
	t := &infos[i]
	buf = append(buf, featN(fBias, 0), feat1(fWord, t.word), feat1(fLower, t.lower))
	for k := 0; k < 4 && k < t.runeLen; k++ {
		buf = append(buf, feat1(byte(fPrefix+k), t.lower[:t.lowerRuneEnds[k]]))
		buf = append(buf, feat1(byte(fSuffix+k), t.lower[t.lowerRuneStart[k]:]))
	}
	buf = append(buf, feat1(fShape, t.shape), feat1(fShortShape, t.short))
	flag := uint32(0)
	for j, b := range []bool{t.initCap, t.allCaps, t.hasDigit, t.hasHyphen, t.hasUpper && t.hasLower && !t.initCap, t.isPunct} {
		if b {
			flag |= 1 << j
		}
	}
	buf = append(buf, featN(fFlag, flag))
	if i == 0 {
		// A capital on the first token says little; say so explicitly.
		buf = append(buf, featN(fFirst, flag))
	}
	buf = append(buf, featN(fLength, uint32(min(t.runeLen, 12))))
	buf = append(buf, featN(fCaps, uint32(t.caps)<<8|flag&3|boolBit(i == 0)<<4))
	get := func(j int) (string, string, string) {
		if j < 0 {
			return "<s>", "<s>", "<s>"
		}
		if j >= len(infos) {
			return "</s>", "</s>", "</s>"
		}
		return infos[j].lower, infos[j].short, infos[j].word
	}
	lm1, sm1, wm1 := get(i - 1)
	lp1, sp1, wp1 := get(i + 1)
	lm2, _, _ := get(i - 2)
	lp2, _, _ := get(i + 2)
	buf = append(buf,
		feat1(fLowerM1, lm1), feat1(fLowerP1, lp1), feat1(fLowerM2, lm2), feat1(fLowerP2, lp2),
		feat2(fBigramM1, lm1, t.lower), feat2(fBigramP1, t.lower, lp1),
		feat1(fShapeM1, sm1), feat1(fShapeP1, sp1),
		feat2(fShapeLowerM1, t.short, lm1),
		feat1(fWordM1, wm1), feat1(fWordP1, wp1),
		feat2(fShapeM1Shape, sm1, t.short), feat2(fShapeShapeP1, t.short, sp1),
	)
	if t.fine != 0 {
		buf = append(buf, featN(fClusterCoarse, t.coarse), featN(fClusterFine, t.fine), featN(fClusterLeaf, t.leaf))
	} else {
		buf = append(buf, featN(fClusterFine, 0))
	}
	clusterAt := func(j int) (uint32, uint32) {
		if j < 0 {
			return 0xfffe, 0xfffe
		}
		if j >= len(infos) {
			return 0xffff, 0xffff
		}
		return infos[j].coarse, infos[j].fine
	}
	_, f := clusterAt(i - 1)
	buf = append(buf, featN(fClusterFineM1, f))
	_, f = clusterAt(i + 1)
	buf = append(buf, featN(fClusterFineP1, f))
	c, _ := clusterAt(i - 2)
	buf = append(buf, featN(fClusterCoarseM2, c))
	c, _ = clusterAt(i + 2)
	buf = append(buf, featN(fClusterCoarseP2, c))
	sufAt := func(j int) string {
		if j < 0 || j >= len(infos) {
			return "|"
		}
		return infos[j].lower[infos[j].lowerRuneStart[min(2, infos[j].runeLen-1)]:]
	}
	buf = append(buf, feat1(fSuffixM1, sufAt(i-1)), feat1(fSuffixP1, sufAt(i+1)), feat2(fShapeLowerP1, t.short, lp1))
	cm1, _ := clusterAt(i - 1)
	buf = append(buf, featN(fCoarseBigram, cm1<<16|t.coarse), featN(fClusterCap, t.fine<<2|flag&3))
	if t.initCap {
		// length of the run of capitalised tokens and the place in it
		a, z := i, i
		for a > 0 && infos[a-1].initCap {
			a--
		}
		for z+1 < len(infos) && infos[z+1].initCap {
			z++
		}
		buf = append(buf, featN(fCapRun, uint32(min(z-a+1, 5))<<8|uint32(min(i-a, 4))))
	}
	if t.hasHyphen {
		if k := strings.IndexByte(t.lower, '-'); k > 0 && k < len(t.lower)-1 {
			head, tail := t.word[:k], t.lower[k+1:]
			buf = append(buf, feat1(fHyphenHead, strings.ToLower(head)), feat1(fHyphenTail, tail))
			if r.clusters != nil {
				if c, ok := r.clusters[head]; ok {
					buf = append(buf, featN(fHyphenHeadCluster, c>>16))
				}
			}
		}
	}
	if t.upperSent {
		buf = append(buf, featN(fUpperSentence, flag))
	}
	if d := t.doc; d != nil {
		for _, w := range d.prev {
			buf = append(buf, feat1(fDocPrev, w))
		}
		for _, w := range d.next {
			buf = append(buf, feat1(fDocNext, w))
		}
		buf = append(buf, featN(fDocMidCap, boolBit(d.lower)<<2|boolBit(d.midCap)<<1|boolBit(i == 0)), featN(fDocLonger, boolBit(d.inLonger)<<1|boolBit(d.alone)))
		buf = appendGaz(buf, fDocGaz, d.gaz)
	}
	buf = stackFeatures(buf, infos, i)
	buf = appendGaz(buf, fGaz, t.gaz)
	if i > 0 {
		buf = appendGaz(buf, fGazM1, infos[i-1].gaz)
	}
	if i+1 < len(infos) {
		buf = appendGaz(buf, fGazP1, infos[i+1].gaz)
	}
	return buf
}

// docWord gathers the contexts of a capitalised word over all its occurrences in
// a document, so that one clear mention ("in Bachmoet") helps the others.
type docWord struct {
	prev, next []string // distinct lower-case neighbours, at most maxDocContexts each
	midCap     bool     // capitalised somewhere not at the start of a sentence
	inLonger   bool     // part of a longer run of capitalised words somewhere
	alone      bool     // a capitalised run of its own somewhere
	lower      bool     // also written in lower case in the document
	gaz        uint8    // gazetteer bits of all its occurrences
	s1Types    uint32   // entity types the first stage gave its occurrences (bit per label)
}

const maxDocContexts = 6

// linkDoc fills tokInfo.doc for the capitalised words of a document's sentences.
func linkDoc(doc [][]tokInfo) {
	words := map[string]*docWord{}
	lowers := map[string]bool{}
	for _, infos := range doc {
		for i := range infos {
			if infos[i].hasLower && !infos[i].hasUpper {
				lowers[infos[i].word] = true
			}
		}
	}
	add := func(list []string, w string) []string {
		if len(list) >= maxDocContexts {
			return list
		}
		for _, x := range list {
			if x == w {
				return list
			}
		}
		return append(list, w)
	}
	for _, infos := range doc {
		for i := range infos {
			t := &infos[i]
			if !t.initCap || t.allCaps && t.runeLen == 1 {
				continue
			}
			d := words[t.word]
			if d == nil {
				d = &docWord{}
				words[t.word] = d
			}
			if i > 0 {
				d.prev = add(d.prev, infos[i-1].lower)
				d.midCap = true
			}
			if i+1 < len(infos) {
				d.next = add(d.next, infos[i+1].lower)
			}
			before := i > 0 && infos[i-1].initCap
			after := i+1 < len(infos) && infos[i+1].initCap
			if before || after {
				d.inLonger = true
			} else {
				d.alone = true
			}
			d.lower = d.lower || lowers[t.lower]
			d.gaz |= t.gaz
			t.doc = d
		}
	}
}

// applyStage1 puts the first stage's tags into the token infos of a document.
func applyStage1(doc [][]tokInfo, preds [][]int) {
	for si, infos := range doc {
		for i := range infos {
			infos[i].s1 = uint32(preds[si][i]) + 1
			if d := infos[i].doc; d != nil {
				// entity type of the label: B-X and I-X share a bit
				d.s1Types |= 1 << ((preds[si][i] + 1) / 2)
			}
		}
	}
}

// upperSentence says whether most letters of the sentence are capitals (a headline
// in capitals), where case says nothing.
func upperSentence(infos []tokInfo) bool {
	up, all := 0, 0
	for i := range infos {
		if infos[i].hasUpper || infos[i].hasLower {
			all++
			if infos[i].allCaps {
				up++
			}
		}
	}
	return all >= 3 && up*4 >= all*3
}

// stackFeatures appends the features made of the first stage's tags (none
// before the first stage has run).
func stackFeatures(buf []uint32, infos []tokInfo, i int) []uint32 {
	t := &infos[i]
	if t.s1 == 0 {
		return buf
	}
	prev, next := uint32(0), uint32(0)
	if i > 0 {
		prev = infos[i-1].s1
	}
	if i+1 < len(infos) {
		next = infos[i+1].s1
	}
	buf = append(buf, featN(fS1, t.s1), featN(fS1Prev, prev<<8|t.s1), featN(fS1Next, t.s1<<8|next),
		featSN(fS1Word, t.lower, t.s1))
	if t.doc != nil {
		buf = append(buf, featN(fS1Doc, t.doc.s1Types<<8|t.s1), featN(fS1DocOnly, t.doc.s1Types))
	}
	return buf
}

func appendGaz(buf []uint32, tmpl byte, g uint8) []uint32 {
	for b := 0; b < 8; b++ {
		if g&(1<<b) != 0 {
			buf = append(buf, featN(tmpl, uint32(b)))
		}
	}
	return buf
}

func boolBit(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}
