package fetch

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"
)

// ErrPrivateAddress is returned when a URL resolves to an address that must not be
// fetched (loopback, private, link-local, ...) and Config.AllowPrivate is off.
var ErrPrivateAddress = errors.New("refusing non-public address")

// extra ranges that are not public but that netip's predicates do not cover.
var blockedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, incl. broadcast
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("100::/64"),        // discard-only
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
}

// publicAddr reports whether a may be fetched without AllowPrivate.
func publicAddr(a netip.Addr) bool {
	a = a.Unmap() // ::ffff:127.0.0.1 is loopback too
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() ||
		a.IsLinkLocalMulticast() || a.IsInterfaceLocalMulticast() || a.IsMulticast() ||
		a.IsUnspecified() {
		return false
	}
	for _, p := range blockedPrefixes {
		if p.Contains(a) {
			return false
		}
	}
	// Addresses that embed an IPv4 address (NAT64, 6to4) are judged by it.
	if a.Is6() {
		b := a.As16()
		if netip.MustParsePrefix("64:ff9b::/96").Contains(a) {
			return publicAddr(netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}))
		}
		if netip.MustParsePrefix("2002::/16").Contains(a) {
			return publicAddr(netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}))
		}
	}
	return true
}

// dialControl runs after name resolution, on the very address about to be dialled,
// so a host name that resolves to a public address for a check and a private one
// for the connection (DNS rebinding) is still refused.
func (c *Client) dialControl(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("dial %s: %w", address, err)
	}
	if c.addrAllowed(ap) {
		return nil
	}
	return fmt.Errorf("dial %s: %w", address, ErrPrivateAddress)
}

func (c *Client) addrAllowed(ap netip.AddrPort) bool {
	if c.cfg.AllowPrivate || publicAddr(ap.Addr()) {
		return true
	}
	for _, a := range c.cfg.AllowAddrs {
		if a.Addr().Unmap() == ap.Addr().Unmap() && a.Port() == ap.Port() {
			return true
		}
	}
	return false
}

// checkLiteral refuses an IP-literal host early, with a clearer error than the dial.
func (c *Client) checkLiteral(host, port string) error {
	a, err := netip.ParseAddr(host)
	if err != nil {
		return nil // a name: checked at dial time
	}
	p, _ := netip.ParseAddrPort(net.JoinHostPort(a.String(), port))
	if c.addrAllowed(p) {
		return nil
	}
	return fmt.Errorf("%s: %w", host, ErrPrivateAddress)
}
