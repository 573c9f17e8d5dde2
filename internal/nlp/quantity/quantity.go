// Package quantity finds Dutch quantities in text ("1,5 miljoen", "tachtig",
// "tussen de 5000 en 8000") with their counted noun and a category.
package quantity

// Quantity is one numeric expression with what it counts.
type Quantity struct {
	Text     string   `json:"text"`
	Value    *float64 `json:"value"`
	Low      *float64 `json:"low"`
	High     *float64 `json:"high"`
	Approx   bool     `json:"approx"`
	Unit     string   `json:"unit"`
	Category string   `json:"category"`
	Start    int      `json:"start"` // byte offsets in the analysed text
	End      int      `json:"end"`
}

// Categories.
const (
	Killed          = "killed"
	Wounded         = "wounded"
	KilledOrWounded = "killed_or_wounded"
	Captured        = "captured"
	Soldiers        = "soldiers"
	Fled            = "fled"
	Recruited       = "recruited"
	Distance        = "distance"
	Population      = "population"
	Count           = "count"
	Money           = "money"
	Seats           = "seats"
	Executions      = "executions"
	Other           = "other"
)
