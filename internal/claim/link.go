package claim

import (
	"strings"
	"unicode"
)

// resolveSpeakers fills speaker and actor of each claim: pronouns and
// continuations take the earlier speaker, short references the full one.
func (e *Extractor) resolveSpeakers(ctx *itemCtx, fs []*found, in Input) {
	for i, f := range fs {
		switch {
		case f.cont:
			if prev := prevSpeaker(fs, i); prev != nil {
				f.speaker, f.actor = prev.speaker, prev.actor
			} else {
				f.speaker, f.actor = "", Actor{Name: "", Type: "unknown"}
			}
		case f.pron:
			e.resolvePronoun(ctx, fs, i)
		default:
			a, b := f.p.speakerSpan()
			f.speaker = spanText(f.text, f.ts, a, b)
			f.actor = e.actorOfNP(ctx, f.ts, f.p)
		}
		if f.targetNP != nil && f.denyTarget == "" {
			f.denyTarget = e.actorOfNP(ctx, f.ts, *f.targetNP).Name
		}
		if f.actor.Type == "person" && f.si >= 0 {
			ctx.mentions = append(ctx.mentions, mention{actor: f.actor, pos: f.start})
		}
	}
	for _, f := range fs {
		if f.src != nil {
			f.speaker, f.actor = f.src.speaker, f.src.actor
		}
	}
	e.unify(fs)
}

// prevSpeaker is the nearest earlier claim with a speaker.
func prevSpeaker(fs []*found, i int) *found {
	for k := i - 1; k >= 0; k-- {
		if fs[k].speaker != "" {
			return fs[k]
		}
	}
	return nil
}

func (e *Extractor) resolvePronoun(ctx *itemCtx, fs []*found, i int) {
	f := fs[i]
	word := f.ts[f.p.ci].low
	pos := f.ts[f.p.ci].start
	if word == "die" || word == "deze" {
		// A demonstrative points to the last person named, often not the speaker.
		best := -1
		for k, m := range ctx.mentions {
			if m.pos < pos && m.pos >= 0 && (best < 0 || m.pos > ctx.mentions[best].pos) {
				best = k
			}
		}
		if best >= 0 {
			m := ctx.mentions[best]
			f.speaker, f.actor = m.actor.Name, m.actor
			return
		}
	}
	// A plural verb ("ze zeiden", "volgens hen") points to a group or institution.
	if plural := word == "hen" || word == "hun" || (word == "ze" || word == "zij") && pluralCue(f.cue); plural {
		for k := i - 1; k >= 0; k-- {
			if fs[k].speaker != "" && fs[k].actor.Type != "person" {
				f.speaker, f.actor = fs[k].speaker, fs[k].actor
				return
			}
		}
		f.speaker = f.ts[f.p.ci].text
		f.actor = Actor{Name: f.speaker, Type: "unknown"}
		return
	}
	// hij, zij, ze: the latest speaker, a person first.
	for k := i - 1; k >= 0; k-- {
		if fs[k].actor.Type == "person" && fs[k].speaker != "" {
			f.speaker, f.actor = fs[k].speaker, fs[k].actor
			return
		}
	}
	best := -1
	for k, m := range ctx.mentions {
		if m.pos < pos && m.pos >= 0 && (best < 0 || m.pos > ctx.mentions[best].pos) {
			best = k
		}
	}
	if best >= 0 {
		f.speaker, f.actor = ctx.mentions[best].actor.Name, ctx.mentions[best].actor
		return
	}
	if p := prevSpeaker(fs, i); p != nil {
		f.speaker, f.actor = p.speaker, p.actor
		return
	}
	f.speaker = f.ts[f.p.ci].text
	f.actor = Actor{Name: f.speaker, Type: "unknown"}
}

// unify makes short references share the actor of the full one in the item:
// "de Britten" and "het Britse ministerie" → "Britse ministerie van Defensie".
func (e *Extractor) unify(fs []*found) {
	lows := make([]string, len(fs))
	for i, f := range fs {
		lows[i] = strings.ToLower(f.actor.Name)
	}
	for i, f := range fs {
		low := lows[i]
		_, demonym := e.tbl.demonyms[low]
		for j, g := range fs {
			if g == f || g.actor.Name == f.actor.Name {
				continue
			}
			gl := lows[j]
			switch {
			case demonym && f.actor.Country != nil && g.actor.Country != nil && *g.actor.Country == *f.actor.Country &&
				(g.actor.Type == "government" || g.actor.Type == "military"):
				f.actor = g.actor
			case f.actor.Type != "person" && f.actor.Type == g.actor.Type && len(gl) > len(low) && strings.Contains(gl, low):
				f.actor = g.actor
			default:
				continue
			}
			lows[i] = strings.ToLower(f.actor.Name)
			break
		}
	}
	// Unnamed spokesmen take the country of the government last speaking.
	var lastGov *Actor
	for _, f := range fs {
		if f.actor.Country == nil && f.actor.Type == "government" && lastGov != nil {
			f.actor.Country = lastGov.Country
		}
		if f.actor.Type == "government" && f.actor.Country != nil {
			a := f.actor
			lastGov = &a
		}
	}
}

// linkLocal links denials to the claims they reject within the item.
func (e *Extractor) linkLocal(fs []*found) {
	for i, f := range fs {
		if f.stance != "deny" {
			continue
		}
		c := f.claim
		switch {
		case f.targetRef != nil && f.targetRef.claim != nil:
			c.Target = f.targetRef.actor.Name
			c.Disputes = append(c.Disputes, f.targetRef.claim.ID)
			continue
		case f.prevDeny != nil:
			c.Target = f.prevDeny.claim.Target
			c.Disputes = append(c.Disputes, f.prevDeny.claim.Disputes...)
			continue
		case f.denyTarget != "":
			c.Target = f.denyTarget
		default:
			// No target named: the earlier claim by another source that shares the
			// most content words with the denial, else the latest one; with no
			// earlier claim, the next one ("X ontkent ... Y had eerder gemeld ...").
			var best *found
			bestScore := 0
			for k := i - 1; k >= 0; k-- {
				g := fs[k]
				if !rivals(f, g) {
					continue
				}
				if sc := overlap(f, g); best == nil || sc > bestScore {
					best, bestScore = g, sc
				}
			}
			if best == nil {
				for k := i + 1; k < len(fs); k++ {
					if rivals(f, fs[k]) {
						best = fs[k]
						break
					}
				}
			}
			if best != nil {
				c.Target = best.actor.Name
			}
		}
		if c.Target == "" {
			continue
		}
		for _, g := range fs {
			if g != f && g.stance != "deny" && sameActorName(g.actor.Name, c.Target) {
				c.Disputes = append(c.Disputes, g.claim.ID)
			}
		}
	}
}

// rivals reports whether g is a claim that denial f may reject: another source,
// not a denial itself, and not the same country speaking.
func rivals(f, g *found) bool {
	if g.stance == "deny" || g.actor.Name == f.actor.Name || g.actor.Name == "" {
		return false
	}
	return g.actor.Country == nil || f.actor.Country == nil || *g.actor.Country != *f.actor.Country ||
		g.actor.Type == "group" || f.actor.Type == "group" // rebels and militias oppose their own country's state
}

// overlap counts the content words (five letters or more, no reporting verbs)
// that the contents of two claims share; contents leave out the attribution.
func overlap(f, g *found) int {
	seen := map[string]bool{}
	for _, w := range contentWords(g.content) {
		seen[w] = true
	}
	n := 0
	for _, w := range contentWords(f.content) {
		if seen[w] {
			n++
			seen[w] = false
		}
	}
	return n
}

func contentWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
	}) {
		if len(w) >= 5 && !cueVerbs[w] && !cueParticiples[w] && !npStop[w] && !frontAdverbs[w] && !auxVerbs[w] {
			out = append(out, w)
		}
	}
	return out
}

// sameActorName matches a target named short ("het leger") to the claims of
// the full name ("Israëlische leger").
func sameActorName(name, target string) bool {
	if strings.EqualFold(name, target) {
		return true
	}
	n, t := strings.ToLower(name), strings.ToLower(target)
	return len(t) >= 4 && strings.HasSuffix(n, " "+t)
}

// LinkDisputes links denials to the claims they reject across the items of one
// page: a denial whose target has no claim in its own item gets the target's
// claims from the other items.
func (e *Extractor) LinkDisputes(items [][]Claim) {
	for i := range items {
		for j := range items[i] {
			c := &items[i][j]
			if c.Stance != "deny" || c.Target == "" || len(c.Disputes) > 0 {
				continue
			}
			for k := range items {
				if k == i {
					continue
				}
				for _, g := range items[k] {
					if g.Stance != "deny" && strings.EqualFold(g.Actor.Name, c.Target) {
						c.Disputes = append(c.Disputes, g.ID)
					}
				}
			}
		}
	}
}

// pluralCue reports whether the cue's verb is plural ("zeiden", "melden").
func pluralCue(cue string) bool {
	w := strings.ToLower(cue)
	if i := strings.IndexByte(w, ' '); i >= 0 {
		w = w[:i]
	}
	return strings.HasSuffix(w, "en") && len(w) > 4
}
