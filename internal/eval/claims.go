package eval

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"wirewatch/internal/analyze"
	"wirewatch/internal/claim"
)

// claimMaxMisses bounds the error examples of the claims section.
const claimMaxMisses = 40

// ScoreClaims scores predicted claims against the gold claims.
//
// Matching (DESIGN.md): a predicted claim matches a gold claim when it is in the
// item with the same n, its sentence contains the gold `sentence` fragment (after
// normalising whitespace, quote marks and case), and its speaker overlaps the gold
// speaker or one of its aliases (one is a contiguous word sequence of the other,
// case-insensitive). Pairs are chosen one-to-one and greedily, most constrained
// gold claim first.
//
// On matched pairs:
//   - speaker accuracy: the predicted actor name equals the gold actor name, or the
//     predicted speaker equals the gold speaker or an alias (case-insensitive,
//     leading article dropped);
//   - mode and stance accuracy: equal values;
//   - dispute-link recall: of the gold claims with `disputes`, the share whose
//     prediction lists the id of the prediction matched to the disputed claim
//     (an unmatched denial or target counts as a miss);
//   - dispute-link precision: of the predicted links, the share that point from a
//     matched claim to the prediction of a claim its gold lists in `disputes` or
//     `also_disputes`.
func ScoreClaims(gold []GoldPage, pred []analyze.Result) Section {
	sec := Section{Name: "claims"}
	var tp, nGold, nPred int
	var spkOK, modeOK, stanceOK int
	var dispN, dispOK, linkN, linkOK int
	var fnMiss, fpMiss []string
	for pi, g := range gold {
		if pi >= len(pred) {
			break
		}
		items := map[int]*analyze.Item{}
		for i := range pred[pi].Items {
			it := &pred[pi].Items[i]
			items[it.N] = it
		}
		// Per page: gold id → matched prediction, and prediction id → gold claim.
		goldToPred := map[string]*claim.Claim{}
		predToGold := map[string]*GoldClaim{}
		var matchedGold []*GoldClaim
		seenItems := map[int]bool{}
		for gi := range g.Items {
			gitem := &g.Items[gi]
			seenItems[gitem.N] = true
			var pcs []claim.Claim
			if it := items[gitem.N]; it != nil {
				pcs = it.Claims
			}
			nGold += len(gitem.Claims)
			nPred += len(pcs)
			cand := make([][]int, len(gitem.Claims))
			goldsOf := make([]int, len(pcs))
			for a := range gitem.Claims {
				for b := range pcs {
					if claimMatches(&gitem.Claims[a], &pcs[b]) {
						cand[a] = append(cand[a], b)
						goldsOf[b]++
					}
				}
			}
			order := make([]int, len(gitem.Claims))
			for a := range order {
				order[a] = a
			}
			sort.SliceStable(order, func(x, y int) bool { return len(cand[order[x]]) < len(cand[order[y]]) })
			used := make([]bool, len(pcs))
			for _, a := range order {
				best := -1
				for _, b := range cand[a] {
					if used[b] {
						continue
					}
					if best < 0 || betterCandidate(&gitem.Claims[a], &pcs[b], &pcs[best], goldsOf[b], goldsOf[best]) {
						best = b
					}
				}
				gc := &gitem.Claims[a]
				if best < 0 {
					if len(fnMiss) < claimMaxMisses {
						fnMiss = append(fnMiss, fmt.Sprintf("FN %s item %d %s: %q (speaker %q)", pageShort(g.Page), gitem.N, gc.ID, clip(gc.Sentence, 70), gc.Speaker))
					}
					continue
				}
				used[best] = true
				pc := &pcs[best]
				tp++
				goldToPred[gc.ID] = pc
				predToGold[pc.ID] = gc
				matchedGold = append(matchedGold, gc)
				if speakerCorrect(gc, pc) {
					spkOK++
				} else if len(fnMiss) < claimMaxMisses {
					fnMiss = append(fnMiss, fmt.Sprintf("SPK %s %s: gold %q/%q, got %q/%q", pageShort(g.Page), gc.ID, gc.Speaker, gc.Actor.Name, pc.Speaker, pc.Actor.Name))
				}
				if gc.Mode == pc.Mode {
					modeOK++
				} else if len(fnMiss) < claimMaxMisses {
					fnMiss = append(fnMiss, fmt.Sprintf("MODE %s %s: gold %s, got %s", pageShort(g.Page), gc.ID, gc.Mode, pc.Mode))
				}
				if gc.Stance == pc.Stance {
					stanceOK++
				} else if len(fnMiss) < claimMaxMisses {
					fnMiss = append(fnMiss, fmt.Sprintf("STANCE %s %s: gold %s, got %s", pageShort(g.Page), gc.ID, gc.Stance, pc.Stance))
				}
			}
			for b := range pcs {
				if !used[b] && len(fpMiss) < claimMaxMisses {
					fpMiss = append(fpMiss, fmt.Sprintf("FP %s item %d: %q (speaker %q, cue %q)", pageShort(g.Page), gitem.N, clip(pcs[b].Sentence, 70), pcs[b].Speaker, pcs[b].Cue))
				}
			}
		}
		// Predictions in items the gold does not have are false positives too.
		for n, it := range items {
			if !seenItems[n] {
				nPred += len(it.Claims)
			}
		}
		// Dispute links.
		for gi := range g.Items {
			for a := range g.Items[gi].Claims {
				gc := &g.Items[gi].Claims[a]
				if gc.Disputes == nil || *gc.Disputes == "" {
					continue
				}
				dispN++
				p, q := goldToPred[gc.ID], goldToPred[*gc.Disputes]
				if p != nil && q != nil && contains(p.Disputes, q.ID) {
					dispOK++
				} else if len(fnMiss) < claimMaxMisses {
					fnMiss = append(fnMiss, fmt.Sprintf("LINK %s %s → %s not linked", pageShort(g.Page), gc.ID, *gc.Disputes))
				}
			}
		}
		for _, it := range pred[pi].Items {
			for _, pc := range it.Claims {
				for _, d := range pc.Disputes {
					linkN++
					gc, gd := predToGold[pc.ID], predToGold[d]
					if gc == nil || gd == nil {
						continue
					}
					if gc.Disputes != nil && *gc.Disputes == gd.ID || contains(gc.AlsoDisputes, gd.ID) {
						linkOK++
					}
				}
			}
		}
	}
	p := ratio(tp, nPred)
	r := ratio(tp, nGold)
	f1 := 0.0
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	sec.Scores = []Score{
		{Name: "claim precision", Value: p, N: nPred},
		{Name: "claim recall", Value: r, N: nGold},
		{Name: "claim F1", Value: f1, N: nGold},
		{Name: "speaker accuracy (matched)", Value: ratio(spkOK, tp), N: tp},
		{Name: "mode accuracy (matched)", Value: ratio(modeOK, tp), N: tp},
		{Name: "stance accuracy (matched)", Value: ratio(stanceOK, tp), N: tp},
		{Name: "dispute-link recall", Value: ratio(dispOK, dispN), N: dispN},
		{Name: "dispute-link precision", Value: ratio(linkOK, linkN), N: linkN},
	}
	sec.Misses = append(fnMiss, fpMiss...)
	return sec
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func pageShort(p string) string {
	if i := strings.IndexByte(p, '_'); i > 0 {
		return p[:i]
	}
	return p
}

// claimMatches is the matching rule of DESIGN.md.
func claimMatches(g *GoldClaim, p *claim.Claim) bool {
	frag := normText(g.Sentence)
	if frag == "" || !strings.Contains(normText(p.Sentence), frag) {
		return false
	}
	ps := speakerWords(p.Speaker)
	if len(ps) == 0 {
		return false
	}
	for _, s := range append([]string{g.Speaker}, g.SpeakerAliases...) {
		gs := speakerWords(s)
		if len(gs) > 0 && (subseq(ps, gs) || subseq(gs, ps)) {
			return true
		}
	}
	return false
}

// betterCandidate prefers the prediction that fewer gold claims can take, then an
// exact speaker, then the shorter sentence.
func betterCandidate(g *GoldClaim, a, b *claim.Claim, ga, gb int) bool {
	if ga != gb {
		return ga < gb
	}
	ea, eb := speakerCorrect(g, a), speakerCorrect(g, b)
	if ea != eb {
		return ea
	}
	return len(a.Sentence) < len(b.Sentence)
}

// speakerCorrect: same actor name, or the speaker is the gold speaker or an alias.
func speakerCorrect(g *GoldClaim, p *claim.Claim) bool {
	if normName(p.Actor.Name) != "" && normName(p.Actor.Name) == normName(g.Actor.Name) {
		return true
	}
	ps := normName(p.Speaker)
	if ps == "" {
		return false
	}
	for _, s := range append([]string{g.Speaker}, g.SpeakerAliases...) {
		if normName(s) == ps {
			return true
		}
	}
	return false
}

// normText folds case, quote marks and whitespace.
func normText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch r {
		case '“', '”', '„', '«', '»', '\'', '‘', '’', '`':
			r = '"'
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// normName lower-cases a name and drops a leading article.
func normName(s string) string {
	w := speakerWords(s)
	if len(w) > 0 && (w[0] == "de" || w[0] == "het" || w[0] == "een") {
		w = w[1:]
	}
	return strings.Join(w, " ")
}

// speakerWords splits a speaker span into lower-case words.
func speakerWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-')
	})
}

// subseq reports whether needle is a contiguous word sequence of hay.
func subseq(hay, needle []string) bool {
	if len(needle) == 0 || len(needle) > len(hay) {
		return false
	}
outer:
	for i := 0; i+len(needle) <= len(hay); i++ {
		for j := range needle {
			if hay[i+j] != needle[j] {
				continue outer
			}
		}
		return true
	}
	return false
}
