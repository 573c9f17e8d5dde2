package store

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
)

// EncodeCursor packs the sort key of the last row of a listing into an opaque
// string for keyset pagination. Backends choose what the key holds.
func EncodeCursor(key ...any) string {
	b, err := json.Marshal(key)
	if err != nil {
		// Keys are strings and numbers; this cannot fail.
		panic(fmt.Sprintf("encode cursor: %v", err))
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor unpacks a cursor made by EncodeCursor into dst (pointers, in order).
func DecodeCursor(c string, dst ...any) error {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return fmt.Errorf("bad cursor: %w", err)
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("bad cursor: %w", err)
	}
	if len(raw) != len(dst) {
		return fmt.Errorf("bad cursor: %d fields, want %d", len(raw), len(dst))
	}
	for i := range raw {
		if err := json.Unmarshal(raw[i], dst[i]); err != nil {
			return fmt.Errorf("bad cursor field %d: %w", i, err)
		}
	}
	return nil
}
