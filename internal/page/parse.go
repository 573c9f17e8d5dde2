package page

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"time"
)

// Parse reads one page. capturedAt may be nil when unknown.
// PLACEHOLDER: the real parser replaces this file.
func Parse(source string, raw []byte, capturedAt *time.Time) (Page, []Item, error) {
	sum := sha256.Sum256(raw)
	p := Page{ID: hex.EncodeToString(sum[:]), Source: source, Format: FormatText, CapturedAt: capturedAt, Raw: raw}
	if len(raw) == 0 {
		return p, nil, errors.New("empty page")
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	h := lines[0]
	body := strings.Join(lines[1:], "\n")
	id := sha256.Sum256([]byte(body))
	return p, []Item{{ID: hex.EncodeToString(id[:16]), Kind: KindArticle, Headline: &h, Paragraphs: lines[1:], Text: body, Subheadings: []string{}}}, nil
}
