// Package page turns the raw bytes of a news page (scraped text, HTML, RSS/Atom)
// into a Page and the wire Items it carries: the lead article and each sidebar brief.
package page

import "time"

// Format of a page, detected from its content.
const (
	FormatText = "text"
	FormatHTML = "html"
	FormatFeed = "feed"
)

// Item kinds.
const (
	KindArticle = "article"
	KindBrief   = "brief"
)

// Page is one fetched or read document. Raw is kept so it can be re-analysed.
type Page struct {
	ID         string     `json:"id"` // sha256 hex of Raw
	Source     string     `json:"source"`
	Format     string     `json:"format"`
	CapturedAt *time.Time `json:"captured_at"`
	Raw        []byte     `json:"-"`
}

// Dateline is the "PLACE/PLACE (AGENCY/AGENCY) - " opening of a wire item.
type Dateline struct {
	Places   []string `json:"places"`
	Agencies []string `json:"agencies"`
}

// Item is one wire item: the lead article or a brief.
type Item struct {
	ID          string     `json:"id"` // hash of normalised dateline and text
	N           int        `json:"n"`
	Kind        string     `json:"kind"`
	Headline    *string    `json:"headline"`
	Dateline    *Dateline  `json:"dateline"`
	Age         *string    `json:"age"`
	AgeMinutes  *int       `json:"age_minutes"`
	PublishedAt *time.Time `json:"published_at"`
	// PublishedPrecision is the unit the age was printed in (minute, hour, day ...),
	// so "1 uur geleden" is not read as exact to the minute. Empty when unknown.
	PublishedPrecision string   `json:"published_precision,omitempty"`
	Section            string   `json:"section,omitempty"`
	Subheadings        []string `json:"subheadings"`
	URL                string   `json:"url,omitempty"` // feed entries and HTML pages
	// Paragraphs of the body after the dateline; Text is them joined by "\n".
	Paragraphs []string `json:"-"`
	Text       string   `json:"text"`
	// Start and End are the item's byte range in the page's decoded text (see
	// Decode); both are 0 for HTML and feed items.
	Start int `json:"-"`
	End   int `json:"-"`
}
