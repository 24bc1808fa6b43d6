package dev.manabi.lrs;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which hosts an institution's admin may make the server send statements to. An endpoint URL is chosen by an
 * institution admin, not by the operator: without this check the server would make requests into its own network
 * (loopback, cloud metadata at 169.254.169.254, private ranges) on an admin's behalf and show parts of the answers in
 * the dead-letter list (server-side request forgery). Internal addresses are allowed only when the operator says so
 * ({@code manabi.lrs.forwarding.allow-internal-addresses}, e.g. an institution LRS inside the same private network).
 * Checked when an endpoint is saved and again, on the resolved addresses, before every delivery.
 */
final class ForwardingAddresses {

    private ForwardingAddresses() {
    }

    /** Why {@code host} must not be reached (the first internal address it resolves to), or empty. */
    static Optional<String> internal(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.empty(); // not resolvable now: checked again at delivery, where it cannot connect either
        }
        for (InetAddress a : addresses) {
            if (internal(a)) {
                return Optional.of(host + " resolves to the internal address " + a.getHostAddress());
            }
        }
        return Optional.empty();
    }

    /** Loopback, unspecified, link-local (incl. 169.254.169.254), private (RFC 1918, RFC 4193), CGNAT, multicast. */
    static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local (RFC 4193)
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || first == 100 && second >= 64 && second < 128; // 0/8, 100.64/10 shared (RFC 6598)
    }
}
