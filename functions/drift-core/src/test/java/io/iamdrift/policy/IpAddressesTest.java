package io.iamdrift.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressesTest {

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8, 10.255.1.2, true",
        "10.0.0.0/8, 11.0.0.1, false",
        "192.0.2.0/32, 192.0.2.0, true",
        "192.0.2.0/31, 192.0.2.1, true",
        "::/0, 2001:db8::1, true",
        "2001:db8::/32, 2001:0db8:ffff::, true",
        "2001:db8::/33, 2001:db8:8000::, false",
        "::1, ::1, true",
        "::ffff:0:0/96, 1.2.3.4, true",
        "2001:db8:0:0:0:0:2:1/128, 2001:db8::2:1, true",
        "fe80::/10, fe80::1%eth0, false",
    })
    void cidrContainment(String cidr, String address, boolean expected) {
        IpAddresses.Cidr c = IpAddresses.parseCidr(cidr);
        long[] a = new long[2];
        boolean parsed = IpAddresses.parse(address, a);
        assertThat(parsed && c.contains(a[0], a[1])).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "256.0.0.1",
        "1.2.3",
        "1.2.3.4.5",
        "10.0.0.0/33",
        "2001:db8:::1",
        "1::2::3",
        "host.example.com",
        "''",
        "1:2:3:4:5:6:7:8:9"
    })
    void rejectsWhatIsNotAnAddress(String text) {
        assertThat(IpAddresses.parseCidr(text)).isNull();
    }
}
