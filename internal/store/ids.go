package store

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// DefaultLimit is the page size when Filter.Limit is 0; MaxLimit caps it.
const (
	DefaultLimit = 50
	MaxLimit     = 1000
)

// PageSize is f.Limit clamped to [1, MaxLimit], DefaultLimit when unset.
func PageSize(f Filter) int {
	switch {
	case f.Limit <= 0:
		return DefaultLimit
	case f.Limit > MaxLimit:
		return MaxLimit
	}
	return f.Limit
}

// ActorID is the id of an actor: a slug of its canonical name
// ("Volodymyr Zelensky" → "volodymyr-zelensky", "Koerdische PKK" → "koerdische-pkk").
// Diacritics are dropped so spelling variants with and without them meet.
func ActorID(name string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	s, _, err := transform.String(t, name)
	if err != nil {
		s = name
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// ClaimActorID is the actor id a claim is filed under: its normalised actor,
// else its speaker span; "" when neither is known.
func ClaimActorID(actorName, speaker string) string {
	if id := ActorID(actorName); id != "" {
		return id
	}
	return ActorID(speaker)
}
