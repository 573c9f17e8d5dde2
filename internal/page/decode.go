package page

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// ErrEmpty is returned for a page with no bytes or only whitespace.
var ErrEmpty = errors.New("empty page")

// ErrBinary is wrapped by the error for content that is not text.
var ErrBinary = errors.New("binary data, not a text, HTML or feed page")

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// unBOM strips a UTF-8 byte-order mark and turns UTF-16 (announced by its BOM)
// into UTF-8, so that everything after it can work on ASCII-compatible bytes.
func unBOM(raw []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(raw, bomUTF8):
		return raw[len(bomUTF8):], nil
	case bytes.HasPrefix(raw, bomUTF16LE), bytes.HasPrefix(raw, bomUTF16BE):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(raw)
		if err != nil {
			return nil, fmt.Errorf("decode UTF-16: %w", err)
		}
		return out, nil
	}
	return raw, nil
}

// checkBinary rejects NUL bytes anywhere and content whose start is mostly
// control characters. It reports where the first offending byte is.
func checkBinary(b []byte) error {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		line, col := position(b, i)
		return fmt.Errorf("line %d, column %d: NUL byte: %w", line, col, ErrBinary)
	}
	head := b
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	ctrl, first := 0, -1
	for i, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctrl++
			if first < 0 {
				first = i
			}
		}
	}
	// Some control characters slip into scraped text; a tenth is no longer text.
	if ctrl > 0 && ctrl*10 > len(head) {
		line, col := position(b, first)
		return fmt.Errorf("line %d, column %d: %d control bytes in the first %d: %w", line, col, ctrl, len(head), ErrBinary)
	}
	return nil
}

// position gives the 1-based line and column (in bytes) of offset i.
func position(b []byte, i int) (line, col int) {
	line = 1 + bytes.Count(b[:i], []byte{'\n'})
	col = i + 1
	if j := bytes.LastIndexByte(b[:i], '\n'); j >= 0 {
		col = i - j
	}
	return line, col
}

// sniff detects the format from the content, never from a file name.
func sniff(b []byte) string {
	head := b
	if len(head) > 4096 {
		head = head[:4096]
	}
	s := strings.ToLower(string(bytes.TrimLeft(head, " \t\r\n\f")))
	if strings.HasPrefix(s, "{") {
		if strings.Contains(s, "jsonfeed.org") {
			return FormatFeed
		}
		return FormatText
	}
	if !strings.HasPrefix(s, "<") {
		return FormatText
	}
	// Skip the XML prolog, comments and doctypes to find the root element.
	rest := s
	for {
		rest = strings.TrimLeft(rest, " \t\r\n\f")
		switch {
		case strings.HasPrefix(rest, "<?"):
			i := strings.Index(rest, "?>")
			if i < 0 {
				return FormatHTML
			}
			rest = rest[i+2:]
			continue
		case strings.HasPrefix(rest, "<!--"):
			i := strings.Index(rest, "-->")
			if i < 0 {
				return FormatHTML
			}
			rest = rest[i+3:]
			continue
		case strings.HasPrefix(rest, "<!doctype html"):
			return FormatHTML
		case strings.HasPrefix(rest, "<!"):
			i := strings.IndexByte(rest, '>')
			if i < 0 {
				return FormatHTML
			}
			rest = rest[i+1:]
			continue
		}
		break
	}
	for _, root := range []string{"<rss", "<feed", "<rdf:rdf", "<rdf "} {
		if strings.HasPrefix(rest, root) {
			return FormatFeed
		}
	}
	return FormatHTML
}

// decodeText turns a text page into UTF-8: valid UTF-8 stays, anything else is
// taken as windows-1252, the usual encoding of Dutch pages that are not UTF-8.
func decodeText(b []byte) (string, error) {
	if utf8.Valid(b) {
		return string(b), nil
	}
	if mostlyUTF8(b) {
		// UTF-8 with a few damaged bytes: keep it, mark the damage.
		return strings.ToValidUTF8(string(b), "\uFFFD"), nil
	}
	return decodeWith(charmap.Windows1252, b)
}

// mostlyUTF8 tells UTF-8 with a few stray bytes from a single-byte encoding:
// it has more valid multi-byte characters than invalid bytes.
func mostlyUTF8(b []byte) bool {
	valid, invalid := 0, 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			valid++
		}
		i += size
	}
	return valid > invalid
}

// decodeDeclared decodes by the charset of a Content-Type header when it names
// one, else as decodeText.
func decodeDeclared(b []byte, contentType string) (string, error) {
	if contentType != "" {
		if _, params, err := mime.ParseMediaType(contentType); err == nil {
			if label := params["charset"]; label != "" && !isUTF(label) {
				if e, _ := charset.Lookup(label); e != nil {
					return decodeWith(e, b)
				}
			}
		}
	}
	return decodeText(b)
}

func decodeWith(e encoding.Encoding, b []byte) (string, error) {
	out, err := e.NewDecoder().Bytes(b)
	if err != nil {
		return "", fmt.Errorf("decode: %w", err)
	}
	return string(out), nil
}

// decodeHTML honours a declared charset (meta or contentType); without one it
// keeps valid UTF-8 and falls back to windows-1252.
func decodeHTML(b []byte, contentType string) (string, string, error) {
	e, name, _ := charset.DetermineEncoding(b, contentType)
	declared := contentType != "" || declaresCharset(b)
	if !declared || name == "utf-8" {
		// Undeclared, or UTF-8 (declared or guessed from the start): the
		// text rules decide, whole page considered.
		s, err := decodeText(b)
		return s, "utf-8", err
	}
	s, err := decodeWith(e, b)
	return s, name, err
}

func declaresCharset(b []byte) bool {
	head := b
	if len(head) > 1024 {
		head = head[:1024]
	}
	return bytes.Contains(bytes.ToLower(head), []byte("charset"))
}

var xmlEncodingRE = regexp.MustCompile(`^(\s*<\?xml[^>]*?encoding\s*=\s*["'])([A-Za-z0-9._:-]+)(["'])`)

// decodeXML decodes a feed by its XML declaration and rewrites the declaration
// to UTF-8, so the XML decoder does not convert the text a second time.
func decodeXML(b []byte, contentType string) (string, error) {
	head := b
	if len(head) > 512 {
		head = head[:512]
	}
	m := xmlEncodingRE.FindSubmatchIndex(head)
	if m == nil {
		return decodeDeclared(b, contentType)
	}
	label := string(head[m[4]:m[5]])
	var s string
	if e, _ := charset.Lookup(label); e != nil && !isUTF(label) {
		var err error
		if s, err = decodeWith(e, b); err != nil {
			return "", fmt.Errorf("encoding %q: %w", label, err)
		}
	} else {
		var err error
		if s, err = decodeText(b); err != nil {
			return "", err
		}
	}
	// The declaration is ASCII, so its byte offsets survive decoding.
	return s[:m[4]] + "UTF-8" + s[m[5]:], nil
}

// normalizeNewlines turns CRLF and lone CR into LF.
func normalizeNewlines(s string) string {
	if !strings.ContainsRune(s, '\r') {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// isUTF tells labels whose text unBOM has already made UTF-8.
func isUTF(label string) bool {
	l := strings.ToLower(label)
	return l == "utf8" || strings.HasPrefix(l, "utf-")
}
